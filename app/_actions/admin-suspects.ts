"use server";

import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/admin/session";
import { releaseSchema, releaseSuspects } from "@/lib/admin/suspects";
import { findCampaign } from "@/lib/campaigns/campaigns";

/** Releases a group of suspect signatures from the campaign dashboard (owners only, ADR 052). */
export async function releaseSuspectsAction(form: FormData): Promise<void> {
  const actor = await requireAdmin({ role: "owner" });
  const campaign = await findCampaign(String(form.get("campaign") ?? ""));
  if (!campaign) redirect("/admin");
  const back = `/admin/campaigns/${encodeURIComponent(campaign.slug)}`;
  const filter = releaseSchema.safeParse({ by: form.get("by"), clientHash: form.get("client") ?? undefined, domain: form.get("domain") ?? undefined });
  if (!filter.success) redirect(`${back}?suspects=error#suspects`);
  const { released, remaining } = await releaseSuspects(actor, campaign, filter.data);
  redirect(`${back}?released=${released}&remaining=${remaining}#suspects`);
}
