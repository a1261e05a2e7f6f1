// Finds Go services at configured pprof URLs (the setting `leaklens.heap.pprofUrls`), as inspector
// discovery does for Node on its ports: each is asked for its goroutine count with a short time limit;
// those that do not answer as net/http/pprof are left out. Never polls a non-loopback host.
import { isLoopbackHost } from '../inspector/hostPolicy';
import { parsePprofUrl } from './address';
import { fetchPprof } from './fetch';
import { parseGoroutineCount } from './source';

export interface PprofTarget {
  /** The base URL, ending in `/debug/pprof/`. */
  url: URL;
  goroutines: number;
}

export const DEFAULT_PPROF_URLS: readonly string[] = ['http://127.0.0.1:6060/debug/pprof/'];

export async function discoverPprof(urls: readonly string[], timeoutMs = 1000): Promise<PprofTarget[]> {
  const probes = urls.map(async (text): Promise<PprofTarget | undefined> => {
    try {
      const url = parsePprofUrl(text);
      if (!isLoopbackHost(url.hostname)) return undefined; // remote hosts only when the user names one
      const body = await fetchPprof(url, 'goroutine?debug=1', timeoutMs);
      return { url, goroutines: parseGoroutineCount(body.toString('utf8', 0, 4096)) };
    } catch {
      return undefined;
    }
  });
  const found = (await Promise.all(probes)).filter((t): t is PprofTarget => t !== undefined);
  return found.filter((t, i) => found.findIndex((o) => o.url.href === t.url.href) === i);
}
