// SARIF 2.1.0 output for code scanning (GitHub, Azure DevOps, SARIF viewers): one result per finding, notices as
// tool execution notifications. Shaped for GitHub's ingestion: every rule has a full description and help (text
// and Markdown), URIs are relative to the repository root (run from a subfolder, `src/buf.js`, not `buf.js`), and
// results carry partialFingerprints so re-uploads update alerts instead of duplicating them. Written directly
// against @types/sarif: the subset we emit is small, and node-sarif-builder (v5) requires Node 22.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { version } from '../../package.json';
import { RULE_ADVICE } from '../analysis/messages';
import { RULES } from '../analysis/ruleInfo';
import type { FileResult, Finding, Range, RuleId, Severity } from '../findings/model';
import { ruleDocUrl } from '../findings/ruleDocs';

const SRCROOT = 'SRCROOT';
const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };
/** What to do, for the rules the engine's advice table does not cover. */
const MORE_ADVICE: Partial<Record<RuleId, string>> = {
  'unsynchronized-capture':
    "Hold the handler's mutex around the write (or hand the data to one goroutine over a channel), and bound the collection.",
  'runtime-growth': 'Read the comparison: it names the captured variable that grew and the line that captured it; bound or release it.',
};

/** The folder results are relative to: the enclosing git work tree's root, else the working folder. */
export function sourceRoot(cwd: string): string {
  for (let d = resolve(cwd); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return resolve(cwd);
  }
}

function artifact(file: string): Sarif.ArtifactLocation {
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

// SARIF's default column kind is UTF-16 code units, 1-based: the same as our Range.
function region(range: Range): Sarif.Region {
  return { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn };
}

function rule(id: RuleId): Sarif.ReportingDescriptor {
  const { description, defaultSeverity } = RULES[id];
  const advice = RULE_ADVICE[id] ?? MORE_ADVICE[id] ?? '';
  const url = ruleDocUrl(id);
  const suppress = `// leaklens-disable-next-line ${id} -- <why this is safe>`;
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: `${description} ${advice}`.trim() },
    help: {
      text: `${description}\n\nHow to fix: ${advice}\n\nWhere the code is known to be safe, suppress it with a reason: ${suppress}\n\nDocumentation: ${url}`,
      markdown: `${description}\n\n**How to fix:** ${advice}\n\nWhere the code is known to be safe, suppress it with a reason:\n\n\`\`\`js\n${suppress}\n\`\`\`\n\n[Documentation](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[defaultSeverity] },
    properties: { tags: ['memory-leak', 'reliability'], precision: 'high', 'problem.severity': LEVEL[defaultSeverity] },
  };
}

/**
 * `primaryLocationLineHash`, the fingerprint GitHub matches alerts by: the rule, what grows and where, and the
 * finding's line text without its indentation, numbered when a file repeats it. Moving the code up or down, or
 * re-indenting it, keeps the fingerprint; changing the line makes a new alert.
 */
function fingerprints(results: FileResult[], root: string, cwd: string): Map<Finding, string> {
  const byFinding = new Map<Finding, string>();
  for (const result of results) {
    if (result.findings.length === 0) continue;
    let lines: string[] = [];
    try {
      lines = readFileSync(resolve(cwd, result.file), 'utf8').split(/\r?\n/);
    } catch {
      // The file went away since it was linted: the fingerprint then rests on the rule, target and handler.
    }
    const seen = new Map<string, number>();
    for (const f of result.findings) {
      const text = (lines[f.range.line - 1] ?? '').trim();
      const key = createHash('sha256')
        .update([f.rule, relative(root, resolve(cwd, result.file)), f.target, f.handler, text].join('\0'))
        .digest('hex')
        .slice(0, 32);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      byFinding.set(f, `${key}:${n}`);
    }
  }
  return byFinding;
}

/** `cwd` is the working folder the results' relative paths start from. */
export function formatSarif(results: FileResult[], cwd: string): string {
  const root = sourceRoot(cwd);
  const fromRoot = (file: string) => relative(root, resolve(cwd, file)).split(sep).join('/');
  const hashes = fingerprints(results, root, cwd);
  const ruleIds = [...new Set(results.flatMap((r) => r.findings.map((f) => f.rule)))].sort();
  const sarifResults: Sarif.Result[] = results.flatMap((r) => {
    const location = artifact(fromRoot(r.file));
    return r.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(f.range) } }],
      partialFingerprints: { primaryLocationLineHash: hashes.get(f)! },
      relatedLocations: f.related.map((rel, id) => ({
        id,
        message: { text: rel.message },
        physicalLocation: { artifactLocation: rel.file ? artifact(fromRoot(rel.file)) : location, region: region(rel.range) },
      })),
      fixes: f.fixes
        .filter((fix) => fix.kind !== 'suppress')
        .map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [
            {
              artifactLocation: location,
              replacements: fix.edits.map((e) => ({
                deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
                insertedContent: { text: e.text },
              })),
            },
          ],
        })),
    }));
  });
  const notifications: Sarif.Notification[] = results.flatMap((r) =>
    r.notice
      ? [
          {
            level: 'warning' as const,
            message: { text: r.notice.message },
            descriptor: { id: r.notice.kind },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifact(fromRoot(r.file)),
                  ...(r.notice.line === undefined ? {} : { region: { startLine: r.notice.line, startColumn: r.notice.column ?? 1 } }),
                },
              },
            ],
          },
        ]
      : [],
  );
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'LeakLens',
            semanticVersion: version,
            version,
            informationUri: 'https://github.com/leaklens/leaklens',
            rules: ruleIds.map(rule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
