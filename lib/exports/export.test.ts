import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import { addSupporter, seedCampaigns } from "@/tests/unit/support/supporters";
import type { Actor } from "@/lib/admin/actor";
import type { ExportParams } from "@/lib/exports/options";

// Exports against a real SQLite file: the file holds exactly the rows the filters select, only
// confirmed and not erased signatures, a partner sees only its consenting supporters, formulas are
// neutralised, and every export leaves an audit row.

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let exporter: typeof import("@/lib/exports/export");
let options: typeof import("@/lib/exports/options");

const owner: Actor = { type: "admin", adminId: "owner-1", email: "owner@example.org", role: "owner", partnerId: null, partnerSlug: null };
const cli: Actor = { type: "cli", name: "operator" };
let amnestyAdmin: Actor;

beforeAll(async () => {
  database = await createTestDatabase("export");
  Object.assign(process.env, { DATABASE_URL: database.url, OUTBOX_DISPATCHER: "off" });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  await seedCampaigns();
  exporter = await import("@/lib/exports/export");
  options = await import("@/lib/exports/options");
  const amnesty = await appDb.db().partner.findUniqueOrThrow({ where: { slug: "amnesty-international" } });
  amnestyAdmin = { type: "admin", adminId: "partner-1", email: "p@amnesty.example", role: "partner", partnerId: amnesty.id, partnerSlug: amnesty.slug };
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  await appDb.db().auditLog.deleteMany();
  await appDb.db().signature.deleteMany();
});

async function run(actor: Actor, params: ExportParams, batchSize?: number): Promise<{ text: string; filename: string; contentType: string }> {
  const opened = await exporter.openSignatureExport(actor, options.parseExportParams({ campaign: "guterres-xinjiang", ...params }), {
    batchSize,
    now: new Date("2026-11-27T10:00:00Z"),
  });
  // ignoreBOM: keep a byte-order mark as a character, to see that it is there
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(opened.stream).arrayBuffer());
  return { text, filename: opened.filename, contentType: opened.contentType };
}

