import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import type { Actor } from "@/lib/admin/actor";
import type { CampaignView } from "@/lib/campaigns/model";
import { emailOf } from "@/tests/unit/support/outbox";

// Owners' signature management and the dashboard's figures, against a real SQLite file: what
// changes in the database, what counts, what is audited, and what a partner admin is refused.

const ROOT = path.resolve(__dirname, "../..");
const FIDH_NAME = (JSON.parse(fs.readFileSync(path.join(ROOT, "content/partners.json"), "utf8")) as { slug: string; name: string }[]).find((p) => p.slug === "fidh")!.name;
const owner: Actor = { type: "admin", adminId: "owner-1", email: "owner@example.org", role: "owner", partnerId: null, partnerSlug: null };
let partner: Actor;

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let admin: typeof import("@/lib/admin/signatures");
let erase: typeof import("@/lib/signatures/erase");
let dashboard: typeof import("@/lib/admin/dashboard");
let count: typeof import("@/lib/signatures/count");
let sign: typeof import("@/lib/signatures/sign");
let confirm: typeof import("@/lib/signatures/confirm");
let actorModule: typeof import("@/lib/admin/actor");
let xinjiang: CampaignView;
let other: { id: string };

beforeAll(async () => {
  database = await createTestDatabase("admin-signatures");
  Object.assign(process.env, { DATABASE_URL: database.url, APP_URL: "https://sign.example.org", OUTBOX_DISPATCHER: "off", RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: "5" });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  const { loadContent } = await import("@/lib/campaigns/content");
  const { seedContent } = await import("@/lib/campaigns/seed");
  await seedContent([await loadContent(path.join(ROOT, "content")), await loadContent(path.join(ROOT, "e2e/fixtures/content"))]);
  admin = await import("@/lib/admin/signatures");
  erase = await import("@/lib/signatures/erase");
  dashboard = await import("@/lib/admin/dashboard");
  count = await import("@/lib/signatures/count");
  sign = await import("@/lib/signatures/sign");
  confirm = await import("@/lib/signatures/confirm");
  actorModule = await import("@/lib/admin/actor");
  const { findCampaign } = await import("@/lib/campaigns/campaigns");
  xinjiang = (await findCampaign("guterres-xinjiang"))!;
  other = (await findCampaign("closed-test-campaign"))!;
  const amnesty = await appDb.db().partner.findUniqueOrThrow({ where: { slug: "amnesty-international" } });
  partner = { type: "admin", adminId: "partner-1", email: "p@example.org", role: "partner", partnerId: amnesty.id, partnerSlug: amnesty.slug };
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  const db = appDb.db();
  await db.outboxMessage.deleteMany();
  await db.signature.deleteMany();
  await db.auditLog.deleteMany();
  count.forgetCounts();
  dashboard.forgetDashboards();
});

let n = 0;
/** A signature row as the sign flow leaves it (confirmed unless told otherwise). */
async function signature(fields: { email?: string; fullName?: string; campaignId?: string; status?: string; country?: string; createdAt?: Date; confirmedAt?: Date; source?: string; partnerSlug?: string; consents?: string[]; comment?: string }) {
  n += 1;
  const email = fields.email ?? `person${n}@example.org`;
  const status = fields.status ?? "confirmed";
  const partnerRow = fields.partnerSlug ? await appDb.db().partner.findUniqueOrThrow({ where: { slug: fields.partnerSlug } }) : null;
  const { normalizeEmail } = await import("@/lib/signatures/email");
  return appDb.db().signature.create({
    data: {
      campaignId: fields.campaignId ?? xinjiang.id,
      fullName: fields.fullName ?? `Person ${n} Example`,
      email,
      emailNormalized: normalizeEmail(email),
      country: fields.country ?? "FR",
      comment: fields.comment ?? null,
      showName: true,
      locale: "en",
      status,
      createdAt: fields.createdAt,
      confirmedAt: status === "confirmed" ? (fields.confirmedAt ?? new Date()) : null,
      source: fields.source ?? "direct",
      partnerId: partnerRow?.id ?? null,
      referralCode: `code${n}`,
      consents: { create: (fields.consents ?? []).map((scope) => ({ scope, wording: `I agree (${scope})`, locale: "en" })) },
    },
  });
}

