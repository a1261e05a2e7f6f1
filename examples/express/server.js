// An Express service using the leaking request logger, or its bounded twin with `--fixed`.
//   node --inspect=127.0.0.1:0 examples/express/server.js [--fixed] [--port N]
// Listens on loopback only and prints "listening on http://127.0.0.1:<port>" once ready.
const express = require('express');
const { requestLogger } = require('./requestLogger');
const { boundedRequestLogger } = require('./boundedRequestLogger');

const args = process.argv.slice(2);
const fixed = args.includes('--fixed');
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 0;

const app = express();
app.use(fixed ? boundedRequestLogger() : requestLogger());
app.get('/', (req, res) => res.json({ ok: true }));
app.get('/items/:id', (req, res) => res.json({ id: req.params.id }));

const server = app.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port} (${fixed ? 'bounded' : 'leaking'} request logger)`);
});
server.on('error', (error) => {
  console.error(`cannot listen on 127.0.0.1:${port}: ${error.message}`);
  process.exit(1);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
