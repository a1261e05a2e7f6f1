/**
 * The inspector connection: the one way LeakLens talks to a Node process by host and port.
 *
 * Stable API (the heap view and the snapshot feature build on it):
 * - `parseInspectorAddress(text)` → `InspectorAddress`: a port, `host:port`, `[::1]:port` or a `ws://` URL;
 * - `listTargets(host, port, opts)` / `discoverTargets(host, ports?, opts)` → `InspectorTarget[]` from
 *   `/json/list` (default ports 127.0.0.1:9229–9239; discovery skips closed or foreign ports).
 * - `connectInspector(address, opts)` → `InspectorSession` (a `CdpSession` plus the `target` it is attached to).
 *   Pending calls reject when the connection closes; `closed` settles on any disconnect.
 * - `isLoopbackHost` / `assertHostAllowed`: loopback only (127.0.0.0/8, ::1, localhost) unless
 *   `allowRemoteHosts` is set.
 * Every failure is an `InspectorError` whose `code` is one of: closed-port, not-inspector, remote-refused,
 * no-target, unreachable, timeout, bad-address; its message tells the user what to do.
 */
export { parseInspectorAddress, formatHostPort, DEFAULT_HOST, type InspectorAddress } from './address';
export { listTargets, discoverTargets, DEFAULT_DISCOVERY_PORTS, type InspectorTarget, type DiscoveryOptions } from './discovery';
export { connectInspector, type ConnectOptions, type InspectorSession } from './connect';
export { InspectorError, type InspectorErrorCode } from './errors';
export { isLoopbackHost, assertHostAllowed } from './hostPolicy';
