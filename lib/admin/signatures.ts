import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { type Actor, requireOwner } from "@/lib/admin/actor";
import { auditRow, recordAudit } from "@/lib/audit/audit";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { env } from "@/lib/env";
import { committed, noteChange, transact } from "@/lib/db/changes";
import { writeSigning } from "@/lib/db/signing";
import { containsIgnoringCase } from "@/lib/db/text-search";
import { emailDomainFilter, parseEmailDomain } from "@/lib/admin/latest";
import { mailCapKey, normalizeEmail } from "@/lib/signatures/email";
import { queueConfirmation } from "@/lib/signatures/sign";
import { enqueueSignatureRemoved } from "@/lib/webhooks/events";

// Signature management for owners: find a person, look at one signature, resend its link,
// withdraw it at the signer's request, and invalidate spam waves in bulk. Every function checks
// the actor itself; partner admins never reach names or addresses.

const HOUR_MS = 60 * 60 * 1000;
export const SEARCH_LIMIT = 50;

export type SignatureListEntry = {
  id: string;
  campaignSlug: string;
  fullName: string;
  email: string;
  country: string;
  status: string;
  createdAt: Date;
};

/**
 * Signatures whose address is (after normalisation) the one given, at the email domain given
 * ("example.org" or "@example.org"), or whose name contains the text; newest first.
 */
export async function searchSignatures(actor: Actor, rawQuery: string): Promise<SignatureListEntry[]> {
  requireOwner(actor);
  const query = rawQuery.trim().slice(0, 200);
  if (query.length < 2) return [];
  // A domain has a dot and no space; "@example.org" is a domain too (an address has a local part).
  const domain = /^@?[^\s@]+\.[^\s@]+$/.test(query) ? parseEmailDomain(query) : null;
  const name = domain || query.includes("@") ? null : containsIgnoringCase(query);
  const where: Prisma.SignatureWhereInput = domain
    ? { emailNormalized: emailDomainFilter(domain) }
    : name
      ? { fullName: name.filter, erasedAt: null }
      : { emailNormalized: normalizeEmail(query) };
  const found = await db().signature.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: SEARCH_LIMIT,
    select: { id: true, fullName: true, email: true, country: true, status: true, createdAt: true, campaign: { select: { slug: true } } },
  });
  const rows = name ? found.filter((r) => name.matches(r.fullName)) : found;
  return rows.map(({ campaign, ...r }) => ({ ...r, campaignSlug: campaign.slug }));
}

/** One signature with everything stored about it: consents with their wording, attribution, history. */
export async function signatureDetail(actor: Actor, id: string) {
  requireOwner(actor);
  return db().signature.findUnique({
    where: { id },
    include: {
      campaign: { select: { slug: true, title: true } },
      consents: { orderBy: { givenAt: "asc" } },
      partner: { select: { name: true } },
      referredBy: { select: { referralCode: true } },
      _count: { select: { referrals: true } },
    },
  });
}

export type SignatureDetail = NonNullable<Awaited<ReturnType<typeof signatureDetail>>>;

export type ResendResult = "sent" | "not-pending" | "not-found" | "mail-capped" | "campaign-closed";

/** Sends a pending signature a fresh confirmation link (same hourly cap as the sign form). */
export async function resendConfirmation(actor: Actor, id: string, now = new Date()): Promise<ResendResult> {
  requireOwner(actor);
  const signature = await db().signature.findUnique({ where: { id }, include: { campaign: { select: { slug: true } } } });
  if (!signature || signature.erasedAt) return "not-found";
  if (signature.status !== "pending") return "not-pending";
  const campaign = await findCampaign(signature.campaign.slug);
  if (!campaign) return "not-found";
  return writeSigning(async (store) => {
    const recent = await store.mailsQueuedSince(mailCapKey(signature.email), new Date(now.getTime() - HOUR_MS));
    if (recent >= env().RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR) return "mail-capped" as const;
    await queueConfirmation(store, signature, campaign, now);
    await store.insertAuditLog({ ...auditRow(actor, "signature.resend", { campaignId: signature.campaignId, targetId: signature.id }), createdAt: now });
    return "sent" as const;
  });
}

export type WithdrawResult = "withdrawn" | "already" | "not-found";

/**
 * Withdraws a signature at the signer's request: it stops counting (only "confirmed" counts), its
 * consents are withdrawn and its unused links stop working; `signature.withdrawn` is queued for
 * the webhooks in the same transaction. The data stays until erased.
 */
