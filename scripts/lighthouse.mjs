#!/usr/bin/env node
// `npm run lighthouse`: Lighthouse (the npm package, mobile preset) on the campaign page in
// English, Arabic and Chinese, run against the production build on a fresh SQLite file, with
// Debian's Chromium. Prints a table of the four category scores per page; asserts nothing.
//
//   npm run lighthouse                      the campaign page: /, /ar and /zh-Hans
//   npm run lighthouse -- /c/<slug> /embed/<slug>   other paths
//   CHROME_PATH=/usr/bin/chromium (default)  --port P (default 3180)
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const args = process.argv.slice(2);
const port = Number(args.includes("--port") ? args[args.indexOf("--port") + 1] : 3180);
const paths = args.filter((a, i) => a.startsWith("/") && args[i - 1] !== "--port");
if (paths.length === 0) paths.push("/", "/ar", "/zh-Hans");
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lighthouse-"));
const base = `http://127.0.0.1:${port}`;

const app = spawn(process.execPath, ["scripts/start.mjs"], {
  cwd: root,
  detached: true,
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "app.db")}`, PORT: String(port), APP_URL: base, OUTBOX_DISPATCHER: "off", OUTBOX_DIR: path.join(dir, "outbox"), NEXT_TELEMETRY_DISABLED: "1" },
});
let log = "";
app.stdout.on("data", (d) => (log += d));
app.stderr.on("data", (d) => (log += d));
const stop = () => {
  try {
    process.kill(-app.pid, "SIGTERM");
  } catch {}
};
process.on("exit", stop);

let chrome;
try {
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`the app exited:\n${log}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`the app did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const rows = [];
  for (const p of paths) {
    // The first view renders the page into the cache; Lighthouse measures what visitors then get.
    await fetch(`${base}${p}`);
    const result = await lighthouse(`${base}${p}`, { port: chrome.port, output: "json", logLevel: "error", formFactor: "mobile", screenEmulation: { mobile: true } });
    const c = result.lhr.categories;
    const score = (k) => Math.round((c[k]?.score ?? 0) * 100);
    if (process.env.LIGHTHOUSE_DETAILS) {
      for (const id of ["bootup-time", "mainthread-work-breakdown", "long-tasks", "dom-size"]) {
        const audit = result.lhr.audits[id];
        console.log(id, audit.displayValue ?? "", JSON.stringify((audit.details?.items ?? []).slice(0, 6)).slice(0, 900));
      }
    }
    rows.push({
      page: p,
      Performance: score("performance"),
      Accessibility: score("accessibility"),
      "Best Practices": score("best-practices"),
      SEO: score("seo"),
      LCP: result.lhr.audits["largest-contentful-paint"].displayValue,
      TBT: result.lhr.audits["total-blocking-time"].displayValue,
    });
  }
  console.log(`\nLighthouse ${lighthouse.version ?? ""} (mobile preset, simulated throttling), Chromium at ${process.env.CHROME_PATH ?? "/usr/bin/chromium"}:\n`);
  console.table(rows);
} finally {
  await chrome?.kill();
  stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
