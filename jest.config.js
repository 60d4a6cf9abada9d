// Jest runs the TypeScript sources as native ES modules through SWC
// (NestJS 12 is ESM-only); decorators stay legacy with metadata for Nest DI.
/** @type {import('jest').Config} */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 60_000,
  maxWorkers: 2,
  // Each e2e file loads the whole application into the worker's VM context, and what ESM modules
  // leave behind is not all collected: a worker that has run a hundred files ran out of its heap
  // (CI, 2026-12-03). A worker whose heap is above this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1536MB',
};
