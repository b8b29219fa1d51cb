import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import type { CampaignView } from "@/lib/campaigns/model";
import type { SignatureInput } from "@/lib/signatures/schema";
import { emailOf } from "@/tests/unit/support/outbox";

// Withdrawal by the signer (ADR 053): every email to a signer carries a /withdraw/<token> link,
// stored hashed; reading the link changes nothing; withdrawing does what an owner's withdrawal does.

const ROOT = path.resolve(__dirname, "../..");
const APP_URL = "https://sign.example.org";
const WITHDRAW = new RegExp(`${APP_URL.replace(/[.]/g, "\\.")}/withdraw/([A-Za-z0-9_-]{43})`, "g");
const CONFIRM = new RegExp(`${APP_URL.replace(/[.]/g, "\\.")}/confirm/([A-Za-z0-9_-]{43})`, "g");

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let sign: typeof import("@/lib/signatures/sign");
let confirm: typeof import("@/lib/signatures/confirm");
let withdraw: typeof import("@/lib/signatures/withdraw");
let count: typeof import("@/lib/signatures/count");
let tokens: typeof import("@/lib/security/tokens");
let xinjiang: CampaignView;

beforeAll(async () => {
  database = await createTestDatabase("withdraw");
  Object.assign(process.env, { DATABASE_URL: database.url, APP_URL, OUTBOX_DISPATCHER: "off", RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: "50" });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  const { loadContent } = await import("@/lib/campaigns/content");
  const { seedContent } = await import("@/lib/campaigns/seed");
  await seedContent([await loadContent(path.join(ROOT, "content")), await loadContent(path.join(ROOT, "e2e/fixtures/content"))]);
  sign = await import("@/lib/signatures/sign");
  confirm = await import("@/lib/signatures/confirm");
  withdraw = await import("@/lib/signatures/withdraw");
  count = await import("@/lib/signatures/count");
  tokens = await import("@/lib/security/tokens");
  const { findCampaign } = await import("@/lib/campaigns/campaigns");
  xinjiang = (await findCampaign("guterres-xinjiang"))!;
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  await appDb.db().outboxMessage.deleteMany();
  await appDb.db().auditLog.deleteMany();
  await appDb.db().signature.deleteMany();
  count.forgetCounts();
});

let n = 0;
function supporter(changes: Partial<SignatureInput> = {}): SignatureInput {
  n += 1;
  return { fullName: `Signer ${n}`, email: `signer${n}@example.org`, country: "FR", comment: "A comment", showName: true, optInCampaign: true, ...changes };
}

async function links(email: string, pattern: RegExp): Promise<string[]> {
  const mails = await appDb.db().outboxMessage.findMany({ where: { toAddress: email }, orderBy: { createdAt: "asc" } });
  return mails.flatMap((m) => [...emailOf(m).text.matchAll(pattern)].map((match) => match[1]));
}

async function signAndConfirm(input = supporter()) {
  await sign.signCampaign(xinjiang, input, "en");
  const [confirmToken] = await links(input.email, CONFIRM);
  expect((await confirm.confirmSignature(confirmToken)).result).toBe("confirmed");
  const row = await appDb.db().signature.findFirstOrThrow({ where: { email: input.email } });
  return { input, row, confirmToken, withdrawToken: (await links(input.email, WITHDRAW))[0] };
}

