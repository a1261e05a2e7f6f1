// "Runtime meets static" for V8 heap snapshots: a comparison's attributions (already localized: paths
// mapped, positions taken through source maps) matched to the linter's findings. Growth held by a variable
// that an `unbounded-capture` finding names is that finding confirmed; growth the linter did not flag
// becomes a `runtime-growth` finding at the capturing function.
import type { Finding } from '../findings/model';
import { describeGrowth } from '../heap/snapshot/describe';
import type { Attribution } from '../heap/snapshot/diff';
import type { FindingsOf } from './findings';
import { GROWTH_RULES, runtimeGrowthFinding } from './runtimeFinding';

export interface Confirmation {
  finding: Finding;
  attribution: Attribution;
  /** e.g. "Confirmed at runtime: `logs` grew by 5,000 elements (+1.6 MB) between two heap snapshots." */
  message: string;
}

export interface RuntimeMatch {
  confirmed: Confirmation[];
  /** `runtime-growth` findings, one per attribution no finding explains (only for files that were linted). */
  unflagged: { file: string; attribution: Attribution; finding: Finding }[];
}

/** `logs` matches `logs`, `this.logs` and `state.logs` (the analysed name may be qualified). */
function namesVariable(target: string, variable: string): boolean {
  return target === variable || target.endsWith(`.${variable}`);
}

export function matchRuntimeGrowth(attributions: Attribution[], findingsOf: FindingsOf): RuntimeMatch {
  const confirmed: Confirmation[] = [];
  const unflagged: RuntimeMatch['unflagged'] = [];
  for (const a of attributions) {
    const file = a.function?.file;
    if (!file || !a.sameObject) continue; // only a container that grew (not one replaced) is evidence about the code
    const linted = findingsOf(file);
    if (!linted) continue;
    const line = a.function!.line;
    const candidates = linted.findings.filter((f) => GROWTH_RULES.has(f.rule) && namesVariable(f.target, a.variable));
    const finding = candidates.sort((x, y) => Math.abs(x.range.line - line) - Math.abs(y.range.line - line))[0];
    const growth = `\`${a.variable}\` ${describeGrowth(a)} between two heap snapshots`;
    if (finding) confirmed.push({ finding, attribution: a, message: `Confirmed at runtime: ${growth}.` });
    else {
      const fn = a.function!;
      const message = `${growth}; it is captured by \`${fn.functionName}\` here, and no static finding explains it.`;
      unflagged.push({ file, attribution: a, finding: runtimeGrowthFinding(linted.text, fn, message, a.variable, fn.functionName) });
    }
  }
  return { confirmed, unflagged };
}
