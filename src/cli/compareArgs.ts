// The command line of `leaklens compare`, read by the command and by the launcher that decides where it runs
// (tunedProcess.ts): one definition of its options.
import { parseArgs } from 'node:util';

export const COMPARE_OPTIONS = {
  format: { type: 'string', default: 'text' },
  'min-growth': { type: 'string' },
  'path-map': { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Throws on unknown options or missing values (parseArgs' messages). */
export const parseCompareArgs = (argv: string[]) => parseArgs({ args: argv, allowPositionals: true, options: COMPARE_OPTIONS });