export async function withdrawSignature(actor: Actor, id: string, now = new Date()): Promise<WithdrawResult> {
  requireOwner(actor);
  return transact(async (tx) => {
    const signature = await tx.signature.findUnique({ where: { id } });
    if (!signature || signature.erasedAt) return "not-found" as const;
    // Decided by a conditional update, so two withdrawals at once withdraw (and announce) once.
    const changed = await tx.signature.updateMany({ where: { id, status: { not: "withdrawn" } }, data: { status: "withdrawn", withdrawnAt: now } });
    if (changed.count === 0) return "already" as const;
    await tx.consent.updateMany({ where: { signatureId: id, withdrawnAt: null }, data: { withdrawnAt: now } });
    await tx.confirmationToken.deleteMany({ where: { signatureId: id } });
    await enqueueSignatureRemoved(tx, "signature.withdrawn", id, now);
    await recordAudit(actor, "signature.withdraw", { campaignId: signature.campaignId, targetId: id, details: { previousStatus: signature.status } }, tx);
    // After the commit, every process forgets its counts, recent signers and dashboards.
    noteChange(tx, { kind: "signatures", campaignId: signature.campaignId });
    return "withdrawn" as const;
  });
}

/** After a withdrawal or invalidation committed: every process (on PostgreSQL, through NOTIFY) forgets its counts, recent signers and dashboards. */
function countsChanged(campaignId: string): void {
  committed([{ kind: "signatures", campaignId }]);
}

// ---------------------------------------------------------------------------------------------
// Bulk invalidation (spam waves)

const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

export const invalidationSchema = z.discriminatedUnion("by", [
  z.object({
    by: z.literal("domain"),
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .transform((v) => v.replace(/^@/, ""))
      .pipe(z.string().min(1, "domain-required").regex(domainPattern, "domain-invalid")),
  }),
  // A client of the suspects list (ADR 052): the keyed hash the dashboard shows as a short label.
  z.object({ by: z.literal("client"), clientHash: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "client-invalid") }),
  z
    .object({
      by: z.literal("window"),
      from: z.coerce.date({ error: "from-invalid" }),
      to: z.coerce.date({ error: "to-invalid" }),
    })
    .refine((w) => w.from < w.to, { message: "window-order", path: ["to"] })
    .refine((w) => w.to.getTime() - w.from.getTime() <= 31 * 24 * HOUR_MS, { message: "window-too-long", path: ["to"] }),
]);

export type InvalidationFilter = z.infer<typeof invalidationSchema>;

function invalidationWhere(campaignId: string, filter: InvalidationFilter): Prisma.SignatureWhereInput {
  const base: Prisma.SignatureWhereInput = { campaignId, status: { in: ["pending", "confirmed", "suspect"] } };
  if (filter.by === "client") return { ...base, clientHash: filter.clientHash };
  if (filter.by === "domain") {
    // Normalised addresses are lower case; googlemail.com is stored as gmail.com.
    const domain = normalizeEmail(`x@${filter.domain}`).slice(2);
    return { ...base, emailNormalized: { endsWith: `@${domain}` } };
  }
  return { ...base, createdAt: { gte: filter.from, lt: filter.to } };
}

export type InvalidationPreview = { pending: number; confirmed: number; suspect: number; sample: { email: string; createdAt: Date }[] };

/** How many signatures a bulk invalidation would hit, with a few of them, before anything changes. */
export async function previewInvalidation(actor: Actor, campaignId: string, filter: InvalidationFilter): Promise<InvalidationPreview> {
  requireOwner(actor);
  const where = invalidationWhere(campaignId, filter);
  const [groups, sample] = await Promise.all([
    db().signature.groupBy({ by: ["status"], where, _count: { _all: true } }),
    db().signature.findMany({ where, select: { email: true, createdAt: true }, orderBy: { createdAt: "asc" }, take: 10 }),
  ]);
  const count = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0;
  return { pending: count("pending"), confirmed: count("confirmed"), suspect: count("suspect"), sample };
}

/** Marks every pending, confirmed or suspect signature matching the filter as invalidated; audited. */
export async function applyInvalidation(
  actor: Actor,
  campaignId: string,
  filter: InvalidationFilter,
  reason: string,
  now = new Date(),
): Promise<{ invalidated: number }> {
  requireOwner(actor);
  const cleanReason = reason.trim().slice(0, 500);
  const where = invalidationWhere(campaignId, filter);
  const invalidated = await db().$transaction(async (tx) => {
    // Links of the signatures about to be invalidated stop working (selected by the same filter,
    // not by a list of ids: a spam wave can be larger than SQLite's limit on query parameters).
    await tx.confirmationToken.deleteMany({ where: { signature: where } });
    const updated = await tx.signature.updateMany({
      where,
      data: { status: "invalidated", invalidatedAt: now, invalidReason: cleanReason || null },
    });
    if (updated.count === 0) return 0;
    await recordAudit(
      actor,
      "signatures.invalidate",
      {
        campaignId,
        details: {
          // a client is audited as such, never by its hash
          filter:
            filter.by === "domain"
              ? { domain: filter.domain }
              : filter.by === "client"
                ? { by: "client" }
                : { from: filter.from.toISOString(), to: filter.to.toISOString() },
          reason: cleanReason,
          signatures: updated.count,
        },
      },
      tx,
    );
    return updated.count;
  });
  if (invalidated > 0) countsChanged(campaignId);
  return { invalidated };
}
