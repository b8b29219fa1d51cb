import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";

// Retention (ADR 054): RETENTION_MONTHS_AFTER_CLOSE months after a campaign closed, its
// signatures are anonymised; counts by country, day, source and status stay; one audit row per
// run with counts, never an address.

const ROOT = path.resolve(__dirname, "../..");
const NOW = new Date("2026-12-01T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let retention: typeof import("@/lib/signatures/retention");
let jobs: typeof import("@/lib/jobs/jobs");
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase("retention");
  Object.assign(process.env, { DATABASE_URL: database.url, APP_URL: "https://sign.example.org", OUTBOX_DISPATCHER: "off" });
  delete process.env.RETENTION_MONTHS_AFTER_CLOSE; // the default, 6
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  const { loadContent } = await import("@/lib/campaigns/content");
  const { seedContent } = await import("@/lib/campaigns/seed");
  await seedContent([await loadContent(path.join(ROOT, "content")), await loadContent(path.join(ROOT, "e2e/fixtures/content"))]);
  retention = await import("@/lib/signatures/retention");
  jobs = await import("@/lib/jobs/jobs");
  const db = appDb.db();
  // Three campaigns by their closing date, relative to NOW; the open one never closes.
  const template = await db.campaign.findUniqueOrThrow({ where: { slug: "guterres-xinjiang" } });
  const fields = {
    goal: template.goal,
    title: template.title,
    summary: template.summary,
    target: template.target,
    callToAction: template.callToAction,
    demandsIntro: template.demandsIntro,
    demands: template.demands,
    context: template.context,
    letterBody: template.letterBody,
  };
  for (const [slug, closesAt, status] of [
    ["closed-7-months", new Date(NOW.getTime() - 213 * DAY), "open"],
    ["closed-5-months", new Date(NOW.getTime() - 152 * DAY), "closed"],
    ["still-open", null, "open"],
    ["closed-undated", null, "closed"],
  ] as const) {
    ids[slug] = (await db.campaign.create({ data: { ...fields, slug, isDefault: false, closesAt, status } })).id;
  }
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  const db = appDb.db();
  await db.outboxMessage.deleteMany();
  await db.auditLog.deleteMany();
  await db.signature.deleteMany({ where: { referredById: { not: null } } });
  await db.signature.deleteMany();
});

let n = 0;
async function signature(slug: string, changes: { country?: string; status?: string; source?: string; referredById?: string } = {}) {
  n += 1;
  const email = `person${n}@example.org`;
  const row = await appDb.db().signature.create({
    data: {
      campaignId: ids[slug],
      fullName: `Person Number${n}`,
      email,
      emailNormalized: email,
      country: changes.country ?? "FR",
      comment: `comment of person ${n}`,
      showName: true,
      optInCampaign: true,
      locale: "en",
      status: changes.status ?? "confirmed",
      confirmedAt: new Date(NOW.getTime() - 300 * DAY),
      createdAt: new Date(NOW.getTime() - 301 * DAY),
      source: changes.source ?? "utm",
      utmSource: "newsletter",
      referrerHost: "friends.example.net",
      refCode: "abcdefghjk",
      referralCode: `code${String(n).padStart(6, "0")}`,
      referredById: changes.referredById ?? null,
      statsTokenHash: `${n}`.padStart(64, "a"),
      emailDomain: "example.org",
      clientHash: `${n}`.padStart(64, "b"),
      consents: { create: [{ scope: "campaign", wording: "Keep me informed", locale: "en" }] },
      tokens: { create: [{ tokenHash: `${n}`.padStart(64, "c"), expiresAt: NOW }] },
      withdrawalTokens: { create: [{ tokenHash: `${n}`.padStart(64, "d") }] },
    },
  });
  await appDb.db().outboxMessage.create({
    data: { kind: "signature.confirm", toAddress: email, status: "sent", createdAt: new Date(NOW.getTime() - 300 * DAY), payload: JSON.stringify({ to: email, subject: "Confirm" }) },
  });
  return row;
}

async function countsBy(slug: string) {
  const rows = await appDb.db().signature.groupBy({ by: ["country", "status", "source"], where: { campaignId: ids[slug] }, _count: { _all: true }, orderBy: [{ country: "asc" }, { status: "asc" }, { source: "asc" }] });
  return rows.map((r) => `${r.country}/${r.status}/${r.source}: ${r._count._all}`);
}

