// Export benchmark (`npm run bench:export`): seeds confirmed signatures into a throwaway database
// with the app's schema, then exports them to CSV through the app's export path (in a child
// process, so that its peak RSS is its own) beside the database's own CSV dump of the same
// columns, at 100,000 and 1,000,000 rows, in alternating pairs (dump, app) over several rounds.
// Prints a table: medians, and the median of the paired ratios app ÷ dump (each pair ran under
// the same load from the rest of the machine). Wall time and peak RSS are measured by
// /usr/bin/time around each process, start-up included.
//
// SQLite (the default): a temporary file; the dump is `sqlite3 -csv`.
// PostgreSQL (`--postgres`, or DATABASE_URL=postgres://…): with --postgres a throwaway server
// (scripts/postgres-server.mjs), else a fresh database on DATABASE_URL's server, dropped at the
// end; the dump is `psql -c "\copy (SELECT …) TO STDOUT WITH CSV"`. Rows are seeded by
// INSERT … SELECT FROM generate_series.
//
//   npm run bench:export                             100k and 1M rows, SQLite
//   npm run bench:export -- 10000 50000              other sizes (ascending)
//   npm run bench:export -- --postgres 1000000       PostgreSQL
//   BENCH_RUNS=5                                     rounds per size (default 3)
//   BENCH_KEEP=1                                     keep the temporary folder / database (prints where)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { COUNTRIES, createSqliteSchema, FIRST, LAST, seedSqliteTo, SOURCES } from "./support/sqlite-seed";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "..");
const ARGS = process.argv.slice(2);
const POSTGRES = ARGS.includes("--postgres") || /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const SIZES = ARGS.filter((a) => !a.startsWith("--")).map(Number).filter((n) => Number.isInteger(n) && n > 0);
const sizes = SIZES.length > 0 ? SIZES.sort((a, b) => a - b) : [100_000, 1_000_000];
const TIME = "/usr/bin/time";
const SQLITE = "/usr/bin/sqlite3";
const PSQL = ["/usr/bin/psql", "/usr/lib/postgresql/15/bin/psql"].find((p) => fs.existsSync(p)) ?? "psql";
const RUNS = Number(process.env.BENCH_RUNS) > 0 ? Number(process.env.BENCH_RUNS) : 3;

function median<T extends { wallS: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.wallS - b.wallS)[Math.floor(runs.length / 2)];
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

