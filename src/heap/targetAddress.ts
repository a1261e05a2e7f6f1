// What a user types to attach the heap view: a Node inspector (`9229`, `host:port`, `ws://…`) or a Go
// service's net/http/pprof (`http://127.0.0.1:6060/debug/pprof/`, or anything naming `/debug/pprof`).
// Inspector addresses are never http(s) URLs, so the two cannot be confused.
import { parseInspectorAddress, type InspectorAddress } from './inspector';
import { parsePprofUrl } from './pprof/address';

export type HeapTargetAddress = { kind: 'inspector'; address: InspectorAddress } | { kind: 'pprof'; url: URL };

const PPROF_TEXT = /^https?:\/\/|\/debug\/pprof/i;

/** Throws an InspectorError or PprofError whose message says what a valid address looks like. */
export function parseHeapTarget(text: string): HeapTargetAddress {
  return PPROF_TEXT.test(text.trim())
    ? { kind: 'pprof', url: parsePprofUrl(text) }
    : { kind: 'inspector', address: parseInspectorAddress(text) };
}

/** For input boxes: why `text` names no heap target, or undefined when it names one. */
export function heapTargetProblem(text: string): string | undefined {
  try {
    parseHeapTarget(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
