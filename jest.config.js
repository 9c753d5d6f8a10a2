// @swc/jest compiles TS (and the ESM-only `typebox`, `cookie`, `p-limit` and `yocto-queue` packages) to CommonJS, so Jest's
// module loader can require them on Node 20/22. Type checking is `npm run typecheck`, not Jest's job.
/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(typebox|cookie|p-limit|yocto-queue)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  globalSetup: '<rootDir>/tests/setup/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/setup/globalTeardown.ts',
  testTimeout: 60000,
  // Community Neo4j has one user database: test files that load it must not run side by side.
  maxWorkers: 1,
};