for (const tool of POSTGRES ? [TIME] : [TIME, SQLITE]) {
  if (!fs.existsSync(tool)) {
    console.error(`bench:export needs ${tool} (apt-get install -y ${path.basename(tool) === "time" ? "time" : "sqlite3"})`);
    process.exit(1);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-export-"));
const file = path.join(dir, "bench.db");

// The same columns as the app's default export, computed by SQLite itself. INDEXED BY: without
// statistics SQLite may pick the low-selectivity scope index for the consent lookups (quadratic).
const SQLITE_DUMP_SQL = `SELECT s.id AS id, replace(s.confirmedAt, '+00:00', 'Z') AS confirmed_at,
  CASE WHEN instr(s.fullName, ' ') > 0 THEN substr(s.fullName, 1, instr(s.fullName, ' ') - 1) ELSE s.fullName END AS first_name,
  CASE WHEN instr(s.fullName, ' ') > 0 THEN substr(s.fullName, instr(s.fullName, ' ') + 1) ELSE '' END AS last_name,
  s.email AS email, s.country AS country, s.source AS source,
  CASE WHEN EXISTS (SELECT 1 FROM Consent c INDEXED BY Consent_signatureId_idx WHERE c.signatureId = s.id AND c.scope = 'campaign' AND c.withdrawnAt IS NULL) THEN 'true' ELSE 'false' END AS consent_campaign,
  (SELECT group_concat(substr(c.scope, 9), ' ') FROM Consent c INDEXED BY Consent_signatureId_idx WHERE c.signatureId = s.id AND c.scope LIKE 'partner:%' AND c.withdrawnAt IS NULL) AS consent_partners
FROM Signature s WHERE s.campaignId = 'bench' AND s.status = 'confirmed' AND s.erasedAt IS NULL ORDER BY s.confirmedAt, s.id;`;

type Run = { rows: number; tool: string; wallS: number; rssMb: number; bytes: number; lines: number; exportS?: number; ratio: number };

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

// PostgreSQL: the same data (ids in the same order, the same names, times, consents), written by
// the server itself from generate_series.
const PG_DUMP_SQL = `SELECT s.id AS id, to_char(s."confirmedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS confirmed_at,
  CASE WHEN strpos(s."fullName", ' ') > 0 THEN left(s."fullName", strpos(s."fullName", ' ') - 1) ELSE s."fullName" END AS first_name,
  CASE WHEN strpos(s."fullName", ' ') > 0 THEN substr(s."fullName", strpos(s."fullName", ' ') + 1) ELSE '' END AS last_name,
  s.email AS email, s.country AS country, s.source AS source,
  CASE WHEN EXISTS (SELECT 1 FROM "Consent" c WHERE c."signatureId" = s.id AND c.scope = 'campaign' AND c."withdrawnAt" IS NULL) THEN 'true' ELSE 'false' END AS consent_campaign,
  (SELECT string_agg(substr(c.scope, 9), ' ' ORDER BY c.scope) FROM "Consent" c WHERE c."signatureId" = s.id AND c.scope LIKE 'partner:%' AND c."withdrawnAt" IS NULL) AS consent_partners
FROM "Signature" s WHERE s."campaignId" = 'bench' AND s.status = 'confirmed' AND s."erasedAt" IS NULL ORDER BY s."confirmedAt", s.id`;

type PgServer = { url: string; stop(): Promise<void> };

async function withPg<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createPgSchema(url: string): Promise<void> {
  await withPg(url, async (client) => {
    const migrations = path.join(ROOT, "prisma/postgres/migrations");
    for (const name of fs.readdirSync(migrations).sort()) {
      const sql = path.join(migrations, name, "migration.sql");
      if (fs.existsSync(sql)) await client.query(fs.readFileSync(sql, "utf8"));
    }
    await client.query(
      `INSERT INTO "Campaign" (id, slug, status, goal, title, summary, target, "callToAction", "demandsIntro", demands, context, "letterBody", "updatedAt")
       VALUES ('bench', 'bench-campaign', 'open', 1000000, 'Bench', 's', 't', 'c', 'd', '[]', '[]', 'l', now())`,
    );
    for (const slug of ["amnesty-international", "human-rights-watch", "world-uyghur-congress"]) {
      await client.query(`INSERT INTO "Partner" (id, slug, name, "shortName", url, "updatedAt") VALUES ($1, $2, $2, $2, 'https://example.org', now())`, [`p-${slug}`, slug]);
    }
  });
}

async function seedPgTo(url: string, from: number, total: number): Promise<void> {
  await withPg(url, async (client) => {
    const id = `'s' || lpad(to_hex(i), 8, '0')`;
    const at = `(timestamp '2026-10-01 00:00:00' + (i / 3) * interval '1 second')`;
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "Signature" (id, "campaignId", "fullName", email, "emailNormalized", country, comment, locale, status, "confirmedAt", "createdAt", "updatedAt", source, "optInCampaign")
       SELECT ${id}, 'bench',
         CASE WHEN i % 997 = 0 THEN '=HYPERLINK("x' || i || '")' ELSE ($3::text[])[i % cardinality($3::text[]) + 1] || ' ' || ($4::text[])[i % cardinality($4::text[]) + 1] END,
         'supporter' || i || '@example.org', 'supporter' || i || '@example.org',
         ($5::text[])[i % cardinality($5::text[]) + 1], CASE WHEN i % 10 = 0 THEN 'Free them, now.' END, 'en', 'confirmed',
         ${at}, ${at}, ${at}, ($6::text[])[i % cardinality($6::text[]) + 1], i % 2 = 0
       FROM generate_series($1::int, $2::int - 1) AS i`,
      [from, total, FIRST, LAST, COUNTRIES, SOURCES],
    );
    await client.query(
      `INSERT INTO "Consent" (id, "signatureId", scope, wording, locale, "givenAt")
       SELECT v.prefix || ${id}, ${id}, v.scope, 'I agree', 'en', ${at}
       FROM generate_series($1::int, $2::int - 1) AS i
       JOIN (VALUES ('c', 'campaign', 2), ('a', 'partner:amnesty-international', 3), ('h', 'partner:human-rights-watch', 5)) AS v(prefix, scope, every) ON i % v.every = 0`,
      [from, total],
    );
    await client.query("COMMIT");
    await client.query(`VACUUM ANALYZE "Signature"`);
    await client.query(`VACUUM ANALYZE "Consent"`);
  });
}

/** The database under test: how to seed it, the dump command beside the app, the app's DATABASE_URL. */
type Backend = {
  dumpTool: string;
  appUrl: string;
  seedTo(from: number, total: number): Promise<void>;
  dump(): string[];
  version(): Promise<string>;
  close(): Promise<void>;
};

function sqliteBackend(): Backend {
  createSqliteSchema(file);
  return {
    dumpTool: "sqlite3 -csv (dump)",
    appUrl: `file:${file}`,
    seedTo: async (from, total) => seedSqliteTo(file, from, total),
    dump: () => [SQLITE, "-csv", "-header", file, SQLITE_DUMP_SQL],
    version: async () => `SQLite ${new Database(":memory:").prepare("select sqlite_version() v").pluck().get()}`,
    close: async () => undefined,
  };
}

async function postgresBackend(): Promise<Backend> {
  let server: PgServer | null = null;
  let serverUrl = process.env.DATABASE_URL ?? "";
  if (ARGS.includes("--postgres")) {
    const script = path.join(ROOT, "scripts/postgres-server.mjs");
    const { startPostgres } = (await import(script)) as { startPostgres(options: { port: number }): Promise<PgServer> };
    server = await startPostgres({ port: 5650 });
    serverUrl = server.url;
    console.error(`started PostgreSQL at ${server.url}`);
  }
  // A database of its own on that server, never the one DATABASE_URL names.
  const name = `bench_export_${randomBytes(4).toString("hex")}`;
  await withPg(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const appUrl = url.toString();
  await createPgSchema(appUrl);
  return {
    dumpTool: "psql \\copy (dump)",
    appUrl,
    seedTo: (from, total) => seedPgTo(appUrl, from, total),
    dump: () => [PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", appUrl, "-c", `\\copy (${PG_DUMP_SQL.replace(/\s+/g, " ")}) TO STDOUT WITH (FORMAT csv, HEADER)`],
    version: () => withPg(appUrl, async (client) => `PostgreSQL ${(await client.query("SHOW server_version")).rows[0].server_version}`),
    async close() {
      if (process.env.BENCH_KEEP) {
        console.error(`kept the database ${appUrl}${server ? " (the server is stopped)" : ""}`);
      } else {
        await withPg(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      }
      if (server) {
        // The postmaster itself first: its parent (runuser, when run as root) ignores SIGINT when
        // this benchmark was started in the background, and server.stop() would wait for ever.
        const dataDir = await withPg(server.url, async (client) => (await client.query("SHOW data_directory")).rows[0].data_directory as string);
        const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
        if (pid > 0) process.kill(pid, "SIGINT");
        await server.stop();
      }
    },
  };
}

async function main(): Promise<void> {
  const backend = POSTGRES ? await postgresBackend() : sqliteBackend();
  try {
    await measure(backend);
  } finally {
    await backend.close();
    if (process.env.BENCH_KEEP) console.error(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(backend: Backend): Promise<void> {
  const results: Run[] = [];
  let seeded = 0;
  for (const rows of sizes) {
    const t = performance.now();
    await backend.seedTo(seeded, rows);
    seeded = rows;
    console.error(`seeded ${rows.toLocaleString("en")} confirmed signatures in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const dumpOut = path.join(dir, `dump-${rows}.csv`);
    const appOut = path.join(dir, `app-${rows}.csv`);
    const dumps: ReturnType<typeof timed>[] = [];
    const apps: (ReturnType<typeof timed> & { exportS: number })[] = [];
    // Alternating runs, dump then app, the median of each kept: other work on the machine hits
    // both alike; each pair also gives a ratio, and the median of those is the figure to quote.
    for (let run = 0; run < RUNS; run++) {
      dumps.push(timed(backend.dump(), dumpOut, process.env));
      const app = timed(
        [process.execPath, "--conditions=react-server", "--import", "tsx", "bench/export-run.ts", appOut, "csv"],
        appOut + ".stdout",
        { ...process.env, DATABASE_URL: backend.appUrl, OUTBOX_DISPATCHER: "off", NODE_ENV: "production" },
      );
      const report = JSON.parse(app.stderr.split("\n").find((l) => l.startsWith("{")) ?? "{}") as { exportMs?: number };
      apps.push({ ...app, exportS: (report.exportMs ?? 0) / 1000 });
      console.error(`  ${rows.toLocaleString("en")} rows, round ${run + 1}: dump ${dumps[run].wallS.toFixed(2)} s, app ${app.wallS.toFixed(2)} s`);
    }
    const dump = median(dumps);
    const app = median(apps);
    const paired = medianOf(apps.map((a, i) => a.wallS / Math.max(dumps[i].wallS, 0.01)));
    results.push({ rows, tool: backend.dumpTool, wallS: dump.wallS, rssMb: Math.max(...dumps.map((d) => d.rssMb)), bytes: fs.statSync(dumpOut).size, lines: countLines(dumpOut), ratio: 1 });
    results.push({ rows, tool: "app export (CSV)", wallS: app.wallS, rssMb: Math.max(...apps.map((a) => a.rssMb)), bytes: fs.statSync(appOut).size, lines: countLines(appOut), exportS: app.exportS, ratio: paired });
  }

  const cores = os.cpus().length;
  const header = ["rows", "tool", `wall s (median of ${RUNS})`, "rows/s", "peak RSS MB (max)", "ratio to dump (median of pairs)", "file MB", "records", "cores"];
  const lines = results.map((r) => [
    r.rows.toLocaleString("en"),
    r.tool + (r.exportS ? ` (${r.exportS.toFixed(2)} s of it exporting, the rest starting Node)` : ""),
    r.wallS.toFixed(2),
    Math.round(r.rows / Math.max(r.wallS, 0.01)).toLocaleString("en"),
    r.rssMb.toFixed(0),
    `${r.ratio.toFixed(2)}×`,
    (r.bytes / 1e6).toFixed(1),
    (r.lines - 1).toLocaleString("en"),
    String(cores),
  ]);
  console.log(`| ${header.join(" | ")} |`);
  console.log(`| ${header.map(() => "---").join(" | ")} |`);
  for (const line of lines) console.log(`| ${line.join(" | ")} |`);
  console.log(`\nNode ${process.version}, ${cores} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), ${await backend.version()}`);
  const mismatch = results.filter((r) => r.lines - 1 !== r.rows);
  if (mismatch.length > 0) {
    console.error(`record counts differ from the rows seeded: ${mismatch.map((m) => `${m.tool} ${m.lines - 1}/${m.rows}`).join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
