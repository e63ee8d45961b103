// ESLint flat config: type-aware TypeScript rules plus import rules that keep the process boundaries
// (shared is platform-free, renderer never reaches into main or Node, only src/main/electron and src/preload
// may import 'electron').
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'stream', 'zlib', 'url', 'events', 'util', 'worker_threads'];

const noElectron = { name: 'electron', message: "Only src/main/electron and src/preload may import 'electron'." };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'bench/.work/**', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, { name: 'react', message: 'shared is platform-free.' }],
        patterns: [
          { group: nodeBuiltins, message: 'shared must not import Node built-ins.' },
          { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'shared imports nothing outside shared.' },
        ],
      }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [noElectron, { name: 'better-sqlite3', message: 'The renderer talks only to the API contract.' }],
        patterns: [
          { group: nodeBuiltins, message: 'The renderer never imports Node built-ins.' },
          { group: ['**/main/**', '**/preload/**'], message: 'The renderer talks only to the API contract in src/shared/api.' },
        ],
      }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'main does not import renderer or preload code.' }],
      }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/history/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, { name: 'better-sqlite3', message: 'Only src/main/history talks to SQLite.' }],
        patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'main does not import renderer or preload code.' }],
      }],
    },
  },
  {
    files: ['src/main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'better-sqlite3', message: 'Only src/main/history talks to SQLite.' }],
        patterns: [{ group: ['**/renderer/**'], message: 'main does not import renderer code.' }],
      }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The sandboxed preload has no Node built-ins.' },
          { group: ['**/main/**', '**/renderer/**'], message: 'preload imports only electron and shared.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
