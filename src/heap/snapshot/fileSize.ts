// A file's size before it is read: it chooses how a comparison is run (threads, schedules).
import { statSync } from 'node:fs';

/** In bytes; 0 when the file cannot be read (the analysis then reports that in its own words). */
export function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