describe("finding signatures", () => {
  it("finds a person by any spelling of their address that reaches the same inbox, in every campaign", async () => {
    await signature({ email: "Aylin.Kadir@gmail.com", fullName: "Aylin Kadir" });
    await signature({ email: "aylinkadir+petition@googlemail.com", fullName: "Aylin Kadir", campaignId: other.id });
    await signature({ email: "someone@example.org" });
    const found = await admin.searchSignatures(owner, "AYLINKADIR@gmail.com");
    expect(found.map((f) => f.campaignSlug).sort()).toEqual(["closed-test-campaign", "guterres-xinjiang"]);
  });

  it("finds by part of a name", async () => {
    await signature({ fullName: "Mehmet Tohti" });
    await signature({ fullName: "Rahima Mahmut" });
    expect((await admin.searchSignatures(owner, "tohti")).map((f) => f.fullName)).toEqual(["Mehmet Tohti"]);
  });

  it("finds a name whatever the case of the letters typed", async () => {
    await signature({ fullName: "Aylin Kadir" });
    await signature({ fullName: "Rahima Mahmut" });
    expect((await admin.searchSignatures(owner, "AYLIN")).map((f) => f.fullName)).toEqual(["Aylin Kadir"]);
    expect((await admin.searchSignatures(owner, "lin KAD")).map((f) => f.fullName)).toEqual(["Aylin Kadir"]);
    expect((await admin.searchSignatures(owner, "rahima mahmut")).map((f) => f.fullName)).toEqual(["Rahima Mahmut"]);
  });

  it("takes % and _ in a name search as the characters typed, not as wildcards", async () => {
    await signature({ fullName: "Aylin Kadir" });
    await signature({ fullName: "Percent 100% Sure" });
    expect((await admin.searchSignatures(owner, "0%")).map((f) => f.fullName)).toEqual(["Percent 100% Sure"]);
    expect(await admin.searchSignatures(owner, "A_lin")).toEqual([]);
  });

  it("is refused to a partner admin", async () => {
    await signature({ fullName: "Mehmet Tohti" });
    await expect(admin.searchSignatures(partner, "Tohti")).rejects.toBeInstanceOf(actorModule.ForbiddenError);
    const row = await signature({});
    await expect(admin.signatureDetail(partner, row.id)).rejects.toBeInstanceOf(actorModule.ForbiddenError);
    await expect(admin.withdrawSignature(partner, row.id)).rejects.toBeInstanceOf(actorModule.ForbiddenError);
    await expect(erase.eraseSupporter(partner, row.email)).rejects.toBeInstanceOf(actorModule.ForbiddenError);
    expect((await appDb.db().signature.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("confirmed");
  });
});

describe("resending a confirmation link", () => {
  it("queues a fresh link for a pending signature and audits it", async () => {
    await sign.signCampaign(xinjiang, { fullName: "Aylin Kadir", email: "aylin@example.org", country: "FR", comment: undefined, showName: false, optInCampaign: false }, "en");
    const row = await appDb.db().signature.findFirstOrThrow();
    expect(await admin.resendConfirmation(owner, row.id)).toBe("sent");
    expect(await appDb.db().outboxMessage.count({ where: { toAddress: "aylin@example.org", kind: "signature.confirm" } })).toBe(2);
    expect(await appDb.db().auditLog.count({ where: { action: "signature.resend", targetId: row.id } })).toBe(1);
  });

  it("does not resend to a confirmed signature", async () => {
    const row = await signature({});
    expect(await admin.resendConfirmation(owner, row.id)).toBe("not-pending");
    expect(await appDb.db().outboxMessage.count()).toBe(0);
  });
});

describe("withdrawing a signature at the signer's request", () => {
  it("takes it out of the count, withdraws its consents, keeps its link from confirming, and audits it", async () => {
    await sign.signCampaign(xinjiang, { fullName: "Aylin Kadir", email: "aylin@example.org", country: "FR", comment: undefined, showName: true, optInCampaign: true }, "en");
    const mail = await appDb.db().outboxMessage.findFirstOrThrow();
    const token = emailOf(mail).text.match(/\/confirm\/([A-Za-z0-9_-]{43})/)![1];
    const row = await appDb.db().signature.findFirstOrThrow();
    expect(await admin.withdrawSignature(owner, row.id)).toBe("withdrawn");
    expect(await confirm.confirmSignature(token)).toMatchObject({ result: "invalid" });
    const after = await appDb.db().signature.findUniqueOrThrow({ where: { id: row.id }, include: { consents: true } });
    expect(after.status).toBe("withdrawn");
    expect(after.withdrawnAt).not.toBeNull();
    expect(after.consents.map((c) => c.scope)).toEqual(["campaign"]);
    expect(after.consents.every((c) => c.withdrawnAt !== null)).toBe(true);
    expect(await count.confirmedCount(xinjiang.id)).toBe(0);
    expect(await appDb.db().auditLog.count({ where: { action: "signature.withdraw", targetId: row.id } })).toBe(1);
  });

  it("makes a confirmed signature stop counting at once", async () => {
    const row = await signature({});
    await signature({});
    expect(await count.confirmedCount(xinjiang.id)).toBe(2);
    await admin.withdrawSignature(owner, row.id);
    expect(await count.confirmedCount(xinjiang.id)).toBe(1);
  });
});

describe("erasing a person", () => {
  it("removes their personal data from every campaign, keeps the anonymised count, and writes one audit row without the address", async () => {
    const a = await signature({ email: "Aylin.Kadir@gmail.com", fullName: "Aylin Kadir", comment: "For my uncle", country: "DE", consents: ["campaign", "partner:amnesty-international"] });
    const b = await signature({ email: "aylinkadir@gmail.com", fullName: "Aylin Kadir", campaignId: other.id, status: "pending" });
    await appDb.db().confirmationToken.create({ data: { signatureId: b.id, tokenHash: "f".repeat(64), expiresAt: new Date(Date.now() + 1e9) } });
    await appDb.db().outboxMessage.create({ data: { kind: "signature.confirm", toAddress: "aylinkadir@gmail.com", payload: JSON.stringify({ to: "aylinkadir@gmail.com", subject: "Confirm", text: "Dear Aylin Kadir", html: "" }) } });
    const keep = await signature({ email: "someone@example.org", fullName: "Someone Else" });
    const before = await count.confirmedCount(xinjiang.id);

    const result = await erase.eraseSupporter(owner, "AYLIN.KADIR+x@googlemail.com");

    expect(result).toEqual({ signatures: 2, campaigns: ["closed-test-campaign", "guterres-xinjiang"] });
    // Nothing in the file mentions the person any more.
    const tables = ["Signature", "Consent", "ConfirmationToken", "OutboxMessage", "AuditLog"];
    const dump = (await Promise.all(tables.map((t) => database.rows(`SELECT * FROM "${t}"`)))).map((rows) => JSON.stringify(rows)).join("\n");
    expect(dump.toLowerCase()).not.toContain("aylin");
    expect(dump).not.toContain("For my uncle");
    for (const id of [a.id, b.id]) {
      const row = await appDb.db().signature.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ fullName: "", email: "", emailNormalized: `erased:${id}`, comment: null, showName: false });
      expect(row.erasedAt).not.toBeNull();
    }
    // kept, withdrawn: they name nobody, and tell a partner's sync this signer was theirs (ADR 055)
    expect(await appDb.db().consent.count({ where: { signatureId: a.id, withdrawnAt: null } })).toBe(0);
    expect(await appDb.db().consent.count({ where: { signatureId: a.id } })).toBe(2);
    expect(await appDb.db().confirmationToken.count({ where: { signatureId: b.id } })).toBe(0);
    // The count, and the country and status behind it, stay.
    count.forgetCounts();
    expect(await count.confirmedCount(xinjiang.id)).toBe(before);
    expect((await appDb.db().signature.findUniqueOrThrow({ where: { id: a.id } })).country).toBe("DE");
    expect((await appDb.db().signature.findUniqueOrThrow({ where: { id: keep.id } })).fullName).toBe("Someone Else");

    const audit = await appDb.db().auditLog.findMany({ where: { action: "signature.erase" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ signatures: 2, emailFingerprint: erase.erasureFingerprint("aylinkadir@gmail.com") });
    expect(audit[0].actorLabel).toBe("owner@example.org");
  });

  it("lets the person sign again afterwards", async () => {
    await signature({ email: "aylin@example.org" });
    await erase.eraseSupporter(owner, "aylin@example.org");
    const outcome = await sign.signCampaign(xinjiang, { fullName: "Aylin Kadir", email: "aylin@example.org", country: "FR", comment: undefined, showName: false, optInCampaign: false }, "en");
    expect(outcome).toEqual({ status: "accepted", detail: "new" });
  });

  it("audits an erasure that found nobody, and changes nothing", async () => {
    await signature({ email: "someone@example.org" });
    expect(await erase.eraseSupporter(owner, "nobody@example.org")).toEqual({ signatures: 0, campaigns: [] });
    expect(await appDb.db().auditLog.count({ where: { action: "signature.erase" } })).toBe(1);
    expect(await appDb.db().signature.count({ where: { erasedAt: { not: null } } })).toBe(0);
  });
});

describe("bulk invalidation of a spam wave", () => {
  it("previews, then invalidates every pending or confirmed signature from a domain, with counts updated and an audit row", async () => {
    await signature({ email: "a@spam.example" });
    await signature({ email: "b@SPAM.example", status: "pending" });
    await signature({ email: "c@spam.example", status: "withdrawn" });
    await signature({ email: "d@notspam.example" });
    await signature({ email: "e@spam.example", campaignId: other.id });
    const filter = admin.invalidationSchema.parse({ by: "domain", domain: "@Spam.Example" });
    const preview = await admin.previewInvalidation(owner, xinjiang.id, filter);
    expect([preview.confirmed, preview.pending]).toEqual([1, 1]);
    expect(await count.confirmedCount(xinjiang.id)).toBe(2);

    expect(await admin.applyInvalidation(owner, xinjiang.id, filter, "bot wave 12 May")).toEqual({ invalidated: 2 });
    expect(await count.confirmedCount(xinjiang.id)).toBe(1);
    const statuses = await appDb.db().signature.findMany({ select: { email: true, status: true, invalidReason: true }, orderBy: { email: "asc" } });
    expect(statuses).toEqual([
      { email: "a@spam.example", status: "invalidated", invalidReason: "bot wave 12 May" },
      { email: "b@SPAM.example", status: "invalidated", invalidReason: "bot wave 12 May" },
      { email: "c@spam.example", status: "withdrawn", invalidReason: null },
      { email: "d@notspam.example", status: "confirmed", invalidReason: null },
      { email: "e@spam.example", status: "confirmed", invalidReason: null },
    ]);
    const [audit] = await appDb.db().auditLog.findMany({ where: { action: "signatures.invalidate" } });
    expect(JSON.parse(audit.details)).toEqual({ filter: { domain: "spam.example" }, reason: "bot wave 12 May", signatures: 2 });
  });

  it("invalidates by the time the signatures were made", async () => {
    await signature({ createdAt: new Date("2026-05-12T09:59:59Z") });
    await signature({ createdAt: new Date("2026-05-12T10:00:00Z") });
    await signature({ createdAt: new Date("2026-05-12T10:30:00Z"), status: "pending" });
    await signature({ createdAt: new Date("2026-05-12T11:00:00Z") });
    const filter = admin.invalidationSchema.parse({ by: "window", from: "2026-05-12T10:00:00Z", to: "2026-05-12T11:00:00Z" });
    expect(await admin.previewInvalidation(owner, xinjiang.id, filter)).toMatchObject({ confirmed: 1, pending: 1 });
    expect(await admin.applyInvalidation(owner, xinjiang.id, filter, "")).toEqual({ invalidated: 2 });
  });

  it("refuses filters that are not a domain or a forward window of at most 31 days", () => {
    const error = (input: unknown) => admin.invalidationSchema.safeParse(input).error?.issues[0].message;
    expect(error({ by: "domain", domain: "" })).toBe("domain-required");
    expect(error({ by: "domain", domain: "not a domain" })).toBe("domain-invalid");
    expect(error({ by: "window", from: "2026-05-12T11:00:00Z", to: "2026-05-12T10:00:00Z" })).toBe("window-order");
    expect(error({ by: "window", from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z" })).toBe("window-too-long");
    expect(error({ by: "window", from: "yesterday", to: "2026-03-01T00:00:00Z" })).toBe("from-invalid");
  });

  it("is refused to a partner admin", async () => {
    await signature({ email: "a@spam.example" });
    const filter = admin.invalidationSchema.parse({ by: "domain", domain: "spam.example" });
    await expect(admin.applyInvalidation(partner, xinjiang.id, filter, "")).rejects.toBeInstanceOf(actorModule.ForbiddenError);
    await expect(admin.previewInvalidation(partner, xinjiang.id, filter)).rejects.toBeInstanceOf(actorModule.ForbiddenError);
  });
});

describe("the dashboard", () => {
  it("counts by status, country, source, hour and day, and partner consents, from confirmed signatures only", async () => {
    const now = new Date("2026-06-01T12:30:00Z");
    await signature({ country: "FR", confirmedAt: new Date("2026-06-01T12:05:00Z"), consents: ["partner:amnesty-international"] });
    await signature({ country: "FR", confirmedAt: new Date("2026-06-01T11:59:00Z"), source: "embed", partnerSlug: "fidh", consents: ["partner:fidh"] });
    await signature({ country: "DE", confirmedAt: new Date("2026-05-30T08:00:00Z"), source: "utm", consents: ["partner:amnesty-international", "campaign"] });
    await signature({ country: "DE", status: "pending", consents: ["partner:amnesty-international"] });
    await signature({ country: "US", status: "invalidated" });
    await signature({ country: "FR", status: "withdrawn" });

    const d = await dashboard.computeDashboard(owner, xinjiang.id, now);
    expect(d.totals).toEqual({ confirmed: 3, pending: 1, withdrawn: 1, invalidated: 1 });
    expect(d.confirmationRate).toBe(0.75);
    expect(d.byCountry).toEqual([{ key: "FR", count: 2 }, { key: "DE", count: 1 }]);
    expect(d.bySource).toEqual([{ key: "direct", count: 1 }, { key: "embed", count: 1 }, { key: "utm", count: 1 }]);
    expect(d.byEmbedPartner).toEqual([{ key: FIDH_NAME, count: 1 }]);
    expect(d.perDay).toEqual([{ key: "2026-05-30", count: 1 }, { key: "2026-06-01", count: 2 }]);
    expect(d.perHour).toHaveLength(dashboard.HOURS_SHOWN);
    expect(d.perHour.at(-1)).toEqual({ key: "2026-06-01T12", count: 1 });
    expect(d.perHour.at(-2)).toEqual({ key: "2026-06-01T11", count: 1 });
    // The 30 May signature is older than 48 hours: in the daily series only.
    expect(d.perHour.reduce((s, b) => s + b.count, 0)).toBe(2);
    const consents = Object.fromEntries(d.partnerConsents.map((p) => [p.partnerSlug, p.count]));
    expect(consents).toMatchObject({ "amnesty-international": 2, fidh: 1, "human-rights-watch": 0 });
  });

  it("puts each signature in the UTC hour and day it was confirmed in, to the millisecond", async () => {
    const now = new Date("2026-06-01T12:30:00Z");
    await signature({ confirmedAt: new Date("2026-06-01T10:59:59.999Z") });
    await signature({ confirmedAt: new Date("2026-06-01T11:00:00.000Z") });
    await signature({ confirmedAt: new Date("2026-05-31T23:59:59.999Z") });
    // the first hour shown starts 47 hours before the current one: 2026-05-30T13
    await signature({ confirmedAt: new Date("2026-05-30T12:59:59.999Z") });
    await signature({ confirmedAt: new Date("2026-05-30T13:00:00.000Z") });
    const d = await dashboard.computeDashboard(owner, xinjiang.id, now);
    expect(d.perDay).toEqual([
      { key: "2026-05-30", count: 2 },
      { key: "2026-05-31", count: 1 },
      { key: "2026-06-01", count: 2 },
    ]);
    const hours = Object.fromEntries(d.perHour.filter((b) => b.count > 0).map((b) => [b.key, b.count]));
    expect(hours).toEqual({ "2026-05-30T13": 1, "2026-05-31T23": 1, "2026-06-01T10": 1, "2026-06-01T11": 1 });
    expect(d.perHour[0].key).toBe("2026-05-30T13");
  });

  it("computes the unredacted figures for owners only", async () => {
    await expect(dashboard.computeDashboard(partner, xinjiang.id)).rejects.toBeInstanceOf(actorModule.ForbiddenError);
  });

  it("shows a partner admin referral codes only, and only their own partner's consent total", async () => {
    const referrer = await signature({ email: "referrer@example.org" });
    for (let i = 0; i < 3; i++) {
      const r = await signature({ source: "referral" });
      await appDb.db().signature.update({ where: { id: r.id }, data: { referredById: referrer.id } });
    }
    const forOwner = await dashboard.campaignDashboard(owner, xinjiang.id);
    expect(forOwner.topReferrers).toEqual([{ code: referrer.referralCode, email: "referrer@example.org", count: 3 }]);
    expect(forOwner.partnerConsents).toHaveLength(5);
    const forPartner = await dashboard.campaignDashboard(partner, xinjiang.id);
    expect(forPartner.topReferrers).toEqual([{ code: referrer.referralCode, email: null, count: 3 }]);
    expect(forPartner.partnerConsents.map((p) => p.partnerSlug)).toEqual(["amnesty-international"]);
  });
});

describe("inviting partner admins", () => {
  it("explains what is missing or wrong, and invites once", async () => {
    const admins = await import("@/lib/admin/admins");
    await appDb.db().adminUser.deleteMany();
    expect(await admins.inviteAdmin(owner, { email: null, partnerSlug: "fidh" })).toEqual({ status: "error", error: "email-required" });
    expect(await admins.inviteAdmin(owner, { email: "x@example.org", partnerSlug: null })).toEqual({ status: "error", error: "partner-required" });
    expect(await admins.inviteAdmin(owner, { email: "nope", partnerSlug: "fidh" })).toEqual({ status: "error", error: "email-invalid" });
    expect(await admins.inviteAdmin(owner, { email: "x@example.org", partnerSlug: "unknown" })).toEqual({ status: "error", error: "unknown-partner" });
    expect(await admins.inviteAdmin(owner, { email: "X@example.org", partnerSlug: "fidh" })).toEqual({ status: "invited", email: "x@example.org" });
    expect(await admins.inviteAdmin(owner, { email: "x@example.org", partnerSlug: "fidh" })).toEqual({ status: "error", error: "already-admin" });
    expect(await appDb.db().outboxMessage.count({ where: { kind: "admin.invite", toAddress: "x@example.org" } })).toBe(1);
    expect(await appDb.db().auditLog.count({ where: { action: "admin.invite" } })).toBe(1);
    await expect(admins.inviteAdmin(partner, { email: "y@example.org", partnerSlug: "fidh" })).rejects.toBeInstanceOf(actorModule.ForbiddenError);
  });
});

describe("the delivery view's data", () => {
  it("names only confirmed, opted-in, not erased signers, in their public form, for owners only", async () => {
    const delivery = await import("@/lib/admin/delivery");
    await signature({ fullName: "Aylin Kadir", country: "FR" });
    await signature({ fullName: "Pending Person", status: "pending" });
    const hidden = await signature({ fullName: "Hidden Person" });
    await appDb.db().signature.update({ where: { id: hidden.id }, data: { showName: false } });
    await signature({ fullName: "Erased Person", email: "erased@example.org" });
    await erase.eraseSupporter(owner, "erased@example.org");

    expect(await delivery.deliveryNames(owner, xinjiang.id)).toEqual([{ name: "Aylin K.", country: "FR" }]);
    await expect(delivery.deliveryNames(partner, xinjiang.id)).rejects.toBeInstanceOf(actorModule.ForbiddenError);
    // Totals count every confirmed signature, named or not, erased or not.
    expect(await delivery.deliveryTotals(partner, xinjiang.id)).toEqual({ total: 3, byCountry: [{ country: "FR", count: 3 }] });
  });
});
