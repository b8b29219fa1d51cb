#!/usr/bin/env node
// `npm run bench:viral-day`: what a viral day asks of one app process on its embedded defaults,
// measured beside a bare Next.js app built from this project's own node_modules in a temporary
// folder, in the same run, alternately, over several rounds (the median is reported).
//
//   baseline (bare Next.js, same node_modules)        app (this project's production build)
//   a prerendered static page of the same size   vs   the campaign page, with and without link
//                                                     parameters, and a partner's embed
//   a JSON route handler                          vs   the count API
//   a route doing one raw better-sqlite3 insert   vs   the sign POST (the no-JavaScript form)
//   (WAL, synchronous=FULL, a fresh file)              and the confirm POST (the email's button)
//
// Then the whole flow with the mail dispatcher on and a real SMTP server on loopback: sign, the
// email arrives, confirm. It reports complete signatures per second, the server's peak RSS and the
// page's JavaScript beside the 404 page's. Loader: autocannon in this process (same machine).
//
//   --rounds N      rounds of every path (default 3)      --seconds S   per run (default 8)
//   --connections C (default 50)                          --flow-seconds S (default 20)
//   --port P        app port (baseline P+1, flow app P+2, SMTP P+3; default 3190)
//   --paths-only / --flow-only   one of the two parts
//   --keep          keep the temporary folder
//   --postgres      the app on PostgreSQL as deployed for a surge: 2 app processes (the load spread
//                   over both, as a reverse proxy would, X-Forwarded-Host set) and 1 worker sending
//                   the mail to a real SMTP server, on one throwaway PostgreSQL server (--pg-port,
//                   default 5680); the baseline's insert route writes to the same server through pg.
// Prints a table; asserts nothing.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";
import pg from "pg";
import { startPostgres } from "../scripts/postgres-server.mjs";

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const ROUNDS = Number(arg("--rounds", 3));
const SECONDS = Number(arg("--seconds", 8));
const FLOW_SECONDS = Number(arg("--flow-seconds", 20));
const CONNECTIONS = Number(arg("--connections", 50));
const PORT = Number(arg("--port", 3190));
const BASE_PORT = PORT + 1;
const FLOW_PORT = PORT + 2;
const SMTP_PORT = PORT + 3;
const POSTGRES = process.argv.includes("--postgres");
const PG_PORT = Number(arg("--pg-port", 5680));
// With --postgres: a second app process beside each app, and a worker.
const APP2 = `http://127.0.0.1:${PORT + 10}`;
const FLOW2 = `http://127.0.0.1:${FLOW_PORT + 10}`;
let pgServer = null;
const APP = `http://127.0.0.1:${PORT}`;
const BASE = `http://127.0.0.1:${BASE_PORT}`;
const FLOW = `http://127.0.0.1:${FLOW_PORT}`;
const SLUG = "guterres-xinjiang";
const PARTNER = "amnesty-international";
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "viral-day-"));
const children = [];

const log = (...args) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

function stopAll() {
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
  }
}
process.on("exit", stopAll);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

function start(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  children.push(child);
  return { child, output: () => output };
}

