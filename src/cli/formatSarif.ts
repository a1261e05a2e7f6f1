// SARIF 2.1.0 output (GitHub code scanning, Azure DevOps, SARIF viewers): one result per finding, notices as
// tool execution notifications. Written directly against @types/sarif: the subset we emit is small, and
// node-sarif-builder (v5) requires Node 22 while we support Node 20.
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { version } from '../../package.json';
import { RULES } from '../analysis/ruleInfo';
import { ruleDocUrl, type FileResult, type Range, type RuleId, type Severity } from '../analysis/types';

const SRCROOT = 'SRCROOT';
const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

function artifact(file: string): Sarif.ArtifactLocation {
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

// SARIF's default column kind is UTF-16 code units, 1-based: the same as our Range.
function region(range: Range): Sarif.Region {
  return { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn };
}

function rule(id: RuleId): Sarif.ReportingDescriptor {
  const info = RULES[id];
  return {
    id,
    shortDescription: { text: info.description },
    helpUri: ruleDocUrl(id),
    defaultConfiguration: { level: LEVEL[info.defaultSeverity] },
  };
}

/** `cwd` is the working folder the results' relative paths start from. */
export function formatSarif(results: FileResult[], cwd: string): string {
  const ruleIds = [...new Set(results.flatMap((r) => r.findings.map((f) => f.rule)))].sort();
  const sarifResults: Sarif.Result[] = results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(r.file), region: region(f.range) } }],
      relatedLocations: f.related.map((rel, id) => ({
        id,
        message: { text: rel.message },
        physicalLocation: { artifactLocation: artifact(rel.file ?? r.file), region: region(rel.range) },
      })),
      fixes: f.fixes.filter((fix) => fix.kind !== 'suppress').map((fix) => ({
        description: { text: fix.title },
        artifactChanges: [{
          artifactLocation: artifact(r.file),
          replacements: fix.edits.map((e) => ({
            deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
            insertedContent: { text: e.text },
          })),
        }],
      })),
    })),
  );
  const notifications: Sarif.Notification[] = results.flatMap((r) => (r.notice ? [{
    level: 'warning' as const,
    message: { text: r.notice.message },
    descriptor: { id: r.notice.kind },
    locations: [{
      physicalLocation: {
        artifactLocation: artifact(r.file),
        ...(r.notice.line === undefined ? {} : { region: { startLine: r.notice.line, startColumn: r.notice.column ?? 1 } }),
      },
    }],
  }] : []));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'LeakLens', version, informationUri: 'https://github.com/leaklens/leaklens', rules: ruleIds.map(rule) } },
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      results: sarifResults,
    }],
  };
  return JSON.stringify(log, null, 2);
}
