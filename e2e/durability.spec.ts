import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { dialect, sqlAt } from "./support/db";
import { formOf } from "./support/form-post";

// An acknowledged signature survives the server dying. A second app (npm start's
// scripts/start.mjs, its own database of the run's kind: a SQLite file, or a new database on the
// run's PostgreSQL server) takes a signing load through the no-JavaScript form; in the middle the
// whole process group of the app gets SIGKILL (the PostgreSQL server lives on, as a database
// server does when the app dies). Every signing that got its 303 must be in the database after a
// restart, once, with its confirmation email queued.

const PORT = Number(process.env.E2E_DURABILITY_PORT ?? 3106);
const BASE = `http://127.0.0.1:${PORT}`;
const ROOT = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "durability-"));
let databaseUrl = `file:${path.join(dir, "app.db")}`;

test.beforeAll(async () => {
  if (dialect() !== "postgres") return;
  const server = process.env.E2E_POSTGRES_URL;
  if (!server) throw new Error("E2E_POSTGRES_URL is not set (see playwright.config.ts)");
  const name = `durability_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
});

function startApp(): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(PORT),
    APP_URL: BASE,
    OUTBOX_DISPATCHER: "off",
    OUTBOX_DIR: path.join(dir, "outbox"),
    RATE_LIMIT_SIGN_PER_IP_PER_MINUTE: "1000000",
    // All signing comes from loopback: burst detection (ADR 052) would hold it as suspect.
    SUSPECT_PER_CLIENT: "0",
    SUSPECT_PER_DOMAIN: "0",
  };
  delete env.SMTP_URL;
  return spawn(process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env, stdio: "ignore", detached: true });
}

async function healthy(app: ChildProcess): Promise<void> {
  await expect
    .poll(
      async () => {
        if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode}`);
        return fetch(`${BASE}/api/health`).then((r) => r.status, () => 0);
      },
      { timeout: 120_000 },
    )
    .toBe(200);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 30 });

/** One no-JavaScript sign POST; resolves with the status, or null when the connection died. */
function sign(action: string, fields: [string, string][], email: string): Promise<number | null> {
  const boundary = "----durability";
  const body =
    [...fields, ["fullName", "Durable Signer"], ["email", email], ["country", "FR"]]
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${boundary}--\r\n`;
  return new Promise((resolve) => {
    const request = http.request(action, {
      method: "POST",
      agent,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, origin: BASE, "content-length": Buffer.byteLength(body) },
    });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? null);
    });
    request.on("error", () => resolve(null));
    request.end(body);
  });
}

test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("SIGKILL during a signing load loses no acknowledged signature", async () => {
  test.setTimeout(300_000);
  let app = startApp();
  await healthy(app);
  // The form as a browser without JavaScript posts it: to its action, /c/<slug>/sign.
  const { action, fields } = await formOf(`${BASE}/`);
  expect(new URL(action).pathname).toMatch(/^\/c\/[a-z0-9-]+\/sign$/);

  const acknowledged: string[] = [];
  let sent = 0;
  let killed = false;
  const workers = Array.from({ length: 30 }, async (_, w) => {
    for (let i = 0; !killed; i++) {
      const email = `durable.${w}.${i}@example.org`;
      sent++;
      const status = await sign(action, fields, email);
      if (status === 303) acknowledged.push(email);
      if (status === null) return;
    }
  });
  // Let the load run, then kill everything at once: no shutdown, no flush.
  await expect.poll(() => acknowledged.length, { timeout: 60_000 }).toBeGreaterThan(300);
  killed = true;
  process.kill(-app.pid!, "SIGKILL");
  await Promise.all(workers);
  agent.destroy();
  expect(acknowledged.length).toBeGreaterThan(300);
  expect(sent).toBeGreaterThan(acknowledged.length);

  app = startApp();
  await healthy(app);
  try {
    const stored = await sqlAt<{ email: string }>(databaseUrl, `SELECT email FROM "Signature" WHERE email LIKE 'durable.%'`);
    const storedSet = new Set(stored.map((r) => r.email));
    expect(storedSet.size).toBe(stored.length);
    const lost = acknowledged.filter((email) => !storedSet.has(email));
    expect(lost).toEqual([]);
    const mails = await sqlAt<{ toAddress: string; n: number }>(
      databaseUrl,
      `SELECT "toAddress", count(*) AS n FROM "OutboxMessage" WHERE "toAddress" LIKE 'durable.%' GROUP BY "toAddress"`,
    );
    const mailed = new Map(mails.map((m) => [m.toAddress, m.n]));
    expect(acknowledged.filter((email) => mailed.get(email) !== 1)).toEqual([]);
  } finally {
    process.kill(-app.pid!, "SIGTERM");
  }
});
