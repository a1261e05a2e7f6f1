// A bounded load driver: sends requests to a loopback URL at a fixed rate for a fixed time, then stops.
//   node examples/load.js http://127.0.0.1:3000 [--rate 200] [--seconds 120]
// Each request carries ~1 KiB of headers, so a service that keeps them grows visibly within seconds.
const http = require('node:http');

const [target, ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const i = rest.indexOf(name);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};
const rate = option('--rate', 200);
const seconds = option('--seconds', 120);

let url;
try {
  url = new URL(target);
} catch {
  console.error('usage: node examples/load.js http://127.0.0.1:<port> [--rate N] [--seconds N]');
  process.exit(2);
}
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  console.error(`load.js only drives loopback services, not ${url.hostname}`);
  process.exit(2);
}
if (!(rate > 0 && rate <= 2000 && seconds > 0 && seconds <= 3600)) {
  console.error('--rate must be in 1..2000 and --seconds in 1..3600');
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const padding = 'x'.repeat(1024);
let sent = 0;
let failed = 0;
let lastError = '';

function fire() {
  const request = http.get(new URL(`/items/${sent}`, url), { agent, headers: { 'x-trace': padding } }, (response) => {
    response.resume();
  });
  request.on('error', (error) => {
    failed += 1;
    lastError = error.message;
  });
  sent += 1;
}

// A batch every 50 ms keeps the rate even without a timer per request.
const perTick = rate / 20;
let owed = 0;
const ticker = setInterval(() => {
  owed += perTick;
  for (; owed >= 1; owed -= 1) fire();
}, 50);
const report = setInterval(() => console.log(`load: ${sent} requests sent, ${failed} failed${lastError ? ` (last: ${lastError})` : ''}`), 10_000);

function stop() {
  clearInterval(ticker);
  clearInterval(report);
  agent.destroy();
  console.log(`load: done, ${sent} requests sent, ${failed} failed`);
}
const deadline = setTimeout(stop, seconds * 1000);
process.on('SIGTERM', () => {
  clearTimeout(deadline);
  stop();
});
