import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import { freePort } from "@/tests/unit/support/smtp";
import { addSupporter, seedCampaigns } from "@/tests/unit/support/supporters";
import { WebhookReceiver } from "@/tests/unit/support/webhook-receiver";
import type { Actor } from "@/lib/admin/actor";
import { webhookOf } from "@/tests/unit/support/outbox";

// Webhooks against a real SQLite file and a real HTTP receiver on loopback: events are queued
// with the confirmation, signed with HMAC-SHA256, retried through the outbox while the receiver
// is down, and given up on for a permanent refusal.

let database: TestDatabase;
let receiver: WebhookReceiver;
let appDb: typeof import("@/lib/db");
let outbox: typeof import("@/lib/outbox/dispatch");
let endpoints: typeof import("@/lib/webhooks/endpoints");
let events: typeof import("@/lib/webhooks/events");
let signing: typeof import("@/lib/webhooks/signing");
let confirm: typeof import("@/lib/signatures/confirm");

const cli: Actor = { type: "cli", name: "operator" };

beforeAll(async () => {
  database = await createTestDatabase("webhooks");
  receiver = new WebhookReceiver(await freePort());
  await receiver.start();
  Object.assign(process.env, { DATABASE_URL: database.url, APP_URL: "https://sign.example.org", OUTBOX_DISPATCHER: "off", OUTBOX_RETRY_BASE_MS: "20", OUTBOX_MAX_ATTEMPTS: "5" });
  delete process.env.SMTP_URL;
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  await seedCampaigns();
  outbox = await import("@/lib/outbox/dispatch");
  endpoints = await import("@/lib/webhooks/endpoints");
  events = await import("@/lib/webhooks/events");
  signing = await import("@/lib/webhooks/signing");
  confirm = await import("@/lib/signatures/confirm");
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await receiver?.stop();
  await database?.remove();
});

beforeEach(async () => {
  await receiver.start();
  receiver.status = 200;
  receiver.received.length = 0;
  await appDb.db().outboxMessage.deleteMany();
  await appDb.db().webhookEndpoint.deleteMany();
  await appDb.db().signature.deleteMany();
});

async function dispatchUntilIdle(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await outbox.dispatchDue();
    const pending = await appDb.db().outboxMessage.findFirst({ where: { status: "pending", channel: "webhook" }, orderBy: { nextAttemptAt: "asc" } });
    if (!pending) return;
    const wait = pending.nextAttemptAt.getTime() - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait + 5));
  }
}

/** Signs and confirms through the app's own functions; returns the signature id. */
async function signAndConfirm(email: string, consents: string[] = []): Promise<string> {
  const id = await addSupporter({ fullName: "Aylin Kadir", email, status: "pending", consents });
  const { generateToken, hashToken } = await import("@/lib/security/tokens");
  const token = generateToken();
  await appDb.db().confirmationToken.create({ data: { signatureId: id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 86_400_000) } });
  expect((await confirm.confirmSignature(token)).result).toBe("confirmed");
  return id;
}

describe("HMAC signing", () => {
  it("signs timestamp.body with the secret, and verification refuses any change or an old timestamp", () => {
    const body = '{"event":"signature.confirmed"}';
    const header = signing.signPayload("whsec_test", 1_790_000_000, body);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    const ok = { signature: header, timestamp: "1790000000" };
    expect(signing.verifySignature("whsec_test", ok, body, { now: 1_790_000_010 })).toBe(true);
    expect(signing.verifySignature("whsec_other", ok, body, { now: 1_790_000_010 })).toBe(false);
    expect(signing.verifySignature("whsec_test", ok, body.replace("}", " }"), { now: 1_790_000_010 })).toBe(false);
    expect(signing.verifySignature("whsec_test", { ...ok, timestamp: "1790000001" }, body, { now: 1_790_000_010 })).toBe(false);
    expect(signing.verifySignature("whsec_test", ok, body, { now: 1_790_000_000 + 3600 })).toBe(false);
  });
});

describe("webhook endpoints", () => {
  it("accept https, and http only on loopback; other schemes and unknown events are refused", async () => {
    expect(endpoints.checkWebhookUrl("https://crm.example.org/hook")).toBe("https://crm.example.org/hook");
    expect(endpoints.checkWebhookUrl("http://127.0.0.1:3401/x")).toBe("http://127.0.0.1:3401/x");
    expect(() => endpoints.checkWebhookUrl("http://crm.example.org/hook")).toThrow("plain http:// is accepted only for 127.0.0.1");
    expect(() => endpoints.checkWebhookUrl("ftp://crm.example.org/")).toThrow("url must use https:// (got ftp)");
    expect(() => endpoints.checkWebhookUrl("not a url")).toThrow("url must be an absolute https:// URL");
    expect(() => endpoints.checkWebhookEvents(["signature.deleted"])).toThrow('unknown event "signature.deleted"');
    expect(() => endpoints.checkWebhookEvents([])).toThrow("choose at least one event");
    await expect(endpoints.createWebhookEndpoint({ type: "integration", tokenId: "t", partnerId: "p", partnerSlug: "x" }, { url: receiver.url, events: ["signature.confirmed"] })).rejects.toThrow("owners only");
  });
});

