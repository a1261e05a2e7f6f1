// Source locations as shown to people: 1-based, with the script URL turned into a file path when it is one.
// No Node imports: the webview bundle uses this too.
import type { FunctionSite } from './closures';

export interface SourceLink {
  /** Script URL as V8 reports it (a path, a file:// URL, `node:internal/…`). */
  url: string;
  /** Absolute file path when the URL designates a local file. */
  file?: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  functionName: string;
  /** Set when the position was taken through a source map: where V8 saw it, in the generated script. */
  generated?: { url: string; file?: string; line: number; column: number };
}

export function fileOfScriptUrl(url: string): string | undefined {
  if (url.startsWith('file://')) {
    try {
      const path = decodeURIComponent(new URL(url).pathname);
      return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path; // file:///C:/x → C:/x
    } catch {
      return undefined;
    }
  }
  if (url.startsWith('/') || /^[A-Za-z]:[\\/]/.test(url)) return url;
  return undefined;
}

export function toSourceLink(site: FunctionSite): SourceLink {
  const file = fileOfScriptUrl(site.url);
  return {
    url: site.url,
    ...(file ? { file } : {}),
    line: site.line + 1,
    column: site.column + 1,
    functionName: site.name || '(anonymous)',
  };
}

/** `src/logger.ts:12:5`, relative to `cwd` when the file lies below it. */
export function formatSourceLink(link: SourceLink, cwd?: string): string {
  let where = link.file ?? link.url;
  if (cwd && link.file && link.file.startsWith(cwd.endsWith('/') ? cwd : cwd + '/'))
    where = link.file.slice(cwd.length).replace(/^[\\/]/, '');
  return `${where || '(unknown script)'}:${link.line}:${link.column}`;
}
