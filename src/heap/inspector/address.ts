// Parses what a user types to name an inspector: `9229`, `host:port`, `[::1]:9229`, or a `ws://` URL.
import { bareHost } from './hostPolicy';
import { InspectorError } from './errors';

export type InspectorAddress =
  /** An inspector HTTP endpoint: targets are listed with /json/list. */
  | { kind: 'http'; host: string; port: number }
  /** A target's WebSocket URL, connected to directly. */
  | { kind: 'ws'; host: string; port: number; url: string };

export const DEFAULT_HOST = '127.0.0.1';

function parsePort(text: string, input: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new InspectorError('bad-address', `'${input}' has no valid port (expected 1–65535), e.g. 127.0.0.1:9229.`);
  }
  return port;
}

export function parseInspectorAddress(text: string): InspectorAddress {
  const input = text.trim();
  if (/^wss?:\/\//i.test(input)) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new InspectorError('bad-address', `'${input}' is not a valid WebSocket URL.`);
    }
    const port = url.port ? parsePort(url.port, input) : url.protocol === 'wss:' ? 443 : 80;
    return { kind: 'ws', host: bareHost(url.hostname), port, url: url.href };
  }
  if (/^\d+$/.test(input)) return { kind: 'http', host: DEFAULT_HOST, port: parsePort(input, input) };
  const match = /^(\[[^\]]+\]|[^:\s/]+):(\d+)$/.exec(input);
  if (!match) {
    throw new InspectorError('bad-address', `'${input}' is not an inspector address: use a port, host:port or a ws:// URL.`);
  }
  return { kind: 'http', host: bareHost(match[1]!), port: parsePort(match[2]!, input) };
}

/** `host:port` with IPv6 literals bracketed, for URLs and messages. */
export function formatHostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
