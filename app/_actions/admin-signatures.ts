"use server";

import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/admin/session";
import {
  applyInvalidation,
  invalidationSchema,
  resendConfirmation,
  searchSignatures,
  withdrawSignature,
  type SignatureListEntry,
} from "@/lib/admin/signatures";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { eraseSupporter } from "@/lib/signatures/erase";

export type SearchState = { query: string; results: SignatureListEntry[] | null; error?: "too-short" };

/** Search by POST: the address searched for stays out of URLs, logs and history. */
export async function searchSignaturesAction(_previous: SearchState, form: FormData): Promise<SearchState> {
  const actor = await requireAdmin({ role: "owner" });
  const query = String(form.get("q") ?? "").trim();
  if (query.length < 2) return { query, results: null, error: "too-short" };
  return { query, results: await searchSignatures(actor, query) };
}

export async function resendConfirmationAction(form: FormData): Promise<void> {
  const actor = await requireAdmin({ role: "owner" });
  const id = String(form.get("id") ?? "");
  const result = await resendConfirmation(actor, id);
  redirect(`/admin/signatures/${encodeURIComponent(id)}?notice=resend-${result}`);
}

export async function withdrawSignatureAction(form: FormData): Promise<void> {
  const actor = await requireAdmin({ role: "owner" });
  const id = String(form.get("id") ?? "");
  const result = await withdrawSignature(actor, id);
  redirect(`/admin/signatures/${encodeURIComponent(id)}?notice=withdraw-${result}`);
}

export async function eraseSupporterAction(form: FormData): Promise<void> {
  const actor = await requireAdmin({ role: "owner" });
  const email = String(form.get("email") ?? "").trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) redirect("/admin/signatures?error=erase-email");
  // Nothing is erased without the confirmation box ticked (the step that works without JavaScript).
  const back = String(form.get("back") ?? "");
  if (form.get("confirm") !== "yes") {
    redirect(/^[A-Za-z0-9_-]{1,64}$/.test(back) ? `/admin/signatures/${back}?error=erase-confirm#erase-heading` : "/admin/signatures?error=erase-confirm#erase");
  }
  const { signatures } = await eraseSupporter(actor, email);
  redirect(`/admin/signatures?erased=${signatures}`);
}

export async function applyInvalidationAction(form: FormData): Promise<void> {
  const actor = await requireAdmin({ role: "owner" });
  const campaign = await findCampaign(String(form.get("campaign") ?? ""));
  const filter = invalidationSchema.safeParse({
    by: form.get("by"),
    domain: form.get("domain") ?? undefined,
    clientHash: form.get("client") ?? undefined,
    from: form.get("from") ?? undefined,
    to: form.get("to") ?? undefined,
  });
  if (!campaign || !filter.success) redirect("/admin/signatures/invalidate?error=stale");
  const { invalidated } = await applyInvalidation(actor, campaign.id, filter.data, String(form.get("reason") ?? ""));
  redirect(`/admin/signatures/invalidate?done=${invalidated}&campaign=${encodeURIComponent(campaign.slug)}`);
}
