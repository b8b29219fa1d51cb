import { db } from "@/lib/db";
import type { SignatureSource } from "@/lib/sharing/attribution";

export type SourceCounts = {
  bySource: Record<SignatureSource, number>;
  /** confirmed signatures made in each partner's embed, in any order of the coalition */
  byPartner: { slug: string; name: string; count: number }[];
  /** confirmed signatures per utm_campaign value (signatures without one are left out) */
  byUtmCampaign: { utmCampaign: string; count: number }[];
  /** the referral codes that brought the most confirmed signatures, most first */
  topReferralCodes: { referralCode: string; count: number }[];
};

const SOURCES: SignatureSource[] = ["direct", "referral", "embed", "utm"];

/** Confirmed signatures of a campaign totalled by where they came from. */
export async function confirmedCountsBySource(campaignId: string, topN = 10): Promise<SourceCounts> {
  const where = { campaignId, status: "confirmed" };
  const [sources, partners, utm, referrers] = await Promise.all([
    db().signature.groupBy({ by: ["source"], where, _count: { _all: true } }),
    db().signature.groupBy({ by: ["partnerId"], where: { ...where, partnerId: { not: null } }, _count: { _all: true } }),
    db().signature.groupBy({ by: ["utmCampaign"], where: { ...where, utmCampaign: { not: null } }, _count: { _all: true } }),
    db().signature.groupBy({
      by: ["referredById"],
      where: { ...where, referredById: { not: null } },
      _count: { referredById: true },
      orderBy: [{ _count: { referredById: "desc" } }, { referredById: "asc" }],
      take: topN,
    }),
  ]);

  const bySource = Object.fromEntries(SOURCES.map((s) => [s, 0])) as Record<SignatureSource, number>;
  for (const row of sources) if ((SOURCES as string[]).includes(row.source)) bySource[row.source as SignatureSource] = row._count._all;

  const partnerRows = await db().partner.findMany({
    where: { id: { in: partners.map((p) => p.partnerId!) } },
    select: { id: true, slug: true, name: true },
  });
  const byPartner = partners
    .map((p) => {
      const partner = partnerRows.find((r) => r.id === p.partnerId)!;
      return { slug: partner.slug, name: partner.name, count: p._count._all };
    })
    .sort((a, b) => b.count - a.count || a.slug.localeCompare(b.slug));

  const byUtmCampaign = utm
    .map((u) => ({ utmCampaign: u.utmCampaign!, count: u._count._all }))
    .sort((a, b) => b.count - a.count || a.utmCampaign.localeCompare(b.utmCampaign));

  const codes = await db().signature.findMany({
    where: { id: { in: referrers.map((r) => r.referredById!) } },
    select: { id: true, referralCode: true },
  });
  const topReferralCodes = referrers.map((r) => ({
    referralCode: codes.find((c) => c.id === r.referredById)?.referralCode ?? "",
    count: r._count.referredById,
  }));

  return { bySource, byPartner, byUtmCampaign, topReferralCodes };
}
