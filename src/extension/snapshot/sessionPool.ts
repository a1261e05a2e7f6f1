// One inspector session per target, kept open between snapshots: V8 keeps heap object ids only while the
// profiler session lives, and a comparison needs them to tell a container that grew from one replaced.
import * as vscode from 'vscode';
import { connectInspector, formatHostPort, type ConnectOptions, type InspectorAddress, type InspectorSession } from '../../heap/inspector';
import { enableHeapEvents } from '../../heap/sources/nodeInspectorSource';

const keyOf = (address: InspectorAddress): string => (address.kind === 'ws' ? address.url : formatHostPort(address.host, address.port));

export class SessionPool implements vscode.Disposable {
  private readonly sessions = new Map<string, Promise<InspectorSession>>();
  private readonly busy = new Set<string>();

  /**
   * Marks a target (an address, or a key such as the attached target's) busy for one snapshot: two snapshots at once on one session would interleave their
   * chunks. Returns the release function, or undefined when a snapshot of this target is under way.
   */
  claim(target: InspectorAddress | string): (() => void) | undefined {
    const key = typeof target === 'string' ? target : keyOf(target);
    if (this.busy.has(key)) return undefined;
    this.busy.add(key);
    return () => this.busy.delete(key);
  }

  /** `options.allowRemoteHosts`: the user's setting (the caller asked for consent first). */
  get(address: InspectorAddress, options: ConnectOptions = {}): Promise<InspectorSession> {
    const key = keyOf(address);
    let session = this.sessions.get(key);
    if (!session) {
      session = connectInspector(address, options).then(enableHeapEvents);
      this.sessions.set(key, session);
      session.then(
        (s) => void s.closed.then(() => this.sessions.get(key) === session && this.sessions.delete(key)),
        () => this.sessions.delete(key),
      );
    }
    return session;
  }

  dispose(): void {
    for (const session of this.sessions.values()) void session.then((s) => s.close()).catch(() => {});
    this.sessions.clear();
  }
}
