import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import { freePort } from "@/tests/unit/support/smtp";
import { addSupporter, seedCampaigns } from "@/tests/unit/support/supporters";
import { WebhookReceiver } from "@/tests/unit/support/webhook-receiver";
import type { Actor } from "@/lib/admin/actor";
import { webhookOf } from "@/tests/unit/support/outbox";

// Webhooks against a real database (SQLite, or PostgreSQL with TEST_POSTGRES_URL) and a real HTTP
// receiver on loopback: events are queued with the change they report, signed with HMAC-SHA256,
// retried through the outbox while the receiver is down, and given up on for a permanent refusal.
// Each carries under "osdi:signature" exactly what GET …/signatures/<id> answers for the
// endpoint's scope: both are compared here, for owner-level and partner endpoints.

let database: TestDatabase;
let receiver: WebhookReceiver;
let appDb: typeof import("@/lib/db");
let outbox: typeof import("@/lib/outbox/dispatch");
let endpoints: typeof import("@/lib/webhooks/endpoints");
let events: typeof import("@/lib/webhooks/events");
let signing: typeof import("@/lib/webhooks/signing");
let confirm: typeof import("@/lib/signatures/confirm");
let tokens: typeof import("@/lib/integrations/tokens");
let one: typeof import("@/app/api/v1/petitions/[slug]/signatures/[id]/route");

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
  tokens = await import("@/lib/integrations/tokens");
  one = await import("@/app/api/v1/petitions/[slug]/signatures/[id]/route");
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
  await appDb.db().integrationToken.deleteMany();
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

type Payload = { event: string; occurred_at: string; campaign: string; "osdi:signature": { identifiers: string[]; "speakout:status": string } & Record<string, unknown> };

/** The payloads delivered to one endpoint (told apart by the delivery id, the outbox row's). */
async function deliveredTo(endpointId: string): Promise<Payload[]> {
  const payloads: Payload[] = [];
  for (const d of receiver.received) {
    const row = await appDb.db().outboxMessage.findUniqueOrThrow({ where: { id: String(d.headers["x-speakout-delivery"]) } });
    if (row.endpointId === endpointId) payloads.push(JSON.parse(d.body) as Payload);
  }
  return payloads;
}

