// Runs a command to completion with a time limit; failure messages say what was being done and end with
// the tail of the command's output, which is where the reason is.
import { spawn } from 'node:child_process';

export interface ExecOptions {
  /** What the command does, for messages: "installing code-server". */
  what: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
}

export function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function execChecked(command: string, args: string[], options: ExecOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout can stop the command's children too (npm runs node-gyp, make, …).
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
      reject(
        new Error(
          `${options.what}: no result after ${options.timeoutMs / 1000} s (\`${command} ${args.join(' ')}\`); output so far:\n${tail(output)}`,
        ),
      );
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${options.what}: cannot run \`${command}\`: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${options.what}: \`${command} ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}):\n${tail(output)}`));
    });
  });
}