function csvRows(text: string): Record<string, string>[] {
  return parse(text.replace(/^\uFEFF/, ""), { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
}

/** What the database holds for a filter, read with plain SQL beside the app. */
async function dbIds(where: string, ...args: unknown[]): Promise<string[]> {
  const rows = await database.rows<{ id: string }>(
    `SELECT s.id FROM "Signature" s JOIN "Campaign" c ON c.id = s."campaignId" WHERE c.slug = 'guterres-xinjiang' AND s.status = 'confirmed' AND s."erasedAt" IS NULL AND ${where} ORDER BY s."confirmedAt", s.id`,
    ...args,
  );
  return rows.map((r) => r.id);
}

async function seedMix() {
  await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org", country: "FR", consents: ["campaign", "partner:amnesty-international"], confirmedAt: new Date("2026-11-01T09:00:00Z") });
  await addSupporter({ fullName: "Bora Tash", email: "bora@example.org", country: "DE", source: "referral", refCode: "abc", consents: ["partner:human-rights-watch"], confirmedAt: new Date("2026-11-02T09:00:00Z") });
  await addSupporter({ fullName: "Chen Wei", email: "chen@example.org", country: "FR", source: "utm", utmSource: "newsletter", consents: ["partner:amnesty-international", "partner:human-rights-watch"], confirmedAt: new Date("2026-11-03T09:00:00Z") });
  await addSupporter({ fullName: "Dana Withdrawn", email: "dana@example.org", country: "FR", withdrawn: ["partner:amnesty-international"], confirmedAt: new Date("2026-11-04T09:00:00Z") });
  await addSupporter({ fullName: "Pending Person", email: "pending@example.org", status: "pending", consents: ["partner:amnesty-international"] });
  await addSupporter({ fullName: "Erased Person", email: "erased@example.org", erased: true, consents: ["partner:amnesty-international"] });
  await addSupporter({ fullName: "Other Campaign", email: "other@example.org", campaign: "closed-test-campaign", consents: ["partner:amnesty-international"] });
}

describe("a CSV export", () => {
  it("holds exactly the confirmed, not erased signatures of the campaign, oldest first, with the chosen columns", async () => {
    await seedMix();
    const { text, filename, contentType } = await run(owner, { columns: "id,email,country,full_name,consent_partners,consent_campaign,source,ref_code,utm_source,confirmed_at" });
    expect(filename).toBe("guterres-xinjiang-signatures-2026-11-27.csv");
    expect(contentType).toBe("text/csv; charset=utf-8");
    expect(text.split("\r\n")[0]).toBe("id,confirmed_at,full_name,email,country,source,ref_code,utm_source,consent_campaign,consent_partners");
    const rows = csvRows(text);
    expect(rows.map((r) => r.id)).toEqual(await dbIds("1 = 1"));
    expect(rows.map((r) => r.email)).toEqual(["aylin@example.org", "bora@example.org", "chen@example.org", "dana@example.org"]);
    expect(rows[0]).toMatchObject({ confirmed_at: "2026-11-01T09:00:00.000Z", consent_campaign: "true", consent_partners: "amnesty-international", country: "FR" });
    expect(rows[1]).toMatchObject({ source: "referral", ref_code: "abc", consent_campaign: "false" });
    expect(rows[2]).toMatchObject({ utm_source: "newsletter", consent_partners: "amnesty-international human-rights-watch" });
    expect(rows[3].consent_partners).toBe("");
  });

  it("applies the date, country, source and partner filters exactly as the database selects them", async () => {
    await seedMix();
    const byDate = csvRows((await run(owner, { from: "2026-11-02", to: "2026-11-03" })).text);
    expect(byDate.map((r) => r.id)).toEqual(await dbIds(`s."confirmedAt" >= '2026-11-02' AND s."confirmedAt" < '2026-11-04'`));
    expect(byDate).toHaveLength(2);
    const byCountry = csvRows((await run(owner, { country: "fr" })).text);
    expect(byCountry.map((r) => r.id)).toEqual(await dbIds("s.country = 'FR'"));
    const bySource = csvRows((await run(owner, { source: "referral" })).text);
    expect(bySource.map((r) => r.email)).toEqual(["bora@example.org"]);
    const byPartner = csvRows((await run(owner, { partner: "human-rights-watch" })).text);
    expect(byPartner.map((r) => r.email)).toEqual(["bora@example.org", "chen@example.org"]);
  });

  it("gives a partner admin exactly the supporters who consented to that partner, whatever it asks for", async () => {
    await seedMix();
    const rows = csvRows((await run(amnestyAdmin, { columns: "email,consent_partners" })).text);
    expect(rows).toEqual([
      { email: "aylin@example.org", consent_partners: "amnesty-international" },
      { email: "chen@example.org", consent_partners: "amnesty-international" },
    ]);
    await expect(run(amnestyAdmin, { partner: "human-rights-watch" })).rejects.toThrow(/only its own supporters/);
  });

  it("neutralises cells a spreadsheet would evaluate, and quotes commas, quotes and line breaks (RFC 4180)", async () => {
    await addSupporter({ fullName: '=HYPERLINK("x")', email: "formula@example.org", comment: '+1, said "me"\nsecond line' });
    await addSupporter({ fullName: "@SUM(A1)", email: "at@example.org", comment: "-2\tminus" });
    await addSupporter({ fullName: "Plain Name", email: "plain@example.org", comment: "\tTab first" });
    const { text } = await run(owner, { columns: "full_name,comment", bom: "true" });
    expect(text.startsWith("\uFEFFfull_name,comment\r\n")).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""x"")","'+1, said ""me""\nsecond line"\r\n`);
    const rows = csvRows(text);
    expect(rows).toEqual([
      { full_name: `'=HYPERLINK("x")`, comment: `'+1, said "me"\nsecond line` },
      { full_name: "'@SUM(A1)", comment: "'-2\tminus" },
      { full_name: "Plain Name", comment: "'\tTab first" },
    ]);
  });

  it("reads the same rows whatever the batch size (keyset pagination over equal timestamps)", async () => {
    const same = new Date("2026-11-05T00:00:00Z");
    for (let i = 0; i < 7; i++) await addSupporter({ fullName: `Same Time ${i}`, email: `same${i}@example.org`, confirmedAt: same });
    await seedMix();
    const whole = csvRows((await run(owner, { columns: "id" }, 1000)).text).map((r) => r.id);
    for (const size of [1, 2, 3, 5]) {
      expect(csvRows((await run(owner, { columns: "id" }, size)).text).map((r) => r.id)).toEqual(whole);
    }
    expect(whole).toEqual(await dbIds("1 = 1"));
    expect(new Set(whole).size).toBe(11);
  });
});

describe("the same file on SQLite and PostgreSQL", () => {
  it("writes every column to the byte: times in UTC to the millisecond, consents in order, the embed's partner", async () => {
    const id = await addSupporter({
      fullName: "Aylin Kadir Demir",
      email: "aylin@example.org",
      country: "TR",
      comment: "Now.",
      source: "utm",
      refCode: "abc",
      utmSource: "newsletter",
      consents: ["partner:human-rights-watch", "campaign", "partner:amnesty-international"],
      withdrawn: ["partner:fidh"],
      confirmedAt: new Date("2026-11-05T23:59:59.987Z"),
    });
    const fidh = await appDb.db().partner.findUniqueOrThrow({ where: { slug: "fidh" } });
    await appDb.db().signature.update({ where: { id }, data: { partnerId: fidh.id } });
    const { text } = await run(owner, { format: "ndjson" }); // the default columns
    expect(JSON.parse(text)).toEqual({
      id,
      confirmed_at: "2026-11-05T23:59:59.987Z",
      first_name: "Aylin",
      last_name: "Kadir Demir",
      email: "aylin@example.org",
      country: "TR",
      source: "utm",
      consent_campaign: true,
      consent_partners: "amnesty-international human-rights-watch",
    });
    const all = await run(owner, { columns: "id,confirmed_at,full_name,country_name,comment,locale,ref_code,referrer_host,utm_source,utm_medium,partner,consent_campaign,consent_partners" });
    expect(all.text).toBe(
      "id,confirmed_at,full_name,country_name,comment,locale,ref_code,referrer_host,utm_source,utm_medium,partner,consent_campaign,consent_partners\r\n" +
        `${id},2026-11-05T23:59:59.987Z,Aylin Kadir Demir,Türkiye,Now.,en,abc,,newsletter,,fidh,true,amnesty-international human-rights-watch\r\n`,
    );
  });

  it("reads page values the same on both: every field as text, times as ISO 8601 UTC, consent scopes in byte order", async () => {
    const pages = await import("@/lib/db/signature-pages");
    const id = await addSupporter({
      fullName: "Chen Wei",
      email: "chen@example.org",
      consents: ["partner:human-rights-watch", "campaign", "partner:amnesty-international"],
      confirmedAt: new Date("2026-11-05T00:00:00.001Z"),
    });
    const at = new Date("2026-11-04T22:10:09.500Z");
    await appDb.db().signature.update({ where: { id }, data: { createdAt: at, updatedAt: new Date("2026-11-06T01:02:03.000Z") } });
    const campaign = await appDb.db().campaign.findUniqueOrThrow({ where: { slug: "guterres-xinjiang" } });
    const page = await pages.signaturePage(campaign.id, {}, null, 10, pages.PAGE_FIELDS);
    const n = pages.PAGE_FIELDS.length;
    // consentRecords is JSON: equal once parsed (PostgreSQL spaces its JSON text its own way)
    const values = page.rows.map((r) => Object.fromEntries(pages.PAGE_FIELDS.map((f, i) => [f, f === "consentRecords" ? JSON.parse(r[i]!) : r[i]])));
    const given = (await appDb.db().consent.findMany({ where: { signatureId: id }, orderBy: { scope: "asc" } })).map((c) => c.givenAt.toISOString());
    expect(values).toEqual([
      {
        id,
        confirmedAt: "2026-11-05T00:00:00.001Z",
        createdAt: "2026-11-04T22:10:09.500Z",
        updatedAt: "2026-11-06T01:02:03.000Z",
        fullName: "Chen Wei",
        email: "chen@example.org",
        country: "FR",
        comment: null,
        locale: "en",
        source: "direct",
        refCode: null,
        referrerHost: null,
        utmSource: null,
        utmMedium: null,
        utmCampaign: null,
        utmTerm: null,
        utmContent: null,
        partnerSlug: null,
        consents: "campaign;partner:amnesty-international;partner:human-rights-watch",
        status: "confirmed",
        erasedAt: null,
        consentRecords: ["campaign", "partner:amnesty-international", "partner:human-rights-watch"].map((scope, i) => ({
          scope,
          wording: `I agree (${scope})`,
          locale: "en",
          given: given[i],
          withdrawn: null,
        })),
      },
    ]);
    expect(page.rows[0]).toHaveLength(n);
    expect(page.next).toBeNull();
    const full = await pages.signaturePage(campaign.id, {}, null, 1, ["email"]);
    expect(full.next).toEqual({ at: new Date("2026-11-05T00:00:00.001Z"), id });
    expect(await pages.signaturePage(campaign.id, {}, full.next, 1, ["email"])).toEqual({ rows: [], next: null });
    expect(await pages.countSignatures(campaign.id, { countries: ["FR", "DE"] })).toBe(1);
    expect(await pages.countSignatures(campaign.id, { countries: ["DE"] })).toBe(0);
  });

  it("selects by confirmation time to the millisecond: from included, to excluded", async () => {
    for (const ms of [122, 123, 124]) await addSupporter({ fullName: `At ${ms}`, email: `at${ms}@example.org`, confirmedAt: new Date(`2026-11-05T09:08:07.${ms}Z`) });
    const rows = csvRows((await run(owner, { columns: "email,confirmed_at", from: "2026-11-05T09:08:07.123Z", to: "2026-11-05T09:08:07.124Z" })).text);
    expect(rows).toEqual([{ email: "at123@example.org", confirmed_at: "2026-11-05T09:08:07.123Z" }]);
    // the same instant written with an offset
    const offset = csvRows((await run(owner, { columns: "email", from: "2026-11-05T10:08:07.123+01:00" })).text);
    expect(offset.map((r) => r.email)).toEqual(["at123@example.org", "at124@example.org"]);
  });

  it("pages one row at a time across times a millisecond apart without skipping or repeating anyone", async () => {
    const times = ["2026-11-05T09:08:07.999Z", "2026-11-05T09:08:08.000Z", "2026-11-05T09:08:08.000Z", "2026-11-05T09:08:08.001Z", "2026-12-31T23:59:59.999Z"];
    for (const [i, at] of times.entries()) await addSupporter({ fullName: `P ${i}`, email: `p${i}@example.org`, confirmedAt: new Date(at) });
    const rows = csvRows((await run(owner, { columns: "id,confirmed_at" }, 1)).text);
    expect(rows.map((r) => r.confirmed_at)).toEqual(times);
    expect(rows.map((r) => r.id)).toEqual(await dbIds("1 = 1"));
  });
});

describe("erasure", () => {
  it("removes the person from later exports", async () => {
    const { eraseSupporter } = await import("@/lib/signatures/erase");
    await seedMix();
    await eraseSupporter(cli, "bora@example.org");
    const rows = csvRows((await run(owner, { columns: "email,full_name" })).text);
    expect(rows.map((r) => r.email)).toEqual(["aylin@example.org", "chen@example.org", "dana@example.org"]);
    expect(JSON.stringify(rows)).not.toContain("Bora");
  });
});

describe("an NDJSON export", () => {
  it("has one JSON object per row, keys in the documented column order, values raw (no formula prefix)", async () => {
    await addSupporter({ fullName: '=HYPERLINK("x")', email: "formula@example.org", consents: ["campaign"] });
    const { text, filename, contentType } = await run(owner, { format: "ndjson", columns: "full_name,email,consent_campaign,comment" });
    expect(filename).toBe("guterres-xinjiang-signatures-2026-11-27.ndjson");
    expect(contentType).toBe("application/x-ndjson; charset=utf-8");
    expect(text).toBe(`{"full_name":"=HYPERLINK(\\"x\\")","email":"formula@example.org","comment":null,"consent_campaign":true}\n`);
  });
});

describe("the audit log", () => {
  it("records who exported, the filters and the row count when the stream ends", async () => {
    await seedMix();
    await run(amnestyAdmin, { country: "FR" });
    const rows = await appDb.db().auditLog.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorType: "admin", actorId: "partner-1", actorLabel: "p@amnesty.example", action: "export.signatures" });
    const details = JSON.parse(rows[0].details);
    expect(details).toMatchObject({ format: "csv", rows: 2, completed: true, filters: { country: ["FR"], partner: "amnesty-international" } });
  });

  it("records an export stopped midway with the rows sent so far", async () => {
    for (let i = 0; i < 5; i++) await addSupporter({ fullName: `Person ${i}`, email: `p${i}@example.org` });
    const opened = await exporter.openSignatureExport(cli, options.parseExportParams({ campaign: "guterres-xinjiang" }), { batchSize: 2 });
    const reader = opened.stream.getReader();
    await reader.read(); // header
    await reader.read(); // first two rows
    await reader.cancel();
    const [row] = await appDb.db().auditLog.findMany();
    expect(row).toMatchObject({ actorType: "cli", actorLabel: "cli:operator" });
    expect(JSON.parse(row.details)).toMatchObject({ rows: 2, completed: false });
  });
});

describe("export parameters", () => {
  it("are refused with a message naming the parameter", () => {
    const p = (params: ExportParams) => () => options.parseExportParams({ campaign: "guterres-xinjiang", ...params });
    expect(p({ format: "xlsx" })).toThrow('format must be csv or ndjson (got "xlsx")');
    expect(p({ columns: "email,password" })).toThrow('unknown column "password"');
    expect(p({ from: "27/11/2026" })).toThrow(/^from must be a date/);
    expect(p({ to: "2026-02-30" })).toThrow(/^to must be a date/);
    expect(p({ from: "2026-11-05", to: "2026-11-01" })).toThrow("from must be before to");
    expect(p({ country: "FR,XX" })).toThrow('unknown: "XX"');
    expect(p({ source: "tv" })).toThrow("source must be one of direct, referral, embed, utm");
    expect(() => options.parseExportParams({})).toThrow("campaign is required");
  });

  it("take a date alone as a whole UTC day", () => {
    const { filters } = options.parseExportParams({ campaign: "x", from: "2026-11-02", to: "2026-11-03" });
    expect(filters.from?.toISOString()).toBe("2026-11-02T00:00:00.000Z");
    expect(filters.to?.toISOString()).toBe("2026-11-04T00:00:00.000Z");
  });
});
