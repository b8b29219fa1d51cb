import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import type { CampaignView } from "@/lib/campaigns/model";
import type { SignatureInput } from "@/lib/signatures/schema";
import type { Attribution } from "@/lib/sharing/attribution";
import { emailOf } from "@/tests/unit/support/outbox";

// Attribution, referral codes, the private referral page, partner consents and counts by source,
// against a real SQLite file made by the migrations.

const ROOT = path.resolve(__dirname, "../..");
const APP_URL = "https://sign.example.org";
const CONFIRM = new RegExp(`${APP_URL.replace(/[.]/g, "\\.")}/confirm/([A-Za-z0-9_-]{43})`, "g");
const STATS = new RegExp(`${APP_URL.replace(/[.]/g, "\\.")}/referrals/([A-Za-z0-9_-]{43})`, "g");
const en = JSON.parse(fs.readFileSync(path.join(ROOT, "content/messages/en.json"), "utf8"));

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let sign: typeof import("@/lib/signatures/sign");
let confirm: typeof import("@/lib/signatures/confirm");
let stats: typeof import("@/lib/sharing/referral-stats");
let sources: typeof import("@/lib/sharing/source-counts");
let tokens: typeof import("@/lib/security/tokens");
let xinjiang: CampaignView;
let closedCampaign: CampaignView;

beforeAll(async () => {
  database = await createTestDatabase("sharing");
  Object.assign(process.env, { DATABASE_URL: database.url, APP_URL, OUTBOX_DISPATCHER: "off", RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: "50" });
  delete process.env.SMTP_URL;
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  const { loadContent } = await import("@/lib/campaigns/content");
  const { seedContent } = await import("@/lib/campaigns/seed");
  await seedContent([await loadContent(path.join(ROOT, "content")), await loadContent(path.join(ROOT, "e2e/fixtures/content"))]);
  sign = await import("@/lib/signatures/sign");
  confirm = await import("@/lib/signatures/confirm");
  stats = await import("@/lib/sharing/referral-stats");
  sources = await import("@/lib/sharing/source-counts");
  tokens = await import("@/lib/security/tokens");
  const campaigns = await import("@/lib/campaigns/campaigns");
  campaigns.forgetCampaignCache();
  xinjiang = (await campaigns.findCampaign("guterres-xinjiang"))!;
  closedCampaign = (await campaigns.findCampaign("closed-test-campaign"))!;
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  await appDb.db().outboxMessage.deleteMany();
  await appDb.db().signature.deleteMany();
});

let n = 0;
function supporter(changes: Partial<SignatureInput> = {}): SignatureInput {
  n += 1;
  return { fullName: `Signer ${n}`, email: `signer${n}@example.org`, country: "FR", comment: undefined, showName: false, optInCampaign: false, ...changes };
}

async function lastLink(email: string, pattern: RegExp): Promise<string> {
  const mails = await appDb.db().outboxMessage.findMany({ where: { toAddress: email }, orderBy: { createdAt: "asc" } });
  const links = mails.flatMap((m) => [...emailOf(m).text.matchAll(pattern)].map((match) => match[1]));
  return links[links.length - 1];
}

/** Signs (with an attribution) and confirms; returns the signer's row and private-page token. */
async function signer(attribution: Attribution = {}, options: { confirmed?: boolean; campaign?: CampaignView } = {}) {
  const input = supporter();
  await sign.signCampaign(options.campaign ?? xinjiang, input, "en", new Date(), { attribution });
  if (options.confirmed !== false) expect((await confirm.confirmSignature(await lastLink(input.email, CONFIRM))).result).toBe("confirmed");
  const row = await appDb.db().signature.findFirstOrThrow({ where: { email: input.email } });
  return { row, email: input.email, statsToken: await lastLink(input.email, STATS) };
}

