#!/usr/bin/env node
// `npm run bench:viral-day`: what a viral day asks of one app process on its embedded defaults.
// Starts the production build on a fresh SQLite file, then loads it from this process with
// autocannon (loopback only, bounded in time): the campaign page, the count API, and signing
// through the same no-JavaScript form POST a browser sends. Prints a table; asserts nothing.
// Mail dispatch is switched off here (at scale it runs in a worker); signing still queues the mail.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";

const PORT = Number(process.argv.includes("--port") ? process.argv[process.argv.indexOf("--port") + 1] : 3190);
const SECONDS = Number(process.argv.includes("--seconds") ? process.argv[process.argv.indexOf("--seconds") + 1] : 10);
const CONNECTIONS = 50;
const BASE = `http://127.0.0.1:${PORT}`;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "viral-day-"));
const dbFile = path.join(dir, "bench.db");

function startApp() {
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: `file:${dbFile}`,
      PORT: String(PORT),
      APP_URL: BASE,
      OUTBOX_DISPATCHER: "off",
      OUTBOX_DIR: path.join(dir, "outbox"),
      // One loader on one address stands for many supporters here.
      RATE_LIMIT_SIGN_PER_IP_PER_MINUTE: "100000000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  return { child, log: () => log };
}

async function waitForHealth(timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the app did not become healthy");
}

/** The hidden fields of the sign form, as a browser without JavaScript would post them. */
async function signFormFields() {
  const html = await (await fetch(`${BASE}/`)).text();
  const form = html.match(/<form[^>]*method="POST"[^>]*>([\s\S]*?)<\/form>/)?.[1];
  if (!form) throw new Error("no sign form on the page");
  const fields = [];
  for (const [, name, value = ""] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    fields.push([name, value.replaceAll("&quot;", '"').replaceAll("&amp;", "&")]);
  }
  return fields;
}

function multipart(fields, boundary) {
  return (
    fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
    `--${boundary}--\r\n`
  );
}

function run(title, options) {
  return new Promise((resolve, reject) => {
    autocannon({ url: BASE, connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) => {
      if (error) reject(error);
      else resolve({ title, result });
    });
  });
}

function row({ title, result }) {
  const ok = result["2xx"] + result["3xx"];
  return {
    scenario: title,
    "req/s": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p97.5 ms": result.latency.p97_5,
    "p99 ms": result.latency.p99,
    ok,
    "non-2xx/3xx": result.non2xx - result["3xx"],
    errors: result.errors + result.timeouts,
  };
}

const app = startApp();
try {
  await waitForHealth();
  const results = [];
  results.push(await run("GET / (campaign page)", { requests: [{ method: "GET", path: "/" }] }));
  results.push(await run("GET /api/v1/campaigns/<slug>", { requests: [{ method: "GET", path: "/api/v1/campaigns/guterres-xinjiang" }] }));

  const hidden = await signFormFields();
  const boundary = "----viralday";
  let n = 0;
  results.push(
    await run("POST sign (no-JS form)", {
      requests: [
        {
          method: "POST",
          path: "/",
          headers: { "content-type": `multipart/form-data; boundary=${boundary}`, origin: BASE },
          setupRequest: (request) => {
            n += 1;
            const fields = [...hidden, ["fullName", `Bench Signer ${n}`], ["email", `bench.${n}.${Date.now()}@example.org`], ["country", "FR"]];
            return { ...request, body: multipart(fields, boundary) };
          },
        },
      ],
    }),
  );

  const db = new Database(dbFile, { readonly: true });
  const stored = db.prepare("SELECT count(*) AS n FROM Signature").get().n;
  const queued = db.prepare("SELECT count(*) AS n FROM OutboxMessage").get().n;
  db.close();

  console.log(`\nOne app process, ${CONNECTIONS} connections, ${SECONDS} s per scenario, loader on the same ${os.cpus().length}-core machine.\n`);
  console.table(results.map(row));
  const signOk = row(results[2]).ok;
  console.log(`Signing: ${signOk} redirects answered, ${stored} pending signatures and ${queued} queued emails stored.`);
  // Requests still in flight when the run stopped may have been stored without an answer counted.
  if (stored < signOk || stored > signOk + CONNECTIONS || queued !== stored) {
    console.log("MISMATCH: every accepted signature should be stored once, with one queued email.");
  }
} finally {
  app.child.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}
