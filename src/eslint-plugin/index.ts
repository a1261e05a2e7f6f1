// ESLint flat-config plugin `leaklens`: the closure-capture rules inside an existing ESLint setup.
//   import leaklens from 'leaklens/eslint-plugin';
//   export default [leaklens.configs.recommended];
import type { ESLint, Linter } from 'eslint';
import { version } from '../../package.json';
import { leaklensRule } from './rule';

const plugin = {
  meta: { name: 'leaklens', version },
  rules: {
    'unbounded-capture': leaklensRule('unbounded-capture'),
    'listener-per-request': leaklensRule('listener-per-request'),
    'bounded-buffer': leaklensRule('bounded-buffer'),
  },
  configs: {} as Record<'recommended', Linter.Config>,
} satisfies ESLint.Plugin;

// ESLint has no "info" level: bounded buffers are not defects, so the recommended set leaves them off.
plugin.configs.recommended = {
  name: 'leaklens/recommended',
  plugins: { leaklens: plugin },
  rules: {
    'leaklens/unbounded-capture': 'warn',
    'leaklens/listener-per-request': 'error',
  },
};

// `export =` so that both `require('leaklens/eslint-plugin')` and an ESM default import get the plugin itself.
export = plugin;