/** The JSON of GET /api/v1/petitions/<slug>/signatures/<id> with a token of this scope (null: all supporters). */
async function getSignature(id: string, partnerSlug: string | null, slug = "guterres-xinjiang"): Promise<unknown> {
  const { token } = await tokens.createIntegrationToken(cli, { name: `read ${partnerSlug ?? "all"}`, partnerSlug });
  const href = `https://sign.example.org/api/v1/petitions/${slug}/signatures/${id}`;
  const response = await one.GET(new Request(href, { headers: { Authorization: `Bearer ${token}` } }), { params: Promise.resolve({ slug, id }) });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

/** A withdrawal link's token for a signature, as an email to the signer carries it. */
async function withdrawalToken(signatureId: string): Promise<string> {
  const { generateToken, hashToken } = await import("@/lib/security/tokens");
  const token = generateToken();
  await appDb.db().withdrawalToken.create({ data: { signatureId, tokenHash: hashToken(token) } });
  return token;
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
    expect(events.WEBHOOK_EVENTS).toEqual(["signature.confirmed", "signature.withdrawn", "signature.erased"]);
    expect(endpoints.checkWebhookEvents([...events.WEBHOOK_EVENTS])).toEqual(["signature.confirmed", "signature.withdrawn", "signature.erased"]);
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
    expect(Object.keys(payload)).toEqual(["event", "occurred_at", "campaign", "osdi:signature"]);
    expect(payload).toMatchObject({
      event: "signature.confirmed",
      campaign: "guterres-xinjiang",
      "osdi:signature": {
        identifiers: [`speakout:${id}`],
        "speakout:status": "confirmed",
        _embedded: {
          "osdi:person": {
            given_name: "Aylin",
            family_name: "Kadir",
            email_addresses: [{ address: "aylin@example.org", primary: true, status: "subscribed" }],
            postal_addresses: [{ country: "FR", primary: true }],
          },
        },
      },
    });
    expect(payload.occurred_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // Exactly what the API answers for the same signature, to an owner's token.
    expect(payload["osdi:signature"]).toEqual(await getSignature(id, null));
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

  it("goes to a partner endpoint only for supporters who consented to that partner, as that partner's token sees them", async () => {
    const partner = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed"], partnerSlug: "amnesty-international" });
    const owner = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed"] });
    const other = await signAndConfirm("no-consent@example.org", ["campaign", "partner:human-rights-watch"]);
    const consented = await signAndConfirm("consented@example.org", ["partner:amnesty-international", "partner:human-rights-watch"]);
    await dispatchUntilIdle();
    expect(receiver.received).toHaveLength(3);

    const [toPartner] = await deliveredTo(partner.view.id);
    expect(await deliveredTo(partner.view.id)).toHaveLength(1);
    expect(toPartner["osdi:signature"].identifiers).toEqual([`speakout:${consented}`]);
    expect(toPartner["osdi:signature"]).toEqual(await getSignature(consented, "amnesty-international"));
    // The partner sees its own consent only, and the signer as subscribed to it.
    expect(toPartner["osdi:signature"]).toMatchObject({
      "speakout:consents": [expect.objectContaining({ scope: "partner:amnesty-international" })],
      _embedded: { "osdi:person": { email_addresses: [{ address: "consented@example.org", primary: true, status: "subscribed" }] } },
    });

    const toOwner = await deliveredTo(owner.view.id);
    expect(toOwner.map((p) => p["osdi:signature"].identifiers[0])).toEqual([`speakout:${other}`, `speakout:${consented}`]);
    expect(toOwner[0]["osdi:signature"]).toEqual(await getSignature(other, null));
    // To the owner, not subscribed to the campaign: every consent listed, the address unsubscribed.
    expect(toOwner[1]["osdi:signature"]).toEqual(await getSignature(consented, null));
    expect(toOwner[1]["osdi:signature"]).toMatchObject({ _embedded: { "osdi:person": { email_addresses: [{ status: "unsubscribed" }] } } });
    expect((toOwner[1]["osdi:signature"]["speakout:consents"] as { scope: string }[]).map((c) => c.scope)).toEqual(["partner:amnesty-international", "partner:human-rights-watch"]);
  });

  it("is not queued for a partner endpoint when the supporter did not consent to that partner", async () => {
    await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed", "signature.withdrawn", "signature.erased"], partnerSlug: "amnesty-international" });
    const id = await signAndConfirm("no-consent@example.org", ["campaign", "partner:human-rights-watch"]);
    const { withdrawBySigner } = await import("@/lib/signatures/withdraw");
    expect((await withdrawBySigner(await withdrawalToken(id))).result).toBe("withdrawn");
    const { eraseSupporter } = await import("@/lib/signatures/erase");
    expect((await eraseSupporter(cli, "no-consent@example.org")).signatures).toBe(1);
    expect(await appDb.db().outboxMessage.count({ where: { channel: "webhook" } })).toBe(0);
  });

  it("is not queued for disabled endpoints or endpoints not subscribed to it", async () => {
    const { view } = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed"] });
    await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.erased"] });
    expect(await endpoints.disableWebhookEndpoint(cli, view.id)).toBe(true);
    await signAndConfirm("aylin@example.org");
    expect(await appDb.db().outboxMessage.count({ where: { channel: "webhook" } })).toBe(0);
  });
});

describe("signature.withdrawn", () => {
  it("is queued when the signer withdraws by their link: the tombstone, as the API answers it for each scope", async () => {
    const owner = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.withdrawn"] });
    const partner = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.withdrawn"], partnerSlug: "amnesty-international" });
    const other = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.withdrawn"], partnerSlug: "world-uyghur-congress" });
    const id = await signAndConfirm("aylin@example.org", ["campaign", "partner:amnesty-international"]);
    const { withdrawBySigner } = await import("@/lib/signatures/withdraw");
    const now = new Date();
    expect((await withdrawBySigner(await withdrawalToken(id), now)).result).toBe("withdrawn");
    const rows = await appDb.db().outboxMessage.findMany({ where: { channel: "webhook" } });
    expect(rows.map((r) => [r.kind, r.signatureId])).toEqual([
      ["signature.withdrawn", null],
      ["signature.withdrawn", null],
    ]);
    await dispatchUntilIdle();
    expect(receiver.received.map((d) => d.headers["x-speakout-event"])).toEqual(["signature.withdrawn", "signature.withdrawn"]);

    const [toOwner] = await deliveredTo(owner.view.id);
    expect(toOwner).toMatchObject({ event: "signature.withdrawn", occurred_at: now.toISOString(), campaign: "guterres-xinjiang" });
    expect(toOwner["osdi:signature"]).toEqual(await getSignature(id, null));
    expect(toOwner["osdi:signature"]).toMatchObject({ "speakout:status": "withdrawn", _embedded: { "osdi:person": { identifiers: [`speakout:person-${id}`] } } });
    expect(JSON.stringify(toOwner)).not.toContain("aylin");
    expect(JSON.stringify(toOwner)).not.toContain("Aylin");
    const [toPartner] = await deliveredTo(partner.view.id);
    expect(toPartner["osdi:signature"]).toEqual(await getSignature(id, "amnesty-international"));
    expect(await deliveredTo(other.view.id)).toEqual([]);
    // A second press withdraws nothing and announces nothing.
    expect((await withdrawBySigner(await withdrawalToken(id))).result).toBe("already");
    expect(await appDb.db().outboxMessage.count({ where: { channel: "webhook" } })).toBe(2);
  });

  it("is queued when an owner withdraws a signature, in the withdrawal's transaction", async () => {
    const owner = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.withdrawn"] });
    const partner = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.withdrawn"], partnerSlug: "human-rights-watch" });
    const id = await signAndConfirm("aylin@example.org", ["partner:human-rights-watch"]);
    const { withdrawSignature } = await import("@/lib/admin/signatures");
    expect(await withdrawSignature(cli, id)).toBe("withdrawn");
    expect(await withdrawSignature(cli, id)).toBe("already");
    expect(await appDb.db().outboxMessage.count({ where: { channel: "webhook", kind: "signature.withdrawn" } })).toBe(2);
    await dispatchUntilIdle();
    const [toOwner] = await deliveredTo(owner.view.id);
    expect(toOwner).toMatchObject({ event: "signature.withdrawn", "osdi:signature": { "speakout:status": "withdrawn" } });
    expect(toOwner["osdi:signature"]).toEqual(await getSignature(id, null));
    const [toPartner] = await deliveredTo(partner.view.id);
    expect(toPartner["osdi:signature"]).toEqual(await getSignature(id, "human-rights-watch"));
  });

  it("is not sent for a signature that was never confirmed", async () => {
    await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.withdrawn"] });
    const pending = await addSupporter({ fullName: "Aylin Kadir", email: "pending@example.org", status: "pending", consents: ["campaign"] });
    const { withdrawBySigner } = await import("@/lib/signatures/withdraw");
    expect((await withdrawBySigner(await withdrawalToken(pending))).result).toBe("withdrawn");
    const suspect = await addSupporter({ fullName: "Bora Tan", email: "suspect@example.org", status: "suspect" });
    const { withdrawSignature } = await import("@/lib/admin/signatures");
    expect(await withdrawSignature(cli, suspect)).toBe("withdrawn");
    expect(await appDb.db().outboxMessage.count({ where: { channel: "webhook" } })).toBe(0);
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
    expect(rows[0].payload).not.toContain("Aylin");

    await receiver.start();
    await dispatchUntilIdle();
    const payloads = receiver.received.map((d) => JSON.parse(d.body) as Payload);
    expect(payloads).toEqual([expect.objectContaining({ event: "signature.erased", "osdi:signature": expect.objectContaining({ identifiers: [`speakout:${id}`] }) })]);
    expect(payloads[0]["osdi:signature"]).toEqual(await getSignature(id, null));
    expect(payloads[0]["osdi:signature"]["speakout:status"]).toBe("erased");
  });

  it("sends the tombstone, as each scope's token reads it, to partner endpoints only for their own supporters", async () => {
    const { eraseSupporter } = await import("@/lib/signatures/erase");
    const owner = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.erased"] });
    const partner = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.erased"], partnerSlug: "amnesty-international" });
    const other = await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.erased"], partnerSlug: "world-uyghur-congress" });
    const id = await signAndConfirm("aylin@example.org", ["campaign", "partner:amnesty-international"]);
    const now = new Date();
    expect(await eraseSupporter(cli, "aylin@example.org", now)).toEqual({ signatures: 1, campaigns: ["guterres-xinjiang"] });
    await dispatchUntilIdle();
    expect(receiver.received).toHaveLength(2);

    const [toOwner] = await deliveredTo(owner.view.id);
    expect(toOwner).toMatchObject({ event: "signature.erased", occurred_at: now.toISOString(), campaign: "guterres-xinjiang" });
    expect(toOwner["osdi:signature"]).toEqual(await getSignature(id, null));
    expect(toOwner["osdi:signature"]).toEqual(
      expect.objectContaining({ "speakout:status": "erased", _embedded: { "osdi:person": { identifiers: [`speakout:person-${id}`] } } }),
    );
    const [toPartner] = await deliveredTo(partner.view.id);
    expect(toPartner["osdi:signature"]).toEqual(await getSignature(id, "amnesty-international"));
    expect(toPartner["osdi:signature"]["speakout:status"]).toBe("erased");
    expect(await deliveredTo(other.view.id)).toEqual([]);
    // The erasure kept the consent rows (withdrawn): they are what told the partner's endpoint.
    expect(await appDb.db().consent.count({ where: { signatureId: id, withdrawnAt: { not: null } } })).toBe(2);
  });

  it("is sent for a signature withdrawn and signed again but not confirmed since: integrators were told of it", async () => {
    const { eraseSupporter } = await import("@/lib/signatures/erase");
    const { withdrawSignature } = await import("@/lib/admin/signatures");
    const { signCampaign } = await import("@/lib/signatures/sign");
    const { findCampaign } = await import("@/lib/campaigns/campaigns");
    await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed", "signature.withdrawn", "signature.erased"] });
    const id = await signAndConfirm("aylin@example.org", ["campaign"]);
    await dispatchUntilIdle(); // delivered, before the erasure could drop it
    expect(await withdrawSignature(cli, id)).toBe("withdrawn");
    const campaign = (await findCampaign("guterres-xinjiang"))!;
    const outcome = await signCampaign(campaign, { fullName: "Aylin Kadir", email: "aylin@example.org", country: "FR", comment: undefined, showName: false, optInCampaign: true }, "en");
    expect(outcome).toMatchObject({ detail: "renewed" });
    expect((await eraseSupporter(cli, "aylin@example.org")).signatures).toBe(1);
    await dispatchUntilIdle();
    const payloads = receiver.received.map((d) => JSON.parse(d.body) as Payload);
    expect(payloads.map((p) => [p.event, p["osdi:signature"]["speakout:status"]])).toEqual([
      ["signature.confirmed", "confirmed"],
      ["signature.withdrawn", "withdrawn"],
      ["signature.erased", "erased"],
    ]);
    expect(payloads[2]["osdi:signature"]).toEqual(await getSignature(id, null));
  });

  it("sends nothing for a signature that was never confirmed (it was never announced)", async () => {
    const { eraseSupporter } = await import("@/lib/signatures/erase");
    await endpoints.createWebhookEndpoint(cli, { url: receiver.url, events: ["signature.confirmed", "signature.withdrawn", "signature.erased"] });
    await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org", status: "pending", consents: ["campaign"] });
    expect((await eraseSupporter(cli, "aylin@example.org")).signatures).toBe(1);
    expect(await appDb.db().outboxMessage.count({ where: { channel: "webhook" } })).toBe(0);
  });
});
