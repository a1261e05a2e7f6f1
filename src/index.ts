// Library entry (`require('leaklens')`): the pure engines.
export * from './analysis/index';
export { lintGo, lintGoText, loadGoParser } from './analysis/go';
export { IncrementalLinter } from './analysis/incremental';
export { ProjectAnalysis, lintProject } from './analysis/project';
