import type { CliIo } from './io';

export async function runLint(_argv: string[], _io: CliIo): Promise<number> {
  return 0;
}
