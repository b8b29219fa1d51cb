import { db } from "@/lib/db";
import type { Deliverer } from "@/lib/outbox/deliverer";
import { signPayload } from "@/lib/webhooks/signing";

// The webhook channel's deliverer: one queued event POSTed to its endpoint. Registered in
// lib/outbox/deliverers.ts; the dispatcher owns leasing, retries and backoff for every channel.

const TIMEOUT_MS = 10_000;

/** A failed delivery; `permanent` when retrying cannot help (4xx other than 408 and 429, endpoint gone). */
export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = "WebhookDeliveryError";
  }
}

export function isPermanentWebhookFailure(error: unknown): boolean {
  return error instanceof WebhookDeliveryError && error.permanent;
}

/** 2xx is delivered; 408, 429 and 5xx are retried; any other status is given up on. */
export function classifyStatus(status: number): "delivered" | "retry" | "permanent" {
  if (status >= 200 && status < 300) return "delivered";
  if (status === 408 || status === 429 || status >= 500) return "retry";
  return "permanent";
}

export async function deliverWebhook(row: { id: string; endpointId: string | null; kind: string; body: string }, now = new Date()): Promise<void> {
  const endpoint = row.endpointId ? await db().webhookEndpoint.findUnique({ where: { id: row.endpointId } }) : null;
  if (!endpoint || endpoint.disabledAt) throw new WebhookDeliveryError("the endpoint was disabled or removed", true);
  const timestamp = Math.floor(now.getTime() / 1000);
  let response: Response;
  try {
    response = await fetch(endpoint.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "SpeakOut-Webhooks/1",
        "X-Speakout-Event": row.kind,
        "X-Speakout-Delivery": row.id,
        "X-Speakout-Timestamp": String(timestamp),
        "X-Speakout-Signature": signPayload(endpoint.secret, timestamp, row.body),
      },
      body: row.body,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new WebhookDeliveryError(`POST ${endpoint.url} failed: ${cause ?? (error as Error).message}`, false);
  }
  await response.body?.cancel().catch(() => undefined);
  const outcome = classifyStatus(response.status);
  if (outcome !== "delivered") throw new WebhookDeliveryError(`POST ${endpoint.url} answered ${response.status}`, outcome === "permanent");
}

export const webhookDeliverer: Deliverer<"webhook"> = {
  // The row id goes out as X-Speakout-Delivery, so a receiver can drop a duplicate.
  deliver: ({ id, kind, payload }) => deliverWebhook({ id, kind, endpointId: payload.endpointId, body: payload.body ?? "" }),
  isPermanent: isPermanentWebhookFailure,
  // an endpoint that failed: its other deliveries wait for the next round
  destination: ({ payload }) => `webhook:${payload.endpointId}`,
};
