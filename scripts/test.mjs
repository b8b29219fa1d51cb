#!/usr/bin/env node
// Whole test suite runner (`npm test`).
//
//   node scripts/test.mjs            unit tests (vitest), then build + e2e (playwright)
//   node scripts/test.mjs --unit     only vitest
//   node scripts/test.mjs --e2e      only `npm run build` + playwright
//   TEST_SKIP_BUILD=1                skip `npm run build` (reuse an existing build)
//
// Any other arguments are passed through to the runner when exactly one of
// --unit / --e2e is given (e.g. `npm test -- --e2e e2e/signing.spec.ts`).
//
// Prints `tests: N passed, N failed[, N skipped]` as the very last line and exits 1 if anything
// failed. It never reports less than happened: a runner that crashes or leaves no report, a test
// file whose setup throws (its tests were not run, so they count as failed, not skipped), a phase
// that an interruption kept from running, and a run of fewer tests than the floor kept in
// tests/floor.json all count as failures. In CI (CI set), `.only` fails both runners.
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
// A filtered run (a file, a -g pattern) is not held to the floor.
const filtered = passthrough.length > 0;
const inCi = Boolean(process.env.CI);

const resultsDir = path.resolve(process.env.TEST_RESULTS_DIR ?? path.join(root, "test-results"));
const vitestJson = path.join(resultsDir, "vitest.json");
const playwrightJson = path.join(resultsDir, "playwright.json");
const floor = JSON.parse(fs.readFileSync(path.resolve(options["--floor"]), "utf8"));

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
let interrupted = false;
let current = null;

/** Something went wrong that is not one test's failure: it counts as one failed test. */
function failRun(message) {
  problems.push(message);
  totals.failed += 1;
  console.error(`test.mjs: ${message}`);
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    // SIGINT from a terminal already reaches the child's process group; forward SIGTERM.
    if (signal === "SIGTERM" && current) current.kill("SIGTERM");
  });
}

function run(command, args, extraEnv = {}) {
  console.log(`\n> ${[command, ...args].join(" ")}\n`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
    });
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

function checkFloor(phase, counted) {
  if (filtered) return;
  if (counted < floor[phase]) {
    failRun(`${phase}: ${counted} tests ran, fewer than the floor of ${floor[phase]} in tests/floor.json (a file was not found, or tests were removed)`);
  }
}

async function unitTests() {
  fs.rmSync(vitestJson, { force: true });
  const { code, signal } = await run("npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${vitestJson}`,
    ...(options["--unit-config"] ? ["--config", options["--unit-config"]] : []),
    ...(inCi ? ["--allowOnly=false"] : []),
    ...(runE2e ? [] : passthrough),
  ]);
  const report = readJson(vitestJson);
  if (!report || !Array.isArray(report.testResults)) {
    failRun(`vitest left no report (exit ${signal ?? code})`);
    return;
  }
  let failed = 0;
  let counted = 0;
  for (const file of report.testResults) {
    const tests = file.assertionResults ?? [];
    counted += tests.length;
    const passed = tests.filter((t) => t.status === "passed").length;
    totals.passed += passed;
    if (file.status === "failed") {
      // A file whose beforeAll threw reports its tests as skipped: they did not run, so they failed.
      const notPassed = Math.max(1, tests.length - passed);
      failed += notPassed;
      if (tests.every((t) => t.status !== "failed")) console.error(`test.mjs: ${path.relative(root, file.name)} failed outside its tests (setup or import), so ${notPassed} count as failed`);
    } else {
      totals.skipped += tests.filter((t) => t.status === "skipped" || t.status === "pending" || t.status === "todo").length;
      failed += tests.filter((t) => t.status === "failed").length;
    }
  }
  totals.failed += failed;
  if (code !== 0 && failed === 0) failRun(`vitest exited with ${signal ?? code} without a failed test`);
  checkFloor("unit", counted);
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

async function e2eTests() {
  // TEST_SKIP_BUILD=1: reuse an existing .next build (local iteration only; CI always builds).
  if (process.env.TEST_SKIP_BUILD !== "1") {
    const build = await run("npm", ["run", "build"]);
    if (build.code !== 0) {
      failRun("the build failed, so no end-to-end test ran");
      return;
    }
  }
  if (interrupted) return;

  fs.rmSync(playwrightJson, { force: true });
  const config = options["--e2e-config"] ? ["--config", options["--e2e-config"]] : [];
  const { code, signal } = await run("npx", ["playwright", "test", ...config, ...(runUnit ? [] : passthrough)], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
  });
  const report = readJson(playwrightJson);
  if (!report || !report.stats) {
    failRun(`playwright left no report (exit ${signal ?? code})`);
    return;
  }
  const tests = playwrightTests(report);
  let failed = 0;
  for (const test of tests) {
    if (test.status === "expected" || test.status === "flaky") totals.passed += 1;
    else if (test.status === "skipped" && test.expectedStatus === "skipped") totals.skipped += 1;
    else {
      // "unexpected", or "skipped" though meant to run: its beforeAll failed or the run stopped.
      failed += 1;
      if (test.status === "skipped") console.error(`test.mjs: did not run: ${test.title}`);
    }
  }
  totals.failed += failed;
  for (const err of report.errors ?? []) console.error(`test.mjs: playwright error: ${String(err?.message ?? err ?? "").split("\n")[0]}`);
  // webServer failure, global setup/teardown error, no tests found, forbidden .only, worker crash...
  if (failed === 0 && (code !== 0 || (report.errors ?? []).length > 0)) failRun(`playwright exited with ${signal ?? code} without a failed test`);
  checkFloor("e2e", tests.length);
}

if (runUnit) await unitTests();
if (runE2e) {
  if (interrupted) failRun("interrupted before the end-to-end phase: it did not run");
  else await e2eTests();
}
if (interrupted && problems.length === 0) failRun("interrupted: the run did not finish");

const parts = [`${totals.passed} passed`, `${totals.failed} failed`];
if (totals.skipped > 0) parts.push(`${totals.skipped} skipped`);
process.stdout.write(`\ntests: ${parts.join(", ")}\n`);
process.exit(interrupted ? 130 : totals.failed > 0 ? 1 : 0);
