import { defineConfig } from "vitest/config";

// Probe files for the runner's own test (tests/unit/test-runner.test.ts); never part of the suite.
export default defineConfig({
  test: { root: import.meta.dirname, include: [process.env.RUNNER_PROBE ?? "unit/*.probe.ts"], pool: "forks" },
});