describe("referral codes", () => {
  it("are given at confirmation, not before: 10 characters of the share alphabet, unique", async () => {
    const pending = await signer({}, { confirmed: false });
    expect(pending.row.referralCode).toBeNull();
    const codes = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const { row } = await signer();
      expect(row.referralCode).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{10}$/);
      codes.add(row.referralCode!);
    }
    expect(codes.size).toBe(20);
  });

  it("a known code makes a referral; an unknown, malformed or other campaign's code is kept but credits nobody", async () => {
    const amina = await signer();
    const referred = await signer({ refCode: amina.row.referralCode!, utmSource: "whatsapp", utmMedium: "share" });
    expect(referred.row).toMatchObject({ source: "referral", refCode: amina.row.referralCode, referredById: amina.row.id, utmSource: "whatsapp", utmMedium: "share" });

    const unknown = await signer({ refCode: "zzzzzzzzzz" });
    expect(unknown.row).toMatchObject({ source: "direct", refCode: "zzzzzzzzzz", referredById: null });

    const malformed = await signer({ refCode: "NOT-A-CODE" });
    expect(malformed.row).toMatchObject({ source: "direct", refCode: "NOT-A-CODE", referredById: null });

    const pendingReferrer = await signer({}, { confirmed: false });
    await appDb.db().signature.update({ where: { id: pendingReferrer.row.id }, data: { referralCode: "2222222222" } });
    expect((await signer({ refCode: "2222222222" })).row.referredById).toBeNull();
  });

  it("a repeat signing keeps the first touch", async () => {
    const amina = await signer();
    const input = supporter();
    await sign.signCampaign(xinjiang, input, "en", new Date(), { attribution: { utmSource: "first" } });
    await sign.signCampaign(xinjiang, input, "en", new Date(), { attribution: { refCode: amina.row.referralCode!, utmSource: "second" } });
    const row = await appDb.db().signature.findFirstOrThrow({ where: { email: input.email } });
    expect(row).toMatchObject({ source: "utm", utmSource: "first", refCode: null, referredById: null });
  });
});

describe("the private referral page", () => {
  it("counts only confirmed signatures referred by the signer, and reveals nothing else", async () => {
    const amina = await signer();
    expect(await stats.referralStats(amina.statsToken)).toEqual({
      campaign: { slug: "guterres-xinjiang", title: xinjiang.title },
      referralCode: amina.row.referralCode,
      referredConfirmed: 0,
    });
    await signer({ refCode: amina.row.referralCode! });
    await signer({ refCode: amina.row.referralCode! });
    await signer({ refCode: amina.row.referralCode! }, { confirmed: false });
    await signer({ refCode: "3333333333" });
    expect((await stats.referralStats(amina.statsToken))?.referredConfirmed).toBe(2);
  });

  it("its token is stored only hashed; a pending signer sees no code; unknown or malformed tokens get null", async () => {
    const pending = await signer({}, { confirmed: false });
    expect(tokens.isWellFormedToken(pending.statsToken)).toBe(true);
    expect(pending.row.statsTokenHash).toBe(tokens.hashToken(pending.statsToken));
    const table = JSON.stringify(await database.rows('SELECT * FROM "Signature"'));
    expect(table).not.toContain(pending.statsToken);
    expect(await stats.referralStats(pending.statsToken)).toMatchObject({ referralCode: null, referredConfirmed: 0 });
    expect(await stats.referralStats(tokens.generateToken())).toBeNull();
    expect(await stats.referralStats("../../etc")).toBeNull();
  });

  it("a repeat signing (by anyone who knows the address) keeps the link working and mails no new one", async () => {
    const input = supporter();
    await sign.signCampaign(xinjiang, input, "en");
    const first = await lastLink(input.email, STATS);
    const hash = (await appDb.db().signature.findFirstOrThrow({ where: { email: input.email } })).statsTokenHash;
    await sign.signCampaign(xinjiang, input, "en");
    // An owner's resend does not replace it either.
    const { resendConfirmation } = await import("@/lib/admin/signatures");
    expect(await resendConfirmation({ type: "cli", name: "test" }, (await appDb.db().signature.findFirstOrThrow({ where: { email: input.email } })).id)).toBe("sent");
    expect((await appDb.db().signature.findFirstOrThrow({ where: { email: input.email } })).statsTokenHash).toBe(hash);
    expect(await stats.referralStats(first)).not.toBeNull();
    const mails = await appDb.db().outboxMessage.findMany({ where: { toAddress: input.email }, orderBy: { createdAt: "asc" } });
    expect(mails).toHaveLength(3);
    expect(mails.map((m) => emailOf(m).text.includes("/referrals/"))).toEqual([true, false, false]);
  });

  it("a new link is made only from the private page: the old one stops working at once, and only once", async () => {
    const amina = await signer();
    const fresh = await stats.renewReferralLink(amina.statsToken);
    expect(fresh).not.toBeNull();
    expect(tokens.isWellFormedToken(fresh!)).toBe(true);
    expect(await stats.referralStats(amina.statsToken)).toBeNull();
    expect(await stats.referralStats(fresh!)).toMatchObject({ referralCode: amina.row.referralCode });
    // The old link cannot make another one, nor can a made-up or malformed token.
    expect(await stats.renewReferralLink(amina.statsToken)).toBeNull();
    expect(await stats.renewReferralLink(tokens.generateToken())).toBeNull();
    expect(await stats.renewReferralLink("../../etc")).toBeNull();
    const row = await appDb.db().signature.findUniqueOrThrow({ where: { id: amina.row.id } });
    expect(row.statsTokenHash).toBe(tokens.hashToken(fresh!));
    expect(JSON.stringify(await database.rows('SELECT * FROM "Signature"'))).not.toContain(fresh!);
  });

  it("the confirmation email names the private page", async () => {
    const input = supporter();
    await sign.signCampaign(xinjiang, input, "en");
    const mail = await appDb.db().outboxMessage.findFirstOrThrow({ where: { toAddress: input.email } });
    expect(emailOf(mail).text).toContain(`${en.Referrals.emailIntro}\n${APP_URL}/referrals/`);
    expect(emailOf(mail).html).toContain(`href="${APP_URL}/referrals/`);
  });
});