async function waitFor(url, server, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output().slice(-3000)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer:\n${server.output().slice(-3000)}`);
}

/** The pid of the process listening on a port (the Next.js server, whatever started it). */
function listenerPid(port) {
  const out = spawnSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" }).stdout;
  return Number(out.match(/pid=(\d+)/)?.[1] ?? 0);
}

/** CPU seconds a process (or several) has used so far (user + system). */
function cpuSeconds(pid) {
  if (Array.isArray(pid)) return pid.reduce((sum, p) => sum + cpuSeconds(p), 0);
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function peakRssMb(pid) {
  if (Array.isArray(pid)) return pid.map((p) => peakRssMb(p)).join(" + ");
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Math.round(Number(status.match(/VmHWM:\s+(\d+)/)[1]) / 1024);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// The bare baseline, built from this project's node_modules in the temporary folder
// ---------------------------------------------------------------------------

// The baseline's insert on PostgreSQL: one parameterised INSERT through a pg.Pool per request,
// synchronous_commit on (the default: the commit waits for the WAL flush).
const BASELINE_PG_INSERT = `import pg from "pg";
export const dynamic = "force-dynamic";
const g = globalThis as unknown as { pool?: pg.Pool; ready?: Promise<unknown> };
function pool() {
  if (!g.pool) {
    g.pool = new pg.Pool({ connectionString: process.env.BASELINE_PG, max: 10 });
    g.ready = g.pool.query("CREATE TABLE IF NOT EXISTS signature (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, country TEXT NOT NULL, created TIMESTAMP(3) NOT NULL)");
  }
  return g.pool;
}
export async function POST(request: Request) {
  const form = await request.formData();
  const p = pool();
  await g.ready;
  await p.query("INSERT INTO signature (name, email, country, created) VALUES ($1, $2, $3, $4)", [String(form.get("fullName")), String(form.get("email")), String(form.get("country")), new Date().toISOString()]);
  return new Response(null, { status: 303, headers: { Location: "/" } });
}
`;

function writeBaseline(baseDir, campaignMarkup) {
  const files = {
    "package.json": JSON.stringify({ name: "viral-day-baseline", private: true, type: "module" }),
    "next.config.mjs": `export default { serverExternalPackages: ["better-sqlite3", "pg"], poweredByHeader: false };\n`,
    "tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", lib: ["dom", "esnext"], skipLibCheck: true, strict: false, noEmit: true, module: "esnext", moduleResolution: "bundler", jsx: "react-jsx", isolatedModules: true, esModuleInterop: true, plugins: [{ name: "next" }] },
      include: ["**/*.ts", "**/*.tsx"],
      exclude: ["node_modules"],
    }),
    "app/layout.tsx": `export default function Layout({ children }: { children: React.ReactNode }) { return <html lang="en"><body>{children}</body></html>; }\n`,
    // A prerendered page carrying the campaign page's own markup (so the same text, with its
    // accented letters, in the HTML and again in its RSC payload): the ratio measures the cache,
    // not what the page says.
    "app/page.tsx": `const markup = ${JSON.stringify(campaignMarkup)};
export default function Page() { return <div dangerouslySetInnerHTML={{ __html: markup }} />; }\n`,
    "app/api/json/route.ts": `export const dynamic = "force-dynamic";
export function GET() { return Response.json({ slug: "baseline", title: "Baseline", status: "open", signatureCount: 1234, goal: 10000 }); }\n`,
    "app/api/insert/route.ts": POSTGRES ? BASELINE_PG_INSERT : `import Database from "better-sqlite3";
export const dynamic = "force-dynamic";
const g = globalThis as unknown as { insert?: Database.Statement };
function statement() {
  if (!g.insert) {
    const db = new Database(process.env.BASELINE_DB!);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.exec("CREATE TABLE IF NOT EXISTS signature (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, country TEXT NOT NULL, created TEXT NOT NULL)");
    g.insert = db.prepare("INSERT INTO signature (name, email, country, created) VALUES (?, ?, ?, ?)");
  }
  return g.insert;
}
export async function POST(request: Request) {
  const form = await request.formData();
  statement().run(String(form.get("fullName")), String(form.get("email")), String(form.get("country")), new Date().toISOString());
  return new Response(null, { status: 303, headers: { Location: "/" } });
}\n`,
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(baseDir, file)), { recursive: true });
    fs.writeFileSync(path.join(baseDir, file), text);
  }
  // Turbopack compiles nothing outside the project folder, so node_modules cannot be a symlink:
  // hard links cost no space; a copy where they are not possible.
  if (!fs.existsSync(path.join(baseDir, "node_modules"))) {
    const linked = spawnSync("cp", ["-al", path.join(root, "node_modules"), path.join(baseDir, "node_modules")]);
    if (linked.status !== 0) fs.cpSync(path.join(root, "node_modules"), path.join(baseDir, "node_modules"), { recursive: true });
  }
}

function build(cwd, label) {
  log(`building ${label}…`);
  // Its own copy of Next.js, so that the build and the pages resolve one React.
  const result = spawnSync(process.execPath, [path.join(cwd, "node_modules/next/dist/bin/next"), "build"], { cwd, encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`${label} build failed:\n${result.stdout}\n${result.stderr}`);
}

// ---------------------------------------------------------------------------
// Forms as a browser without JavaScript posts them
// ---------------------------------------------------------------------------

async function hiddenFields(url) {
  const html = await (await fetch(url)).text();
  const form = html.match(/<form[^>]*method="POST"[^>]*>([\s\S]*?)<\/form>/)?.[1];
  if (!form) throw new Error(`no form at ${url}`);
  const fields = [];
  for (const [, name, value = ""] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    fields.push([name, value.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&")]);
  }
  return fields;
}

/** Where the page's POST form posts, as a browser resolves its `action` (the sign form's is /c/<slug>/sign). */
async function formAction(url) {
  const html = await (await fetch(url)).text();
  const attributes = html.match(/<form([^>]*method="POST"[^>]*)>/)?.[1];
  if (attributes === undefined) throw new Error(`no form at ${url}`);
  const action = attributes.match(/\saction="([^"]*)"/)?.[1]?.replaceAll("&amp;", "&") ?? "";
  return new URL(action, url).pathname;
}

const BOUNDARY = "----viralday7";
const multipart = (fields) => fields.map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${BOUNDARY}--\r\n`;
// X-Forwarded-Host as a reverse proxy sets it: the public host, whichever app process answers.
const FORM_HEADERS = (origin) => ({ "content-type": `multipart/form-data; boundary=${BOUNDARY}`, origin, "x-forwarded-host": new URL(origin).host });

let signer = 0;
const signerFields = () => {
  signer += 1;
  return [
    ["fullName", `Bench Signer ${signer}`],
    ["email", `bench.${signer}.${process.pid}@example.org`],
    ["country", "FR"],
  ];
};

// ---------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------

function load(url, options = {}) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function summary(result) {
  const ok = result["2xx"] + result["3xx"];
  return {
    rps: ok / (result.duration || SECONDS),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    bad: result.non2xx - result["3xx"],
    ok,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ---------------------------------------------------------------------------
// JavaScript weight: what the campaign page loads beside Next's floor (the 404 page)
// ---------------------------------------------------------------------------

async function pageScripts(url) {
  const html = await (await fetch(url)).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let gzip = 0;
  for (const src of srcs) gzip += zlib.gzipSync(Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer())).length;
  const inline = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("");
  return { files: srcs.length, gzipKb: gzip / 1024, inlineGzipKb: zlib.gzipSync(inline).length / 1024 };
}

// ---------------------------------------------------------------------------
// The whole flow: sign, the email arrives at a real SMTP server, confirm
// ---------------------------------------------------------------------------

/** A real SMTP server on loopback; `onMail` can be replaced while it runs. */
async function smtpCatcher() {
  const catcher = { received: 0, onMail: () => {}, server: null };
  catcher.server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on("data", (c) => chunks.push(c));
      stream.on("end", () => {
        catcher.received++;
        catcher.onMail(session.envelope.rcptTo.map((r) => r.address.toLowerCase()), Buffer.concat(chunks).toString("utf8"));
        callback();
      });
    },
  });
  await new Promise((resolve) => catcher.server.listen(SMTP_PORT, "127.0.0.1", resolve));
  return catcher;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function post(url, body, headers) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode));
    });
    request.on("error", reject);
    request.end(body);
  });
}