describe("signature.confirmed", () => {
  it("is delivered once per confirmation, signed so that it verifies with the endpoint's secret", async () => {
    const { secret } = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed"] });
    const id = await signAndConfirm("aylin@example.org", ["campaign"]);
    await dispatchUntilIdle();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery.headers["x-speakout-event"]).toBe("signature.confirmed");
    expect(delivery.headers["content-type"]).toBe("application/json");
    const verified = signing.verifySignature(
      secret,
      { signature: String(delivery.headers["x-speakout-signature"]), timestamp: String(delivery.headers["x-speakout-timestamp"]) },
      delivery.body,
    );
    expect(verified).toBe(true);
    expect(signing.verifySignature("whsec_wrong", { signature: String(delivery.headers["x-speakout-signature"]), timestamp: String(delivery.headers["x-speakout-timestamp"]) }, delivery.body)).toBe(false);
    const payload = JSON.parse(delivery.body);
    expect(payload).toMatchObject({
      event: "signature.confirmed",
      campaign: "guterres-xinjiang",
      signature: { id, person: { full_name: "Aylin Kadir", email: "aylin@example.org", country: "FR" }, consents: { campaign: true, partners: [] } },
    });
    const row = await appDb.db().outboxMessage.findFirstOrThrow({ where: { channel: "webhook" } });
    expect(delivery.headers["x-speakout-delivery"]).toBe(row.id);
    expect(row).toMatchObject({ status: "sent" });
    expect(webhookOf(row).body).toBe("");
  });

  it("is retried while the receiver is down and delivered once it is back", async () => {
    const { secret } = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed"] });
    await receiver.stop();
    await signAndConfirm("aylin@example.org");
    await outbox.dispatchDue();
    await new Promise((r) => setTimeout(r, 50));
    await outbox.dispatchDue();
    const waiting = await appDb.db().outboxMessage.findFirstOrThrow({ where: { channel: "webhook" } });
    expect(waiting.status).toBe("pending");
    expect(waiting.attempts).toBeGreaterThanOrEqual(1);
    expect(waiting.lastError).toMatch(/ECONNREFUSED/);

    await receiver.start();
    await dispatchUntilIdle();
    expect(receiver.received).toHaveLength(1);
    const [d] = receiver.received;
    expect(signing.verifySignature(secret, { signature: String(d.headers["x-speakout-signature"]), timestamp: String(d.headers["x-speakout-timestamp"]) }, d.body)).toBe(true);
    expect((await appDb.db().outboxMessage.findFirstOrThrow({ where: { channel: "webhook" } })).status).toBe("sent");
  });

  it("is retried after a 503 but given up on after a 410", async () => {
    await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed"] });
    receiver.status = 503;
    await signAndConfirm("aylin@example.org");
    await outbox.dispatchDue();
    expect((await appDb.db().outboxMessage.findFirstOrThrow({ where: { channel: "webhook" } })).status).toBe("pending");
    receiver.status = 410;
    await dispatchUntilIdle();
    const row = await appDb.db().outboxMessage.findFirstOrThrow({ where: { channel: "webhook" } });
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
    expect(row.lastError).toContain("answered 410");
  });

  it("goes to a partner endpoint only for supporters who consented to that partner", async () => {
    await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed"], partnerSlug: "amnesty-international" });
    await signAndConfirm("no-consent@example.org", ["partner:human-rights-watch"]);
    await signAndConfirm("consented@example.org", ["partner:amnesty-international", "partner:human-rights-watch"]);
    await dispatchUntilIdle();
    expect(receiver.received).toHaveLength(1);
    const payload = JSON.parse(receiver.received[0].body);
    expect(payload.signature.person.email).toBe("consented@example.org");
    expect(payload.signature.consents.partners).toEqual(["amnesty-international"]);
  });

  it("is not queued for disabled endpoints or endpoints not subscribed to it", async () => {
    const { view } = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed"] });
    await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.erased"] });
    expect(await endpoints.disableWebhookEndpoint(cli, view.id)).toBe(true);
    await signAndConfirm("aylin@example.org");
    expect(await appDb.db().outboxMessage.count({ where: { channel: "webhook" } })).toBe(0);
  });
});

describe("signature.erased", () => {
  it("carries no personal data and goes to partner endpoints only for their own supporters", async () => {
    await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.erased"] });
    await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.erased"], partnerSlug: "world-uyghur-congress" });
    const id = await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org", consents: ["partner:amnesty-international"] });
    const queued = await appDb.db().$transaction((tx) => events.enqueueSignatureErased(tx, id, new Date("2026-11-27T10:00:00Z")));
    expect(queued).toBe(1);
    await dispatchUntilIdle();
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0].body)).toEqual({
      event: "signature.erased",
      occurred_at: "2026-11-27T10:00:00.000Z",
      campaign: "guterres-xinjiang",
      signature: { id, erased_at: "2026-11-27T10:00:00.000Z" },
    });
  });
});

describe("erasing a supporter", () => {
  it("queues signature.erased in the erasure and drops undelivered payloads that name the person", async () => {
    const { eraseSupporter } = await import("@/lib/signatures/erase");
    await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed", "signature.erased"] });
    await receiver.stop();
    const id = await signAndConfirm("aylin@example.org");
    expect(await appDb.db().outboxMessage.count({ where: { channel: "webhook", kind: "signature.confirmed", status: "pending" } })).toBe(1);

    await eraseSupporter(cli, "aylin@example.org");
    const rows = await appDb.db().outboxMessage.findMany({ where: { channel: "webhook" } });
    expect(rows.map((r) => r.kind)).toEqual(["signature.erased"]);
    expect(rows[0].payload).not.toContain("aylin");

    await receiver.start();
    await dispatchUntilIdle();
    expect(receiver.received.map((d) => JSON.parse(d.body))).toEqual([expect.objectContaining({ event: "signature.erased", signature: expect.objectContaining({ id }) })]);
  });
});
