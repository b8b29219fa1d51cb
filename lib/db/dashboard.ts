import { dialect, pgPool } from "@/lib/db";
import { postgresDashboardReads } from "@/lib/db/postgres/dashboard";
import { sqliteDashboardReads } from "@/lib/db/sqlite/dashboard";

// The dashboard's aggregates for one campaign, each one GROUP BY over an index, in each dialect's
// SQL (lib/db/sqlite/dashboard.ts, lib/db/postgres/dashboard.ts). Times go in and out as Date,
// counts as numbers. Ties are ordered in byte order on both databases.

export type KeyCount = { key: string; count: number };

export type DashboardReads = {
  /** signatures of every status, by status */
  statusCounts(campaignId: string): Promise<KeyCount[]>;
  /** confirmed signatures by UTC day of confirmation (the day's midnight), oldest first */
  confirmedPerDay(campaignId: string): Promise<{ day: Date; count: number }[]>;
  /** confirmed signatures by UTC hour of confirmation (the hour's start), from `since` on, oldest first */
  confirmedPerHour(campaignId: string, since: Date): Promise<{ hour: Date; count: number }[]>;
  /** confirmed signatures by country, most first */
  confirmedByCountry(campaignId: string): Promise<KeyCount[]>;
  /** confirmed signatures by source, most first */
  confirmedBySource(campaignId: string): Promise<KeyCount[]>;
  /** confirmed signatures made in an embed, by the partner's id (null: none recorded) */
  confirmedByEmbedPartnerId(campaignId: string): Promise<{ partnerId: string | null; count: number }[]>;
  /** confirmed signatures that came through utm links, by utm_source ("" when absent), the `limit` largest */
  confirmedByUtmSource(campaignId: string, limit: number): Promise<KeyCount[]>;
  /** the ids of the `limit` signers whose share links brought the most confirmed signatures */
  topReferrerIds(campaignId: string, limit: number): Promise<{ id: string; count: number }[]>;
  /** confirmed signers whose consent to a partner is in force, by partner slug (partners with none absent) */
  partnerConsentCounts(campaignId: string): Promise<KeyCount[]>;
};

export function dashboardReads(): DashboardReads {
  return dialect() === "postgres" ? postgresDashboardReads(pgPool()) : sqliteDashboardReads;
}
