import { db } from "@/lib/db";
import { type Actor, requireOwner } from "@/lib/admin/actor";
import { confirmedByCountry } from "@/lib/admin/dashboard";
import { publicDisplayName } from "@/lib/signatures/public-name";

// What is handed over to the UN: totals of confirmed signatures by country, and the names of the
// signers who ticked "show my first name and initial publicly", in that same public form
// (docs/decisions/022-delivery-view.md). Nothing else about any signer.

export type DeliveryTotals = { total: number; byCountry: { country: string; count: number }[] };

export async function deliveryTotals(actor: Actor, campaignId: string): Promise<DeliveryTotals> {
  void actor; // aggregates: every admin role may see them
  const byCountry = (await confirmedByCountry(campaignId)).map((b) => ({ country: b.key, count: b.count }));
  return { total: byCountry.reduce((sum, b) => sum + b.count, 0), byCountry };
}

export type DeliveryName = { name: string; country: string };

/** Opted-in confirmed signers as the public sees them ("Aylin K."), oldest first; owners only. */
export async function deliveryNames(actor: Actor, campaignId: string): Promise<DeliveryName[]> {
  requireOwner(actor);
  const rows = await db().signature.findMany({
    where: { campaignId, status: "confirmed", showName: true, erasedAt: null },
    orderBy: [{ confirmedAt: "asc" }, { id: "asc" }],
    select: { fullName: true, country: true },
  });
  return rows.map((r) => ({ name: publicDisplayName(r.fullName), country: r.country })).filter((r) => r.name !== "");
}
