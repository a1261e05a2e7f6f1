// One GET against a pprof endpoint with a time limit; every failure becomes a PprofError saying what to do.
import { PprofError } from './errors';

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

export async function fetchPprof(base: URL, endpoint: string, timeoutMs = DEFAULT_FETCH_TIMEOUT_MS): Promise<Buffer> {
  const url = new URL(endpoint, base);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') throw new PprofError('timeout', `${url.href} did not answer within ${timeoutMs} ms.`);
    const code = e.cause?.code ?? e.cause?.message ?? e.message;
    throw new PprofError(
      'unreachable',
      `Nothing answers at ${url.origin} (${code}). Is the Go service running, with net/http/pprof mounted there?`,
    );
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status === 404) {
    throw new PprofError(
      'not-pprof',
      `${url.href} answered 404: mount net/http/pprof on this server (import _ "net/http/pprof"), or give the URL of its /debug/pprof/ prefix.`,
    );
  }
  if (!response.ok)
    throw new PprofError('not-pprof', `${url.href} answered HTTP ${response.status}: ${body.toString('utf8', 0, 200).trim()}`);
  return body;
}
