// ESLint flat config: type-aware TypeScript rules for the whole project plus
// architecture rules that keep workflows/ inside Temporal's deterministic sandbox.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

// Bare names (fs, path, fs/promises, …) and the `node:` scheme: both reach Node built-ins.
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('node:'));

// Code under src/ and activities/ is Node-side; type-only imports are erased and so safe.
const srcPatterns = ['**/src', '**/src/**'];
const activitiesPatterns = ['**/activities', '**/activities/**'];
const typeOnly = (group, message) => ({ group, allowTypeImports: true, message });

// Plain-JS files are outside tsconfig.json; these get a default TS project (no `**` allowed here).
const defaultProjectFiles = ['*.js', '*.mjs', '*.cjs', 'scripts/*.js', 'scripts/*.mjs',
  'bench/*.js', 'bench/*.mjs', 'test/*/*.js', 'test/*/*.mjs'];

export default defineConfig(
  // The lint-rules test lints the fixtures itself (one of them is a deliberate import cycle).
  globalIgnores(['dist/', 'node_modules/', '.relance/', 'coverage/', 'test/architecture/fixtures/']),

  js.configs.recommended,
  tseslint.configs.recommended,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,

  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      parserOptions: {
        projectService: {
          allowDefaultProject: defaultProjectFiles,
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 32,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    settings: {
      // The TypeScript resolver maps `./x.js` specifiers onto `./x.ts` sources (the node one cannot).
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // tsc already reports unresolved and missing named imports, with better messages.
      'import-x/no-unresolved': 'off',
      'import-x/named': 'off',
      'import-x/namespace': 'off',
      'import-x/default': 'off',
      'import-x/no-named-as-default-member': 'off',
    },
  },

  // Without type info: hand-written declarations (tsc checks them where imported, and a
  // default project would clash with that) and plain JS deeper than defaultProjectFiles.
  {
    files: ['**/*.d.ts', '**/*.d.mts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    ignores: defaultProjectFiles,
    ...tseslint.configs.disableTypeChecked,
  },

  // Everything but workflows and the console runs on Node.
  {
    ignores: ['workflows/**', 'web/src/**'],
    languageOptions: { globals: { ...globals.node } },
  },

  // The console (web/) runs in the browser.
  {
    files: ['web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // The customer portal shares only the client, the shared UI pieces and the catalogues with the console:
  // no console screen (and so no staff data shape) can end up in a customer's page.
  {
    files: ['web/src/portal/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          regex: '^\\.\\./(?!api/|ui/|app/i18n$|\\.\\./\\.\\./client/)',
          message: 'The customer portal imports only ../api, ../ui and ../app/i18n from the console.',
        }],
      }],
    },
  },

  // Workflows run in Temporal's deterministic V8 sandbox: no I/O, no Node, no Node-side code.
  {
    files: ['workflows/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'Node built-ins are not available in the Temporal workflow sandbox; use an activity.',
            })),
            ...['typeorm', 'pg', 'twilio'].map((name) => ({
              name,
              message: 'I/O libraries belong in activities, not workflows.',
            })),
            ...['@temporalio/client', '@temporalio/worker', '@temporalio/activity'].map((name) => ({
              name,
              message: 'Workflows may only use @temporalio/workflow (and @temporalio/common).',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'Node built-ins are not available in the Temporal workflow sandbox.' },
            { group: ['@nestjs/*'], message: 'NestJS belongs to the API/worker process, not workflows.' },
            { group: ['@sendgrid/*', 'typeorm/*', 'pg/*', 'twilio/*'], message: 'I/O libraries belong in activities.' },
            {
              group: ['@temporalio/client/*', '@temporalio/worker/*', '@temporalio/activity/*'],
              message: 'Workflows may only use @temporalio/workflow (and @temporalio/common).',
            },
            typeOnly(srcPatterns, 'Workflows may import only types from src/ (use `import type`).'),
            typeOnly(
              activitiesPatterns,
              'Workflows may import only types from activities/ (use `import type` with proxyActivities).',
            ),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'setImmediate', 'clearImmediate', '__dirname', '__filename'].map((name) => ({
          name,
          message: 'Node globals are not available in the Temporal workflow sandbox.',
        })),
      ],
    },
  },

  // Activities depend on ports they declare, never on src/ implementations.
  {
    files: ['activities/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [typeOnly(srcPatterns, 'Activities may import only types from src/; declare a port instead.')] },
      ],
    },
  },

  // Tests read loosely typed JSON responses.
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
