import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import { freePort, mimePart, TestMailServer } from "@/tests/unit/support/smtp";

// The outbox against a real SQLite file and a real SMTP server on loopback: every confirmation
// email reaches the supporter exactly once, survives a mail-server outage, and is kept for the
// operator when it cannot be delivered.

const APP_URL = "https://sign.example.org";
const MAIL_FROM = '"Speak Out" <campaign@example.org>';
const MAX_ATTEMPTS = 5;

let database: TestDatabase;
let mailServer: TestMailServer;
let outbox: typeof import("@/lib/mail/outbox");
let dispatch: typeof import("@/lib/outbox/dispatch");
let message: typeof import("@/lib/outbox/message");
let templates: typeof import("@/lib/mail/templates");
let appDb: typeof import("@/lib/db");

beforeAll(async () => {
  database = await createTestDatabase("outbox");
  mailServer = new TestMailServer(await freePort(), { user: "campaign", password: "s3cret" });
  await mailServer.start();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    SMTP_URL: `smtp://campaign:s3cret@127.0.0.1:${mailServer.port}`,
    APP_URL,
    MAIL_FROM,
    OUTBOX_RETRY_BASE_MS: "50",
    OUTBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    OUTBOX_DISPATCHER: "off",
  });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb(); // a client left by another test file in this worker points elsewhere
  outbox = await import("@/lib/mail/outbox");
  dispatch = await import("@/lib/outbox/dispatch");
  message = await import("@/lib/outbox/message");
  templates = await import("@/lib/mail/templates");
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await mailServer?.stop();
  await database?.remove();
});

beforeEach(async () => {
  mailServer.credentials!.password = "s3cret";
  await mailServer.start(); // a test that stopped it may have failed midway
  mailServer.received.length = 0;
  mailServer.refuse.clear();
  await appDb.db().outboxMessage.deleteMany();
});

const confirmUrl = (n: number) => `${APP_URL}/confirm/${"T".repeat(40)}${String(n).padStart(3, "0")}`;

/** Queues a confirmation email the way signing does, and returns its outbox row id. */
async function queueConfirmation(to: string, n = 1): Promise<string> {
  const mail = templates.confirmationEmail({
    locale: "en",
    name: "Aylin Kadir",
    campaignTitle: "Secretary-General, speak out on Xinjiang",
    confirmUrl: confirmUrl(n),
    validDays: 30,
    sender: { name: "The Xinjiang letter coalition", privacyUrl: `${APP_URL}/privacy` },
  });
  await appDb.db().$transaction((tx) => message.enqueue(tx, { channel: "email", kind: "signature.confirm", to, ...mail }));
  const row = await appDb.db().outboxMessage.findFirstOrThrow({ where: { toAddress: to }, orderBy: { createdAt: "desc" } });
  return row.id;
}

function stored(id: string) {
  return appDb.db().outboxMessage.findUniqueOrThrow({ where: { id } });
}

/** The email as stored in the row's payload (bodies are gone once sent or given up). */
function payload(row: { payload: string }): { to: string; subject: string; text?: string; html?: string; fromName?: string } {
  return JSON.parse(row.payload);
}

