// Times every dashboard query against a throwaway SQLite file holding a million signatures.
//
//   npm run bench:dashboard                  1,000,000 signatures
//   npm run bench:dashboard -- --rows 200000 another size
//   npm run bench:dashboard -- --keep        keep the file (its path is printed)
//
// The file gets the app's own migrations, so the indexes measured are the ones deployed. Rows are
// written with better-sqlite3 prepared statements in one transaction (Prisma would take minutes);
// the queries are then run through the app's lib/admin/dashboard.ts, i.e. through Prisma.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";

const argv = process.argv.slice(2);
const ROWS = Number(argv[argv.indexOf("--rows") + 1]) > 0 && argv.includes("--rows") ? Number(argv[argv.indexOf("--rows") + 1]) : 1_000_000;
const KEEP = argv.includes("--keep");
const RUNS = 5;
const ROOT = path.resolve(import.meta.dirname, "..");
const NOW = new Date("2026-11-27T12:00:00Z");

const COUNTRIES = ["FR", "DE", "GB", "US", "CA", "NL", "BE", "CH", "SE", "NO", "DK", "FI", "ES", "IT", "PT", "AT", "IE", "AU", "NZ", "JP", "KR", "TR", "KZ", "KG", "UZ", "IN", "BR", "MX", "AR", "ZA"];
const PARTNERS = ["amnesty-international", "human-rights-watch", "international-commission-of-jurists", "fidh", "world-uyghur-congress"];
const UTM = ["newsletter", "twitter", "facebook", "mastodon", "instagram", "press", "podcast", "flyer", "email-2", "youtube", "tiktok", "reddit"];

