// The Express service of ../express in TypeScript, with the leaking request audit.
//   npx tsc -p examples/express-ts && node --inspect=127.0.0.1:0 examples/express-ts/dist/server.js [--port N]
//   node --import tsx --inspect=127.0.0.1:0 examples/express-ts/src/server.ts         (no build step)
// Listens on loopback only and prints "listening on http://127.0.0.1:<port>" once ready.
import express from 'express';
import { requestAudit } from './requestAudit';

const args = process.argv.slice(2);
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 0;

const app = express();
app.use(requestAudit());
app.get('/', (req, res) => res.json({ ok: true }));
app.get('/items/:id', (req, res) => res.json({ id: req.params.id }));

const server = app.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as { port: number }).port} (leaking request audit)`);
});
server.on('error', (error: Error) => {
  console.error(`cannot listen on 127.0.0.1:${port}: ${error.message}`);
  process.exit(1);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