async function waitUntilDue(id: string): Promise<void> {
  const { nextAttemptAt } = await stored(id);
  const wait = nextAttemptAt.getTime() - Date.now() + 5;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

describe("a queued confirmation email", () => {
  it("reaches the supporter once and only once, even when two dispatchers run at the same time", async () => {
    await queueConfirmation("aylin@example.org");

    const reports = await Promise.all([dispatch.dispatchDue(), dispatch.dispatchDue()]);
    const later = await dispatch.dispatchDue();

    expect(mailServer.to("aylin@example.org")).toHaveLength(1);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    expect(later).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it("is marked sent and its bodies (with the confirmation link) are erased from the database", async () => {
    const id = await queueConfirmation("aylin@example.org");
    expect(payload(await stored(id)).text).toContain(confirmUrl(1));

    await dispatch.dispatchDue();

    const row = await stored(id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null, lockedUntil: null });
    expect(payload(row)).toEqual({ to: "aylin@example.org", subject: expect.stringContaining("confirm your signature"), fromName: "The Xinjiang letter coalition" });
    expect(row.payload).not.toContain("/confirm/");
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(await outbox.outboxBacklog()).toEqual({ pending: 0, failed: 0 });
  });

  it("arrives with a plain-text part and an HTML part, both carrying the confirmation link", async () => {
    const id = await queueConfirmation("aylin@example.org");
    await dispatch.dispatchDue();

    const [mail] = mailServer.to("aylin@example.org");
    // The campaign's name at MAIL_FROM's address, which is also the envelope sender (ADR 056).
    expect(mail.from).toBe("campaign@example.org");
    expect(mail.raw).toMatch(/^From: "?The Xinjiang letter coalition"? <campaign@example\.org>\r?$/m);
    expect(mail.raw).toMatch(/^Subject: .*confirm your signature/m);
    expect(mail.raw).toMatch(new RegExp(`^Message-ID: <${id}@sign\\.example\\.org>\\r?$`, "m"));
    const text = mimePart(mail.raw, "text/plain");
    const html = mimePart(mail.raw, "text/html");
    expect(text).toContain(confirmUrl(1));
    expect(text).toContain("Hello Aylin Kadir,");
    expect(html).toContain(`href="${confirmUrl(1)}"`);
    expect(html).toContain("Hello Aylin Kadir,");
    expect(text?.replace(/\r\n/g, "\n")).toContain(`— The Xinjiang letter coalition\n\nHow we handle your data, and how to have it erased:\n${APP_URL}/privacy\n`);
    expect(html).toContain(`href="${APP_URL}/privacy"`);
  });

  it("goes out under MAIL_FROM as it is when it names no campaign sender (an admin's sign-in link)", async () => {
    const mail = templates.adminSignInEmail({ locale: "en", signInUrl: `${APP_URL}/admin/sign-in/verify?token=${"A".repeat(43)}`, validMinutes: 15, privacyUrl: `${APP_URL}/privacy` });
    expect(mail.fromName).toBeUndefined();
    await appDb.db().$transaction((tx) => message.enqueue(tx, { channel: "email", kind: "admin.sign-in", to: "owner@example.org", ...mail }));
    await dispatch.dispatchDue();
    const [sent] = mailServer.to("owner@example.org");
    expect(sent.from).toBe("campaign@example.org");
    expect(sent.raw).toMatch(/^From: "?Speak Out"? <campaign@example\.org>\r?$/m);
    expect(mimePart(sent.raw, "text/plain")).toContain(`${APP_URL}/privacy`);
  });

  it("encodes a sender name with quotes or accents in the From header, at MAIL_FROM's address", async () => {
    const mail = templates.confirmationEmail({
      locale: "en",
      name: "Aylin Kadir",
      campaignTitle: "T",
      confirmUrl: confirmUrl(9),
      validDays: 30,
      sender: { name: 'Coalición "Xinjiang"', privacyUrl: `${APP_URL}/privacy` },
    });
    await appDb.db().$transaction((tx) => message.enqueue(tx, { channel: "email", kind: "signature.confirm", to: "accents@example.org", ...mail }));
    await dispatch.dispatchDue();
    const [sent] = mailServer.to("accents@example.org");
    expect(sent.from).toBe("campaign@example.org");
    const from = /^From: (.*?)\r?$/m.exec(sent.raw)![1];
    const [, encoding, word] = /^=\?UTF-8\?([QB])\?(.+)\?= <campaign@example\.org>$/i.exec(from)!;
    const bytes =
      encoding.toUpperCase() === "B"
        ? Buffer.from(word, "base64")
        : Buffer.from(word.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1");
    expect(bytes.toString("utf8")).toBe('Coalición "Xinjiang"');
  });

  it("is taken oldest first when more are queued than a round takes, each to its own supporter", async () => {
    // Sends within a round are concurrent, so arrival order is not promised; which messages a
    // round claims is: the oldest due.
    for (let n = 1; n <= 4; n++) {
      await queueConfirmation(`signer${n}@example.org`, n);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    expect((await dispatch.dispatchDue(new Date(), 3)).sent).toBe(3);
    expect(mailServer.received.map((m) => m.to[0]).sort()).toEqual(["signer1@example.org", "signer2@example.org", "signer3@example.org"]);
    expect((await dispatch.dispatchDue(new Date(), 3)).sent).toBe(1);
    expect(mailServer.received.map((m) => m.to[0])[3]).toBe("signer4@example.org");
    for (let n = 1; n <= 4; n++) expect(mimePart(mailServer.to(`signer${n}@example.org`)[0].raw, "text/plain")).toContain(confirmUrl(n));
  });
});

describe("a round of several confirmation emails", () => {
  // lib/mail/transport.ts asks nodemailer for a pool (pool: true, maxConnections: 5, 10 s
  // connection/greeting timeouts), so a busy round reuses connections instead of opening one per email.
  it("is sent over the pooled SMTP connection rather than one new connection per email", async () => {
    for (let n = 1; n <= 4; n++) await queueConfirmation(`signer${n}@example.org`, n);
    const before = mailServer.connections;

    expect((await dispatch.dispatchDue()).sent).toBe(4);

    expect(mailServer.received).toHaveLength(4);
    expect(mailServer.connections - before).toBeLessThanOrEqual(1);
  });
});

describe("while the mail server is down", () => {
  it("the email stays queued with the error recorded and a retry scheduled, and is not retried early", async () => {
    await mailServer.stop();
    const id = await queueConfirmation("aylin@example.org");
    const before = Date.now();

    const report = await dispatch.dispatchDue();

    expect(report).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const row = await stored(id);
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBeTruthy();
    expect(row.lockedUntil).toBeNull();
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(before);
    expect(payload(row).text).toContain(confirmUrl(1));

    // A round that runs before the scheduled retry leaves the email alone.
    const early = await dispatch.dispatchDue(new Date(row.nextAttemptAt.getTime() - 1));
    expect(early).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect((await stored(id)).attempts).toBe(1);
    expect(await outbox.outboxBacklog()).toEqual({ pending: 1, failed: 0 });
  });

  it("the email is delivered exactly once after the server comes back on the same port", async () => {
    // The app has already sent mail, so its pooled SMTP connection is open when the server goes away.
    await queueConfirmation("first@example.org", 1);
    expect((await dispatch.dispatchDue()).sent).toBe(1);

    await mailServer.stop();
    const id = await queueConfirmation("aylin@example.org", 2);
    expect((await dispatch.dispatchDue()).retrying).toBe(1);
    expect(mailServer.to("aylin@example.org")).toHaveLength(0);

    await mailServer.start();
    await waitUntilDue(id);
    const report = await dispatch.dispatchDue();
    await waitUntilDue(id);
    await dispatch.dispatchDue();

    expect(report.sent).toBe(1);
    expect(mailServer.to("aylin@example.org")).toHaveLength(1);
    expect(mimePart(mailServer.to("aylin@example.org")[0].raw, "text/plain")).toContain(confirmUrl(2));
    expect(await stored(id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(payload(await stored(id)).text).toBeUndefined();
  });

  it("the email is given up after the configured number of attempts, kept for the operator without its link", async () => {
    await mailServer.stop();
    const id = await queueConfirmation("aylin@example.org");

    const statuses: string[] = [];
    for (let round = 0; round < MAX_ATTEMPTS + 2; round++) {
      await waitUntilDue(id);
      await dispatch.dispatchDue();
      statuses.push((await stored(id)).status);
    }

    expect(statuses).toEqual([...Array(MAX_ATTEMPTS - 1).fill("pending"), "failed", "failed", "failed"]);
    const row = await stored(id);
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(row.lastError).toBeTruthy();
    expect(row.toAddress).toBe("aylin@example.org");
    // The confirmation link does not stay in the database once nobody will send it.
    expect(row.payload).not.toContain(confirmUrl(1));
    expect(row.payload).not.toContain("/confirm/");
    expect(payload(row)).toMatchObject({ to: "aylin@example.org" });
    expect(await outbox.outboxBacklog()).toEqual({ pending: 0, failed: 1 });

    await mailServer.start();
    await dispatch.dispatchDue(new Date(Date.now() + 24 * 60 * 60 * 1000));
    expect(mailServer.received).toHaveLength(0);
  });
});

describe("when the mail server answers with an error", () => {
  it("a permanent 550 rejection fails the email after one attempt and keeps it for the operator", async () => {
    mailServer.refuse.set("nobody@example.org", { code: 550, message: "5.1.1 No such user" });
    const id = await queueConfirmation("nobody@example.org");

    const report = await dispatch.dispatchDue();

    expect(report).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const row = await stored(id);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toContain("550");
    expect(await outbox.outboxBacklog()).toEqual({ pending: 0, failed: 1 });

    await dispatch.dispatchDue(new Date(Date.now() + 24 * 60 * 60 * 1000));
    expect((await stored(id)).attempts).toBe(1);
    expect(mailServer.received).toHaveLength(0);
  });

  it("a rejected address does not hold up the other supporters' emails", async () => {
    mailServer.refuse.set("nobody@example.org", { code: 550, message: "5.1.1 No such user" });
    await queueConfirmation("nobody@example.org", 1);
    await queueConfirmation("aylin@example.org", 2);

    const report = await dispatch.dispatchDue();

    expect(report).toEqual({ sent: 1, retrying: 0, failed: 1 });
    expect(mailServer.to("aylin@example.org")).toHaveLength(1);
  });

  it("a temporary 451 refusal is retried until it gives up after the configured number of attempts", async () => {
    mailServer.refuse.set("greylisted@example.org", { code: 451, message: "4.7.1 Greylisted, try again later" });
    const id = await queueConfirmation("greylisted@example.org");

    for (let round = 0; round < MAX_ATTEMPTS + 1; round++) {
      await waitUntilDue(id);
      await dispatch.dispatchDue();
      if (round < MAX_ATTEMPTS - 1) expect((await stored(id)).status).toBe("pending");
    }

    const row = await stored(id);
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(row.lastError).toContain("451");
    expect(mailServer.received).toHaveLength(0);
  });

  it("a temporary refusal that clears is followed by exactly one delivery", async () => {
    mailServer.refuse.set("greylisted@example.org", { code: 451, message: "4.7.1 Greylisted, try again later" });
    const id = await queueConfirmation("greylisted@example.org");
    expect((await dispatch.dispatchDue()).retrying).toBe(1);

    mailServer.refuse.clear();
    await waitUntilDue(id);
    await dispatch.dispatchDue();
    await waitUntilDue(id);
    await dispatch.dispatchDue();

    expect(mailServer.to("greylisted@example.org")).toHaveLength(1);
    expect(await stored(id)).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("when the mail server refuses the app's login", () => {
  // backoff.ts: "SMTP 5xx replies (other than connection-level failures) will not succeed on
  // retry". A refused login (535) is about the app's SMTP account, not about the message: once the
  // operator fixes SMTP_URL, every waiting confirmation email must still go out.
  it("the waiting emails are retried, not given up, and go out once the login works again", async () => {
    await mailServer.stop();
    mailServer.credentials!.password = "rotated-by-the-provider";
    await mailServer.start();
    const ids = [await queueConfirmation("aylin@example.org", 1), await queueConfirmation("erkin@example.org", 2)];

    await dispatch.dispatchDue();

    for (const id of ids) expect((await stored(id)).status).toBe("pending");
    expect(await outbox.outboxBacklog()).toEqual({ pending: 2, failed: 0 });

    await mailServer.stop();
    mailServer.credentials!.password = "s3cret";
    await mailServer.start();
    for (const id of ids) await waitUntilDue(id);
    await dispatch.dispatchDue();
    await dispatch.dispatchDue();
    // Each waiting email goes out once; the order among retried emails is not promised.
    expect(mailServer.received.map((m) => m.to[0]).sort()).toEqual(["aylin@example.org", "erkin@example.org"]);
  });
});

describe("an email being sent by another dispatcher", () => {
  it("is left alone while that dispatcher's lease runs, and sent once the lease has expired", async () => {
    const id = await queueConfirmation("aylin@example.org");
    const leaseEnds = new Date(Date.now() + 2 * 60 * 1000);
    await appDb.db().outboxMessage.update({ where: { id }, data: { lockedUntil: leaseEnds } });

    expect(await dispatch.dispatchDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(mailServer.received).toHaveLength(0);

    // The other dispatcher crashed mid-send: after its lease, this one takes over.
    await dispatch.dispatchDue(new Date(leaseEnds.getTime() + 1));
    expect(mailServer.to("aylin@example.org")).toHaveLength(1);
    expect((await stored(id)).status).toBe("sent");
  });
});
