// `npm run lint`: ESLint over the TypeScript sources, tests and scripts with typescript-eslint's
// type-checked rules (the type information comes from tsconfig.json through the project service).
// no-floating-promises matters most here: a promise nobody awaits or catches is how a failure turns into an
// unhandled rejection, or a test into one that cannot fail.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'dist/',
    'node_modules/',
    'examples/',
    'artifacts/',
    'test/bench/corpus/',
    'test/bench/.deps/',
    'test/fixtures/services/*.mjs',
    'media/',
  ]),
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      // `items[i]!` is how the code reads an index it knows exists (noUncheckedIndexedAccess is on): a
      // non-null assertion there is the statement of that knowledge, not noise.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-misused-promises': 'error',
      // `_`-prefixed names are deliberately unused (a callback's position, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // The boundaries that keep the structure (docs/architecture.md): engines and front ends other than the
  // editor never import `vscode`; the protocol and the finding model are leaves that import no engine (what
  // they share with the engines lives in src/common/); the webviews reach the host only through the protocol.
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    ignores: ['src/extension/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Only src/extension/ imports vscode: engines stay pure.' }] },
      ],
    },
  },
  {
    files: ['src/protocol/**/*.ts', 'src/findings/**/*.ts', 'src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Only src/extension/ imports vscode: engines stay pure.' }],
          patterns: [
            {
              group: ['../*', '!../common', '!../common/*'],
              message: 'src/protocol/, src/findings/ and src/common/ are leaves: they import only src/common/, never an engine.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'A webview talks to the host through src/protocol/ only.' }],
          patterns: [
            {
              group: ['../../src/*', '!../../src/common', '!../../src/common/*', '!../../src/protocol', '!../../src/protocol/*'],
              message: 'A webview imports src/protocol/ and src/common/ only: the engines run in the extension host.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read the CLI's JSON output and poke at what they parse: a wrong guess about its shape fails the
    // test anyway, so typing every JSON.parse would add casts and no safety.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: {
        performance: 'readonly',
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
  },
);
