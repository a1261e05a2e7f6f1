// The service under test, started from the user's command line in a process group of its own, so that
// everything it spawns (a shell, npm, the real server) is stopped together at the end. For Node services the
// inspector is switched on through NODE_OPTIONS on a free loopback port, and its address is read from the
// "Debugger listening on ws://…" line the process prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { CheckError } from './errors';

/** How much of the service's output is kept to quote in error messages. */
const OUTPUT_TAIL = 4000;
/** After SIGTERM, how long the group gets before SIGKILL. */
const TERM_GRACE_MS = 3000;
/** How long to wait for the group to disappear after SIGKILL. */
const KILL_LIMIT_MS = 5000;
const DEBUGGER_LINE = /Debugger listening on (ws:\/\/\S+)/g;
/** What Node prints about the inspector the check switched on: not the service's own words. */
const INSPECTOR_NOISE =
  /^(Debugger listening on ws:|For help, see: https:\/\/nodejs\.org\/en\/docs\/inspector|Debugger attached\.|Waiting for the debugger to disconnect)/;

export interface ServiceOptions {
  command: string;
  cwd: string;
  /** Node service: start it with an inspector on 127.0.0.1:0 (NODE_OPTIONS) and read its address. */
  inspect: boolean;
  /** A name for messages, e.g. `candidate` or `baseline`. */
  role: string;
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: nobody is left in the group
  }
}

function poll(condition: () => boolean, limitMs: number, everyMs = 50): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => {
      if (condition()) resolve(true);
      else if (Date.now() - started >= limitMs) resolve(false);
      else setTimeout(tick, everyMs);
    };
    tick();
  });
}

export class StartedService {
  private output = '';
  private inspectors: string[] = [];
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exitListeners = new Set<() => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly options: ServiceOptions,
  ) {
    const take = (chunk: Buffer) => {
      const text = chunk.toString();
      this.output = (this.output + text).slice(-OUTPUT_TAIL);
      for (const m of text.matchAll(DEBUGGER_LINE)) this.inspectors.push(m[1]!);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', (code, signal) => {
      this.exit = { code, signal };
      for (const listener of this.exitListeners) listener();
    });
  }

  /** Spawns `command` through the shell as the leader of a new process group. */
  static start(options: ServiceOptions): StartedService {
    const env = { ...process.env };
    // Every Node process of the command gets an inspector of its own; the service is the last to start.
    if (options.inspect) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`.trim();
    const child = spawn(options.command, { shell: true, cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    const service = new StartedService(child, options);
    child.once('error', (error) => {
      service.output += `\n${error.message}`;
    });
    return service;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exited(): boolean {
    return this.exit !== undefined;
  }

  /** The last inspector the command's processes announced (npm and the like start before the service). */
  get inspectorUrl(): string | undefined {
    return this.inspectors[this.inspectors.length - 1];
  }

  /** The last lines the service printed, for messages. */
  outputTail(lines = 10): string {
    return this.output
      .trimEnd()
      .split('\n')
      .filter((line) => !INSPECTOR_NOISE.test(line))
      .slice(-lines)
      .join('\n');
  }

  /** Rejects with a CheckError when the service exits; the returned function cancels the watch. */
  whenExited(): { promise: Promise<never>; cancel: () => void } {
    let listener: () => void = () => {};
    const promise = new Promise<never>((_, reject) => {
      listener = () => reject(this.exitError());
      if (this.exit) listener();
      else this.exitListeners.add(listener);
    });
    promise.catch(() => {}); // a watch nobody awaits must not become an unhandled rejection
    return { promise, cancel: () => void this.exitListeners.delete(listener) };
  }

  exitError(): CheckError {
    const how = this.exit?.signal ? `was killed by ${this.exit.signal}` : `exited with code ${this.exit?.code}`;
    const tail = this.outputTail();
    return new CheckError(
      'service-exited',
      `The ${this.options.role} service \`${this.options.command}\` ${how}${tail ? `; its last output:\n${tail}` : ' and printed nothing'}`,
    );
  }

  /**
   * Stops the whole process group: SIGTERM, then SIGKILL after a grace period, and waits until no process
   * of the group is left. Resolves to false if something survived even SIGKILL.
   */
  async stop(): Promise<boolean> {
    const pid = this.child.pid;
    if (pid === undefined) return true;
    if (!signalGroup(pid, 'SIGTERM')) return true;
    if (await poll(() => !signalGroup(pid, 0), TERM_GRACE_MS)) return true;
    signalGroup(pid, 'SIGKILL');
    return poll(() => !signalGroup(pid, 0), KILL_LIMIT_MS);
  }
}
