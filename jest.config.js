/**
 * Jest runs TypeScript transpile-only (tsconfig's isolatedModules makes ts-jest transpile file by file): type-checking @pulumi/aws inside jest is
 * slow, so `npm run typecheck` (tsc --noEmit) does it once as its own step.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/unit"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // Pulumi's own bookkeeping stack traces skip jest's source mapping (the file says why).
  setupFilesAfterEnv: ["<rootDir>/test/unit/support/pulumiStackTraces.ts"],
  // policy/index.ts only constructs the PolicyPack, which serves the analyzer to the Pulumi CLI: nothing a unit test can run.
  collectCoverageFrom: ["index.ts", "lib/**/*.ts", "bin/**/*.ts", "app/src/**/*.ts", "policy/**/*.ts", "!policy/index.ts"],
  coverageReporters: ["text-summary", "lcovonly"],
  coverageThreshold: {
    global: { lines: 100, branches: 100, functions: 100, statements: 100 },
  },
  testTimeout: 30000,
};
