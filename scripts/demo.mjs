// `npm start`: the LeakLens demo. Builds and packages the extension, starts code-server (a real VS Code in
// the browser) with LeakLens on examples/, starts the leaking Express service and its bounded twin under
// the inspector on loopback and, when Debian's Go and Gin are installed, the leaking Gin service and its
// fixed twin (examples/gin, net/http/pprof on loopback), drives them all with a bounded load, and prints
// what to open. Ctrl+C stops all of it.
//   npm start [-- --port 8080]        (default: any free port)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { require as tsxRequire } from 'tsx/cjs/api';

// The harness is TypeScript (CommonJS), shared with the e2e tests.
const { ensureHarness } = tsxRequire('./e2e/install.ts', import.meta.url);
const { startCodeServer } = tsxRequire('./e2e/codeServer.ts', import.meta.url);
const { examplesDir, startExampleService, startLoad } = tsxRequire('./e2e/service.ts', import.meta.url);
const { buildFixture, driveUntil, launchService, requireGo } = tsxRequire('../test/integration/go/goService.ts', import.meta.url);

const portArg = process.argv.indexOf('--port');
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('npm start: --port takes a number from 0 to 65535 (0 picks a free port)');
  process.exit(2);
}
/** The load runs for ten minutes at most, then the services idle: the demo never loads the machine for long. */
const load = { rate: 150, seconds: 600 };
/** The Gin services get `batch` requests each second (each leaked line holds ~2 KB: ~6 MB a minute). */
const ginLoad = { batch: 50, everyMs: 1000 };

const started = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the demo…');
  for (const child of started.reverse()) await child.stop().catch((error) => console.error(error.message));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** Drives a Gin service until Ctrl+C or the end of the load window; a failed request ends it with a message. */
function startGinLoad(service) {
  let end;
  const ended = new Promise((resolve) => {
    end = resolve;
  });
  const timer = setTimeout(end, load.seconds * 1000);
  const running = driveUntil(service, ended, ginLoad.batch, ginLoad.everyMs).catch((error) => {
    if (!stopping) console.error(`The load on ${service.url} stopped: ${error.message}`);
  });
  return {
    stop: async () => {
      clearTimeout(timer);
      end();
      await running;
    },
  };
}

/** The Gin leak and its fixed twin, or undefined (with one line saying why) when Go or Gin is missing. */
async function startGinServices() {
  try {
    requireGo();
  } catch (error) {
    console.log(`The Gin services are left out: ${error.message}`);
    return undefined;
  }
  console.log('Building the Gin services (examples/gin; about 30 s the first time)…');
  const [leakyBinary, fixedBinary] = await Promise.all([buildFixture('leaky'), buildFixture('fixed')]);
  const leaky = await launchService(leakyBinary);
  started.push(leaky);
  const fixed = await launchService(fixedBinary);
  started.push(fixed);
  started.push(startGinLoad(leaky), startGinLoad(fixed));
  return { leaky, fixed };
}

const runDir = mkdtempSync(join(tmpdir(), 'leaklens-demo-'));
started.push({ stop: async () => rmSync(runDir, { recursive: true, force: true }) });

try {
  const built = spawnSync('npm', ['run', '--silent', 'package'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('`npm run package` failed (see above)');
  const harness = await ensureHarness(console.log);
  const leaking = await startExampleService();
  started.push(leaking);
  const bounded = await startExampleService(['--fixed']);
  started.push(bounded);
  started.push(startLoad(leaking.url, load.rate, load.seconds), startLoad(bounded.url, load.rate, load.seconds));
  const gin = await startGinServices();
  const editor = await startCodeServer({
    harness,
    workspace: examplesDir,
    runDir,
    port,
    vsix: join(process.cwd(), 'dist', 'leaklens.vsix'),
  });
  started.push(editor);
  console.log(`
LeakLens demo is running.

  Open   ${editor.url}

  leaking service   ${leaking.url}   inspector 127.0.0.1:${leaking.inspectorPort}
  bounded twin      ${bounded.url}   inspector 127.0.0.1:${bounded.inspectorPort}
  load              ${load.rate} requests/s on each for ${load.seconds / 60} minutes
${
  gin
    ? `
  Gin leak (Go)     ${gin.leaky.url}   pprof ${gin.leaky.url}/debug/pprof/
  Gin fixed twin    ${gin.fixed.url}   pprof ${gin.fixed.url}/debug/pprof/
  load              ${ginLoad.batch} requests/s on each for ${load.seconds / 60} minutes
`
    : ''
}
In the editor:
  1. open express/requestLogger.js: the squiggle on entries.push(…) is the leak (hover it, Ctrl+. fixes it);
  2. LeakLens view in the activity bar → Attach… → Enter an address… → ${leaking.inspectorPort}, tick
     "Check for a leak": the chart climbs and the verdict says growing (the twin, ${bounded.inspectorPort}, stays steady);
  3. "LeakLens: Take Heap Snapshot" (port ${leaking.inspectorPort}) twice, then "LeakLens: Compare Heap Snapshots":
     it names \`entries\` and marks the finding confirmed at runtime.${
       gin
         ? `
  4. open gin/leaky/main.go: the squiggle on logs = append(…) is the Gin twin of the leak (gin/fixed/main.go
     is clean); Attach… → Enter an address… → ${gin.leaky.url}/debug/pprof/ charts its heap and goroutines
     and says growing within a minute (the twin, ${gin.fixed.url}, stays steady); Take Heap Snapshot twice and
     Compare name main.RequestLogger.func1 at the append (in a terminal: node bin/leaklens.js watch --pprof ${gin.leaky.url}).`
         : ''
     }

Ctrl+C stops everything.`);
} catch (error) {
  console.error(`npm start: ${error.message}`);
  await stopAll(1);
}
