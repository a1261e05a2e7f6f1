// Loads web-tree-sitter and the Go grammar once per process. The grammar version is pinned in package.json
// (tree-sitter-go 0.25.0): the node types and fields this folder matches on are that version's.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

/** Next to the bundle (dist/, where the build copies the .wasm files), else from the npm package. */
function wasmPath(file: string, packageFile: string): string {
  const bundled = join(__dirname, file);
  // createRequire: the fallback is for unbundled runs, so bundlers must not try to resolve it.
  return existsSync(bundled) ? bundled : createRequire(__filename).resolve(packageFile);
}

const runtimeWasm = () => wasmPath('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm');
const goWasm = () => wasmPath('tree-sitter-go.wasm', 'tree-sitter-go/tree-sitter-go.wasm');

let loading: Promise<Parser> | undefined;
let loaded: Parser | undefined;
/** Why the last load failed, for synchronous callers that find no parser. */
let failure: string | undefined;

/** The parser once `loadGoParser` has resolved, for synchronous callers. */
export function loadedGoParser(): Parser | undefined {
  return loaded;
}

/** The message of the last failed `loadGoParser()`, if it failed. */
export function goParserFailure(): string | undefined {
  return failure;
}

/** The shared Go parser; rejects with a message naming the file that could not be loaded. */
export function loadGoParser(): Promise<Parser> {
  loading ??= (async () => {
    const grammar = goWasm();
    try {
      await Parser.init({ locateFile: () => runtimeWasm() });
      const parser = new Parser();
      parser.setLanguage(await Language.load(grammar));
      return (loaded = parser);
    } catch (error) {
      loading = undefined; // let a later call retry (e.g. after the file is restored)
      failure = `could not load the Go grammar (${grammar}): ${error instanceof Error ? error.message : String(error)}`;
      throw new Error(failure);
    }
  })();
  return loading;
}
