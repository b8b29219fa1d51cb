import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { type Actor, requireOwner } from "@/lib/admin/actor";
import { auditRow } from "@/lib/audit/audit";
import type { CampaignView } from "@/lib/campaigns/campaigns";
import { committed } from "@/lib/db/changes";
import { writeSigning } from "@/lib/db/signing";
import { env } from "@/lib/env";
import { mailCapKey, normalizeEmail } from "@/lib/signatures/email";
import { queueConfirmation } from "@/lib/signatures/sign";

// Suspect signatures (ADR 052): signatures that came in a burst from one client address or one
// email domain are stored with status "suspect". They are not counted, listed or mailed until an
// owner releases them (they become pending and their confirmation link is sent) or invalidates
// them with the bulk invalidation (lib/admin/signatures.ts). Owners only. Clients are shown as
// short labels of the keyed hash, never as addresses, and the hash is cleared a few hours after
// signing (lib/signatures/client-hash.ts, a job in lib/jobs/jobs.ts).

const HOUR_MS = 60 * 60 * 1000;

/** Suspects released per click: one transaction (more stay listed for the next click). */
export const RELEASE_BATCH = 1000;

const TOP = 20;

/** The stored client hash (base64url HMAC-SHA256), as the dashboard's forms send it back. */
export const clientHashPattern = /^[A-Za-z0-9_-]{43}$/;

/** What the dashboard shows for a client: a short opaque label, never the address. */
export function clientLabel(clientHash: string): string {
  return `client ${clientHash.slice(0, 8)}`;
}

export type SuspectGroup = { count: number; latest: Date };
export type SuspectSummary = {
  total: number;
  clients: (SuspectGroup & { clientHash: string; label: string })[];
  /** suspects whose client hash has been cleared already */
  clientsForgotten: number;
  domains: (SuspectGroup & { domain: string })[];
};

/** The suspect signatures of a campaign, grouped by client and by domain, largest groups first. */
export async function suspectSummary(actor: Actor, campaignId: string): Promise<SuspectSummary> {
  requireOwner(actor);
  const where: Prisma.SignatureWhereInput = { campaignId, status: "suspect" };
  const [total, byClient, byDomain] = await Promise.all([
    db().signature.count({ where }),
    db().signature.groupBy({ by: ["clientHash"], where, _count: { _all: true }, _max: { createdAt: true } }),
    db().signature.groupBy({ by: ["emailDomain"], where, _count: { _all: true }, _max: { createdAt: true } }),
  ]);
  const biggest = <T extends SuspectGroup>(list: T[]) => list.sort((a, b) => b.count - a.count || b.latest.getTime() - a.latest.getTime()).slice(0, TOP);
  const clients = byClient
    .filter((g) => g.clientHash !== null)
    .map((g) => ({ clientHash: g.clientHash!, label: clientLabel(g.clientHash!), count: g._count._all, latest: g._max.createdAt! }));
  const domains = byDomain.filter((g) => g.emailDomain !== null).map((g) => ({ domain: g.emailDomain!, count: g._count._all, latest: g._max.createdAt! }));
  return {
    total,
    clients: biggest(clients),
    clientsForgotten: byClient.find((g) => g.clientHash === null)?._count._all ?? 0,
    domains: biggest(domains),
  };
}

/** How many groups of each kind the trending list shows, and the smallest group it shows. */
export const TRENDING_TOP = 10;
const TRENDING_MIN = 2;

export type TrendingGroup = { count: number; suspect: number; latest: Date };
export type TrendingSummary = {
  windowMinutes: number;
  clients: (TrendingGroup & { clientHash: string; label: string })[];
  /** webmail domains (SUSPECT_WEBMAIL_DOMAINS) are flagged: invalidating one by domain hits many real signers */
  domains: (TrendingGroup & { domain: string; webmail: boolean })[];
};

/**
 * What is trending now (ADR 052): the campaign's signatures of the last SUSPECT_WINDOW_MINUTES
 * (every status but invalidated), grouped by client and by email domain, the largest groups of at
 * least two, with how many of each are suspect. Below the thresholds too, so that an owner sees a
 * wave building up. Reads only the rows of the window (index on campaignId, createdAt). Owners only.
 */
