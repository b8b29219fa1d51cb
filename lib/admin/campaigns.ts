import { db } from "@/lib/db";
import type { Actor } from "@/lib/admin/actor";

export type AdminCampaignSummary = { slug: string; title: string; isDefault: boolean; status: string };

/** Campaigns an admin may look at (all of them: partners see aggregates of every campaign). */
export async function listCampaigns(actor: Actor): Promise<AdminCampaignSummary[]> {
  void actor; // every admin role may list campaigns; the data behind them is checked per read
  return db().campaign.findMany({
    select: { slug: true, title: true, isDefault: true, status: true },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
  });
}
