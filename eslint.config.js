// Lint: TypeScript rules plus the layering rules of DESIGN.md, enforced, not hoped for:
// main/ and db/ never import electron; renderer/ never imports Node built-ins, the database or the engine.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'zlib', 'stream', 'worker_threads', 'url', 'util', 'events', 'dgram', 'readline'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-output/**', 'renderer/dist/**', '.bench/**', '.lab-work/**', '.lab-work*/**', '.dist-stage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/**/*.ts', 'db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'main/ and db/ run in plain Node: no electron.' }], patterns: [{ group: ['electron/*', '**/electron/**', '**/renderer/**'], message: 'main/ and db/ must not depend on the shell or the UI.' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'better-sqlite3', ...nodeBuiltins].map((name) => ({ name, message: 'renderer/ talks only to the typed API.' })),
        patterns: [
          { group: ['node:*'], message: 'renderer/ never imports Node built-ins.' },
          { group: ['**/db/**', '**/electron/**', '**/main/*', '!**/main/api', '**/main/capture/**', '**/main/pipeline/**', '**/main/protocols/**', '**/main/flow/**', '**/main/net/**'], message: 'renderer/ may import only main/api (the contract) and pure helpers.' },
        ],
      }],
    },
  },
);