async function wholeFlow(signPath, signFields, confirmFields, catcher, urls) {
  const waiting = new Map();
  const mails = new Map();
  catcher.onMail = (recipients, raw) => {
    const token = raw.replace(/=\r?\n/g, "").match(/\/confirm\/([A-Za-z0-9_-]{43})/)?.[1];
    for (const to of recipients) {
      if (waiting.has(to)) {
        waiting.get(to)(token);
        waiting.delete(to);
      } else mails.set(to, token);
    }
  };
  const mailFor = (email) => (mails.has(email) ? Promise.resolve(mails.get(email)) : new Promise((resolve) => waiting.set(email, resolve)));
  const deadline = Date.now() + FLOW_SECONDS * 1000;
  let complete = 0;
  let failures = 0;
  const latencies = [];
  const stages = { sign: [], mail: [], confirm: [] };
  async function supporter(_, n) {
    const target = urls[n % urls.length];
    while (Date.now() < deadline) {
      const started = Date.now();
      const fields = signerFields();
      const email = fields[1][1];
      try {
        const signed = await post(`${target}${signPath}`, multipart([...signFields, ...fields]), FORM_HEADERS(FLOW));
        if (signed !== 303) throw new Error(`sign answered ${signed}`);
        const afterSign = Date.now();
        const token = await Promise.race([mailFor(email), new Promise((r) => setTimeout(() => r(null), 60_000))]);
        if (!token) throw new Error("no email within a minute");
        const afterMail = Date.now();
        const withToken = confirmFields.map(([name, value]) => [name, name === "token" ? token : value]);
        const confirmed = await post(`${target}/confirm/${token}`, multipart(withToken), FORM_HEADERS(FLOW));
        if (confirmed !== 303) throw new Error(`confirm answered ${confirmed}`);
        if (Date.now() <= deadline) {
          complete++;
          latencies.push(Date.now() - started);
          stages.sign.push(afterSign - started);
          stages.mail.push(afterMail - afterSign);
          stages.confirm.push(Date.now() - afterMail);
        }
      } catch (error) {
        failures++;
        if (failures < 5) log("flow:", error.message);
      }
    }
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, supporter));
  latencies.sort((a, b) => a - b);
  const stageMedians = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, median(v)]));
  return { perSecond: complete / FLOW_SECONDS, complete, failures, received: catcher.received, p50: median(latencies), p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, stages: stageMedians };
}

