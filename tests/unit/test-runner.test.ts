import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The summary line is what CI reads: `npm test`'s runner (scripts/test.mjs) must never report
// less than happened. Each case runs the real runner on probe files (tests/runner/) with the real
// vitest and Playwright, and reads its last line and exit code.

const root = path.resolve(__dirname, "../..");
let results: string;
let floors: string;

beforeAll(() => {
  results = fs.mkdtempSync(path.join(os.tmpdir(), "runner-"));
  floors = path.join(results, "floor.json");
});

afterAll(() => fs.rmSync(results, { recursive: true, force: true }));

type Run = { summary: string; code: number | null; output: string };

function runner(args: string[], options: { probe?: string; floor?: { unit: number; e2e: number }; ci?: boolean; stopAfterMs?: number } = {}): Promise<Run> {
  fs.writeFileSync(floors, JSON.stringify(options.floor ?? { unit: 0, e2e: 0 }));
  const env: NodeJS.ProcessEnv = { ...process.env, TEST_RESULTS_DIR: results, TEST_SKIP_BUILD: "1", RUNNER_PROBE: options.probe, CI: options.ci ? "1" : "" };
  for (const inherited of ["VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "TEST", "NODE_ENV"]) delete env[inherited];
  const child = spawn(
    process.execPath,
    ["scripts/test.mjs", "--unit-config", "tests/runner/vitest.config.ts", "--e2e-config", "tests/runner/playwright.config.ts", "--floor", floors, ...args],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  if (options.stopAfterMs) {
    // Stop the runner once the unit phase has started (what CI's timeout or a Ctrl-C does).
    const timer = setInterval(() => {
      if (output.includes("vitest run")) {
        clearInterval(timer);
        setTimeout(() => child.kill("SIGTERM"), options.stopAfterMs);
      }
    }, 50);
  }
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      const lines = output.trim().split("\n");
      resolve({ summary: lines[lines.length - 1], code, output });
    });
  });
}

describe("the test runner's summary line", () => {
  it("counts the tests of a unit file whose setup throws as failed, not skipped", async () => {
    const run = await runner(["--unit"], { probe: "unit/{passes,setup-fails}.probe.ts" });
    expect(run.summary).toBe("tests: 1 passed, 2 failed");
    expect(run.code).toBe(1);
  });

  it("counts the tests of an end-to-end file whose setup throws as failed; a deliberate skip stays skipped", async () => {
    const run = await runner(["--e2e"], { probe: "{passes,setup-fails}.probe.ts" });
    expect(run.summary).toBe("tests: 1 passed, 3 failed, 1 skipped");
    expect(run.code).toBe(1);
  });

  it("fails a CI run with a .only left in either runner", async () => {
    const unit = await runner(["--unit"], { probe: "unit/{passes,only}.probe.ts", ci: true });
    expect(unit.summary).toMatch(/^tests: \d+ passed, [1-9]\d* failed/);
    expect(unit.code).toBe(1);
    const e2e = await runner(["--e2e"], { probe: "{passes,only}.probe.ts", ci: true });
    expect(e2e.summary).toMatch(/^tests: \d+ passed, [1-9]\d* failed/);
    expect(e2e.code).toBe(1);
  });

  it("fails when fewer tests ran than the floor", async () => {
    const run = await runner(["--unit"], { probe: "unit/passes.probe.ts", floor: { unit: 2, e2e: 0 } });
    expect(run.summary).toBe("tests: 1 passed, 1 failed");
    expect(run.output).toContain("fewer than the floor of 2");
    expect(run.code).toBe(1);
    const enough = await runner(["--unit"], { probe: "unit/passes.probe.ts", floor: { unit: 1, e2e: 0 } });
    expect(enough.summary).toBe("tests: 1 passed, 0 failed");
    expect(enough.code).toBe(0);
  });

  it("never reports a pass when interrupted before the end-to-end phase ran", async () => {
    const run = await runner([], { probe: "unit/slow.probe.ts", stopAfterMs: 1500 });
    expect(run.summary).toMatch(/^tests: 0 passed, [1-9]\d* failed/);
    expect(run.output).toContain("did not run");
    expect(run.code).toBe(130);
  });
});
