// `leaklens <command> …`: dispatches to one module per command. Exit codes: 0 clean, 1 findings, 2 usage/internal.
import { UsageError, type CliIo } from './io';
import { runCompare } from './compare';
import { runLint } from './lint';
import { runWatch } from './watch';
import { runSnapshot } from './snapshot';
import { runProfile } from './profile';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const commands: Record<string, { run: Command; summary: string }> = {
  lint: { run: runLint, summary: 'lint [paths…]  find closure-capture leaks in JS/TS (and Go) sources' },
  watch: { run: runWatch, summary: 'watch --port N  sample a Node inspector\'s heap and say whether it keeps growing' },
  snapshot: { run: runSnapshot, summary: 'snapshot --port N  take a heap snapshot of a Node process started with --inspect' },
  profile: { run: runProfile, summary: 'profile --port N  sample a Node process\'s live heap (cheap, production-safe) into a pprof heap profile' },
  compare: { run: runCompare, summary: 'compare BEFORE AFTER  what grew between two heap snapshots, and which captured variable holds it' },
};

function usage(): string {
  return ['Usage: leaklens <command> [options]', '', 'Commands:', ...Object.values(commands).map((c) => `  ${c.summary}`), '', 'Run `leaklens <command> --help` for its options.'].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`leaklens: unknown command '${name}'.\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`leaklens ${name}: ${error.message}`);
      return 2;
    }
    io.err(`leaklens ${name}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

/** Process entry point, called by bin/leaklens.js. */
export function cli(): void {
  const io: CliIo = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n'), cwd: process.cwd() };
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (error) => { process.stderr.write(`leaklens: ${String(error)}\n`); process.exitCode = 2; },
  );
}
