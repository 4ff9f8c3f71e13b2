// Jest runs the TypeScript sources as native ES modules (NestJS 12 is ESM-only), through
// `node --experimental-vm-modules` (see the package.json scripts).
const esm = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
    // ESM-only packages that CommonJS dependencies require() (Node 20 does that natively, Jest
    // before Node 24.9 does not): compiled to CommonJS for the test runtime only.
    '/node_modules/content-disposition/.+\\.js$': ['ts-jest', { useESM: true, tsconfig: { allowJs: true, module: 'NodeNext', moduleResolution: 'NodeNext' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};

/** @type {import('jest').Config} */
export default {
  testTimeout: 60000,
  projects: [
    { ...esm, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    { ...esm, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...esm, displayName: 'security', testMatch: ['<rootDir>/test/security/**/*.security-spec.ts'] },
  ],
};
