// Test code is not a long-lived server: a handler built inside a test serves one test and is dropped.
// Go's own conventions say what test code is: `_test.go` files, files under `testdata/`, and the
// functions `go test` runs (`Test*`, `Benchmark*`, `Fuzz*`, `Example*`) and the helpers they hand their
// `*testing.T` to, wherever those are declared.
import type { Node } from 'web-tree-sitter';

/** Whether a Go file is test code by its path (`x_test.go`, anything under a `testdata` folder). */
export function isGoTestFile(path: string): boolean {
  const parts = path.split(/[\\/]/);
  return parts.at(-1)!.endsWith('_test.go') || parts.includes('testdata');
}

/** `go test`'s own rule: the prefix, then the end of the name or a character that is not a lower-case letter. */
const TEST_FUNCTION = /^(Test|Benchmark|Fuzz|Example)($|[^a-z])/;

/** The handles `go test` passes: a function taking one is a test helper (an OCSP responder for the tests). */
const TESTING_TYPE = /^\*?testing\.(T|B|F|TB)$/;

/** Whether `node` sits in a top-level function that `go test` runs, or in a helper taking its `*testing.T`. */
export function inTestFunction(node: Node): boolean {
  let top = node;
  while (top.parent && top.parent.type !== 'source_file') top = top.parent;
  if (top.type !== 'function_declaration' && top.type !== 'method_declaration') return false;
  if (top.type === 'function_declaration' && TEST_FUNCTION.test(top.childForFieldName('name')?.text ?? '')) return true;
  return (top.childForFieldName('parameters')?.namedChildren ?? []).some((p) =>
    TESTING_TYPE.test(p?.childForFieldName('type')?.text.replace(/\s+/g, '') ?? ''),
  );
}
