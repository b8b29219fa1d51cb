import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import type { CampaignView } from "@/lib/campaigns/model";
import type { SignatureInput } from "@/lib/signatures/schema";
import { emailOf } from "@/tests/unit/support/outbox";

// Signing and confirming against a real SQLite file: what is stored, what mail is queued, and
// what a confirmation link does.

const ROOT = path.resolve(__dirname, "../..");
const APP_URL = "https://sign.example.org";
const MAIL_CAP = 3;
const en = JSON.parse(fs.readFileSync(path.join(ROOT, "content/messages/en.json"), "utf8"));
const LINK = new RegExp(`${APP_URL.replace(/[.]/g, "\\.")}/confirm/([A-Za-z0-9_-]+)`, "g");

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let sign: typeof import("@/lib/signatures/sign");
let confirm: typeof import("@/lib/signatures/confirm");
let count: typeof import("@/lib/signatures/count");
let tokens: typeof import("@/lib/security/tokens");
let campaigns: typeof import("@/lib/campaigns/campaigns");
let xinjiang: CampaignView;
let closedCampaign: CampaignView;

beforeAll(async () => {
  database = await createTestDatabase("sign");
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    APP_URL,
    OUTBOX_DISPATCHER: "off",
    RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: String(MAIL_CAP),
  });
  delete process.env.SMTP_URL;
  appDb = await import("@/lib/db");
  await appDb.disconnectDb(); // a client left by another test file in this worker points elsewhere
  const { loadContent } = await import("@/lib/campaigns/content");
  const { seedContent } = await import("@/lib/campaigns/seed");
  await seedContent([await loadContent(path.join(ROOT, "content")), await loadContent(path.join(ROOT, "e2e/fixtures/content"))]);
  sign = await import("@/lib/signatures/sign");
  confirm = await import("@/lib/signatures/confirm");
  count = await import("@/lib/signatures/count");
  tokens = await import("@/lib/security/tokens");
  campaigns = await import("@/lib/campaigns/campaigns");
  count.forgetCounts();
  xinjiang = (await campaigns.findCampaign("guterres-xinjiang"))!;
  closedCampaign = (await campaigns.findCampaign("closed-test-campaign"))!;
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  const db = appDb.db();
  await db.outboxMessage.deleteMany();
  await db.signature.deleteMany();
  count.forgetCounts();
});

function supporter(changes: Partial<SignatureInput> = {}): SignatureInput {
  return {
    fullName: "Aylin Kadir",
    email: "aylin@example.org",
    country: "FR",
    comment: undefined,
    showName: false,
    optInCampaign: false,
    ...changes,
  };
}

async function mailsTo(address: string) {
  return appDb.db().outboxMessage.findMany({ where: { toAddress: address }, orderBy: { createdAt: "asc" } });
}

/** The confirmation tokens in the links of the mails queued to an address, oldest first. */
async function linksSentTo(address: string): Promise<string[]> {
  const mails = await mailsTo(address);
  return mails.flatMap((m) => [...emailOf(m).text.matchAll(LINK)].map((match) => match[1]));
}

async function signAndGetLink(input: SignatureInput): Promise<string> {
  await sign.signCampaign(xinjiang, input, "en");
  const links = await linksSentTo(input.email);
  return links[links.length - 1];
}

async function confirmedInDb(campaignId = xinjiang.id): Promise<number> {
  return appDb.db().signature.count({ where: { campaignId, status: "confirmed" } });
}

