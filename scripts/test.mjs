#!/usr/bin/env node
// Whole test suite runner (`npm test`), on both databases.
//
//   node scripts/test.mjs            unit tests on SQLite, then on PostgreSQL; one build; then the
//                                    end-to-end tests on SQLite, then on PostgreSQL
//   node scripts/test.mjs --unit     only vitest (on both databases)
//   node scripts/test.mjs --e2e      only `npm run build` + playwright (on both databases)
//   TEST_DATABASES=sqlite            only SQLite (or `postgres`: only PostgreSQL); a developer's
//                                    quick loop: the summary line says what was left out
//   TEST_POSTGRES_SERVER_URL=…       use this PostgreSQL server (its user may create databases)
//                                    instead of starting a throwaway one
//   TEST_POSTGRES_PORT=5544          first port tried for the throwaway server
//   TEST_SKIP_BUILD=1                skip `npm run build` (reuse an existing build)
//
// Without TEST_POSTGRES_SERVER_URL the runner starts a throwaway PostgreSQL server
// (scripts/postgres-server.mjs) before the first phase and stops it at the end, also when
// interrupted. The unit tests see it as TEST_POSTGRES_URL (tests/unit/support/database.ts makes a
// database per file) and skip the SQLite-only files; the end-to-end tests get E2E_DATABASE and
// E2E_POSTGRES_URL (playwright.config.ts makes a fresh database per run).
//
// Any other arguments are passed through to the runner when exactly one of
// --unit / --e2e is given (e.g. `npm test -- --e2e e2e/signing.spec.ts`).
//
// Prints one line per phase, then `tests: N passed, N failed[, N skipped]` counting every phase
// as the very last line (followed by a note in parentheses when TEST_DATABASES left a database
// out), and exits 1 if anything failed. It never reports less than happened: a runner that
// crashes or leaves no report, a test file whose setup throws (its tests were not run, so they
// count as failed, not skipped), a PostgreSQL phase without a PostgreSQL server (not installed,
// not reachable), a phase that an interruption kept from running, and a phase that ran fewer
// tests than its floor in tests/floor.json all count as failures. In CI (CI set), `.only` fails
// both runners.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

// Options for the runner's own test (tests/unit/test-runner.test.ts): other runner configs and floor.
const options = { "--unit-config": null, "--e2e-config": null, "--floor": path.join("tests", "floor.json") };
const argv = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] in options) options[process.argv[i]] = process.argv[++i];
  else argv.push(process.argv[i]);
}
const wantUnit = argv.includes("--unit");
const wantE2e = argv.includes("--e2e");
const passthrough = argv.filter((a) => a !== "--unit" && a !== "--e2e");
const runUnit = wantUnit || !wantE2e;
const runE2e = wantE2e || !wantUnit;
if (passthrough.length > 0 && runUnit && runE2e) {
  console.error(`test.mjs: extra arguments (${passthrough.join(" ")}) need --unit or --e2e`);
  process.exit(2);
}

const ALL_DATABASES = ["sqlite", "postgres"];
const DATABASE_NAMES = { sqlite: "SQLite", postgres: "PostgreSQL" };
const databases = (process.env.TEST_DATABASES || ALL_DATABASES.join(","))
  .split(",")
  .map((d) => d.trim().toLowerCase())
  .filter(Boolean);
if (databases.length === 0 || databases.some((d) => !ALL_DATABASES.includes(d))) {
  console.error(`test.mjs: TEST_DATABASES must list sqlite and/or postgres (got "${process.env.TEST_DATABASES}")`);
  process.exit(2);
}
const leftOut = ALL_DATABASES.filter((d) => !databases.includes(d));

// Files that only make sense on SQLite (they test the SQLite machinery itself) and the runner's
// own test (database-independent, and it starts runners of its own) run in the SQLite pass only.
const SQLITE_ONLY_UNIT = ["lib/db/sqlite/**", "tests/unit/test-runner.test.ts"];

// A filtered run (a file, a -g pattern) is not held to the floor.
const filtered = passthrough.length > 0;
const inCi = Boolean(process.env.CI);

const resultsDir = path.resolve(process.env.TEST_RESULTS_DIR ?? path.join(root, "test-results"));
fs.mkdirSync(resultsDir, { recursive: true });
const floor = JSON.parse(fs.readFileSync(path.resolve(options["--floor"]), "utf8"));

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
let interrupted = false;
let current = null;

/** Counts of the phase being run (also added to the totals), for the per-phase lines. */
let phaseCounts = null;
const phaseLines = [];

function count(kind, n = 1) {
  totals[kind] += n;
  if (phaseCounts) phaseCounts[kind] += n;
}

/** Something went wrong that is not one test's failure: it counts as one failed test. */
function failRun(message) {
  problems.push(message);
  count("failed");
  console.error(`test.mjs: ${message}`);
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    // SIGINT from a terminal already reaches the child's process group; forward SIGTERM.
    if (signal === "SIGTERM" && current) current.kill("SIGTERM");
  });
}

