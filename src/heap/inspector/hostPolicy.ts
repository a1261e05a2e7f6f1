// Loopback-only by default: an inspector gives full code execution in the target, so talking to another
// machine is a decision the user makes explicitly (setting `leaklens.allowRemoteHosts`).
import { BlockList, isIP } from 'node:net';
import { InspectorError } from './errors';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6'); // IPv4-mapped loopback

/** Strips the brackets of an IPv6 literal as it appears in URLs (`[::1]`). */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** True for 127.0.0.0/8, ::1 (any spelling) and `localhost`; names are not resolved (DNS could lie). */
export function isLoopbackHost(host: string): boolean {
  const h = bareHost(host).toLowerCase().replace(/\.$/, '');
  if (h === 'localhost') return true;
  const family = isIP(h);
  return family !== 0 && loopback.check(h, family === 4 ? 'ipv4' : 'ipv6');
}

/** Throws `remote-refused` unless `host` is loopback or remote hosts are allowed. */
export function assertHostAllowed(host: string, allowRemoteHosts: boolean): void {
  if (allowRemoteHosts || isLoopbackHost(host)) return;
  throw new InspectorError(
    'remote-refused',
    `Refusing to connect to ${host}: it is not a loopback address. An inspector port gives full control of the ` +
      `process, and the connection is unencrypted. Enable the setting leaklens.allowRemoteHosts (CLI: --allow-remote) ` +
      `only for a host and network you trust, or tunnel the port to 127.0.0.1 (e.g. ssh -L).`,
  );
}
