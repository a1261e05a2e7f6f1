// JUnit XML for CI test reporters: one test case per checked service, failed with the report when it grows.
import type { CheckOutcome } from '../types';
import { formatCheckText } from './text';
import { verdictLine } from './wording';

const xml = (s: string) =>
  s
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function formatCheckJunit(outcome: CheckOutcome, cwd: string): string {
  const c = outcome.candidate;
  const seconds = c.samples.length > 1 ? (c.samples[c.samples.length - 1]!.t - c.samples[0]!.t) / 1000 : 0;
  const name = outcome.comparison
    ? `retains no more per request than the baseline: ${c.label}`
    : `post-GC heap steady under load: ${c.label}`;
  const body = outcome.failed
    ? `\n    <failure message="${xml(verdictLine(outcome))}" type="runtime-growth">${xml(formatCheckText(outcome, [], cwd))}</failure>\n  `
    : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="leaklens check" tests="1" failures="${outcome.failed ? 1 : 0}" time="${seconds.toFixed(1)}">`,
    `<testsuite name="leaklens check" tests="1" failures="${outcome.failed ? 1 : 0}" errors="0" time="${seconds.toFixed(1)}">`,
    `  <testcase classname="leaklens.check" name="${xml(name)}" time="${seconds.toFixed(1)}">${body}</testcase>`,
    '</testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
