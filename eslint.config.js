// @ts-check
// Flat config for ESLint 10.
// - JS/TS: @eslint/js recommended + typescript-eslint `strict` (not type-checked: fast, no tsconfig project needed;
//   type errors are `pnpm typecheck`'s job).
// - Astro: eslint-plugin-astro 3 (peer eslint >=10) lints the frontmatter script and template expressions.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'dist/',
    '.astro/',
    'node_modules/',
    'test-results/',
    'coverage/',
    // Test fixtures are deliberately (in)valid content packages, not code to lint.
    '**/fixtures/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.node },
    },
  },
  js.configs.recommended,
  tseslint.configs.strict,
  astro.configs['flat/recommended'],
  {
    rules: {
      // `_`-prefixed bindings are intentionally unused (callback signatures, destructuring rests).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests assert on known-present values.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
