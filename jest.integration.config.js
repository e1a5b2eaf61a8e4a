/**
 * The integration suite (`npm run test:integration`): verify's checks and a short load test against a
 * deployed stack. bin/integration.ts runs it only when PAYMENT_STACK_OUTPUTS names the stack's outputs;
 * it is never part of `npm test` (roots differ) and collects no coverage.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/integration"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // AWS describe calls with retries, HTTPS to the ALB, and a load test of a few seconds.
  testTimeout: 120000,
  maxWorkers: 1,
};
