// Flat config: typescript-eslint's recommended rules over the TypeScript sources, tuned to the
// house style. `npm run lint` runs this and scripts/lint-templates.mjs (no `{{{ }}}` in templates).
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'coverage/', 'data/', 'test-results/', '**/*.d.ts'],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused code is a defect; a leading underscore marks a parameter kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Nest modules are classes with decorators and no body.
      '@typescript-eslint/no-extraneous-class': 'off',
      // `any` stays visible in review, but driver rows and test bodies need it now and then.
      '@typescript-eslint/no-explicit-any': 'warn',
      // `m!` after a check the compiler cannot follow (a row just inserted) is the house idiom.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Declaration merging of a Fastify type, and `namespace` in ambient typings.
      '@typescript-eslint/no-namespace': 'off',
      // Test doubles (`jest.fn()` returning `{}`) and Nest's `Type` helpers use `{}` and `Function`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-debugger': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'prefer-const': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
    },
  },
  {
    // Generated from the entities by scripts/schema.ts: never edited by hand, so never linted for style.
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off', 'no-console': 'off' },
  },
  {
    // Scripts, tests and benchmarks talk to the console on purpose.
    files: ['scripts/**', 'test/**', 'bench/**', '**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain JavaScript (configs, build scripts): the same basics, Node's globals.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: { 'no-unused-vars': 'error', 'no-undef': 'error', 'prefer-const': 'error', 'no-var': 'error' },
  },
  {
    // Browser scripts served to the portal.
    files: ['src/public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
    },
    // The browser's globals are many; the portal's scripts are small and run in Chromium tests.
    rules: { 'no-undef': 'off' },
  },
);