describe("partner embeds and consents", () => {
  it("an embed signature names its partner when the partner is in the coalition", async () => {
    expect((await signer({ embed: true, partner: "fidh" })).row.source).toBe("embed");
    const fidh = await appDb.db().partner.findUniqueOrThrow({ where: { slug: "fidh" } });
    expect((await signer({ embed: true, partner: "fidh", refCode: "4444444444" })).row).toMatchObject({ source: "embed", partnerId: fidh.id });
    expect((await signer({ embed: true, partner: "not-a-partner" })).row).toMatchObject({ source: "embed", partnerId: null });
    // ?partner= outside an embed still names the partner but the source stays what the link says.
    expect((await signer({ partner: "fidh", utmCampaign: "x" })).row).toMatchObject({ source: "utm", partnerId: fidh.id });
  });

  it("stores one consent per ticked coalition partner with the exact wording, locale and time; others are ignored", async () => {
    const input = supporter({ optInCampaign: true });
    const now = new Date("2026-11-27T02:00:00Z");
    await sign.signCampaign(xinjiang, input, "en", now, { partnerConsents: ["world-uyghur-congress", "amnesty-international", "not-a-partner", "amnesty-international"] });
    const row = await appDb.db().signature.findFirstOrThrow({ where: { email: input.email }, include: { consents: { orderBy: { scope: "asc" } } } });
    expect(row.consents.map(({ scope, wording, locale, givenAt }) => ({ scope, wording, locale, givenAt }))).toEqual([
      { scope: "campaign", wording: en.SignForm.optInCampaign, locale: "en", givenAt: now },
      { scope: "partner:amnesty-international", wording: "Keep me informed by Amnesty International", locale: "en", givenAt: now },
      { scope: "partner:world-uyghur-congress", wording: "Keep me informed by World Uyghur Congress", locale: "en", givenAt: now },
    ]);
  });

  it("no partner consent is stored when none is ticked", async () => {
    const input = supporter();
    await sign.signCampaign(xinjiang, input, "en", new Date(), { partnerConsents: [] });
    expect(await appDb.db().consent.count()).toBe(0);
  });
});

describe("confirmed counts by source", () => {
  it("totals confirmed signatures per source, partner, utm_campaign and referral code; pending ones are left out", async () => {
    const amina = await signer();
    const bilal = await signer({ utmCampaign: "autumn", utmSource: "newsletter" });
    await signer({ refCode: amina.row.referralCode! });
    await signer({ refCode: amina.row.referralCode!, utmCampaign: "autumn" });
    await signer({ refCode: bilal.row.referralCode! });
    await signer({ embed: true, partner: "fidh" });
    await signer({ embed: true, partner: "fidh", utmCampaign: "fidh-letter" });
    await signer({ embed: true, partner: "human-rights-watch" });
    await signer({ embed: true, partner: "fidh" }, { confirmed: false });
    await signer({ utmCampaign: "autumn" }, { confirmed: false });

    const counts = await sources.confirmedCountsBySource(xinjiang.id);
    expect(counts.bySource).toEqual({ direct: 1, referral: 3, embed: 3, utm: 1 });
    expect(counts.byPartner).toEqual([
      { slug: "fidh", name: "International Federation for Human Rights", count: 2 },
      { slug: "human-rights-watch", name: "Human Rights Watch", count: 1 },
    ]);
    expect(counts.byUtmCampaign).toEqual([
      { utmCampaign: "autumn", count: 2 },
      { utmCampaign: "fidh-letter", count: 1 },
    ]);
    expect(counts.topReferralCodes).toEqual([
      { referralCode: amina.row.referralCode, count: 2 },
      { referralCode: bilal.row.referralCode, count: 1 },
    ]);
    expect((await sources.confirmedCountsBySource(xinjiang.id, 1)).topReferralCodes).toHaveLength(1);
    expect((await sources.confirmedCountsBySource(closedCampaign.id)).bySource).toEqual({ direct: 0, referral: 0, embed: 0, utm: 0 });
  });
});