describe("the withdrawal link in every email to a signer", () => {
  it("is in the confirmation email (text and HTML) and in the already-signed email, each its own, stored only as a SHA-256", async () => {
    const { input, row } = await signAndConfirm();
    await sign.signCampaign(xinjiang, input, "en"); // already confirmed: the "already signed" email
    const mails = await appDb.db().outboxMessage.findMany({ where: { toAddress: input.email }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.kind)).toEqual(["signature.confirm", "signature.already-signed"]);
    const found = await links(input.email, WITHDRAW);
    expect(found).toHaveLength(2);
    expect(new Set(found).size).toBe(2);
    for (const [i, mail] of mails.entries()) {
      expect(emailOf(mail).text).toContain(`${APP_URL}/withdraw/${found[i]}`);
      expect(emailOf(mail).html).toContain(`href="${APP_URL}/withdraw/${found[i]}"`);
    }
    const stored = await appDb.db().withdrawalToken.findMany({ where: { signatureId: row.id } });
    expect(stored.map((t) => t.tokenHash).sort()).toEqual(found.map((t) => tokens.hashToken(t)).sort());
    expect(JSON.stringify(await database.rows('SELECT * FROM "WithdrawalToken"'))).not.toContain(found[0]);
    // Both links work: a later email does not kill the link in an earlier one.
    for (const token of found) expect((await withdraw.lookupWithdrawal(token)).state).toBe("active");
  });

  it("a GET (the lookup) changes nothing; unknown and malformed tokens are invalid", async () => {
    const { row, withdrawToken } = await signAndConfirm();
    expect(await withdraw.lookupWithdrawal(withdrawToken)).toEqual({ state: "active", campaign: { slug: xinjiang.slug, title: xinjiang.title } });
    expect((await appDb.db().signature.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("confirmed");
    expect(await withdraw.lookupWithdrawal(tokens.generateToken())).toEqual({ state: "invalid" });
    expect(await withdraw.lookupWithdrawal("../../etc/passwd")).toEqual({ state: "invalid" });
    expect(await withdraw.withdrawBySigner(tokens.generateToken())).toEqual({ result: "invalid" });
    expect(await withdraw.withdrawBySigner("x")).toEqual({ result: "invalid" });
  });
});

describe("withdrawing with the link", () => {
  it("withdraws a confirmed signature as an owner would: count drops, consents withdrawn, audited without the address; a second use is harmless", async () => {
    const { input, row, confirmToken, withdrawToken } = await signAndConfirm();
    const other = await signAndConfirm();
    expect(await count.confirmedCount(xinjiang.id)).toBe(2);

    const result = await withdraw.withdrawBySigner(withdrawToken);
    expect(result).toEqual({ result: "withdrawn", campaign: { slug: xinjiang.slug, title: xinjiang.title } });
    expect(await count.confirmedCount(xinjiang.id)).toBe(1);
    const after = await appDb.db().signature.findUniqueOrThrow({ where: { id: row.id }, include: { consents: true } });
    expect(after.status).toBe("withdrawn");
    expect(after.withdrawnAt).not.toBeNull();
    expect(after.consents.length).toBeGreaterThan(0);
    expect(after.consents.every((c) => c.withdrawnAt !== null)).toBe(true);
    expect(await appDb.db().confirmationToken.count({ where: { signatureId: row.id } })).toBe(0);
    expect((await confirm.confirmSignature(confirmToken)).result).toBe("invalid");
    // The other signer is untouched.
    expect((await appDb.db().signature.findUniqueOrThrow({ where: { id: other.row.id } })).status).toBe("confirmed");

    const audits = await appDb.db().auditLog.findMany({ where: { action: "signature.withdraw" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: "system", actorLabel: "signer", targetId: row.id, campaignId: xinjiang.id });
    expect(JSON.parse(audits[0].details)).toEqual({ previousStatus: "confirmed", by: "signer" });
    expect(JSON.stringify(audits)).not.toContain(input.email);

    // Again: nothing changes, nothing more is audited; the page now says it is withdrawn.
    expect((await withdraw.withdrawBySigner(withdrawToken)).result).toBe("already");
    expect(await withdraw.lookupWithdrawal(withdrawToken)).toMatchObject({ state: "withdrawn" });
    expect(await appDb.db().auditLog.count({ where: { action: "signature.withdraw" } })).toBe(1);
    expect(await count.confirmedCount(xinjiang.id)).toBe(1);
  });

  it("withdraws a pending signature: its confirmation link no longer confirms", async () => {
    const input = supporter();
    await sign.signCampaign(xinjiang, input, "en");
    const [confirmToken] = await links(input.email, CONFIRM);
    const [withdrawToken] = await links(input.email, WITHDRAW);
    expect((await withdraw.withdrawBySigner(withdrawToken)).result).toBe("withdrawn");
    expect((await confirm.confirmSignature(confirmToken)).result).toBe("invalid");
    expect(await count.confirmedCount(xinjiang.id)).toBe(0);
    const audit = await appDb.db().auditLog.findFirstOrThrow({ where: { action: "signature.withdraw" } });
    expect(JSON.parse(audit.details)).toMatchObject({ previousStatus: "pending" });
  });

  it("two presses at once withdraw once", async () => {
    const { withdrawToken } = await signAndConfirm();
    const results = await Promise.all([withdraw.withdrawBySigner(withdrawToken), withdraw.withdrawBySigner(withdrawToken)]);
    expect(results.map((r) => r.result).sort()).toEqual(["already", "withdrawn"]);
    expect(await appDb.db().auditLog.count({ where: { action: "signature.withdraw" } })).toBe(1);
  });

  it("signing again after withdrawing is a new intent, with a fresh withdrawal link that works", async () => {
    const { input, withdrawToken } = await signAndConfirm();
    await withdraw.withdrawBySigner(withdrawToken);
    await sign.signCampaign(xinjiang, input, "en");
    const found = await links(input.email, WITHDRAW);
    expect(found).toHaveLength(2);
    expect(await withdraw.lookupWithdrawal(found[1])).toMatchObject({ state: "active" });
  });

  it("a signature removed as spam or erased cannot be touched through its link", async () => {
    const spam = await signAndConfirm();
    await appDb.db().signature.update({ where: { id: spam.row.id }, data: { status: "invalidated" } });
    expect((await withdraw.withdrawBySigner(spam.withdrawToken)).result).toBe("already");
    expect((await appDb.db().signature.findUniqueOrThrow({ where: { id: spam.row.id } })).status).toBe("invalidated");

    const erased = await signAndConfirm();
    const { eraseSupporter } = await import("@/lib/signatures/erase");
    await eraseSupporter({ type: "cli", name: "test" }, erased.input.email);
    expect(await appDb.db().withdrawalToken.count({ where: { signatureId: erased.row.id } })).toBe(0);
    expect(await withdraw.lookupWithdrawal(erased.withdrawToken)).toEqual({ state: "invalid" });
    expect((await withdraw.withdrawBySigner(erased.withdrawToken)).result).toBe("invalid");
  });
});
