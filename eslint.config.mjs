// ESLint for the whole repository: `npm run lint` (zero warnings allowed), run first by `npm test`.
// Layout and formatting belong to Prettier (.prettierrc.json); the sets used here carry no layout
// rules, so the two never disagree. Type-aware rules read tsconfig.json through the project service;
// they about double the run (it includes a type check) and are kept for the promise rules below.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Build output, downloaded tools, test run folders and generated files.
    ignores: ['dist/', '**/out/', '.tools/', '.test-runs/', 'bench/tmp/', 'l10n/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          // scripts/ is outside tsconfig.json's include; it is read with that tsconfig's options.
          allowDefaultProject: ['scripts/*.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      // Without these import-x reads only .js files and silently sees no imports in TypeScript.
      'import-x/extensions': ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts', '.cts'] },
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // An extension is mostly async handlers: an unawaited or misplaced promise loses its error.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Off: stand-ins for Promise-returning interfaces (SecretStorage, Memento, fetchers) are `async`
      // without an `await` on purpose, so that a throw becomes a rejection as in the real thing.
      '@typescript-eslint/require-await': 'off',
      // A runtime import cycle makes module start-up order matter; type-only imports are not counted.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // The dev server stands in for Panopto: it shares no code with the extension, either way.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './devserver', from: './src', message: 'The dev server shares no code with the extension.' },
            { target: './src', from: './devserver', message: 'The extension shares no code with the dev server.' },
          ],
        },
      ],
    },
  },
  {
    // src/auth runs and is tested in plain Node, without the VS Code API.
    files: ['src/auth/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/auth must not depend on the VS Code API (it is tested in plain Node).' }] },
      ],
    },
  },
  {
    files: ['devserver/**'],
    rules: {
      // Backs up import-x/no-restricted-paths for a specifier the resolver cannot follow.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+src(/|$)', message: 'The dev server shares no code with the extension.' }] },
      ],
    },
  },
  {
    // Plain JavaScript build and config files: no type information to lint against.
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
