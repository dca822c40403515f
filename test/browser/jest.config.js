// The browser tests (test/browser/*.spec.ts): run by `npm run test:browser` (test/browser/run.js), which
// builds the add-in and the test host first and skips them when Chromium is not installed. Kept out of the
// unit tests (jest.config.js matches *.test.ts only) so those stay fast.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: "../..",
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  testMatch: ["**/*.spec.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }],
  },
  // One browser at a time: the add-in's worker pool wants the cores.
  maxWorkers: 1,
  testTimeout: 90_000,
  verbose: true,
};
