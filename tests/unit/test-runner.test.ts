import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
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
type Floor = Record<"unit" | "e2e", number | Partial<Record<"sqlite" | "postgres", number>>>;
type Options = { probe?: string; e2eProbe?: string; floor?: Floor; ci?: boolean; stopAfterMs?: number; databases?: string; postgresServer?: string };

// The summary's note when TEST_DATABASES leaves PostgreSQL out.
const SQLITE_ONLY = " (SQLite only: PostgreSQL not tested, TEST_DATABASES=sqlite)";
// Cases that start a PostgreSQL server need its binaries; TEST_DATABASES=sqlite (a developer's
// quick loop, said so in the summary) leaves them out like the runner's PostgreSQL phases.
const withPostgres = !process.env.TEST_DATABASES || process.env.TEST_DATABASES.includes("postgres");

function runner(args: string[], options: Options = {}): Promise<Run> {
  fs.writeFileSync(floors, JSON.stringify(options.floor ?? { unit: 0, e2e: 0 }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEST_RESULTS_DIR: results,
    TEST_SKIP_BUILD: "1",
    RUNNER_PROBE: options.probe,
    RUNNER_E2E_PROBE: options.e2eProbe,
    CI: options.ci ? "1" : "",
    TEST_DATABASES: options.databases ?? "sqlite",
    TEST_POSTGRES_SERVER_URL: options.postgresServer,
  };
  for (const inherited of ["VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "TEST", "NODE_ENV", "TEST_POSTGRES_URL", "E2E_DATABASE", "E2E_POSTGRES_URL"]) delete env[inherited];
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
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

/** The port of the throwaway PostgreSQL server a run says it started. */
function throwawayPort(run: Run): number {
  const match = run.output.match(/throwaway PostgreSQL server for this run: postgresql:\/\/[^@]+@127\.0\.0\.1:(\d+)\//);
  expect(match, "the runner names the server it started").not.toBeNull();
  return Number(match![1]);
}

/** Whether anything still listens on a loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Each case starts the runner, vitest and Playwright: seconds on an idle machine, more on a loaded one.
describe("the test runner's summary line", { timeout: 90_000 }, () => {
  it("counts the tests of a unit file whose setup throws as failed, not skipped", async () => {
    const run = await runner(["--unit"], { probe: "unit/{passes,setup-fails}.probe.ts" });
    expect(run.summary).toBe(`tests: 1 passed, 2 failed${SQLITE_ONLY}`);
    expect(run.code).toBe(1);
  });

  it("counts the tests of an end-to-end file whose setup throws as failed; a deliberate skip stays skipped", async () => {
    const run = await runner(["--e2e"], { probe: "{passes,setup-fails}.probe.ts" });
    expect(run.summary).toBe(`tests: 1 passed, 3 failed, 1 skipped${SQLITE_ONLY}`);
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
    const run = await runner(["--unit"], { probe: "unit/passes.probe.ts", floor: { unit: { sqlite: 2 }, e2e: 0 } });
    expect(run.summary).toBe(`tests: 1 passed, 1 failed${SQLITE_ONLY}`);
    expect(run.output).toContain("unit on SQLite: 1 tests ran, fewer than the floor of 2");
    expect(run.code).toBe(1);
    const enough = await runner(["--unit"], { probe: "unit/passes.probe.ts", floor: { unit: { sqlite: 1 }, e2e: 0 } });
    expect(enough.summary).toBe(`tests: 1 passed, 0 failed${SQLITE_ONLY}`);
    expect(enough.code).toBe(0);
  });

  it("counts a PostgreSQL phase that has no server as failed, never skipped, and says how to leave it out", async () => {
    const port = await closedPort();
    const run = await runner([], {
      probe: "unit/passes.probe.ts",
      e2eProbe: "passes.probe.ts",
      databases: "sqlite,postgres",
      postgresServer: `postgresql://speakout@127.0.0.1:${port}/speakout`,
    });
    // SQLite: 1 passed (unit), 1 passed and 1 skipped (e2e); PostgreSQL: each phase one failure.
    expect(run.summary).toBe("tests: 2 passed, 2 failed, 1 skipped");
    expect(run.output).toContain("unit on PostgreSQL did not run");
    expect(run.output).toContain("e2e on PostgreSQL did not run");
    expect(run.output).toContain("TEST_DATABASES=sqlite");
    expect(run.code).toBe(1);
  }, 120_000);

  it.skipIf(!withPostgres)("runs every phase on both databases against a throwaway PostgreSQL server, which it stops at the end", async () => {
    const run = await runner([], {
      probe: "unit/dialect.probe.ts",
      e2eProbe: "dialect.probe.ts",
      databases: "sqlite,postgres",
      floor: { unit: { sqlite: 1, postgres: 1 }, e2e: { sqlite: 1, postgres: 1 } },
    });
    expect(run.summary).toBe("tests: 4 passed, 0 failed");
    expect(run.output).toContain("unit probe on sqlite");
    expect(run.output).toContain("unit probe on postgres");
    for (const phase of ["unit on SQLite", "unit on PostgreSQL", "e2e on SQLite", "e2e on PostgreSQL"]) expect(run.output).toMatch(new RegExp(`${phase} +1 passed, 0 failed`));
    expect(run.code).toBe(0);
    expect(await listening(throwawayPort(run))).toBe(false);

    // Each database's pass is held to its own floor.
    const short = await runner(["--unit"], { probe: "unit/dialect.probe.ts", databases: "sqlite,postgres", floor: { unit: { sqlite: 1, postgres: 2 }, e2e: 0 } });
    expect(short.summary).toBe("tests: 2 passed, 1 failed");
    expect(short.output).toContain("unit on PostgreSQL: 1 tests ran, fewer than the floor of 2");
    expect(short.code).toBe(1);
  }, 180_000);

  it.skipIf(!withPostgres)("never reports a pass when interrupted before the end-to-end phase ran, and stops its PostgreSQL server", async () => {
    const run = await runner([], { probe: "unit/slow.probe.ts", stopAfterMs: 1500, databases: "sqlite,postgres" });
    expect(run.summary).toMatch(/^tests: 0 passed, [1-9]\d* failed$/);
    expect(run.output).toContain("interrupted before unit on PostgreSQL: it did not run");
    expect(run.output).toContain("interrupted before e2e on SQLite: it did not run");
    expect(run.code).toBe(130);
    expect(await listening(throwawayPort(run))).toBe(false);
  }, 120_000);

  it("never reports a pass when interrupted, on SQLite alone", async () => {
    const run = await runner([], { probe: "unit/slow.probe.ts", stopAfterMs: 1500 });
    expect(run.summary).toMatch(/^tests: 0 passed, [1-9]\d* failed \(SQLite only/);
    expect(run.output).toContain("did not run");
    expect(run.code).toBe(130);
  });
});
