// HeapSource over a Node inspector (or js-debug's CDP proxy, which speaks the same protocol). When the
// connection drops it keeps polling the same host:port and re-attaches; a different target id on return
// means the process restarted.
import type { HeapSample, HeapSource, HeapSourceEvent, HeapTargetCapabilities } from '../source';
import { connectInspector, formatHostPort, type ConnectOptions, type InspectorAddress, type InspectorSession } from '../inspector';
import { Listeners } from '../listeners';
import { onSessionClosed } from '../cdpSession';

export interface NodeSourceOptions extends ConnectOptions {
  /** Delay between re-attach attempts, doubled up to `maxRetryMs` (defaults 250 ms, 2 s). */
  retryMs?: number;
  maxRetryMs?: number;
  /** Shown instead of the target's script name (e.g. the debug session's name). */
  label?: string;
  /** The address is js-debug's CDP proxy (a VS Code debug session): its events must be subscribed to. */
  jsDebugProxy?: boolean;
}

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  embedderHeapUsedSize?: number;
  backingStorageSize?: number;
}

function scriptName(url: string): string {
  return url.split('/').pop() || url || 'node';
}

export class NodeInspectorSource implements HeapSource {
  private readonly listeners = new Listeners<HeapSourceEvent>();
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private closing = false;
  private reconnecting = false;
  private name: string;
  readonly capabilities: HeapTargetCapabilities = { collectGarbage: true, snapshot: true, profile: false };

  private constructor(
    readonly address: InspectorAddress,
    private readonly options: NodeSourceOptions,
    private session: InspectorSession | undefined,
  ) {
    this.retryMs = options.retryMs ?? 250;
    this.name = options.label ?? scriptName(session?.target.url ?? '');
    if (session) this.watch(session);
  }

  /** Connects once; failures (closed port, not an inspector, refused host) reject with an InspectorError. */
  static async open(address: InspectorAddress, options: NodeSourceOptions = {}): Promise<NodeInspectorSource> {
    return new NodeInspectorSource(
      address,
      options,
      await enableHeapEvents(await connectInspector(address, options), options.jsDebugProxy),
    );
  }

  get label(): string {
    const where = formatHostPort(this.address.host, this.address.port);
    return `${this.name} (${where})`;
  }

  /**
   * The attached connection, for a heap snapshot over it: a second connection would lose V8's object ids
   * between snapshots, and js-debug's proxy sends a second client no snapshot chunks.
   */
  snapshotSession(): InspectorSession {
    return this.requireSession('take a heap snapshot');
  }

  async sample(): Promise<HeapSample> {
    const session = this.requireSession('sample the heap');
    const usage = await session.send<HeapUsage>('Runtime.getHeapUsage').catch((error: Error) => {
      // js-debug's proxy answers "Connection is closed" once its debuggee is gone: say that in the user's words.
      throw /connection is closed|target closed/i.test(error.message) ? new Error(`${this.label} is gone: its connection closed.`) : error;
    });
    const sample: HeapSample = { t: Date.now(), used: usage.usedSize, total: usage.totalSize };
    if (typeof usage.embedderHeapUsedSize === 'number') sample.embedder = usage.embedderHeapUsedSize;
    if (typeof usage.backingStorageSize === 'number') sample.backingStorage = usage.backingStorageSize;
    return sample;
  }

  async collectGarbage(): Promise<void> {
    await this.requireSession('collect garbage').send('HeapProfiler.collectGarbage');
  }

  onEvent(listener: (event: HeapSourceEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.retryTimer);
    const session = this.session;
    this.session = undefined;
    await session?.close();
    this.listeners.emit({ kind: 'closed', t: Date.now(), reason: 'detached' });
    this.listeners.clear();
  }

  private requireSession(what: string): InspectorSession {
    if (!this.session) throw new Error(`Cannot ${what}: waiting for ${this.label} to come back.`);
    return this.session;
  }

  private watch(session: InspectorSession): void {
    onSessionClosed(session, () => {
      if (this.closing || this.session !== session) return;
      this.session = undefined;
      this.listeners.emit({
        kind: 'disconnected',
        t: Date.now(),
        reason: `the connection to ${formatHostPort(this.address.host, this.address.port)} closed`,
      });
      this.scheduleRetry(session.target.id);
    });
  }

  private scheduleRetry(previousId: string): void {
    if (this.closing || this.reconnecting) return;
    this.retryTimer = setTimeout(() => void this.retry(previousId), this.retryMs);
  }

  private async retry(previousId: string): Promise<void> {
    this.reconnecting = true;
    let session: InspectorSession | undefined;
    try {
      session = await this.reconnect();
    } catch {
      // Still gone: try again later (slower).
    } finally {
      this.reconnecting = false;
    }
    if (this.closing) {
      await session?.close();
      return;
    }
    if (!session) {
      this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 2000);
      this.scheduleRetry(previousId);
      return;
    }
    this.retryMs = this.options.retryMs ?? 250;
    this.session = session;
    this.name = this.options.label ?? scriptName(session.target.url);
    this.watch(session);
    this.listeners.emit({ kind: 'reconnected', t: Date.now(), restarted: session.target.id !== previousId, label: this.label });
  }

  /** The same WebSocket URL first (a proxy, or the same process), else whatever target host:port lists now. */
  private async reconnect(): Promise<InspectorSession> {
    const options = { ...this.options, connectTimeoutMs: 2000, targetId: undefined };
    if (this.address.kind === 'ws') {
      try {
        return await enableHeapEvents(await connectInspector(this.address, options), options.jsDebugProxy);
      } catch {
        // a restarted Node process has a new target id in its URL: fall through to discovery
      }
    }
    return enableHeapEvents(
      await connectInspector({ kind: 'http', host: this.address.host, port: this.address.port }, options),
      options.jsDebugProxy,
    );
  }
}

/**
 * Makes sure snapshot chunks reach this session: the HeapProfiler domain enabled, and on js-debug's CDP proxy
 * (a debug session) its events subscribed to — the proxy forwards only the events a client asked for with
 * its own `JsDebug.subscribe` (without it a debug session's snapshot arrived empty).
 */
export async function enableHeapEvents(session: InspectorSession, jsDebugProxy = false): Promise<InspectorSession> {
  try {
    if (jsDebugProxy) await session.send('JsDebug.subscribe', { events: ['HeapProfiler.*'] });
    await session.send('HeapProfiler.enable');
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}
