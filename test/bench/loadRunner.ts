// Runs the bounded load of test/fixtures/services/load.ts in its own process, so the benchmark's process
// only does what the extension does. Usage: loadRunner.ts <port> <concurrency> <durationMs>; prints JSON.
import { startLoad } from '../fixtures/services/load';

const [port, concurrency, durationMs] = process.argv.slice(2).map(Number);
if (!port || !concurrency || !durationMs) {
  console.error('usage: loadRunner.ts <port> <concurrency> <durationMs>');
  process.exit(2);
}
const started = performance.now();
const load = startLoad(port, { concurrency, pauseMs: 0 });
setTimeout(() => {
  void load.stop().then(({ requests, errors }) => console.log(JSON.stringify({ requests, errors, ms: performance.now() - started })));
}, durationMs);
