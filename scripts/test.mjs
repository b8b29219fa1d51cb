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
// Prints `tests: N passed, N failed[, N skipped]` as the very last line and exits
// 1 if anything failed or a runner exited non-zero.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const argv = process.argv.slice(2);
const wantUnit = argv.includes("--unit");
const wantE2e = argv.includes("--e2e");
const passthrough = argv.filter((a) => a !== "--unit" && a !== "--e2e");
const runUnit = wantUnit || !wantE2e;
const runE2e = wantE2e || !wantUnit;
if (passthrough.length > 0 && runUnit && runE2e) {
  console.error(`test.mjs: extra arguments (${passthrough.join(" ")}) need --unit or --e2e`);
  process.exit(2);
}

const resultsDir = path.join(root, "test-results");
const vitestJson = path.join(resultsDir, "vitest.json");
const playwrightJson = path.join(resultsDir, "playwright.json");

const totals = { passed: 0, failed: 0, skipped: 0 };
let runnerFailed = false;
let interrupted = false;
let current = null;

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
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 : 1));
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

function num(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

async function unitTests() {
  fs.rmSync(vitestJson, { force: true });
  const code = await run("npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${path.relative(root, vitestJson)}`,
    ...(runE2e ? [] : passthrough),
  ]);
  if (code !== 0) runnerFailed = true;
  const report = readJson(vitestJson);
  if (!report) {
    console.error("test.mjs: vitest produced no JSON report; counting 1 failure");
    totals.failed += 1;
    return;
  }
  totals.passed += num(report.numPassedTests);
  totals.failed += num(report.numFailedTests);
  totals.skipped += num(report.numPendingTests) + num(report.numTodoTests);
  // Suites that failed to load (syntax/import errors) have no failed tests but fail the run.
  if (code !== 0 && num(report.numFailedTests) === 0) {
    const brokenSuites = num(report.numFailedTestSuites);
    totals.failed += Math.max(1, brokenSuites);
  }
}

async function e2eTests() {
  // TEST_SKIP_BUILD=1: reuse an existing .next build (local iteration only; CI always builds).
  const buildCode = process.env.TEST_SKIP_BUILD === "1" ? 0 : await run("npm", ["run", "build"]);
  if (buildCode !== 0) {
    console.error("test.mjs: build failed; skipping e2e tests");
    runnerFailed = true;
    totals.failed += 1;
    return;
  }
  if (interrupted) return;

  fs.rmSync(playwrightJson, { force: true });
  const code = await run("npx", ["playwright", "test", ...(runUnit ? [] : passthrough)], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
  });
  if (code !== 0) runnerFailed = true;
  const report = readJson(playwrightJson);
  if (!report || !report.stats) {
    console.error("test.mjs: playwright produced no JSON report; counting 1 failure");
    totals.failed += 1;
    return;
  }
  const stats = report.stats;
  const passed = num(stats.expected) + num(stats.flaky);
  const failed = num(stats.unexpected);
  const skipped = num(stats.skipped);
  totals.passed += passed;
  totals.skipped += skipped;
  const globalErrors = Array.isArray(report.errors) ? report.errors.length : 0;
  if (globalErrors > 0) {
    for (const err of report.errors) {
      const message = String(err?.message ?? err ?? "").split("\n")[0];
      console.error(`test.mjs: playwright error: ${message}`);
    }
  }
  if (failed > 0) {
    totals.failed += failed;
  } else if (globalErrors > 0 || code !== 0) {
    // webServer failure, global setup/teardown error, no tests found, worker crash...
    totals.failed += 1;
  }
}

if (runUnit) await unitTests();
if (runE2e && !interrupted) await e2eTests();

const parts = [`${totals.passed} passed`, `${totals.failed} failed`];
if (totals.skipped > 0) parts.push(`${totals.skipped} skipped`);
process.stdout.write(`\ntests: ${parts.join(", ")}\n`);
process.exit(interrupted ? 130 : totals.failed > 0 || runnerFailed ? 1 : 0);
