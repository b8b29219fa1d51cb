import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

// A throwaway SQLite file with the app's schema (its migrations), one campaign ("bench") and three
// partners, seeded with confirmed signatures and consents: shared by the export and API benchmarks.

const ROOT = path.resolve(import.meta.dirname, "../..");

export function createSqliteSchema(file: string): void {
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

export const FIRST = ["Aylin", "Bora", "Chen", "Dilnur", "Emma", "Farid", "Gulnar", "Hiroshi", "Ines", "José", "Kerem", "Léa", "Mehmet", "Nadia", "Olga"];
export const LAST = ["Kadir", "Tash", "Wei", "Abdulla", "Müller", "O'Brien", "Smith, Jr.", "Nakamura", "García", "Dupont", "Ivanova", "Rahman"];
export const COUNTRIES = ["FR", "DE", "GB", "US", "TR", "NL", "SE", "JP", "CA", "AU", "ES", "IT"];
export const SOURCES = ["direct", "direct", "direct", "referral", "utm", "embed"];

/** Adds signatures until the campaign has `total` confirmed ones (ids and times stay in one order). */
export function seedSqliteTo(file: string, from: number, total: number): void {
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

