// Parses snapshot text the way the worker does (tokenizer → analysis), for tests on synthetic heaps.
import { SnapshotAnalysis } from '../../../src/heap/snapshot/analysis';
import { SnapshotTokenizer } from '../../../src/heap/snapshot/tokenizer';

export function analyzeText(text: string): SnapshotAnalysis {
  const t = new SnapshotTokenizer();
  t.push(Buffer.from(text, 'utf8'));
  return new SnapshotAnalysis(t.end());
}
