// @ts-check
// Lint for every file kind: TypeScript (typescript-eslint), Svelte (eslint-plugin-svelte) and Astro
// (eslint-plugin-astro). The architecture rules (what each layer may import, no DOM in src/lib, no
// Chinese UI literals in views) live here too, so `npm run lint` enforces ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

/** Han characters: a UI literal in a view must come from src/i18n instead. */
const HAN = '[\\u3400-\\u9fff]';

/** Imports that src/lib (outside src/lib/node) must not use. */
const libForbidden = [
  { group: ['node:*'], message: 'src/lib runs in the browser too: Node-only code goes to src/lib/node/.' },
  {
    group: ['svelte', 'svelte/*', '*.svelte', '*.svelte.ts', 'astro', 'astro:*', 'astro/*'],
    message: 'src/lib is plain TypeScript: no Svelte or Astro.',
  },
  {
    group: ['**/components/**', '**/pages/**', '**/layouts/**', '**/i18n/**', '**/cli/**', '**/integrations/**'],
    message: 'src/lib must not import views, the UI dictionary, the CLI or integrations.',
  },
];

/** DOM globals that src/lib must not touch (it is also type-checked without DOM types: tsconfig.lib.json). */
const domGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'location',
  'HTMLElement',
  'Element',
  'Node',
  'history',
].map((name) => ({
  name,
  message: 'src/lib has no DOM: take what you need as a parameter.',
}));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.astro/',
      'test-results/',
      'playwright-report/',
      'public/',
      'tests/fixtures/**/dist/',
      'tests/lrs/node_modules/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
      'no-irregular-whitespace': ['error', { skipStrings: true, skipComments: true, skipRegExps: true, skipTemplates: true }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // {@html} only for build-time SVG we render ourselves; each use carries a disable comment saying why.
      'svelte/no-at-html-tags': 'error',
      'svelte/require-each-key': 'error',
      // State lives in $state fields of classes (.svelte.ts); the Maps, Sets and Dates this rule
      // flags are temporaries inside functions, rebuilt on every change, never mutated in place.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  // ── Layer boundaries (ARCHITECTURE.md) ──────────────────────────────────────────────────────
  {
    files: ['src/lib/**/*.ts'],
    ignores: ['src/lib/node/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: libForbidden }],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    files: ['src/schemas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/lib/**', '**/components/**', '**/pages/**', '**/i18n/**', 'node:*'],
              message: 'src/schemas is the bottom layer: it imports only zod and other schemas.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/components/**/*.svelte', 'src/components/**/*.astro', 'src/pages/**/*.astro', 'src/layouts/**/*.astro'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=/${HAN}/]`, message: 'UI text belongs in src/i18n (a Chinese literal in a view).' },
        { selector: `TemplateElement[value.raw=/${HAN}/]`, message: 'UI text belongs in src/i18n (a Chinese literal in a view).' },
        { selector: `SvelteText[value=/${HAN}/]`, message: 'UI text belongs in src/i18n (Chinese text in Svelte markup).' },
        { selector: `SvelteLiteral[value=/${HAN}/]`, message: 'UI text belongs in src/i18n (a Chinese attribute value in Svelte markup).' },
        { selector: `JSXText[value=/${HAN}/]`, message: 'UI text belongs in src/i18n (Chinese text in Astro markup).' },
      ],
    },
  },
);