/** Runs a command; `extraEnv` values of `undefined` remove a variable. */
function run(command, args, extraEnv = {}) {
  console.log(`\n> ${[command, ...args].join(" ")}\n`);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    current = child;
    child.on("error", (err) => {
      console.error(`test.mjs: failed to start ${command}: ${err.message}`);
      current = null;
      resolve({ code: 1, signal: null });
    });
    child.on("exit", (code, signal) => {
      current = null;
      resolve({ code: code ?? 128, signal });
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function checkFloor(kind, database, counted) {
  if (filtered) return;
  // { "unit": { "sqlite": N, "postgres": N }, ... }; a plain number holds for both databases.
  const min = typeof floor[kind] === "number" ? floor[kind] : (floor[kind]?.[database] ?? 0);
  if (counted < min) {
    failRun(`${kind} on ${DATABASE_NAMES[database]}: ${counted} tests ran, fewer than the floor of ${min} in tests/floor.json (a file was not found, or tests were removed)`);
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a server given in TEST_POSTGRES_SERVER_URL, or a throwaway one started here.

let postgres = null; // { url, stop? } or { error }

async function reachable(url) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => {});
  }
}

async function startPostgresServer() {
  const given = process.env.TEST_POSTGRES_SERVER_URL;
  try {
    if (given) {
      await reachable(given);
      console.log(`test.mjs: PostgreSQL server from TEST_POSTGRES_SERVER_URL: ${given}`);
      return { url: given };
    }
    const { postgresBinaries, startPostgres } = await import("./postgres-server.mjs");
    if (!postgresBinaries()) throw new Error("the PostgreSQL server is not installed (no /usr/lib/postgresql/*/bin/postgres; apt-get install -y postgresql)");
    const server = await startPostgres({ port: Number(process.env.TEST_POSTGRES_PORT || 5544) });
    await reachable(server.url);
    console.log(`test.mjs: throwaway PostgreSQL server for this run: ${server.url} (stopped at the end)`);
    return { url: server.url, stop: () => server.stop() };
  } catch (error) {
    const reason = String(error?.message ?? error).split("\n")[0];
    console.error(`test.mjs: no PostgreSQL server: ${reason}`);
    return { error: given ? `TEST_POSTGRES_SERVER_URL (${given}) is not reachable: ${reason}` : reason };
  }
}

async function stopPostgresServer() {
  if (!postgres?.stop) return;
  const stop = postgres.stop;
  postgres.stop = null;
  try {
    await stop();
  } catch (error) {
    console.error(`test.mjs: could not stop the PostgreSQL server: ${error?.message ?? error}`);
  }
}

/** The server URL for a phase on `database`, or null (the phase then counts as failed). */
function postgresFor(label) {
  if (postgres?.url) return postgres.url;
  failRun(
    `${label} did not run: ${postgres?.error ?? "no PostgreSQL server"}. ` +
      "Install PostgreSQL, give a server in TEST_POSTGRES_SERVER_URL, or leave PostgreSQL out with TEST_DATABASES=sqlite.",
  );
  return null;
}

// ---------------------------------------------------------------------------------------------
// Phases

async function unitTests(database, label) {
  let dbEnv = { TEST_POSTGRES_URL: undefined };
  let exclude = [];
  if (database === "postgres") {
    const url = postgresFor(label);
    if (!url) return;
    dbEnv = { TEST_POSTGRES_URL: url };
    exclude = SQLITE_ONLY_UNIT.flatMap((glob) => ["--exclude", glob]);
  }
  const report = path.join(resultsDir, `vitest-${database}.json`);
  fs.rmSync(report, { force: true });
  const { code, signal } = await run(
    "npx",
    [
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${report}`,
      ...(options["--unit-config"] ? ["--config", options["--unit-config"]] : []),
      ...(inCi ? ["--allowOnly=false"] : []),
      ...exclude,
      // A file filter may name a SQLite-only file: the PostgreSQL pass then has nothing to run.
      ...(filtered && database === "postgres" ? ["--passWithNoTests"] : []),
      ...(runE2e ? [] : passthrough),
    ],
    dbEnv,
  );
  const json = readJson(report);
  if (!json || !Array.isArray(json.testResults)) {
    failRun(`${label}: vitest left no report (exit ${signal ?? code})`);
    return;
  }
  let failed = 0;
  let counted = 0;
  for (const file of json.testResults) {
    const tests = file.assertionResults ?? [];
    counted += tests.length;
    const passed = tests.filter((t) => t.status === "passed").length;
    count("passed", passed);
    if (file.status === "failed") {
      // A file whose beforeAll threw reports its tests as skipped: they did not run, so they failed.
      const notPassed = Math.max(1, tests.length - passed);
      failed += notPassed;
      if (tests.every((t) => t.status !== "failed")) console.error(`test.mjs: ${label}: ${path.relative(root, file.name)} failed outside its tests (setup or import), so ${notPassed} count as failed`);
    } else {
      count("skipped", tests.filter((t) => t.status === "skipped" || t.status === "pending" || t.status === "todo").length);
      failed += tests.filter((t) => t.status === "failed").length;
    }
  }
  count("failed", failed);
  if (code !== 0 && failed === 0) failRun(`${label}: vitest exited with ${signal ?? code} without a failed test`);
  checkFloor("unit", database, counted);
}

/** Every test of a Playwright JSON report, however deeply its suites nest. */
function playwrightTests(report) {
  const tests = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) for (const test of spec.tests ?? []) tests.push({ title: `${spec.file}: ${spec.title}`, ...test });
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return tests;
}

let built = null;

/** `npm run build` once for every end-to-end phase; false when it failed. */
async function build() {
  // TEST_SKIP_BUILD=1: reuse an existing .next build (local iteration only; CI always builds).
  if (built === null) built = process.env.TEST_SKIP_BUILD === "1" || (await run("npm", ["run", "build"])).code === 0;
  return built;
}

async function e2eTests(database, label) {
  let dbEnv = { E2E_DATABASE: "sqlite", E2E_POSTGRES_URL: undefined };
  if (database === "postgres") {
    const url = postgresFor(label);
    if (!url) return;
    dbEnv = { E2E_DATABASE: "postgres", E2E_POSTGRES_URL: url };
  }
  if (!(await build())) {
    failRun(`${label}: the build failed, so no end-to-end test ran`);
    return;
  }
  if (interrupted) {
    failRun(`interrupted before ${label}: it did not run`);
    return;
  }

  const report = path.join(resultsDir, `playwright-${database}.json`);
  fs.rmSync(report, { force: true });
  const config = options["--e2e-config"] ? ["--config", options["--e2e-config"]] : [];
  const { code, signal } = await run("npx", ["playwright", "test", ...config, ...(runUnit ? [] : passthrough)], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    ...dbEnv,
  });
  const json = readJson(report);
  if (!json || !json.stats) {
    failRun(`${label}: playwright left no report (exit ${signal ?? code})`);
    return;
  }
  const tests = playwrightTests(json);
  let failed = 0;
  for (const test of tests) {
    if (test.status === "expected" || test.status === "flaky") count("passed");
    else if (test.status === "skipped" && test.expectedStatus === "skipped") count("skipped");
    else {
      // "unexpected", or "skipped" though meant to run: its beforeAll failed or the run stopped.
      failed += 1;
      if (test.status === "skipped") console.error(`test.mjs: ${label}: did not run: ${test.title}`);
    }
  }
  count("failed", failed);
  for (const err of json.errors ?? []) console.error(`test.mjs: ${label}: playwright error: ${String(err?.message ?? err ?? "").split("\n")[0]}`);
  // webServer failure, global setup/teardown error, no tests found, forbidden .only, worker crash...
  if (failed === 0 && (code !== 0 || (json.errors ?? []).length > 0)) failRun(`${label}: playwright exited with ${signal ?? code} without a failed test`);
  checkFloor("e2e", database, tests.length);
}

const phases = [];
if (runUnit) for (const database of databases) phases.push({ kind: "unit", database, run: unitTests });
if (runE2e) for (const database of databases) phases.push({ kind: "e2e", database, run: e2eTests });

try {
  if (databases.includes("postgres")) postgres = await startPostgresServer();
  for (const phase of phases) {
    const label = `${phase.kind} on ${DATABASE_NAMES[phase.database]}`;
    phaseCounts = { passed: 0, failed: 0, skipped: 0 };
    const started = Date.now();
    if (interrupted) failRun(`interrupted before ${label}: it did not run`);
    else await phase.run(phase.database, label);
    const seconds = Math.round((Date.now() - started) / 1000);
    const counts = [`${phaseCounts.passed} passed`, `${phaseCounts.failed} failed`, ...(phaseCounts.skipped ? [`${phaseCounts.skipped} skipped`] : [])];
    phaseLines.push(`  ${label.padEnd(20)} ${counts.join(", ").padEnd(36)} ${seconds}s`);
    phaseCounts = null;
  }
} finally {
  await stopPostgresServer();
}
if (interrupted && problems.length === 0) failRun("interrupted: the run did not finish");

const parts = [`${totals.passed} passed`, `${totals.failed} failed`];
if (totals.skipped > 0) parts.push(`${totals.skipped} skipped`);
const note = leftOut.length
  ? ` (${databases.map((d) => DATABASE_NAMES[d]).join(" and ")} only: ${leftOut.map((d) => DATABASE_NAMES[d]).join(" and ")} not tested, TEST_DATABASES=${process.env.TEST_DATABASES})`
  : "";
process.stdout.write(`\n${phaseLines.join("\n")}\n\ntests: ${parts.join(", ")}${note}\n`);
process.exit(interrupted ? 130 : totals.failed > 0 ? 1 : 0);
