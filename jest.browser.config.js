/**
 * The browser test (`npm run test:browser`): the plan's HTML report opened in Debian's chromium.
 * Its own run, outside `npm test` (a browser start costs seconds); .ci/run installs chromium and
 * runs it after the unit tests. Same transpile-only ts-jest transform as jest.config.js, no coverage.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 60000,
};
