// `npm run soak:check [-- --runs 10 --runtime node|go]`: a steady service checked against itself, again and
// again, on whatever load the machine has: every run must pass (the noise band must hold what the machine
// does to the figures). Prints each run's difference and noise band, the load average, and the count.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildFixture, requireGo } from '../go/goService';
import { freePort, leaklensCheck, TRACE_HEADER } from './checkCli';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, runtime: { type: 'string', default: 'node' } } });
const runs = Number(values.runs);
if (!(runs >= 1 && runs <= 100) || (values.runtime !== 'node' && values.runtime !== 'go')) {
  console.error('usage: npm run soak:check -- [--runs 1..100] [--runtime node|go]');
  process.exit(2);
}

async function service(): Promise<string[]> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  if (values.runtime === 'node') return [`node examples/express/server.js --fixed --port ${port}`, `${url}/`];
  const binary = await buildFixture('fixed');
  return [`PORT=${port} MEMPROFILERATE=1 ${binary}`, `${url}/hello`, `${url}/debug/pprof/`];
}

async function main(): Promise<void> {
  if (values.runtime === 'go') requireGo();
  const rate = values.runtime === 'node' ? '200' : '100';
  let passed = 0;
  const started = Date.now();
  for (let i = 1; i <= runs; i++) {
    const [baseStart, baseUrl, basePprof] = await service();
    const [start, url, pprof] = await service();
    const args = [
      '--baseline-start',
      baseStart!,
      '--baseline-url',
      baseUrl!,
      '--start',
      start!,
      '--url',
      url!,
      '--rate',
      rate,
      '--duration',
      '20',
      '--header',
      TRACE_HEADER,
      '--format',
      'json',
      '--out',
      `/tmp/check-soak/${i}`,
    ];
    if (pprof) args.push('--baseline-pprof', basePprof!, '--pprof', pprof);
    const load = loadavg()[0]!.toFixed(1);
    const run = await leaklensCheck(args);
    const b = run.summary?.baseline;
    const ok = run.code === 0;
    if (ok) passed++;
    console.log(
      `run ${String(i).padStart(2)}: ${ok ? 'pass' : `FAIL (exit ${run.code})`}  baseline ${b?.bytesPerRequest} B/req, candidate ${run.summary?.bytesPerRequest} B/req, ` +
        `difference ${b?.difference} B/req, noise band ±${b?.noiseBand} B/req, requests ${b?.requests}/${run.summary?.requests}, load average ${load}` +
        (ok ? '' : `\n${run.err.trim()}`),
    );
  }
  console.log(`${values.runtime} fixed vs fixed: ${passed} of ${runs} passed in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exitCode = passed === runs ? 0 : 1;
}

void main();
