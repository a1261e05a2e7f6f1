// Writes every report of a finished check into the output folder: the Markdown summary and its chart, JUnit
// XML, SARIF and check.json (the summary object, readable back as a --baseline).
import { writeFileSync } from 'node:fs';
import { makeOutputFolder } from '../../heap/outputFolder';
import { join } from 'node:path';
import type { CheckOutcome } from '../types';
import { heapChartSvg } from './chart';
import { formatCheckJunit } from './junit';
import { formatCheckMarkdown } from './markdown';
import { formatCheckSarif } from './sarif';
import { summaryObject } from './summary';

export { formatCheckJunit } from './junit';
export { formatCheckText } from './text';
export { summaryObject } from './summary';

export interface WrittenReports {
  markdown: string;
  chart: string;
  junit: string;
  sarif: string;
  json: string;
}

export function writeReports(outcome: CheckOutcome, outDir: string, cwd: string): WrittenReports {
  makeOutputFolder(outDir);
  const files: WrittenReports = {
    markdown: join(outDir, 'summary.md'),
    chart: join(outDir, 'heap.svg'),
    junit: join(outDir, 'junit.xml'),
    sarif: join(outDir, 'check.sarif'),
    json: join(outDir, 'check.json'),
  };
  const runs = outcome.baselineRun ? [outcome.baselineRun, outcome.candidate] : [outcome.candidate];
  writeFileSync(files.chart, heapChartSvg(runs, `Heap under load: ${outcome.candidate.label}`));
  writeFileSync(files.markdown, formatCheckMarkdown(outcome, 'heap.svg', cwd));
  writeFileSync(files.junit, formatCheckJunit(outcome, cwd));
  writeFileSync(files.sarif, formatCheckSarif(outcome, cwd));
  writeFileSync(files.json, JSON.stringify(summaryObject(outcome, { ...files }), null, 2) + '\n');
  return files;
}
