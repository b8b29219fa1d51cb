import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

const ROOT = path.dirname(fileURLToPath(import.meta.url));

// Ports can be moved so that two checkouts can run their suites side by side.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const APP_URL = `http://127.0.0.1:${APP_PORT}`;
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2525);
const SMTP_CONTROL_PORT = Number(process.env.E2E_SMTP_CONTROL_PORT ?? 2526);
// Specs (in worker processes, which inherit this environment) find the catcher and the app here.
process.env.SMTP_CATCHER_CONTROL_PORT = String(SMTP_CONTROL_PORT);
process.env.E2E_APP_URL = APP_URL;

// The database of the run: E2E_DATABASE=sqlite (the default) or postgres, with E2E_POSTGRES_URL
// the URL of a PostgreSQL server whose user may create databases (scripts/test.mjs passes both).
// Either way the run gets a fresh, empty database: a new SQLite file, or a new database on that
// server, which the app's start script migrates.
//
// Playwright runs webServer setup BEFORE globalSetup (and deletes `outputDir` before both),
// so the database is made here, while the config module is evaluated in the main runner
// process. The config module is evaluated again in every worker process (and in the test
// loader process of UI / watch mode); those inherit E2E_DATABASE_URL set below and never
// make or delete anything.
const E2E_DATABASE = process.env.E2E_DATABASE || "sqlite";
if (E2E_DATABASE !== "sqlite" && E2E_DATABASE !== "postgres") throw new Error(`E2E_DATABASE must be sqlite or postgres, not "${E2E_DATABASE}"`);
const E2E_DB_DIR = path.join(ROOT, "test-results", "e2e-db");

if (!process.env.TEST_WORKER_INDEX && !process.env.E2E_DB_RESET_BY_PID) {
  if (E2E_DATABASE === "postgres") {
    process.env.E2E_DATABASE_URL = createPostgresDatabase(`e2e_${Date.now().toString(36)}_${process.pid}`);
  } else {
    fs.rmSync(E2E_DB_DIR, { recursive: true, force: true });
    fs.mkdirSync(E2E_DB_DIR, { recursive: true });
    process.env.E2E_DATABASE_URL = `file:${path.join(E2E_DB_DIR, "e2e.sqlite")}`;
  }
  process.env.E2E_DB_RESET_BY_PID = String(process.pid);
}
// Lets specs (e2e/support/db.ts) open the same database.
const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL!;

/** Creates a database on the E2E_POSTGRES_URL server (synchronously: the config cannot wait). */
function createPostgresDatabase(name: string): string {
  const server = process.env.E2E_POSTGRES_URL;
  if (!server) throw new Error("E2E_DATABASE=postgres needs E2E_POSTGRES_URL, the URL of a PostgreSQL server (scripts/test.mjs starts one)");
  const script = `const pg = require("pg"); const c = new pg.Client({ connectionString: process.argv[1] });
    c.connect().then(() => c.query('CREATE DATABASE "' + process.argv[2] + '"')).then(() => c.end(), (e) => { console.error(e.message); process.exit(1); });`;
  const made = spawnSync(process.execPath, ["-e", script, server, name], { cwd: ROOT, encoding: "utf8" });
  if (made.status !== 0) throw new Error(`could not create the database ${name} on ${server}: ${made.stderr}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

// Ports of the second apps and servers some specs start, beside the main app's.
process.env.E2E_QUICKSTART_PORT ??= String(APP_PORT + 5);
process.env.E2E_DURABILITY_PORT ??= String(APP_PORT + 6);
process.env.E2E_WEBHOOK_PORT ??= String(APP_PORT + 301);

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // Artifacts (traces) only. Kept in a subdirectory because Playwright empties outputDir at
  // startup; test-results/e2e-db and the JSON reports must survive that.
  outputDir: `test-results/e2e-artifacts-${E2E_DATABASE}`,
  // A stray .only must not shrink a CI run to one test.
  forbidOnly: Boolean(process.env.CI),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["json"], ["line"]] : [["line"]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? APP_URL,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
    trace: "retain-on-failure",
  },
  // Started in order, before globalSetup; stopped after the run.
  webServer: [
    {
      name: "smtp",
      command: "npx tsx e2e/support/smtp-catcher.ts",
      url: `http://127.0.0.1:${SMTP_CONTROL_PORT}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        SMTP_CATCHER_PORT: String(SMTP_PORT),
        SMTP_CATCHER_CONTROL_PORT: String(SMTP_CONTROL_PORT),
      },
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "app",
      command: "node scripts/start.mjs --content e2e/fixtures/content",
      url: `${APP_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        DATABASE_URL: E2E_DATABASE_URL,
        PORT: String(APP_PORT),
        APP_URL,
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_FROM: '"Speak Out" <campaign@example.org>',
        OUTBOX_POLL_MS: "250",
        OUTBOX_RETRY_BASE_MS: "500",
        NEXT_TELEMETRY_DISABLED: "1",
        // Owners of the admin (e2e/support/admin.ts); partner admins are invited by a spec.
        ADMIN_EMAILS: "owner@example.org,signin-owner@example.org,other-owner@example.org",
        // Every spec signs in from 127.0.0.1: the per-client cap is tested in lib/, not here.
        RATE_LIMIT_ADMIN_SIGN_IN_PER_IP_PER_HOUR: "1000",
        // Every spec file may sign the same owner in once (e2e/support/admin.ts); the cap itself
        // is tested in lib/signatures/sign.test.ts and lib/admin/sign-in.test.ts.
        RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: "50",
        // Every spec signs from 127.0.0.1: burst detection (ADR 052) is off here, and tested in
        // lib/admin/suspects.test.ts and e2e/suspects.spec.ts (a second app with low thresholds).
        SUSPECT_PER_CLIENT: "0",
        SUSPECT_PER_DOMAIN: "0",
        // Specs compare the dashboard with the database right after signing.
        ADMIN_DASHBOARD_CACHE_SECONDS: "0",
      },
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