// ---------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------

function appEnv(port, db, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: db.startsWith("postgres") ? db : `file:${db}`,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    OUTBOX_DIR: path.join(dir, `outbox-${port}`),
    // One loader on one address stands for many supporters here.
    RATE_LIMIT_SIGN_PER_IP_PER_MINUTE: "100000000",
    // One client on loopback signs everything: burst detection (ADR 052) would hold it as suspect.
    SUSPECT_PER_CLIENT: "0",
    SUSPECT_PER_DOMAIN: "0",
    RATE_LIMIT_CONFIRM_PER_IP_PER_MINUTE: "100000000",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

/**
 * The app under test: one process (SQLite), or on PostgreSQL two app processes and a worker that
 * sends the mail to `smtpPort`. Returns the URLs to load (spread over the processes) and the pids
 * whose CPU and memory count.
 */
async function startApp(url, url2, db, extra, smtpPort) {
  const port = Number(new URL(url).port);
  const first = start(process.execPath, ["scripts/start.mjs"], { cwd: root, env: appEnv(port, db, { ...extra, ...(POSTGRES ? { OUTBOX_DISPATCHER: "off" } : {}) }) });
  await waitFor(`${url}/api/health`, first);
  if (!POSTGRES) return { urls: [url], pids: [listenerPid(port)] };
  const port2 = Number(new URL(url2).port);
  const second = start(process.execPath, ["scripts/server.mjs", "-p", String(port2)], {
    cwd: root,
    env: appEnv(port2, db, { ...extra, APP_URL: url, OUTBOX_DISPATCHER: "off" }),
  });
  await waitFor(`${url2}/api/health`, second);
  const worker = start(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: appEnv(port, db, { ...extra, OUTBOX_DISPATCHER: "inline", SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, OUTBOX_POLL_MS: "250" }),
  });
  return { urls: [url, url2], pids: [listenerPid(port), listenerPid(port2), worker.child.pid] };
}

