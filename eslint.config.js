// Lint enforces the layer rules of ../shared/architecture.md, so nobody has to
// remember them: arrows point down only, only main/electron imports electron,
// all SQL lives in main/store, and no test is left focused with .only.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const noNode = { paths: nodeBuiltins.map((name) => ({ name, message: 'This layer runs in the browser too: no Node built-ins.' })) };
const importsOf = {
  main: { group: ['**/main', '**/main/**'], message: 'Reach main/ only through the API contract in shared/contract.ts.' },
  renderer: { group: ['**/renderer', '**/renderer/**'], message: 'shared/ and main/ never import the renderer.' },
  electron: { group: ['electron', 'electron/**'], message: 'Only main/electron/ imports electron.' },
  sqlite: { group: ['better-sqlite3'], message: 'All SQL lives in main/store/.' },
};

const SQL_TEXT = '/^\\s*(SELECT\\s|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|CREATE\\s+(TABLE|INDEX|TRIGGER|VIEW)|DROP\\s+|ALTER\\s+TABLE|PRAGMA\\s)/i';
const noSqlOutsideStore = [
  { selector: `Literal[value=${SQL_TEXT}]`, message: 'All SQL lives in main/store/.' },
  { selector: `TemplateElement[value.raw=${SQL_TEXT}]`, message: 'All SQL lives in main/store/.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'tests/.artifacts/**', 'tests/e2e/screenshots/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].map((object) => ({ object, property: 'only', message: 'Focused tests skip the rest: remove .only.' })),
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { ...noNode, patterns: [importsOf.main, importsOf.renderer, importsOf.electron, importsOf.sqlite] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname', 'navigator', 'localStorage', 'fetch'],
      'no-restricted-syntax': ['error', ...noSqlOutsideStore],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { ...noNode, patterns: [importsOf.main, importsOf.electron, importsOf.sqlite] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
      'no-restricted-syntax': ['error', ...noSqlOutsideStore],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**', 'main/store/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [importsOf.renderer, importsOf.electron, importsOf.sqlite] }],
      'no-restricted-syntax': ['error', ...noSqlOutsideStore],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [importsOf.renderer, importsOf.sqlite] }],
      'no-restricted-syntax': ['error', ...noSqlOutsideStore],
    },
  },
  {
    files: ['main/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [importsOf.renderer, importsOf.electron] }],
    },
  },
);
