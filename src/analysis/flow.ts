// Flow-annotated JavaScript (`// @flow`, `/* @flow */` in the file's leading comments): TypeScript's parser
// cannot read Flow's own syntax (`?T`, `{| |}`, `import type`, `opaque type`, variance signs), so the file
// would only be analysed outside the damaged functions. flow-remove-types parses it with Flow's parser and
// replaces every type with spaces: the plain JavaScript left has every token at its original offset, so
// findings, hovers and fixes point at the text the user wrote.
import type FlowRemoveTypes from 'flow-remove-types';

const FLOW_KINDS = new Set(['.js', '.jsx', '.mjs', '.cjs']);
/** The comments and blank space before a file's first token (Flow reads its pragma there only). */
const LEADING_COMMENTS = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/;
const FLOW_PRAGMA = /@flow\b/;

/**
 * Loaded on the first Flow file only: Flow's parser (WebAssembly) takes ~80 ms to load, which the CLI, the
 * extension's activation and each scan worker should not pay for projects without Flow. A plain `require`
 * so that esbuild still bundles it into the extension (whose .vsix ships no node_modules).
 */
let stripper: typeof FlowRemoveTypes | undefined;
function flowRemoveTypes(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  stripper ??= require('flow-remove-types') as typeof FlowRemoveTypes;
  return stripper(text).toString();
}

export function isFlowFile(file: string, text: string): boolean {
  const dot = file.lastIndexOf('.');
  if (dot < 0 || !FLOW_KINDS.has(file.slice(dot).toLowerCase())) return false;
  // A cheap test first: most files never mention Flow.
  if (!text.includes('@flow')) return false;
  return FLOW_PRAGMA.test(LEADING_COMMENTS.exec(text)![0]);
}

/**
 * The text TypeScript should parse: a Flow file's types blanked out (same length, same lines), any other text
 * as it is. A Flow file that Flow's own parser rejects is returned as written, so TypeScript's recovery and its
 * parse-error notice handle it like any half-typed file.
 */
export function withoutFlowTypes(file: string, text: string): string {
  if (!isFlowFile(file, text)) return text;
  let plain: string;
  try {
    plain = flowRemoveTypes(text);
  } catch {
    return text;
  }
  // Blanking keeps offsets; a splice that would not (an arrow moved across lines) is not worth misplaced findings.
  return plain.length === text.length ? plain : text;
}
