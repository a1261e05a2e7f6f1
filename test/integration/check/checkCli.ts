// A real `leaklens check` process (from the sources) for the integration tests and the soak, plus what they
// need around it: free loopback ports, the request header that makes a leak of headers visible, and a scan
// of /proc for processes a check might have left behind.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ENTRY = join(__dirname, '..', 'cli', 'leaklens.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;
export const REPO = join(__dirname, '..', '..', '..');
/** Only turns a hang into a failure: a check of 20 s with evidence takes well under a minute. */
const HANG_LIMIT_MS = 240_000;
/** Each request carries ~1 KiB in a header (as examples/load.js does), so a logger that keeps headers grows visibly. */
export const TRACE_HEADER = `x-trace: ${'x'.repeat(1024)}`;

export interface CheckRun {
  code: number | null;
  out: string;
  err: string;
  /** The summary object (last line of --format json), when there is one. */
  summary?: any;
}

export function leaklensCheck(args: string[], options: { nice?: boolean } = {}): Promise<CheckRun> {
  const argv = [process.execPath, '--import', TSX, ENTRY, 'check', ...args];
  const [command, ...rest] = options.nice ? ['nice', '-n', '10', ...argv] : argv;
  return new Promise((resolve, reject) => {
    execFile(command!, rest, { cwd: REPO, timeout: HANG_LIMIT_MS, maxBuffer: 64 << 20 }, (error, out, err) => {
      if (error?.killed)
        return reject(new Error(`leaklens check ${args.join(' ')} did not finish within ${HANG_LIMIT_MS} ms:\n${out}\n${err}`));
      const last = out.trim().split('\n').pop() ?? '';
      let summary;
      try {
        summary = last.startsWith('{') ? JSON.parse(last) : undefined;
      } catch {
        summary = undefined;
      }
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out, err, summary });
    });
  });
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Pids of processes whose command line or environment mentions `token` (e.g. a port only one test uses). */
export function processesMentioning(token: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    for (const what of ['cmdline', 'environ']) {
      try {
        if (readFileSync(`/proc/${entry}/${what}`, 'latin1').includes(token)) {
          found.push(Number(entry));
          break;
        }
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
  }
  return found;
}
