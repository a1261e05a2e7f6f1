// Files that no current Go toolchain compiles: a build constraint that excludes every Go release from
// some old one on (`//go:build !go1.7`, `// +build !go1.7`) keeps a file for toolchains long gone,
// typically the pre-1.7 gorilla/context variant of a file whose modern twin uses the request context.
/** The header before the package clause is where build constraints live. */
const CONSTRAINT = /^\/\/(?:go:build| \+build)\s+(.*)$/gm;

export function onlyForOldGo(text: string): boolean {
  const pkg = text.search(/^package\s/m);
  const header = pkg === -1 ? text : text.slice(0, pkg);
  for (const m of header.matchAll(CONSTRAINT)) {
    // A negated release tag that is not or-ed with anything else: `!go1.7`, `!go1.7 && linux`.
    const expr = m[1]!.trim();
    if (/(^|&&\s*|\s)!go1\.\d+/.test(expr) && !/\|\||,/.test(expr)) return true;
  }
  return false;
}

/**
 * Folders `go build ./...` never builds: below the module root, a folder whose name starts with `_` or `.`
 * (`_examples/`, `.github/`) holds code the module does not ship, and `vendor/` holds other modules' code
 * (Go's own rules for package patterns).
 */
export function ignoredByGoTool(fromModuleRoot: string): boolean {
  return fromModuleRoot
    .split(/[\\/]/)
    .some(
      (segment) => segment === 'vendor' || (segment.length > 1 && segment !== '..' && (segment.startsWith('_') || segment.startsWith('.'))),
    );
}
