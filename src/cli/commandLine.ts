// A command's options, parsed strictly: a mistake is one UsageError line that points at the command's help.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './io';

export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, strict: true, options }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see leaklens ${command} --help)`);
  }
}