/** A small deterministic generator, so two runs measure the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dbTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

function seed(file: string): { campaignId: string } {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const migrations = path.join(ROOT, "prisma/migrations");
  for (const dir of fs.readdirSync(migrations).sort()) {
    const sql = path.join(migrations, dir, "migration.sql");
    if (fs.existsSync(sql)) sqlite.exec(fs.readFileSync(sql, "utf8"));
  }
  const now = dbTime(NOW.getTime());
  const campaignId = "bench-campaign";
  sqlite
    .prepare(
      `INSERT INTO "Campaign" (id, slug, isDefault, status, goal, defaultLocale, title, summary, target, callToAction, demandsIntro, demands, context, letterBody, createdAt, updatedAt)
       VALUES (?, 'bench', 1, 'open', 1000000, 'en', 'Bench', 's', 't', 'c', 'd', '[]', '[]', 'letter', ?, ?)`,
    )
    .run(campaignId, now, now);
  const partnerIds: string[] = [];
  PARTNERS.forEach((slug, i) => {
    const id = `partner-${i}`;
    partnerIds.push(id);
    sqlite.prepare(`INSERT INTO "Partner" (id, slug, name, shortName, url, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'https://example.org', ?, ?)`).run(id, slug, slug, slug, now, now);
    sqlite.prepare(`INSERT INTO "CampaignPartner" (campaignId, partnerId, position) VALUES (?, ?, ?)`).run(campaignId, id, i);
  });

  const insertSignature = sqlite.prepare(
    `INSERT INTO "Signature" (id, campaignId, fullName, email, emailNormalized, country, showName, optInCampaign, locale, status, confirmedAt, withdrawnAt, invalidatedAt, createdAt, updatedAt, source, refCode, referredById, partnerId, utmSource, referralCode)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'en', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertConsent = sqlite.prepare(`INSERT INTO "Consent" (id, signatureId, scope, wording, locale, givenAt) VALUES (?, ?, ?, 'I agree', 'en', ?)`);
  const random = rng(42);
  const span = 90 * 24 * 3600 * 1000;
  const start = NOW.getTime() - span;
  sqlite.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const id = `sig${i.toString(36).padStart(8, "0")}`;
      // More sign-ups near the end, as a campaign picks up.
      const createdMs = start + Math.floor(Math.sqrt(random()) * span);
      const r = random();
      const status = r < 0.85 ? "confirmed" : r < 0.97 ? "pending" : r < 0.99 ? "withdrawn" : "invalidated";
      const confirmedAt = status === "confirmed" || status === "withdrawn" ? dbTime(createdMs + Math.floor(random() * 3_600_000)) : null;
      const s = random();
      const source = i < 1000 || s < 0.6 ? "direct" : s < 0.8 ? "referral" : s < 0.9 ? "embed" : "utm";
      const referredBy = source === "referral" ? `sig${Math.floor(random() ** 3 * Math.min(i, 50_000)).toString(36).padStart(8, "0")}` : null;
      const email = `person${i}@example.org`;
      insertSignature.run(
        id,
        campaignId,
        `Person ${i} Example`,
        email,
        email,
        COUNTRIES[Math.floor(random() ** 2 * COUNTRIES.length)],
        random() < 0.3 ? 1 : 0,
        random() < 0.4 ? 1 : 0,
        status,
        confirmedAt,
        status === "withdrawn" ? now : null,
        status === "invalidated" ? now : null,
        dbTime(createdMs),
        dbTime(createdMs),
        source,
        referredBy ? `code-${referredBy}` : null,
        referredBy,
        source === "embed" ? partnerIds[Math.floor(random() * partnerIds.length)] : null,
        source === "utm" ? UTM[Math.floor(random() * UTM.length)] : null,
        status === "confirmed" ? `code-${id}` : null,
      );
      if (random() < 0.4) insertConsent.run(`c-${id}`, id, "campaign", dbTime(createdMs));
      if (random() < 0.25) insertConsent.run(`p-${id}`, id, `partner:${PARTNERS[Math.floor(random() * PARTNERS.length)]}`, dbTime(createdMs));
    }
  })();
  sqlite.exec("ANALYZE");
  sqlite.close();
  return { campaignId };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-dashboard-"));
  const file = path.join(dir, "bench.db");
  const seedStart = performance.now();
  const { campaignId } = seed(file);
  const seedMs = performance.now() - seedStart;
  console.log(`Seeded ${ROWS.toLocaleString("en")} signatures in ${(seedMs / 1000).toFixed(1)} s (${file}, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB)\n`);

  process.env.DATABASE_URL = `file:${file}`;
  const dashboard = await import("@/lib/admin/dashboard");
  const { db, disconnectDb } = await import("@/lib/db");
  await db().$queryRaw`SELECT 1`;

  const operator = { type: "cli", name: "bench" } as const;
  const queries: [string, () => Promise<unknown>][] = [
    ["totals by status", () => dashboard.statusTotals(campaignId)],
    ["confirmed per day", () => dashboard.confirmedPerDay(campaignId)],
    ["confirmed per hour (48 h)", () => dashboard.confirmedPerHour(campaignId, NOW)],
    ["by country", () => dashboard.confirmedByCountry(campaignId)],
    ["by source", () => dashboard.confirmedBySource(campaignId)],
    ["by embed partner", () => dashboard.confirmedByEmbedPartner(campaignId)],
    ["by utm source", () => dashboard.confirmedByUtmSource(campaignId)],
    ["top referrers", () => dashboard.topReferrers(operator, campaignId)],
    ["partner consent totals", () => dashboard.partnerConsentTotals(campaignId, null)],
    ["whole dashboard (uncached)", () => dashboard.computeDashboard(operator, campaignId, NOW)],
    ["whole dashboard (cached, as pages read it)", () => dashboard.campaignDashboard(operator, campaignId, NOW)],
  ];
  const table: { query: string; first: string; median: string; max: string }[] = [];
  for (const [name, run] of queries) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    const sorted = [...times].sort((a, b) => a - b);
    table.push({ query: name, first: `${times[0].toFixed(1)} ms`, median: `${sorted[Math.floor(RUNS / 2)].toFixed(1)} ms`, max: `${sorted[RUNS - 1].toFixed(1)} ms` });
  }
  console.table(table);
  await disconnectDb();
  if (KEEP) console.log(`Kept ${file}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
