import { db } from "@/lib/db";
import { outboxBacklog } from "@/lib/mail/outbox";

export async function healthReport(): Promise<{ ok: boolean; database: "ok" | "error"; mail?: { pending: number; failed: number } }> {
  try {
    await db().$queryRawUnsafe("SELECT 1");
    return { ok: true, database: "ok", mail: await outboxBacklog() };
  } catch {
    return { ok: false, database: "error" };
  }
}
