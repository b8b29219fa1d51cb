import { ping } from "@/lib/db";
import { outboxBacklog } from "@/lib/mail/outbox";

export async function healthReport(): Promise<{ ok: boolean; database: "ok" | "error"; mail?: { pending: number; failed: number } }> {
  try {
    await ping();
    return { ok: true, database: "ok", mail: await outboxBacklog() };
  } catch {
    return { ok: false, database: "error" };
  }
}
