import { defineConfig } from "@playwright/test";

// Probe files for the runner's own test (tests/unit/test-runner.test.ts); no browser, no server.
export default defineConfig({
  testDir: "e2e",
  testMatch: process.env.RUNNER_E2E_PROBE ?? process.env.RUNNER_PROBE ?? "*.probe.ts",
  forbidOnly: Boolean(process.env.CI),
  outputDir: `${process.env.TEST_RESULTS_DIR ?? "/tmp"}/runner-artifacts`,
  reporter: [["json"]],
  workers: 1,
});
