// `--pprof URL`: where a Go service serves net/http/pprof. Accepts `http://127.0.0.1:6060`, a URL with the
// `/debug/pprof/` prefix (or one of its endpoints), or a bare `host:port`. Loopback only unless allowed.
import { isLoopbackHost } from '../inspector/hostPolicy';
import { PprofError } from './errors';

const PREFIX = '/debug/pprof/';

/** The base URL every endpoint is resolved against, always ending in `/debug/pprof/` (or the custom prefix). */
export function parsePprofUrl(text: string): URL {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new PprofError(
      'bad-address',
      `'${text}' is not a pprof address: give the service's URL, e.g. http://127.0.0.1:6060 or 127.0.0.1:6060/debug/pprof/.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PprofError('bad-address', `'${text}': pprof is served over http(s), not ${url.protocol.replace(/:$/, '')}.`);
  }
  const at = url.pathname.indexOf(PREFIX.slice(0, -1));
  url.pathname = at >= 0 ? url.pathname.slice(0, at) + PREFIX : url.pathname.replace(/\/?$/, '') + PREFIX;
  url.search = '';
  url.hash = '';
  return url;
}

/** Throws `remote-refused` unless the URL's host is loopback or remote hosts are allowed. */
export function assertPprofHostAllowed(base: URL, allowRemoteHosts: boolean): void {
  if (allowRemoteHosts || isLoopbackHost(base.hostname)) return;
  throw new PprofError(
    'remote-refused',
    `Refusing to poll ${base.host}: it is not a loopback address. pprof endpoints expose the service's memory ` +
      `profile, goroutine stacks and command line, usually over unencrypted HTTP. Enable leaklens.allowRemoteHosts ` +
      `(CLI: --allow-remote) only for a host and network you trust, or tunnel the port to 127.0.0.1 (e.g. ssh -L).`,
  );
}
