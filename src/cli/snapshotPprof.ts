// `leaklens snapshot --pprof URL [--out FILE]`: saves a Go service's heap profile (after a GC) as a
// `.pb.gz` snapshot and prints its top allocation sites.
import { dirname, join, relative, resolve } from 'node:path';
import { formatProfileSummary } from '../heap/pprof/describe';
import { PprofError } from '../heap/pprof/errors';
import { profileFileName, writeProfileFile } from '../heap/pprof/files';
import { decodeHeapProfile } from '../heap/pprof/profile';
import { PprofHeapSource } from '../heap/pprof/source';
import type { CliIo } from './io';
import { makeOutputFolder } from '../heap/outputFolder';

/** How many allocation sites the summary lists. */
const SUMMARY_TOP = 10;

export async function runPprofSnapshot(url: string, out: string | undefined, allowRemote: boolean, io: CliIo): Promise<number> {
  let source: PprofHeapSource;
  let bytes: Buffer;
  try {
    source = await PprofHeapSource.open(url, { allowRemoteHosts: allowRemote });
    bytes = await source.fetchHeapProfileBytes(true);
    await source.close();
  } catch (error) {
    if (!(error instanceof PprofError)) throw error;
    io.err(`leaklens snapshot: ${error.message}`);
    return 2;
  }
  const file = out ? resolve(io.cwd, out) : join(io.cwd, '.leaklens', 'snapshots', profileFileName(source.base.host, new Date()));
  try {
    makeOutputFolder(dirname(file));
    writeProfileFile(file, bytes);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    io.err(`leaklens snapshot: cannot write ${file}: ${e.code ?? e.message}`);
    return 2;
  }
  io.out(`Wrote ${relative(io.cwd, file) || file} (heap profile, ${bytes.length} bytes).`);
  io.out(formatProfileSummary(decodeHeapProfile(bytes), SUMMARY_TOP, io.cwd));
  return 0;
}