/** Each path beside its baseline, alternately, round after round. */
async function measurePaths() {
  const appDb = POSTGRES ? pgServer.url : path.join(dir, "app.db");
  // On PostgreSQL the worker sends the confirmation emails here; their links feed the confirm path.
  const catcher = POSTGRES ? await smtpCatcher() : null;
  const mailedTokens = [];
  if (catcher) catcher.onMail = (_to, raw) => mailedTokens.push(raw.replace(/=\r?\n/g, "").match(/\/confirm\/([A-Za-z0-9_-]{43})/)?.[1]);
  const started = await startApp(APP, APP2, appDb, {}, SMTP_PORT);
  const appPid = started.pids;
  const APPS = started.urls;
  const campaignHtml = await (await fetch(`${APP}/`)).text();
  const campaignBytes = Buffer.byteLength(campaignHtml);

  // The baseline, its static page made of the campaign page's body without its scripts.
  const baseDir = path.join(dir, "baseline");
  const markup = campaignHtml.match(/<body[^>]*>([\s\S]*)<\/body>/)[1].replace(/<script[\s\S]*?<\/script>/g, "");
  writeBaseline(baseDir, markup);
  build(baseDir, "the bare baseline");
  const baseline = start(process.execPath, [path.join(baseDir, "node_modules/next/dist/bin/next"), "start", "-p", String(BASE_PORT)], {
    cwd: baseDir,
    env: { ...process.env, BASELINE_DB: path.join(dir, "baseline.db"), BASELINE_PG: POSTGRES ? pgServer.database("baseline") : "", NEXT_TELEMETRY_DISABLED: "1" },
  });
  await waitFor(`${BASE}/api/json`, baseline);
  const basePid = listenerPid(BASE_PORT);
  const staticBytes = (await (await fetch(`${BASE}/`)).arrayBuffer()).byteLength;
  log(`campaign page ${campaignBytes} bytes, baseline static page ${staticBytes} bytes`);

  const signForm = await hiddenFields(`${APP}/`);
  const signPath = await formAction(`${APP}/`);
  const signBaseline = { url: `${BASE}/api/insert`, requests: [{ method: "POST", headers: FORM_HEADERS(BASE), setupRequest: (r) => ({ ...r, body: multipart(signerFields()) }) }] };
  const signApp = { url: APPS.map((u) => `${u}${signPath}`), requests: [{ method: "POST", headers: FORM_HEADERS(APP), setupRequest: (r) => ({ ...r, body: multipart([...signForm, ...signerFields()]) }) }] };

  // Confirmation tokens of pending signatures: on SQLite read from the queued emails (the
  // dispatcher is off), on PostgreSQL from the emails the worker sent.
  const reader = POSTGRES ? null : new Database(appDb, { readonly: true });
  const usedTokens = new Set();
  const pendingTokens = () =>
    (POSTGRES
      ? mailedTokens
      : reader
          .prepare("SELECT payload FROM OutboxMessage WHERE kind = 'signature.confirm' AND status = 'pending'")
          .all()
          .map((r) => r.payload.match(/\/confirm\/([A-Za-z0-9_-]{43})/)?.[1])
    ).filter((t) => t && !usedTokens.has(t));
  let confirmFields = null;
  async function confirmApp() {
    let tokens = pendingTokens();
    // Enough pending signatures for a run at several times the sign POST's pace.
    while (tokens.length < 900 * SECONDS) {
      await load(signApp.url, { ...signApp, duration: 4 });
      if (POSTGRES) await new Promise((r) => setTimeout(r, 3000)); // the worker's mail catches up
      tokens = pendingTokens();
    }
    confirmFields ??= await hiddenFields(`${APP}/confirm/${tokens[0]}`);
    let next = 0;
    const confirmRequest = (r) => {
      const token = tokens[next++ % tokens.length];
      usedTokens.add(token);
      return { ...r, path: `/confirm/${token}`, body: multipart(confirmFields.map(([n, v]) => [n, n === "token" ? token : v])) };
    };
    return { url: APPS.map((u) => `${u}/`), requests: [{ method: "POST", headers: FORM_HEADERS(APP), setupRequest: confirmRequest }] };
  }

  const paths = [
    { name: "campaign page GET /", base: { url: `${BASE}/` }, app: { url: APPS.map((u) => `${u}/`) } },
    { name: "campaign page GET /?ref=…&utm_source=…", base: { url: `${BASE}/` }, app: { url: APPS.map((u) => `${u}/?ref=k7mq2xw9ab&utm_source=mastodon&utm_medium=social`) } },
    { name: "embed GET /embed/<slug>?partner=<p>", base: { url: `${BASE}/` }, app: { url: APPS.map((u) => `${u}/embed/${SLUG}?partner=${PARTNER}`) } },
    { name: "count API GET /api/v1/campaigns/<slug>", base: { url: `${BASE}/api/json` }, app: { url: APPS.map((u) => `${u}/api/v1/campaigns/${SLUG}`) } },
    { name: "sign POST (the no-JS form)", base: signBaseline, app: signApp },
    { name: "confirm POST (the email's button)", base: signBaseline, app: confirmApp },
  ];

  const results = new Map(paths.map((p) => [p.name, { base: [], app: [], ratio: [] }]));
  // Warm both servers up (JIT, caches) before anything is measured.
  for (const p of paths.slice(0, 5)) {
    await load(p.base.url, { ...p.base, duration: 4 });
    await load(p.app.url, { ...p.app, duration: 4 });
  }
  for (let round = 1; round <= ROUNDS; round++) {
    for (const p of paths) {
      const appOptions = typeof p.app === "function" ? await p.app() : p.app;
      // The two sides of a pair run back to back, the first one alternating: the machine's
      // speed drifts, and the ratio of a pair is what is compared.
      const order = round % 2 ? ["base", "app"] : ["app", "base"];
      const pair = {};
      for (const side of order) {
        const options = side === "base" ? p.base : appOptions;
        const pid = side === "base" ? basePid : appPid;
        const cpuBefore = cpuSeconds(pid);
        pair[side] = summary(await load(options.url, options));
        // The server's CPU time per answered request, all of its threads.
        pair[side].cpuMs = ((cpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, pair[side].ok);
      }
      const r = results.get(p.name);
      r.base.push(pair.base);
      r.app.push(pair.app);
      r.ratio.push(pair.app.rps / pair.base.rps);
      log(`round ${round} ${p.name}: baseline ${Math.round(pair.base.rps)}/s, app ${Math.round(pair.app.rps)}/s (${(pair.app.rps / pair.base.rps).toFixed(2)}×)`);
    }
  }
  reader?.close();
  const counts = await storedCounts(appDb);
  catcher?.server.close();
  const js = { campaign: await pageScripts(`${APP}/`), notFound: await pageScripts(`${APP}/no-such-page-${Date.now()}`) };
  const peak = peakRssMb(appPid);
  stopAll();
  children.length = 0;
  return { paths, results, counts, js, peak, campaignBytes, staticBytes };
}

async function storedCounts(appDb) {
  const sql = {
    stored: `SELECT count(*) AS n FROM "Signature"`,
    queued: `SELECT count(*) AS n FROM "OutboxMessage" WHERE kind = 'signature.confirm'`,
    confirmed: `SELECT count(*) AS n FROM "Signature" WHERE status = 'confirmed'`,
  };
  const counts = {};
  if (POSTGRES) {
    const client = new pg.Client({ connectionString: appDb });
    await client.connect();
    for (const [k, q] of Object.entries(sql)) counts[k] = Number((await client.query(q)).rows[0].n);
    await client.end();
  } else {
    const db = new Database(appDb, { readonly: true });
    for (const [k, q] of Object.entries(sql)) counts[k] = db.prepare(q).get().n;
    db.close();
  }
  return counts;
}

/** The whole flow on a fresh app with the dispatcher on and mail to a real SMTP server. */
async function measureFlow() {
  const catcher = await smtpCatcher();
  const flowDb = POSTGRES ? pgServer.database("flow") : path.join(dir, "flow.db");
  const flowApps = await startApp(FLOW, FLOW2, flowDb, { OUTBOX_DISPATCHER: "inline", SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`, OUTBOX_POLL_MS: "250", RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: "100" }, SMTP_PORT);
  const flowPid = flowApps.pids;
  const flowSign = await hiddenFields(`${FLOW}/`);
  const flowSignPath = await formAction(`${FLOW}/`);
  // The confirmation page's form, from a first signing.
  const firstMail = new Promise((resolve) => (catcher.onMail = (_to, raw) => resolve(raw)));
  await post(`${FLOW}${flowSignPath}`, multipart([...flowSign, ...signerFields()]), FORM_HEADERS(FLOW));
  const probeToken = (await firstMail).replace(/=\r?\n/g, "").match(/\/confirm\/([A-Za-z0-9_-]{43})/)[1];
  const flowConfirm = await hiddenFields(`${FLOW}/confirm/${probeToken}`);
  log("whole flow…");
  const [serverCpu, benchCpu] = [cpuSeconds(flowPid), process.cpuUsage()];
  const flow = await wholeFlow(flowSignPath, flowSign, flowConfirm, catcher, flowApps.urls);
  flow.serverCpu = (cpuSeconds(flowPid) - serverCpu) / FLOW_SECONDS;
  const used = process.cpuUsage(benchCpu);
  flow.loaderCpu = (used.user + used.system) / 1e6 / FLOW_SECONDS;
  catcher.server.close();
  flow.peak = peakRssMb(flowPid);
  stopAll();
  children.length = 0;
  return flow;
}

try {
  const cores = os.cpus().length;
  if (POSTGRES) {
    pgServer = await startPostgres({ port: PG_PORT });
    log(`PostgreSQL at ${pgServer.url}`);
  }
  if (!process.argv.includes("--flow-only")) {
    const m = await measurePaths();
    const rows = m.paths.map((p) => {
      const r = m.results.get(p.name);
      return {
        path: p.name,
        "baseline req/s": Math.round(median(r.base.map((x) => x.rps))),
        "app req/s": Math.round(median(r.app.map((x) => x.rps))),
        ratio: `${median(r.ratio).toFixed(2)}×`,
        "app p50 ms": median(r.app.map((x) => x.p50)),
        "app p99 ms": median(r.app.map((x) => x.p99)),
        "app errors": r.app.reduce((s, x) => s + x.errors + x.bad, 0),
        "CPU ms/req base": median(r.base.map((x) => x.cpuMs)).toFixed(2),
        "CPU ms/req app": median(r.app.map((x) => x.cpuMs)).toFixed(2),
      };
    });
    console.log(
      `\nViral day, ${cores} cores, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s per path and side, loader on the same machine.` +
        `\nMedians over the rounds; the ratio is the median of each round's app/baseline pair.` +
        `\nBaseline: bare Next.js built from this project's node_modules; its static page carries the campaign page's markup: ${Math.round(m.staticBytes / 1024)} KB (the campaign page ${Math.round(m.campaignBytes / 1024)} KB);` +
        (POSTGRES
          ? `\nits insert route: one INSERT per request through a pg.Pool to the same PostgreSQL server (synchronous_commit on). The app: 2 app processes (load spread over both) and 1 worker (mail to a real SMTP server) on one PostgreSQL; CPU and RSS are of all three.\n`
          : `\nits insert route: one raw better-sqlite3 INSERT per request, WAL, synchronous=FULL. The app: SQLite, WAL, synchronous=FULL, group commit.\n`),
    );
    console.table(rows);
    console.log(`Signing stored ${m.counts.stored} signatures and queued ${m.counts.queued} confirmation emails; the confirm POSTs confirmed ${m.counts.confirmed}.`);
    if (m.counts.queued !== m.counts.stored) console.log("MISMATCH: every stored signature should have one queued confirmation email.");
    console.log(`Peak RSS of the app server under the path loads: ${m.peak} MB.`);
    console.log(
      `JavaScript files (gzip): the campaign page ${m.js.campaign.files} files, ${m.js.campaign.gzipKb.toFixed(1)} KB; the 404 page ${m.js.notFound.files} files, ${m.js.notFound.gzipKb.toFixed(1)} KB: ` +
        `${(m.js.campaign.gzipKb - m.js.notFound.gzipKb).toFixed(1)} KB above Next's floor (inline script data ${m.js.campaign.inlineGzipKb.toFixed(1)} KB vs ${m.js.notFound.inlineGzipKb.toFixed(1)} KB).`,
    );
  }
  if (!process.argv.includes("--paths-only")) {
    const flow = await measureFlow();
    console.log(
      `Whole flow (sign → email at a real SMTP server on loopback → confirm), ${CONNECTIONS} supporters, ${FLOW_SECONDS} s: ` +
        `${flow.perSecond.toFixed(1)} complete signatures/s (${flow.complete} complete, ${flow.failures} failed, ${flow.received} emails received; per signature p50 ${flow.p50} ms, p99 ${flow.p99} ms; ` +
        `median sign ${flow.stages.sign} ms, email ${flow.stages.mail} ms, confirm ${flow.stages.confirm} ms). Peak RSS ${flow.peak} MB. ` +
        `CPU: the app server ${(100 * flow.serverCpu).toFixed(0)}% of a core, the loader with the SMTP server ${(100 * flow.loaderCpu).toFixed(0)}%.`,
    );
  }
} finally {
  stopAll();
  await pgServer?.stop();
  if (!process.argv.includes("--keep")) fs.rmSync(dir, { recursive: true, force: true });
  else log(`kept ${dir}`);
}
