/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  setupFiles: ["<rootDir>/test/setup/dom.ts"],
  // The coverage line of `npm run test:excel-coverage`: each test file writes the Excel API members the test
  // workbook answered to .excel-coverage/, which globalSetup empties first (test/host/coverage/report.ts).
  globalSetup: "<rootDir>/test/setup/excelCoverageReset.ts",
  setupFilesAfterEnv: ["<rootDir>/test/setup/excelCoverage.ts"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }],
  },
  // Two cores: one worker leaves the other for the worker threads some tests spawn.
  maxWorkers: 2,
  // Tests wait on conditions, never on time; this only bounds how long a hung test takes to fail, and
  // leaves CPU-bound tests (the engine's property tests) room on a loaded 2-core machine.
  testTimeout: 60_000,
};
