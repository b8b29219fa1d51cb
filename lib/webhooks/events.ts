import type { Prisma } from "@/lib/db";
import { type SignatureRecord, signatureInTransaction } from "@/lib/db/signature-pages";
import type { SigningStore, WebhookEndpointRow } from "@/lib/db/signing";
import { type OsdiSignatureDocument, signatureDocument, type Viewer, visibleTo } from "@/lib/integrations/signature-resource";
import { enqueue, type OutboxTx } from "@/lib/outbox/message";

// Webhook events, queued in the outbox in the same transaction as the change they report, so an
// event is sent if and only if the change happened. Each carries the signature under
// "osdi:signature" exactly as GET /api/v1/petitions/<slug>/signatures/<id> answers it for the
// endpoint's scope (lib/integrations/signature-resource.ts): an owner-level endpoint sees what an
// owner's token sees, a partner's endpoint what that partner's token sees. The row is read inside
// the transaction, after the change, with the signature pages' own SQL.
//
// - `signature.confirmed`: the signature in full. A partner's endpoint receives it only for
//   supporters who agreed to hear from that partner.
// - `signature.withdrawn` (the signer's link, or an owner at their request) and
//   `signature.erased`: the tombstone, with no personal data. A partner's endpoint receives them
//   only for supporters it was told about (who consented to it).
// Only signatures that were confirmed are announced: withdrawing or erasing one that was never
// confirmed (still pending) sends nothing, since nobody was told of it. One withdrawn and signed
// again counts as confirmed (the `confirmedAt` field keeps its earlier confirmation), as in the API.

export const WEBHOOK_EVENTS = ["signature.confirmed", "signature.withdrawn", "signature.erased"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type WebhookPayload = {
  event: WebhookEvent;
  occurred_at: string;
  /** the campaign's slug (the petition's `name`) */
  campaign: string;
  "osdi:signature": OsdiSignatureDocument;
};

function subscribesTo(events: string, event: WebhookEvent): boolean {
  return events.split(",").map((s) => s.trim()).includes(event);
}

/** The payload for one endpoint, or null when this endpoint is not to hear of this event. */
export function webhookPayload(event: WebhookEvent, signature: SignatureRecord, endpoint: Pick<WebhookEndpointRow, "partnerSlug">, now: Date): WebhookPayload | null {
  // Never confirmed (not even before a renewal): never announced, so nothing to take back either.
  if (signature.confirmedAt === null) return null;
  const viewer: Viewer = { partnerSlug: endpoint.partnerSlug };
  if (!visibleTo(signature, viewer)) return null;
  const document = signatureDocument(signature, signature.campaignSlug, viewer);
  // A confirmation goes only where the signer is shown in full (for a partner: its consent in force).
  if (event === "signature.confirmed" && document["speakout:status"] !== "confirmed") return null;
  return { event, occurred_at: now.toISOString(), campaign: signature.campaignSlug, "osdi:signature": document };
}

async function queue(tx: OutboxTx, endpoints: WebhookEndpointRow[], event: WebhookEvent, signature: SignatureRecord | null, now: Date): Promise<number> {
  if (!signature) return 0;
  let queued = 0;
  for (const endpoint of endpoints) {
    if (!subscribesTo(endpoint.events, event)) continue;
    const payload = webhookPayload(event, signature, endpoint, now);
    if (!payload) continue;
    // Only a confirmation names the person: erasure drops those still queued (by signatureId);
    // a tombstone names nobody and must not be dropped with them.
    const signatureId = event === "signature.confirmed" ? signature.id : null;
    await enqueue(tx, { channel: "webhook", kind: event, endpointId: endpoint.id, url: endpoint.url, body: JSON.stringify(payload), signatureId }, now);
    queued++;
  }
  return queued;
}

async function endpointsInTransaction(tx: Prisma.TransactionClient): Promise<WebhookEndpointRow[]> {
  const rows = await tx.webhookEndpoint.findMany({
    where: { disabledAt: null },
    select: { id: true, url: true, events: true, partner: { select: { slug: true } } },
  });
  return rows.map((e) => ({ id: e.id, url: e.url, events: e.events, partnerSlug: e.partner?.slug ?? null }));
}

/** Queues `signature.confirmed` for every subscribed endpoint allowed to see this supporter. Call it after the confirmation's writes. Returns how many. */
export async function enqueueSignatureConfirmed(store: SigningStore, signatureId: string, now: Date): Promise<number> {
  const endpoints = (await store.activeWebhookEndpoints()).filter((e) => subscribesTo(e.events, "signature.confirmed"));
  if (endpoints.length === 0) return 0;
  return queue(store, endpoints, "signature.confirmed", await store.signatureForWebhook(signatureId), now);
}

/**
 * Queues `signature.withdrawn` or `signature.erased` (a tombstone) inside the transaction that
 * withdrew or erased the signature, after its writes: the tombstone is read as the transaction
 * left it. Consents are withdrawn, never deleted, by both, so a partner's past consent still
 * decides whether its endpoint hears of it. Returns how many deliveries were queued.
 */
export async function enqueueSignatureRemoved(
  tx: Prisma.TransactionClient,
  event: "signature.withdrawn" | "signature.erased",
  signatureId: string,
  now: Date,
): Promise<number> {
  const endpoints = (await endpointsInTransaction(tx)).filter((e) => subscribesTo(e.events, event));
  if (endpoints.length === 0) return 0;
  return queue(tx, endpoints, event, await signatureInTransaction(tx, signatureId), now);
}
