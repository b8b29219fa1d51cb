// Export benchmark (`npm run bench:export`): seeds confirmed signatures into a throwaway SQLite
// file with the app's schema, then exports them to CSV through the app's export path (in a child
// process, so that its peak RSS is its own) beside SQLite's own CSV dump of the same columns
// (`sqlite3 -csv`), at 100,000 and 1,000,000 rows, three alternating runs each. Prints a table.
// Wall time and peak RSS are measured by /usr/bin/time around each process, start-up included.
//
//   npm run bench:export                  100k and 1M rows
//   npm run bench:export -- 10000 50000   other sizes (ascending)
//   BENCH_KEEP=1                          keep the temporary folder (prints its path)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const ROOT = path.resolve(import.meta.dirname, "..");
const SIZES = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
const sizes = SIZES.length > 0 ? SIZES.sort((a, b) => a - b) : [100_000, 1_000_000];
const TIME = "/usr/bin/time";
const SQLITE = "/usr/bin/sqlite3";
const RUNS = 3;

function median<T extends { wallS: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.wallS - b.wallS)[Math.floor(runs.length / 2)];
}

for (const tool of [TIME, SQLITE]) {
  if (!fs.existsSync(tool)) {
    console.error(`bench:export needs ${tool} (apt-get install -y ${path.basename(tool) === "time" ? "time" : "sqlite3"})`);
    process.exit(1);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-export-"));
const file = path.join(dir, "bench.db");

function createSchema(): void {
  const sqlite = new Database(file);
  const migrations = path.join(ROOT, "prisma/migrations");
  for (const name of fs.readdirSync(migrations).sort()) {
    const sql = path.join(migrations, name, "migration.sql");
    if (fs.existsSync(sql)) sqlite.exec(fs.readFileSync(sql, "utf8"));
  }
  const now = new Date().toISOString().replace("Z", "+00:00");
  sqlite
    .prepare(
      `INSERT INTO Campaign (id, slug, status, goal, title, summary, target, callToAction, demandsIntro, demands, context, letterBody, createdAt, updatedAt)
       VALUES ('bench', 'bench-campaign', 'open', 1000000, 'Bench', 's', 't', 'c', 'd', '[]', '[]', 'l', ?, ?)`,
    )
    .run(now, now);
  const partner = sqlite.prepare("INSERT INTO Partner (id, slug, name, shortName, url, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'https://example.org', ?, ?)");
  for (const slug of ["amnesty-international", "human-rights-watch", "world-uyghur-congress"]) partner.run(`p-${slug}`, slug, slug, slug, now, now);
  sqlite.close();
}

const FIRST = ["Aylin", "Bora", "Chen", "Dilnur", "Emma", "Farid", "Gulnar", "Hiroshi", "Ines", "José", "Kerem", "Léa", "Mehmet", "Nadia", "Olga"];
const LAST = ["Kadir", "Tash", "Wei", "Abdulla", "Müller", "O'Brien", "Smith, Jr.", "Nakamura", "García", "Dupont", "Ivanova", "Rahman"];
const COUNTRIES = ["FR", "DE", "GB", "US", "TR", "NL", "SE", "JP", "CA", "AU", "ES", "IT"];
const SOURCES = ["direct", "direct", "direct", "referral", "utm", "embed"];

/** Adds signatures until the campaign has `total` confirmed ones (ids and times stay in one order). */
function seedTo(from: number, total: number): void {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  const signature = sqlite.prepare(
    `INSERT INTO Signature (id, campaignId, fullName, email, emailNormalized, country, comment, locale, status, confirmedAt, createdAt, updatedAt, source, optInCampaign)
     VALUES (?, 'bench', ?, ?, ?, ?, ?, 'en', 'confirmed', ?, ?, ?, ?, ?)`,
  );
  const consent = sqlite.prepare("INSERT INTO Consent (id, signatureId, scope, wording, locale, givenAt) VALUES (?, ?, ?, 'I agree', 'en', ?)");
  const start = Date.UTC(2026, 9, 1);
  sqlite.transaction(() => {
    for (let i = from; i < total; i++) {
      const id = `s${i.toString(36).padStart(8, "0")}`;
      // several signatures per second share a timestamp, as at a busy moment
      const at = new Date(start + Math.floor(i / 3) * 1000).toISOString().replace("Z", "+00:00");
      const name = i % 997 === 0 ? `=HYPERLINK("x${i}")` : `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`;
      const email = `supporter${i}@example.org`;
      const campaignConsent = i % 2 === 0;
      signature.run(id, name, email, email, COUNTRIES[i % COUNTRIES.length], i % 10 === 0 ? "Free them, now." : null, at, at, at, SOURCES[i % SOURCES.length], campaignConsent ? 1 : 0);
      if (campaignConsent) consent.run(`c${id}`, id, "campaign", at);
      if (i % 3 === 0) consent.run(`a${id}`, id, "partner:amnesty-international", at);
      if (i % 5 === 0) consent.run(`h${id}`, id, "partner:human-rights-watch", at);
    }
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}

// The same columns as the app's default export, computed by SQLite itself. INDEXED BY: without
// statistics SQLite may pick the low-selectivity scope index for the consent lookups (quadratic).
const DUMP_SQL = `SELECT s.id AS id, replace(s.confirmedAt, '+00:00', 'Z') AS confirmed_at,
  CASE WHEN instr(s.fullName, ' ') > 0 THEN substr(s.fullName, 1, instr(s.fullName, ' ') - 1) ELSE s.fullName END AS first_name,
  CASE WHEN instr(s.fullName, ' ') > 0 THEN substr(s.fullName, instr(s.fullName, ' ') + 1) ELSE '' END AS last_name,
  s.email AS email, s.country AS country, s.source AS source,
  CASE WHEN EXISTS (SELECT 1 FROM Consent c INDEXED BY Consent_signatureId_idx WHERE c.signatureId = s.id AND c.scope = 'campaign' AND c.withdrawnAt IS NULL) THEN 'true' ELSE 'false' END AS consent_campaign,
  (SELECT group_concat(substr(c.scope, 9), ' ') FROM Consent c INDEXED BY Consent_signatureId_idx WHERE c.signatureId = s.id AND c.scope LIKE 'partner:%' AND c.withdrawnAt IS NULL) AS consent_partners
FROM Signature s WHERE s.campaignId = 'bench' AND s.status = 'confirmed' AND s.erasedAt IS NULL ORDER BY s.confirmedAt, s.id;`;

type Run = { rows: number; tool: string; wallS: number; rssMb: number; bytes: number; lines: number; exportS?: number };

/** Runs a command under /usr/bin/time, its stdout to `out`; returns wall seconds and peak RSS. */
function timed(command: string[], out: string, env: NodeJS.ProcessEnv): { wallS: number; rssMb: number; stderr: string } {
  const fd = fs.openSync(out, "w");
  const result = spawnSync(TIME, ["-f", "TIME %e %M", ...command], { stdio: ["ignore", fd, "pipe"], env, encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 26 });
  fs.closeSync(fd);
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed (${result.status}):\n${result.stderr}`);
  const match = /TIME ([\d.]+) (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`no timing from ${TIME}: ${result.stderr}`);
  return { wallS: Number(match[1]), rssMb: Number(match[2]) / 1024, stderr: result.stderr };
}

function countLines(out: string): number {
  // records, not physical lines: the app quotes fields with line breaks; these have none
  let lines = 0;
  const buffer = Buffer.alloc(1 << 20);
  const fd = fs.openSync(out, "r");
  let read: number;
  while ((read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0) {
    for (let i = 0; i < read; i++) if (buffer[i] === 10) lines++;
  }
  fs.closeSync(fd);
  return lines;
}

function main(): void {
  createSchema();
  const results: Run[] = [];
  let seeded = 0;
  for (const rows of sizes) {
    const t = performance.now();
    seedTo(seeded, rows);
    seeded = rows;
    console.error(`seeded ${rows.toLocaleString("en")} confirmed signatures in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const dumpOut = path.join(dir, `dump-${rows}.csv`);
    const appOut = path.join(dir, `app-${rows}.csv`);
    const dumps: ReturnType<typeof timed>[] = [];
    const apps: (ReturnType<typeof timed> & { exportS: number })[] = [];
    // Alternating runs, the median of each kept: other work on the machine hits both alike.
    for (let run = 0; run < RUNS; run++) {
      dumps.push(timed([SQLITE, "-csv", "-header", file, DUMP_SQL], dumpOut, process.env));
      const app = timed(
        [process.execPath, "--conditions=react-server", "--import", "tsx", "bench/export-run.ts", appOut, "csv"],
        appOut + ".stdout",
        { ...process.env, DATABASE_URL: `file:${file}`, OUTBOX_DISPATCHER: "off", NODE_ENV: "production" },
      );
      const report = JSON.parse(app.stderr.split("\n").find((l) => l.startsWith("{")) ?? "{}") as { exportMs?: number };
      apps.push({ ...app, exportS: (report.exportMs ?? 0) / 1000 });
    }
    const dump = median(dumps);
    const app = median(apps);
    results.push({ rows, tool: "sqlite3 -csv (dump)", wallS: dump.wallS, rssMb: Math.max(...dumps.map((d) => d.rssMb)), bytes: fs.statSync(dumpOut).size, lines: countLines(dumpOut) });
    results.push({ rows, tool: "app export (CSV)", wallS: app.wallS, rssMb: Math.max(...apps.map((a) => a.rssMb)), bytes: fs.statSync(appOut).size, lines: countLines(appOut), exportS: app.exportS });
  }

  const header = ["rows", "tool", `wall s (median of ${RUNS})`, "rows/s", "peak RSS MB (max)", "ratio to dump", "file MB", "records"];
  const lines = results.map((r) => {
    const dump = results.find((d) => d.rows === r.rows && d.tool.startsWith("sqlite3"))!;
    return [
      r.rows.toLocaleString("en"),
      r.tool + (r.exportS ? ` (${r.exportS.toFixed(2)} s of it exporting, the rest starting Node)` : ""),
      r.wallS.toFixed(2),
      Math.round(r.rows / Math.max(r.wallS, 0.01)).toLocaleString("en"),
      r.rssMb.toFixed(0),
      `${(r.wallS / Math.max(dump.wallS, 0.01)).toFixed(2)}×`,
      (r.bytes / 1e6).toFixed(1),
      (r.lines - 1).toLocaleString("en"),
    ];
  });
  console.log(`| ${header.join(" | ")} |`);
  console.log(`| ${header.map(() => "---").join(" | ")} |`);
  for (const line of lines) console.log(`| ${line.join(" | ")} |`);
  console.log(`\nNode ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), SQLite ${new Database(":memory:").prepare("select sqlite_version() v").pluck().get()}`);
  const mismatch = results.filter((r) => r.lines - 1 !== r.rows);
  if (mismatch.length > 0) {
    console.error(`record counts differ from the rows seeded: ${mismatch.map((m) => `${m.tool} ${m.lines - 1}/${m.rows}`).join(", ")}`);
    process.exitCode = 1;
  }
  if (process.env.BENCH_KEEP) console.error(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

main();
