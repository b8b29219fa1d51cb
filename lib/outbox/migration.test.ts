import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import { freePort, mimePart, TestMailServer } from "@/tests/unit/support/smtp";
import { WebhookReceiver } from "@/tests/unit/support/webhook-receiver";

// The migration that moved the outbox to a payload column (20261201000000_outbox_payload), on
// the dialect under test: rows queued before it (the old subject/textBody/htmlBody columns, a
// webhook's URL in toAddress and JSON in textBody) are still delivered after it, unchanged.

const MIGRATION = "20261201000000_outbox_payload";

let database: TestDatabase;
let mailServer: TestMailServer;
let receiver: WebhookReceiver;
let appDb: typeof import("@/lib/db");
let dispatch: typeof import("@/lib/outbox/dispatch");

beforeAll(async () => {
  database = await createTestDatabase("outbox_migration", { until: MIGRATION });
  mailServer = new TestMailServer(await freePort());
  receiver = new WebhookReceiver(await freePort());
  await Promise.all([mailServer.start(), receiver.start()]);
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    SMTP_URL: `smtp://127.0.0.1:${mailServer.port}`,
    APP_URL: "https://sign.example.org",
    OUTBOX_DISPATCHER: "off",
  });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  dispatch = await import("@/lib/outbox/dispatch");
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await Promise.all([mailServer?.stop(), receiver?.stop()]);
  await database?.remove();
});

const PAST = "2026-11-30T10:00:00.000Z";
const CONFIRM = "https://sign.example.org/confirm/" + "T".repeat(43);
const webhookBody = JSON.stringify({ event: "signature.confirmed", campaign: "guterres-xinjiang", signature: { id: "sig_1", person: { full_name: "Aylin Kadir" } } });

describe("rows queued before the payload migration", () => {
  it("are converted and delivered after it, and sent or given-up rows keep no body", async () => {
    const insert = `INSERT INTO "OutboxMessage" (id, channel, kind, "endpointId", "toAddress", subject, "textBody", "htmlBody", status, attempts, "nextAttemptAt", "createdAt")
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`;
    const at = database.dialect === "sqlite" ? PAST.replace("Z", "+00:00") : PAST;
    await database.rows(`INSERT INTO "WebhookEndpoint" (id, url, secret, events, "createdAt") VALUES ('ep_1', ?, 'whsec_old', 'signature.confirmed', ?)`, receiver.url, at);
    await database.rows(insert, "old_mail", "email", "signature.confirm", null, "aylin@example.org", "Please confirm your signature", `Confirm: ${CONFIRM}`, `<a href="${CONFIRM}">Confirm</a>`, "pending", at, at);
    await database.rows(insert, "old_hook", "webhook", "signature.confirmed", "ep_1", receiver.url, "signature.confirmed", webhookBody, "", "pending", at, at);
    await database.rows(insert, "old_sent", "email", "signature.confirm", null, "erkin@example.org", "Please confirm your signature", "", "", "sent", at, at);

    await database.migrate();

    const rows = await database.rows<{ id: string; payload: string; signatureId: string | null; toAddress: string }>(`SELECT id, payload, "signatureId", "toAddress" FROM "OutboxMessage" ORDER BY id`);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(JSON.parse(byId.old_mail.payload)).toEqual({ to: "aylin@example.org", subject: "Please confirm your signature", text: `Confirm: ${CONFIRM}`, html: `<a href="${CONFIRM}">Confirm</a>` });
    expect(JSON.parse(byId.old_hook.payload)).toEqual({ url: receiver.url, endpointId: "ep_1", body: webhookBody });
    expect(byId.old_hook.signatureId).toBe("sig_1");
    expect(JSON.parse(byId.old_sent.payload)).toEqual({ to: "erkin@example.org", subject: "Please confirm your signature" });

    expect(await dispatch.dispatchDue()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(mailServer.received.map((m) => m.to)).toEqual([["aylin@example.org"]]);
    expect(mimePart(mailServer.received[0].raw, "text/plain")).toContain(CONFIRM);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].body).toBe(webhookBody);
    expect(receiver.received[0].headers["x-speakout-delivery"]).toBe("old_hook");
    const after = await database.rows<{ payload: string }>(`SELECT payload FROM "OutboxMessage"`);
    for (const row of after) expect(row.payload).not.toContain("/confirm/");
  });
});