export async function trendingSummary(actor: Actor, campaignId: string, now = new Date()): Promise<TrendingSummary> {
  requireOwner(actor);
  const e = env();
  const since = new Date(now.getTime() - e.SUSPECT_WINDOW_MINUTES * 60 * 1000);
  const where: Prisma.SignatureWhereInput = { campaignId, createdAt: { gte: since }, status: { not: "invalidated" } };
  // No "IS NOT NULL" in the filter: on PostgreSQL it steers the planner to the index led by
  // clientHash, which reads every hashed row of the last hours; the null group is dropped below.
  const [byClient, byDomain] = await Promise.all([
    db().signature.groupBy({ by: ["clientHash", "status"], where, _count: { _all: true }, _max: { createdAt: true } }),
    db().signature.groupBy({ by: ["emailDomain", "status"], where, _count: { _all: true }, _max: { createdAt: true } }),
  ]);
  // One row per key and status: summed here (at most the window's rows, usually far fewer).
  const merge = (rows: { key: string; status: string; count: number; latest: Date }[]) => {
    const groups = new Map<string, TrendingGroup>();
    for (const row of rows) {
      const g = groups.get(row.key) ?? { count: 0, suspect: 0, latest: row.latest };
      g.count += row.count;
      if (row.status === "suspect") g.suspect += row.count;
      if (row.latest > g.latest) g.latest = row.latest;
      groups.set(row.key, g);
    }
    return [...groups.entries()]
      .filter(([, g]) => g.count >= TRENDING_MIN)
      .sort(([ka, a], [kb, b]) => b.count - a.count || b.latest.getTime() - a.latest.getTime() || ka.localeCompare(kb))
      .slice(0, TRENDING_TOP);
  };
  const clients = merge(byClient.filter((g) => g.clientHash !== null).map((g) => ({ key: g.clientHash!, status: g.status, count: g._count._all, latest: g._max.createdAt! })));
  const domains = merge(byDomain.filter((g) => g.emailDomain !== null).map((g) => ({ key: g.emailDomain!, status: g.status, count: g._count._all, latest: g._max.createdAt! })));
  return {
    windowMinutes: e.SUSPECT_WINDOW_MINUTES,
    clients: clients.map(([clientHash, g]) => ({ clientHash, label: clientLabel(clientHash), ...g })),
    domains: domains.map(([domain, g]) => ({ domain, webmail: e.SUSPECT_WEBMAIL_DOMAINS.includes(domain), ...g })),
  };
}

export const releaseSchema = z.discriminatedUnion("by", [
  z.object({ by: z.literal("client"), clientHash: z.string().regex(clientHashPattern, "client-invalid") }),
  z.object({ by: z.literal("domain"), domain: z.string().trim().toLowerCase().min(1, "domain-required").max(253, "domain-invalid") }),
  z.object({ by: z.literal("all") }),
]);

export type ReleaseFilter = z.infer<typeof releaseSchema>;

function releaseWhere(campaignId: string, filter: ReleaseFilter): Prisma.SignatureWhereInput {
  const base: Prisma.SignatureWhereInput = { campaignId, status: "suspect" };
  if (filter.by === "client") return { ...base, clientHash: filter.clientHash };
  if (filter.by === "domain") return { ...base, emailDomain: normalizeEmail(`x@${filter.domain.replace(/^@/, "")}`).slice(2) };
  return base;
}

/**
 * Releases suspects: each becomes a normal pending signature and is sent its confirmation link
 * (within the per-address mail cap; past it, signing again sends the link). Audited with the
 * filter and the count, never a client hash.
 */
export async function releaseSuspects(
  actor: Actor,
  campaign: CampaignView,
  filter: ReleaseFilter,
  now = new Date(),
): Promise<{ released: number; remaining: number }> {
  requireOwner(actor);
  const where = releaseWhere(campaign.id, filter);
  const found = await db().signature.findMany({
    where,
    select: { id: true, email: true, fullName: true, locale: true },
    orderBy: { createdAt: "asc" },
    take: RELEASE_BATCH,
  });
  if (found.length === 0) return { released: 0, remaining: 0 };
  const cap = env().RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR;
  const released = await writeSigning(async (store) => {
    let count = 0;
    for (const signature of found) {
      if (!(await store.releaseSuspect(signature.id, now))) continue; // released or invalidated meanwhile
      count++;
      const recent = await store.mailsQueuedSince(mailCapKey(signature.email), new Date(now.getTime() - HOUR_MS));
      if (recent < cap) await queueConfirmation(store, signature, campaign, now);
    }
    const details = { filter: filter.by === "domain" ? { domain: filter.domain } : { by: filter.by }, signatures: count };
    if (count > 0) await store.insertAuditLog({ ...auditRow(actor, "signatures.release", { campaignId: campaign.id, details }), createdAt: now });
    return count;
  });
  // Pending counts changed: every process forgets its dashboards.
  if (released > 0) committed([{ kind: "signatures", campaignId: campaign.id }]);
  const remaining = await db().signature.count({ where });
  return { released, remaining };
}
