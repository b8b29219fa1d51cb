import { db } from "@/lib/db";
import { onCommitted } from "@/lib/db/changes";
import { type Actor, isOwnerLevel, partnerScope, requireOwner } from "@/lib/admin/actor";
import { dashboardReads } from "@/lib/db/dashboard";
import { env } from "@/lib/env";

// Aggregate numbers for one campaign. Each figure is one GROUP BY over an index, in each
// database's SQL behind lib/db/dashboard.ts (see the migration 20261127040000_dashboard_indexes
// and bench/dashboard.ts for timings at a million signatures). Everything here is an aggregate:
// no name or email leaves this module, except the referrers' addresses for owners.

export type StatusTotals = { confirmed: number; pending: number; withdrawn: number; invalidated: number };
export type Bucket = { key: string; count: number };
export type Referrer = { code: string | null; email: string | null; count: number };
export type PartnerConsent = { partnerSlug: string; partnerName: string; count: number };

export type Dashboard = {
  totals: StatusTotals;
  /** confirmed ÷ (confirmed + pending): the share of standing sign-ups whose link was clicked */
  confirmationRate: number | null;
  perDay: Bucket[];
  /** the last HOURS_SHOWN hours, every hour present (zeros included) */
  perHour: Bucket[];
  byCountry: Bucket[];
  bySource: Bucket[];
  byEmbedPartner: Bucket[];
  byUtmSource: Bucket[];
  topReferrers: Referrer[];
  partnerConsents: PartnerConsent[];
  computedAt: Date;
};

export const HOURS_SHOWN = 48;
const TOP = 10;

const reads = () => dashboardReads();

export async function statusTotals(campaignId: string): Promise<StatusTotals> {
  const totals: StatusTotals = { confirmed: 0, pending: 0, withdrawn: 0, invalidated: 0 };
  for (const r of await reads().statusCounts(campaignId)) if (r.key in totals) totals[r.key as keyof StatusTotals] = r.count;
  return totals;
}

export async function confirmedPerDay(campaignId: string): Promise<Bucket[]> {
  return (await reads().confirmedPerDay(campaignId)).map((r) => ({ key: r.day.toISOString().slice(0, 10), count: r.count }));
}

export async function confirmedPerHour(campaignId: string, now = new Date()): Promise<Bucket[]> {
  const end = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const start = new Date(end.getTime() - (HOURS_SHOWN - 1) * 3_600_000);
  const found = new Map((await reads().confirmedPerHour(campaignId, start)).map((r) => [r.hour.getTime(), r.count]));
  return Array.from({ length: HOURS_SHOWN }, (_, i) => {
    const hour = new Date(start.getTime() + i * 3_600_000);
    return { key: hour.toISOString().slice(0, 13), count: found.get(hour.getTime()) ?? 0 };
  });
}

export async function confirmedByCountry(campaignId: string): Promise<Bucket[]> {
  return reads().confirmedByCountry(campaignId);
}

export async function confirmedBySource(campaignId: string): Promise<Bucket[]> {
  return reads().confirmedBySource(campaignId);
}

