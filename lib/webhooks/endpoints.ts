import { randomBytes } from "node:crypto";
import { type Actor, requireOwner } from "@/lib/admin/actor";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/webhooks/events";

// Webhook endpoints: where events are POSTed. Owners add and disable them. The signing secret is
// generated here and shown once when the endpoint is created; it has to stay readable in the
// database because every delivery is signed with it.

export type WebhookEndpointView = {
  id: string;
  url: string;
  events: WebhookEvent[];
  partnerSlug: string | null;
  partnerName: string | null;
  createdAt: Date;
  disabledAt: Date | null;
  pending: number;
  failed: number;
};

export type WebhookInputCode = "url-invalid" | "url-scheme" | "url-credentials" | "url-too-long" | "events-none" | "events-unknown" | "unknown-partner";

export class WebhookInputError extends Error {
  /** for the admin's message catalog */
  constructor(
    message: string,
    readonly code: WebhookInputCode,
  ) {
    super(message);
    this.name = "WebhookInputError";
  }
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** https anywhere; plain http only to this machine (a receiver on loopback, tests). Nothing else. */
export function checkWebhookUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookInputError(`url must be an absolute https:// URL (got "${text.slice(0, 100)}")`, "url-invalid");
  }
  if (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
    if (url.username || url.password) throw new WebhookInputError("url must not contain a user name or password", "url-credentials");
    if (text.length > 2000) throw new WebhookInputError("url must be at most 2000 characters", "url-too-long");
    return url.toString();
  }
  if (url.protocol === "http:") throw new WebhookInputError("url must use https:// (plain http:// is accepted only for 127.0.0.1 and localhost)", "url-scheme");
  throw new WebhookInputError(`url must use https:// (got ${url.protocol.replace(/:$/, "")})`, "url-scheme");
}

export function checkWebhookEvents(events: readonly string[]): WebhookEvent[] {
  const chosen = [...new Set(events.map((e) => e.trim()).filter(Boolean))];
  if (chosen.length === 0) throw new WebhookInputError(`choose at least one event: ${WEBHOOK_EVENTS.join(", ")}`, "events-none");
  const unknown = chosen.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (unknown.length > 0) throw new WebhookInputError(`unknown event ${unknown.map((e) => `"${e.slice(0, 40)}"`).join(", ")}; choose from ${WEBHOOK_EVENTS.join(", ")}`, "events-unknown");
  return chosen as WebhookEvent[];
}

export async function createWebhookEndpoint(
  actor: Actor,
  input: { url: string; events: readonly string[]; partnerSlug?: string | null },
): Promise<{ secret: string; view: WebhookEndpointView }> {
  requireOwner(actor);
  const url = checkWebhookUrl(input.url);
  const events = checkWebhookEvents(input.events);
  let partner: { id: string; slug: string; name: string } | null = null;
  if (input.partnerSlug) {
    partner = await db().partner.findUnique({ where: { slug: input.partnerSlug }, select: { id: true, slug: true, name: true } });
    if (!partner) throw new WebhookInputError(`no partner with the slug "${input.partnerSlug.slice(0, 100)}"`, "unknown-partner");
  }
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const row = await db().$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({ data: { url, secret, events: events.join(","), partnerId: partner?.id ?? null } });
    await recordAudit(actor, "webhook.create", { targetId: created.id, details: { url, events, partner: partner?.slug ?? null } }, tx);
    return created;
  });
  return {
    secret,
    view: { id: row.id, url, events, partnerSlug: partner?.slug ?? null, partnerName: partner?.name ?? null, createdAt: row.createdAt, disabledAt: null, pending: 0, failed: 0 },
  };
}

export async function disableWebhookEndpoint(actor: Actor, id: string): Promise<boolean> {
  requireOwner(actor);
  return db().$transaction(async (tx) => {
    const changed = await tx.webhookEndpoint.updateMany({ where: { id, disabledAt: null }, data: { disabledAt: new Date() } });
    if (changed.count > 0) await recordAudit(actor, "webhook.disable", { targetId: id }, tx);
    return changed.count > 0;
  });
}

export async function listWebhookEndpoints(actor: Actor): Promise<WebhookEndpointView[]> {
  requireOwner(actor);
  const rows = await db().webhookEndpoint.findMany({ include: { partner: true }, orderBy: { createdAt: "desc" } });
  const counts = await db().outboxMessage.groupBy({
    by: ["endpointId", "status"],
    where: { channel: "webhook", status: { in: ["pending", "failed"] } },
    _count: { _all: true },
  });
  const count = (id: string, status: string) => counts.find((c) => c.endpointId === id && c.status === status)?._count._all ?? 0;
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    events: r.events.split(",").filter(Boolean) as WebhookEvent[],
    partnerSlug: r.partner?.slug ?? null,
    partnerName: r.partner?.name ?? null,
    createdAt: r.createdAt,
    disabledAt: r.disabledAt,
    pending: count(r.id, "pending"),
    failed: count(r.id, "failed"),
  }));
}
