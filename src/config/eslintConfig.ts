// What the ESLint plugin takes from the LeakLens configuration. ESLint has its own places for severities and
// ignored files (its config's `rules` and `ignores`), so the plugin reads only what ESLint has no place for: the
// test-code switch and the growing-API table (and the size limit), from the file's nearest configuration. ESLint
// applies its own disable comments (and reports unused ones), so the engine leaves them alone here.
import { dirname, isAbsolute } from 'node:path';
import type { LintConfig } from '../analysis/lintConfig';
import { findConfig } from './findConfig';

export function engineConfigForEslint(filename: string): LintConfig {
  // `<input>` and `<text>`: code linted from stdin or an editor buffer without a path has no folder to start from.
  const found = isAbsolute(filename) ? findConfig(dirname(filename)) : undefined;
  const config = found?.config;
  return {
    honourEslintComments: false,
    ...(config?.maxFileSize === undefined ? {} : { maxFileSize: config.maxFileSize }),
    ...(config?.includeTests === undefined ? {} : { includeTests: config.includeTests }),
    ...(config?.growingApis === undefined ? {} : { growingApis: config.growingApis }),
  };
}