describe("signing the campaign", () => {
  it("records one pending signature, one confirmation token and one confirmation email", async () => {
    const outcome = await sign.signCampaign(xinjiang, supporter({ comment: "For my uncle." }), "en");

    expect(outcome).toEqual({ status: "accepted", detail: "new" });
    const db = appDb.db();
    const signatures = await db.signature.findMany();
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({
      campaignId: xinjiang.id,
      fullName: "Aylin Kadir",
      email: "aylin@example.org",
      emailNormalized: "aylin@example.org",
      country: "FR",
      comment: "For my uncle.",
      status: "pending",
      confirmedAt: null,
      locale: "en",
    });
    expect(await db.confirmationToken.count()).toBe(1);
    const mails = await db.outboxMessage.findMany();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "signature.confirm", toAddress: "aylin@example.org", status: "pending" });
    expect(emailOf(mails[0]).subject).toContain(xinjiang.title);
  });

  it("emails a link whose token is stored only as its SHA-256", async () => {
    await sign.signCampaign(xinjiang, supporter(), "en");

    const [mail] = await mailsTo("aylin@example.org");
    const [token] = await linksSentTo("aylin@example.org");
    expect(emailOf(mail).text).toContain(`${APP_URL}/confirm/${token}`);
    expect(emailOf(mail).html).toContain(`href="${APP_URL}/confirm/${token}"`);
    expect(tokens.isWellFormedToken(token)).toBe(true);

    const stored = await appDb.db().confirmationToken.findFirstOrThrow();
    expect(stored.tokenHash).toBe(tokens.hashToken(token));
    const wholeTable = JSON.stringify(await database.rows('SELECT * FROM "ConfirmationToken"'));
    expect(wholeTable).not.toContain(token);
  });

  it("gives the link 30 days before it expires", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    await sign.signCampaign(xinjiang, supporter(), "en", now);
    const stored = await appDb.db().confirmationToken.findFirstOrThrow();
    expect(stored.expiresAt.toISOString()).toBe("2026-03-31T12:00:00.000Z");
  });

  it("counts nothing until the signature is confirmed", async () => {
    await sign.signCampaign(xinjiang, supporter(), "en");
    expect(await count.confirmedCount(xinjiang.id)).toBe(0);
  });

  it("stores nothing when the confirmation email cannot be queued (one transaction)", async () => {
    // The outbox refuses every insert, as a full disk would.
    if (database.dialect === "sqlite") {
      await database.rows(`CREATE TRIGGER outbox_full BEFORE INSERT ON "OutboxMessage" BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    } else {
      await database.rows(`CREATE FUNCTION outbox_full() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`);
      await database.rows(`CREATE TRIGGER outbox_full BEFORE INSERT ON "OutboxMessage" FOR EACH ROW EXECUTE FUNCTION outbox_full()`);
    }
    try {
      await expect(sign.signCampaign(xinjiang, supporter(), "en")).rejects.toThrow();
    } finally {
      await database.rows(database.dialect === "sqlite" ? "DROP TRIGGER outbox_full" : `DROP TRIGGER outbox_full ON "OutboxMessage"`);
    }
    const db = appDb.db();
    expect([await db.signature.count(), await db.confirmationToken.count(), await db.outboxMessage.count()]).toEqual([0, 0, 0]);

    // Nothing half-done blocks the supporter from trying again.
    expect(await sign.signCampaign(xinjiang, supporter(), "en")).toEqual({ status: "accepted", detail: "new" });
  });
});

describe("signing again with the same address", () => {
  it("keeps one signature and sends a second confirmation link, both of which work", async () => {
    await sign.signCampaign(xinjiang, supporter({ email: "Aylin.Kadir@gmail.com" }), "en");
    const outcome = await sign.signCampaign(xinjiang, supporter({ email: "AYLINKADIR@gmail.com" }), "en");

    expect(outcome).toEqual({ status: "accepted", detail: "resent" });
    expect(await appDb.db().signature.count()).toBe(1);
    const links = await linksSentTo("Aylin.Kadir@gmail.com");
    expect(links).toHaveLength(2);
    expect(links[0]).not.toBe(links[1]);
    for (const token of links) expect((await confirm.lookupConfirmation(token)).state).toBe("pending");
  });

  it("mails the address first given, never the one just typed", async () => {
    await sign.signCampaign(xinjiang, supporter({ email: "aylin.kadir@gmail.com" }), "en");
    await sign.signCampaign(xinjiang, supporter({ email: "a.ylinkadir+someone-else@googlemail.com" }), "en");

    expect(await mailsTo("a.ylinkadir+someone-else@googlemail.com")).toHaveLength(0);
    expect(await mailsTo("aylin.kadir@gmail.com")).toHaveLength(2);
  });

  it("keeps one signature when two sign-ups for the same address arrive at once", async () => {
    const outcomes = await Promise.all([
      sign.signCampaign(xinjiang, supporter(), "en"),
      sign.signCampaign(xinjiang, supporter({ email: "AYLIN@example.org" }), "en"),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["accepted", "accepted"]);
    expect(await appDb.db().signature.count()).toBe(1);
  });

  it("after confirming, sends an already-signed email with no new link", async () => {
    const token = await signAndGetLink(supporter());
    await confirm.confirmSignature(token);
    const tokensBefore = await appDb.db().confirmationToken.count();

    const outcome = await sign.signCampaign(xinjiang, supporter(), "en");

    expect(outcome).toEqual({ status: "accepted", detail: "already-confirmed" });
    const mails = await mailsTo("aylin@example.org");
    expect(mails.map((m) => m.kind)).toEqual(["signature.confirm", "signature.already-signed"]);
    expect(emailOf(mails[1]).text).not.toContain("/confirm/");
    expect(emailOf(mails[1]).text).toContain(`${APP_URL}/c/guterres-xinjiang`);
    expect(await appDb.db().confirmationToken.count()).toBe(tokensBefore);
    expect(await confirmedInDb()).toBe(1);
  });

  it(`stops mailing an address after ${MAIL_CAP} emails in an hour, while still answering as usual`, async () => {
    const outcomes = [];
    for (let i = 0; i < MAIL_CAP + 3; i++) outcomes.push(await sign.signCampaign(xinjiang, supporter(), "en"));

    expect(outcomes.every((o) => o.status === "accepted")).toBe(true);
    expect(outcomes.slice(MAIL_CAP).map((o) => o.status === "accepted" && o.detail)).toEqual(["mail-capped", "mail-capped", "mail-capped"]);
    expect(await mailsTo("aylin@example.org")).toHaveLength(MAIL_CAP);
    expect(await appDb.db().confirmationToken.count()).toBe(MAIL_CAP);
  });

  it(`counts one inbox whatever +tags and letter case are added: 8 signings get ${MAIL_CAP} emails`, async () => {
    const addresses = Array.from({ length: 8 }, (_, i) => (i % 2 ? `Victim+${i}@Example.org` : `victim+${i}@example.org`));
    const outcomes = [];
    for (const email of addresses) outcomes.push(await sign.signCampaign(xinjiang, supporter({ email }), "en"));

    expect(outcomes.every((o) => o.status === "accepted")).toBe(true);
    const mails = await appDb.db().outboxMessage.findMany({ where: { channel: "email" } });
    expect(mails).toHaveLength(MAIL_CAP);
    expect(outcomes.filter((o) => o.status === "accepted" && o.detail === "mail-capped")).toHaveLength(8 - MAIL_CAP);
    // Different people at the provider (the one-signature rule keeps +tags there): each signature is kept.
    expect(await appDb.db().signature.count({ where: { status: "pending" } })).toBe(8);
    // Another inbox at the same provider is not held back.
    expect(await sign.signCampaign(xinjiang, supporter({ email: "neighbour@example.org" }), "en")).toEqual({ status: "accepted", detail: "new" });
  });

  it("mails the address again once the hour has passed", async () => {
    const start = new Date();
    for (let i = 0; i < MAIL_CAP + 1; i++) await sign.signCampaign(xinjiang, supporter(), "en", start);
    expect(await mailsTo("aylin@example.org")).toHaveLength(MAIL_CAP);

    // Age the queued mail by an hour, as if the supporter came back later.
    const hourAgo = new Date(Date.now() - 61 * 60 * 1000);
    await appDb.db().outboxMessage.updateMany({ data: { createdAt: hourAgo } });
    expect(await sign.signCampaign(xinjiang, supporter(), "en")).toEqual({ status: "accepted", detail: "resent" });
    expect(await mailsTo("aylin@example.org")).toHaveLength(MAIL_CAP + 1);
  });
});

describe("signing again after the signature was taken out", () => {
  it("after a withdrawal, takes the new details and counts again only once the new link is confirmed", async () => {
    const first = await signAndGetLink(supporter());
    await confirm.confirmSignature(first);
    const code = (await appDb.db().signature.findFirstOrThrow()).referralCode;
    await appDb.db().signature.updateMany({ data: { status: "withdrawn", withdrawnAt: new Date() } });
    count.forgetCounts();
    expect(await count.confirmedCount(xinjiang.id)).toBe(0);

    const outcome = await sign.signCampaign(xinjiang, supporter({ fullName: "Aylin K. Kadir", country: "DE" }), "en");
    expect(outcome).toEqual({ status: "accepted", detail: "renewed" });
    const renewed = await appDb.db().signature.findFirstOrThrow();
    expect(renewed).toMatchObject({ status: "pending", withdrawnAt: null, confirmedAt: null, previouslyConfirmedAt: expect.any(Date), fullName: "Aylin K. Kadir", country: "DE" });
    expect(await count.confirmedCount(xinjiang.id)).toBe(0);

    // The link from before the withdrawal cannot bring it back; the new one can.
    expect((await confirm.confirmSignature(first)).result).toBe("invalid");
    const links = await linksSentTo("aylin@example.org");
    expect((await confirm.confirmSignature(links[links.length - 1])).result).toBe("confirmed");
    expect(await count.confirmedCount(xinjiang.id)).toBe(1);
    // Links the signer shared before keep crediting them.
    expect((await appDb.db().signature.findFirstOrThrow()).referralCode).toBe(code);
  });

  it("after removal as spam, answers as usual but sends nothing and counts nothing", async () => {
    const link = await signAndGetLink(supporter());
    await appDb.db().signature.updateMany({ data: { status: "invalidated", invalidatedAt: new Date() } });
    const mailsBefore = (await mailsTo("aylin@example.org")).length;

    const outcome = await sign.signCampaign(xinjiang, supporter(), "en");

    expect(outcome).toEqual({ status: "accepted", detail: "refused" });
    expect(await mailsTo("aylin@example.org")).toHaveLength(mailsBefore);
    expect((await confirm.confirmSignature(link)).result).toBe("invalid");
    expect((await confirm.lookupConfirmation(link)).state).toBe("invalid");
    expect(await confirmedInDb()).toBe(0);
  });
});

describe("a closed campaign", () => {
  it("refuses the signature and stores nothing", async () => {
    const outcome = await sign.signCampaign(closedCampaign, supporter({ optInCampaign: true }), "en");

    expect(outcome).toEqual({ status: "closed" });
    const db = appDb.db();
    expect([await db.signature.count(), await db.confirmationToken.count(), await db.outboxMessage.count(), await db.consent.count()]).toEqual([0, 0, 0, 0]);
  });

  it("refuses signatures before its opening date", async () => {
    const notYetOpen = { ...xinjiang, opensAt: new Date(Date.now() + 24 * 60 * 60 * 1000) };
    expect(await sign.signCampaign(notYetOpen, supporter(), "en")).toEqual({ status: "closed" });
    expect(await appDb.db().signature.count()).toBe(0);
  });
});

describe("agreeing to campaign updates", () => {
  it("stores the consent with the exact words shown next to the checkbox", async () => {
    await sign.signCampaign(xinjiang, supporter({ optInCampaign: true }), "en");

    const consents = await appDb.db().consent.findMany({ include: { signature: true } });
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ scope: "campaign", wording: en.SignForm.optInCampaign, locale: "en" });
    expect(consents[0].signature).toMatchObject({ email: "aylin@example.org", optInCampaign: true });
  });

  it("stores no consent when the box is left unticked", async () => {
    await sign.signCampaign(xinjiang, supporter({ optInCampaign: false }), "en");
    expect(await appDb.db().consent.count()).toBe(0);
    expect((await appDb.db().signature.findFirstOrThrow()).optInCampaign).toBe(false);
  });
});

describe("confirming a signature", () => {
  it("counts it exactly once, however many times the link is used", async () => {
    const token = await signAndGetLink(supporter());
    const before = await count.confirmedCount(xinjiang.id);

    const first = await confirm.confirmSignature(token);
    const afterFirst = await count.confirmedCount(xinjiang.id);
    const second = await confirm.confirmSignature(token);
    const afterSecond = await count.confirmedCount(xinjiang.id);

    expect(first).toEqual({ result: "confirmed", campaign: { slug: "guterres-xinjiang", title: xinjiang.title } });
    expect(second.result).toBe("already-confirmed");
    expect([afterFirst - before, afterSecond - before]).toEqual([1, 1]);
    expect(await confirmedInDb()).toBe(1);
    const stored = await appDb.db().signature.findFirstOrThrow();
    expect(stored.status).toBe("confirmed");
    expect(stored.confirmedAt).toBeInstanceOf(Date);
  });

  it("counts it once when the link is opened twice at the same moment", async () => {
    const token = await signAndGetLink(supporter());
    const before = await count.confirmedCount(xinjiang.id);

    const results = await Promise.all([confirm.confirmSignature(token), confirm.confirmSignature(token)]);

    expect(results.map((r) => r.result).sort()).toEqual(["already-confirmed", "confirmed"]);
    expect((await count.confirmedCount(xinjiang.id)) - before).toBe(1);
    expect(await confirmedInDb()).toBe(1);
  });

  it("with the older of two links still works, and the newer then says already confirmed", async () => {
    const older = await signAndGetLink(supporter());
    const newer = await signAndGetLink(supporter());
    expect((await confirm.confirmSignature(older)).result).toBe("confirmed");
    expect((await confirm.confirmSignature(newer)).result).toBe("already-confirmed");
    expect(await confirmedInDb()).toBe(1);
  });

  it("is only looked up, never confirmed, by opening the confirmation page", async () => {
    const token = await signAndGetLink(supporter());

    for (let i = 0; i < 3; i++) expect((await confirm.lookupConfirmation(token)).state).toBe("pending");

    expect((await appDb.db().signature.findFirstOrThrow()).status).toBe("pending");
    expect((await appDb.db().confirmationToken.findFirstOrThrow()).usedAt).toBeNull();
    expect(await count.confirmedCount(xinjiang.id)).toBe(0);

    await confirm.confirmSignature(token);
    expect(await confirm.lookupConfirmation(token)).toEqual({
      state: "confirmed",
      campaign: { slug: "guterres-xinjiang", title: xinjiang.title },
      referralCode: (await appDb.db().signature.findFirstOrThrow()).referralCode,
      // The thank-you heading greets the signer by the first word of the name they typed.
      firstName: (await appDb.db().signature.findFirstOrThrow()).fullName.split(" ")[0],
    });
  });

  it.each([
    ["an unknown token", () => tokens.generateToken()],
    ["a truncated token", () => "abc"],
    ["a path", () => "../../etc/passwd"],
    ["an empty token", () => ""],
  ])("with %s is invalid and changes nothing", async (_, makeToken) => {
    await signAndGetLink(supporter());
    const token = makeToken();
    expect(await confirm.lookupConfirmation(token)).toEqual({ state: "invalid" });
    expect(await confirm.confirmSignature(token)).toEqual({ result: "invalid" });
    expect(await confirmedInDb()).toBe(0);
  });

  it("with the stored hash instead of the emailed token is invalid", async () => {
    await signAndGetLink(supporter());
    const { tokenHash } = await appDb.db().confirmationToken.findFirstOrThrow();
    expect((await confirm.confirmSignature(tokenHash)).result).toBe("invalid");
  });

  it("with an expired link is refused, and signing again sends a link that works", async () => {
    const expired = await signAndGetLink(supporter());
    await appDb.db().confirmationToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });

    expect((await confirm.lookupConfirmation(expired)).state).toBe("expired");
    expect((await confirm.confirmSignature(expired)).result).toBe("expired");
    expect(await confirmedInDb()).toBe(0);
    expect((await appDb.db().signature.findFirstOrThrow()).status).toBe("pending");

    const fresh = await signAndGetLink(supporter());
    expect((await confirm.confirmSignature(fresh)).result).toBe("confirmed");
    expect(await confirmedInDb()).toBe(1);
  });

  it("for a campaign that has closed since signing is refused and not counted", async () => {
    const db = appDb.db();
    const token = tokens.generateToken();
    await db.signature.create({
      data: {
        campaignId: closedCampaign.id,
        fullName: "Aylin Kadir",
        email: "aylin@example.org",
        emailNormalized: "aylin@example.org",
        country: "FR",
        locale: "en",
        tokens: { create: { tokenHash: tokens.hashToken(token), expiresAt: new Date(Date.now() + 86_400_000) } },
      },
    });

    expect((await confirm.lookupConfirmation(token)).state).toBe("closed");
    expect((await confirm.confirmSignature(token)).result).toBe("closed");
    expect(await confirmedInDb(closedCampaign.id)).toBe(0);
  });
});