/** Confirmed signatures made in each partner's embed, by partner name. */
export async function confirmedByEmbedPartner(campaignId: string): Promise<Bucket[]> {
  const list = await reads().confirmedByEmbedPartnerId(campaignId);
  const names = new Map((await db().partner.findMany({ select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  return list
    .map((b) => ({ key: (b.partnerId && names.get(b.partnerId)) || "—", count: b.count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export async function confirmedByUtmSource(campaignId: string): Promise<Bucket[]> {
  return reads().confirmedByUtmSource(campaignId, TOP);
}

/** Signers whose share link brought the most confirmed signatures: their code, and for owners their address. */
export async function topReferrers(actor: Actor, campaignId: string): Promise<Referrer[]> {
  const withEmail = isOwnerLevel(actor);
  const top = await reads().topReferrerIds(campaignId, TOP);
  if (top.length === 0) return [];
  const people = await db().signature.findMany({
    where: { id: { in: top.map((t) => t.id) } },
    select: { id: true, referralCode: true, email: true, erasedAt: true },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  return top.map((t) => {
    const person = byId.get(t.id);
    return {
      code: person?.referralCode ?? null,
      email: withEmail && person && !person.erasedAt ? person.email : null,
      count: t.count,
    };
  });
}

/** Confirmed signers who agreed to hear from each partner (consent not withdrawn). */
export async function partnerConsentTotals(campaignId: string, onlyPartnerSlug: string | null): Promise<PartnerConsent[]> {
  const counts = new Map((await reads().partnerConsentCounts(campaignId)).map((r) => [r.key, r.count]));
  const partners = await db().campaignPartner.findMany({
    where: { campaignId, ...(onlyPartnerSlug ? { partner: { slug: onlyPartnerSlug } } : {}) },
    include: { partner: { select: { slug: true, name: true } } },
    orderBy: { position: "asc" },
  });
  return partners.map(({ partner }) => ({ partnerSlug: partner.slug, partnerName: partner.name, count: counts.get(partner.slug) ?? 0 }));
}

/** Every figure, unredacted (referrers' addresses, all partners): owners only. */
export async function computeDashboard(actor: Actor, campaignId: string, now = new Date()): Promise<Dashboard> {
  requireOwner(actor);
  const [totals, perDay, perHour, byCountry, bySource, byEmbedPartner, byUtmSource, referrers, partnerConsents] = await Promise.all([
    statusTotals(campaignId),
    confirmedPerDay(campaignId),
    confirmedPerHour(campaignId, now),
    confirmedByCountry(campaignId),
    confirmedBySource(campaignId),
    confirmedByEmbedPartner(campaignId),
    confirmedByUtmSource(campaignId),
    topReferrers(actor, campaignId),
    partnerConsentTotals(campaignId, null),
  ]);
  const standing = totals.confirmed + totals.pending;
  return {
    totals,
    confirmationRate: standing === 0 ? null : totals.confirmed / standing,
    perDay,
    perHour,
    byCountry,
    bySource,
    byEmbedPartner,
    byUtmSource,
    topReferrers: referrers,
    partnerConsents,
    computedAt: now,
  };
}

// At a million signatures the whole set takes a second or two of SQLite time (bench/dashboard.ts),
// and SQLite's driver runs queries on the server's one thread: figures are computed at most once
// per ADMIN_DASHBOARD_CACHE_SECONDS (60) per campaign, and at once after an admin change
// (forgetDashboards()).
const globalForDashboards = globalThis as unknown as { __dashboards?: Map<string, Promise<Dashboard>> };
const dashboards: Map<string, Promise<Dashboard>> = (globalForDashboards.__dashboards ??= new Map());

export function forgetDashboards(): void {
  dashboards.clear();
}

// Withdrawals, erasures and invalidations committed in any process (lib/db/changes.ts).
onCommitted("dashboards", (changes) => {
  if (changes.some((c) => c.kind === "signatures")) forgetDashboards();
});

async function cachedDashboard(campaignId: string, now: Date): Promise<Dashboard> {
  const hit = dashboards.get(campaignId);
  if (hit) {
    const value = await hit.catch(() => null);
    const ttlMs = env().ADMIN_DASHBOARD_CACHE_SECONDS * 1000;
    if (value && now.getTime() - value.computedAt.getTime() < ttlMs && now >= value.computedAt) return value;
  }
  // Computed with owner rights once, then redacted per actor by campaignDashboard().
  const fresh = computeDashboard({ type: "cli", name: "dashboard-cache" }, campaignId, now);
  dashboards.set(campaignId, fresh);
  fresh.catch(() => dashboards.delete(campaignId));
  return fresh;
}

/**
 * What the dashboard shows to this actor. Any admin sees the aggregates; only owners see
 * referrers' addresses, and a partner admin sees only their own partner's consent total.
 */
export async function campaignDashboard(actor: Actor, campaignId: string, now = new Date()): Promise<Dashboard> {
  const owner = isOwnerLevel(actor);
  const scope = partnerScope(actor);
  const full = await cachedDashboard(campaignId, now);
  return {
    ...full,
    topReferrers: full.topReferrers.map((r) => ({ ...r, email: owner ? r.email : null })),
    partnerConsents: scope ? full.partnerConsents.filter((p) => p.partnerSlug === scope.partnerSlug) : full.partnerConsents,
  };
}