describe("anonymising signatures after a campaign closed", () => {
  it("empties every personal field of a campaign closed 7 months ago, keeps its counts, and leaves one closed 5 months ago and open ones alone", async () => {
    const old = [await signature("closed-7-months", { country: "DE" }), await signature("closed-7-months", { country: "FR", status: "withdrawn" })];
    old.push(await signature("closed-7-months", { country: "DE", source: "referral", referredById: old[0].id }));
    const recent = await signature("closed-5-months");
    const open = await signature("still-open");
    const undated = await signature("closed-undated");
    const before = await countsBy("closed-7-months");
    const cli = { type: "cli" as const, name: "test" };
    const { deliveryTotals, deliveryNames } = await import("@/lib/admin/delivery");
    const totalsBefore = await deliveryTotals(cli, ids["closed-7-months"]);
    expect(totalsBefore.total).toBe(2);
    expect(await deliveryNames(cli, ids["closed-7-months"])).toHaveLength(2);

    const run = await retention.anonymiseClosedCampaigns(NOW);

    expect(run).toEqual({ campaigns: { "closed-7-months": 3 }, signatures: 3, undated: ["closed-undated"] });
    expect(await countsBy("closed-7-months")).toEqual(before);
    for (const { id } of old) {
      const row = await appDb.db().signature.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({
        fullName: "",
        email: "",
        emailNormalized: `erased:${id}`,
        comment: null,
        showName: false,
        optInCampaign: false,
        refCode: null,
        referralCode: null,
        utmSource: null,
        referrerHost: null,
        statsTokenHash: null,
        emailDomain: null,
        clientHash: null,
        erasedAt: NOW,
      });
      expect(row.confirmedAt).not.toBeNull();
      expect(row.createdAt).toEqual(new Date(NOW.getTime() - 301 * DAY));
    }
    expect((await appDb.db().signature.findUniqueOrThrow({ where: { id: old[2].id } })).referredById).toBe(old[0].id);
    // The delivery view keeps its totals by country and shows no name; an export still opens and names no one.
    expect(await deliveryTotals(cli, ids["closed-7-months"])).toEqual(totalsBefore);
    expect(await deliveryNames(cli, ids["closed-7-months"])).toEqual([]);
    const { openSignatureExport } = await import("@/lib/exports/export");
    const { parseExportParams } = await import("@/lib/exports/options");
    const exported = await new Response((await openSignatureExport(cli, parseExportParams({ campaign: "closed-7-months" }))).stream).text();
    expect(exported.split("\n")[0]).toContain("country");
    for (const { email, fullName } of old) {
      expect(exported).not.toContain(email);
      expect(exported).not.toContain(fullName);
    }
    // Nothing in the database names them any more.
    const tables = ["Signature", "Consent", "ConfirmationToken", "WithdrawalToken", "OutboxMessage", "AuditLog"];
    let dump = "";
    for (const t of tables) dump += `${JSON.stringify(await database.rows(`SELECT * FROM "${t}"`))}\n`;
    for (const { id, email, fullName } of old) {
      expect(dump).not.toContain(email);
      expect(dump).not.toContain(fullName);
      expect(await appDb.db().consent.count({ where: { signatureId: id } })).toBe(0);
      expect(await appDb.db().confirmationToken.count({ where: { signatureId: id } })).toBe(0);
      expect(await appDb.db().withdrawalToken.count({ where: { signatureId: id } })).toBe(0);
    }
    // The others keep everything.
    for (const row of [recent, open, undated]) {
      const kept = await appDb.db().signature.findUniqueOrThrow({ where: { id: row.id } });
      expect(kept).toMatchObject({ fullName: row.fullName, email: row.email, comment: row.comment, erasedAt: null });
      expect(dump).toContain(row.email);
    }

    const audits = await appDb.db().auditLog.findMany({ where: { action: "signatures.anonymise" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: "system", actorLabel: "retention" });
    expect(JSON.parse(audits[0].details)).toEqual({ retentionMonthsAfterClose: 6, signatures: 3, campaigns: { "closed-7-months": 3 } });
  });

  it("is idempotent: a second run changes nothing and writes no audit row", async () => {
    await signature("closed-7-months");
    expect((await retention.anonymiseClosedCampaigns(NOW)).signatures).toBe(1);
    const after = JSON.stringify(await database.rows('SELECT * FROM "Signature" ORDER BY id'));
    expect((await retention.anonymiseClosedCampaigns(new Date(NOW.getTime() + DAY))).signatures).toBe(0);
    expect(JSON.stringify(await database.rows('SELECT * FROM "Signature" ORDER BY id'))).toBe(after);
    expect(await appDb.db().auditLog.count({ where: { action: "signatures.anonymise" } })).toBe(1);
  });

  it("works in batches, and two runs at once anonymise each row once and count it once", async () => {
    for (let i = 0; i < 7; i += 1) await signature("closed-7-months", { country: i % 2 ? "DE" : "FR" });
    const before = await countsBy("closed-7-months");
    const runs = await Promise.all([retention.anonymiseClosedCampaigns(NOW, 6, 3), retention.anonymiseClosedCampaigns(NOW, 6, 3)]);
    expect(runs[0].signatures + runs[1].signatures).toBe(7);
    expect(await appDb.db().signature.count({ where: { campaignId: ids["closed-7-months"], erasedAt: null } })).toBe(0);
    expect(await countsBy("closed-7-months")).toEqual(before);
  });

  it("follows RETENTION_MONTHS_AFTER_CLOSE: with 4 months, the campaign closed 5 months ago goes too", async () => {
    await signature("closed-5-months");
    expect((await retention.anonymiseClosedCampaigns(NOW, 6)).signatures).toBe(0);
    expect(await retention.anonymiseClosedCampaigns(NOW, 4)).toMatchObject({ campaigns: { "closed-5-months": 1 }, signatures: 1 });
  });

  it("is registered among the periodic jobs run by the worker and the app's background loop", async () => {
    const job = jobs.JOBS.find((j) => j.name === "retention");
    expect(job).toBeDefined();
    await signature("closed-7-months");
    // The job runs at the real date: a campaign closed in 2020 (the test fixtures') is long past retention.
    await appDb.db().campaign.update({ where: { id: ids["closed-7-months"] }, data: { closesAt: new Date("2020-01-01T00:00:00Z") } });
    try {
      expect(await job!.run(new Date())).toMatch(/^anonymised 1 signature\(s\) of campaigns closed over 6 months ago; campaign\(s\) closed-undated closed without closesAt/);
    } finally {
      await appDb.db().campaign.update({ where: { id: ids["closed-7-months"] }, data: { closesAt: new Date(NOW.getTime() - 213 * DAY) } });
    }
  });
});
