import type { Prisma } from "@/lib/db";
import type { SigningStore } from "@/lib/db/signing";
import { enqueue } from "@/lib/outbox/message";

// Webhook events, queued in the outbox in the same transaction as the change they report, so an
// event is sent if and only if the change happened. The payload is deliberately small: the event,
// the campaign, the signature id and date, and the person only where the endpoint may see them.
// Partner endpoints receive `signature.confirmed` only for supporters who agreed to hear from that
// partner, and `signature.erased` (which carries no personal data) only for supporters it was told
// about; owner-level endpoints receive both for everyone.

export const WEBHOOK_EVENTS = ["signature.confirmed", "signature.erased"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type WebhookPayload =
  | {
      event: "signature.confirmed";
      occurred_at: string;
      campaign: string;
      signature: {
        id: string;
        confirmed_at: string;
        person: { full_name: string; email: string; country: string; locale: string };
        consents: { campaign: boolean; partners: string[] };
      };
    }
  | { event: "signature.erased"; occurred_at: string; campaign: string; signature: { id: string; erased_at: string } };

type Endpoint = { id: string; url: string; events: string; partner: { slug: string } | null };

function subscribesTo(events: string, event: WebhookEvent): boolean {
  return events.split(",").map((s) => s.trim()).includes(event);
}

async function subscribers(tx: Prisma.TransactionClient, event: WebhookEvent): Promise<Endpoint[]> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { disabledAt: null },
    select: { id: true, url: true, events: true, partner: { select: { slug: true } } },
  });
  return endpoints.filter((e) => subscribesTo(e.events, event));
}

/** Queues `signature.confirmed` for every subscribed endpoint allowed to see this supporter. Returns how many. */
export async function enqueueSignatureConfirmed(store: SigningStore, signatureId: string, now: Date): Promise<number> {
  const endpoints = (await store.activeWebhookEndpoints()).filter((e) => subscribesTo(e.events, "signature.confirmed"));
  if (endpoints.length === 0) return 0;
  const signature = await store.signatureForWebhook(signatureId);
  const scopes = signature.consentScopes;
  const partners = scopes.filter((s) => s.startsWith("partner:")).map((s) => s.slice("partner:".length)).sort();
  let queued = 0;
  for (const endpoint of endpoints) {
    if (endpoint.partnerSlug && !partners.includes(endpoint.partnerSlug)) continue;
    const payload: WebhookPayload = {
      event: "signature.confirmed",
      occurred_at: now.toISOString(),
      campaign: signature.campaignSlug,
      signature: {
        id: signature.id,
        confirmed_at: (signature.confirmedAt ?? now).toISOString(),
        person: { full_name: signature.fullName, email: signature.email, country: signature.country, locale: signature.locale },
        consents: {
          campaign: scopes.includes("campaign"),
          // a partner endpoint learns only about its own consent
          partners: endpoint.partnerSlug ? [endpoint.partnerSlug] : partners,
        },
      },
    };
    await enqueue(store, { channel: "webhook", kind: payload.event, endpointId: endpoint.id, url: endpoint.url, body: JSON.stringify(payload), signatureId: signature.id }, now);
    queued++;
  }
  return queued;
}

/**
 * Queues `signature.erased` (no personal data). Call it inside the erasure transaction BEFORE the
 * consents are removed: partner endpoints are told only about supporters who had consented to them.
 * Returns how many deliveries were queued.
 */
export async function enqueueSignatureErased(tx: Prisma.TransactionClient, signatureId: string, now: Date): Promise<number> {
  const endpoints = await subscribers(tx, "signature.erased");
  if (endpoints.length === 0) return 0;
  const signature = await tx.signature.findUniqueOrThrow({
    where: { id: signatureId },
    select: { id: true, campaign: { select: { slug: true } }, consents: { select: { scope: true } } },
  });
  const partners = signature.consents.map((c) => c.scope).filter((s) => s.startsWith("partner:")).map((s) => s.slice("partner:".length));
  let queued = 0;
  for (const endpoint of endpoints) {
    if (endpoint.partner && !partners.includes(endpoint.partner.slug)) continue;
    queued++;
    const payload: WebhookPayload = {
      event: "signature.erased",
      occurred_at: now.toISOString(),
      campaign: signature.campaign.slug,
      signature: { id: signature.id, erased_at: now.toISOString() },
    };
    // No signatureId: this event names no person, and must not be dropped with those that do.
    await enqueue(tx, { channel: "webhook", kind: payload.event, endpointId: endpoint.id, url: endpoint.url, body: JSON.stringify(payload), signatureId: null }, now);
  }
  return queued;
}
