import { type Actor, isOwnerLevel } from "@/lib/admin/actor";
import { db } from "@/lib/db";

// The export entries of the audit log, for the export page: owners see every export of the
// campaign, a partner admin only their own.

export type ExportHistoryEntry = {
  at: Date;
  who: string;
  format: string;
  rows: number;
  completed: boolean;
  filters: Record<string, string | string[]>;
};

export async function recentExports(actor: Actor, campaignId: string, limit = 10): Promise<ExportHistoryEntry[]> {
  const rows = await db().auditLog.findMany({
    where: {
      action: "export.signatures",
      campaignId,
      ...(isOwnerLevel(actor) ? {} : { actorType: actor.type, actorId: actor.type === "admin" ? actor.adminId : actor.type === "integration" ? actor.tokenId : null }),
    },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return rows.map((r) => {
    const details = JSON.parse(r.details) as { format?: string; rows?: number; completed?: boolean; filters?: Record<string, string | string[]> };
    return { at: r.createdAt, who: r.actorLabel, format: details.format ?? "csv", rows: details.rows ?? 0, completed: details.completed ?? false, filters: details.filters ?? {} };
  });
}
