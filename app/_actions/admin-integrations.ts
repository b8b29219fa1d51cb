"use server";

import { revalidatePath } from "next/cache";
import type { SecretState } from "@/components/admin/SecretForm";
import { requireAdmin } from "@/lib/admin/session";
import { createIntegrationToken, IntegrationInputError, revokeIntegrationToken } from "@/lib/integrations/tokens";
import { createWebhookEndpoint, disableWebhookEndpoint, WebhookInputError } from "@/lib/webhooks/endpoints";

// Thin adapters: owners only (requireAdmin and again in lib/), the secret comes back once in the
// action's state and is never stored in a form field, a URL or a cookie.


export async function createTokenAction(_previous: SecretState, form: FormData): Promise<SecretState> {
  const actor = await requireAdmin({ role: "owner" });
  try {
    const partner = String(form.get("partner") ?? "");
    const { token, view } = await createIntegrationToken(actor, { name: String(form.get("name") ?? ""), partnerSlug: partner || null });
    revalidatePath("/admin/integrations");
    return { secret: token, label: view.name };
  } catch (error) {
    if (error instanceof IntegrationInputError) return { error: `token.${error.code}` };
    throw error;
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const actor = await requireAdmin({ role: "owner" });
  await revokeIntegrationToken(actor, String(form.get("id") ?? ""));
  revalidatePath("/admin/integrations");
}

export async function createWebhookAction(_previous: SecretState, form: FormData): Promise<SecretState> {
  const actor = await requireAdmin({ role: "owner" });
  try {
    const partner = String(form.get("partner") ?? "");
    const { secret, view } = await createWebhookEndpoint(actor, {
      url: String(form.get("url") ?? ""),
      events: form.getAll("events").map(String),
      partnerSlug: partner || null,
    });
    revalidatePath("/admin/integrations");
    return { secret, label: view.url };
  } catch (error) {
    if (error instanceof WebhookInputError) return { error: `webhook.${error.code}` };
    throw error;
  }
}

export async function disableWebhookAction(form: FormData): Promise<void> {
  const actor = await requireAdmin({ role: "owner" });
  await disableWebhookEndpoint(actor, String(form.get("id") ?? ""));
  revalidatePath("/admin/integrations");
}
