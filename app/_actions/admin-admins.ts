"use server";

import { redirect } from "next/navigation";
import { disableAdmin, inviteAdmin } from "@/lib/admin/admins";
import { requireAdmin } from "@/lib/admin/session";

export async function inviteAdminAction(form: FormData): Promise<void> {
  const actor = await requireAdmin({ role: "owner" });
  const result = await inviteAdmin(actor, { email: form.get("email"), partnerSlug: form.get("partner") });
  if (result.status === "error") redirect(`/admin/admins?error=${result.error}`);
  redirect("/admin/admins?notice=invited");
}

export async function disableAdminAction(form: FormData): Promise<void> {
  const actor = await requireAdmin({ role: "owner" });
  await disableAdmin(actor, String(form.get("id") ?? ""));
  redirect("/admin/admins?notice=disabled");
}
