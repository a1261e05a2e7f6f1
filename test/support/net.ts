// Loopback addresses for tests of "nothing there" and "something else there".
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

/**
 * A 127.0.0.1 port nothing listens on: bound by the OS, then released. Another process could take it in
 * between, which on loopback within a test's lifetime does not happen in practice.
 */
export async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => probe.close((error) => (error ? reject(error) : resolve())));
  return port;
}
