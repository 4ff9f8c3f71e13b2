// Browser tests: playwright-core drives Debian's Chromium against the app on an ephemeral port.
// The same ESM ts-jest setup as jest.config.js (NestJS 12 is ESM-only).
const esm = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
    '/node_modules/content-disposition/.+\\.js$': ['ts-jest', { useESM: true, tsconfig: { allowJs: true, module: 'NodeNext', moduleResolution: 'NodeNext' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};

/** @type {import('jest').Config} */
export default {
  ...esm,
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/browser/global-setup.mjs',
  testTimeout: 120000,
};
