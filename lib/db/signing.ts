import { databaseProvider, env, sqliteFilePath } from "@/lib/env";
import { pgPool } from "@/lib/db";
import { committed, takeChanges } from "@/lib/db/changes";
import type { StoredOutboxMessage } from "@/lib/db/outbox";
import type { SignatureRecord } from "@/lib/db/signature-pages";
import { postgresSigningStore } from "@/lib/db/postgres/signing";
import { transaction } from "@/lib/db/postgres/pool";
import { sqliteSigningStore } from "@/lib/db/sqlite/signing";
import { groupCommit } from "@/lib/db/sqlite/group-commit";

// The storage boundary of the signing path: what signing and confirming read and write, inside
// one transaction per piece of work. The domain (lib/signatures/) decides; this only stores.
// On SQLite the work joins a group commit (lib/db/sqlite/group-commit.ts); on PostgreSQL it is a
// transaction of its own on a pooled connection, tried again if a concurrent one conflicts (so
// work must be safe to run twice: it decides from what it reads). Dates go in and out
// as Date. A piece of work must await only the store's own methods: it runs while the batch's
// transaction is open.

export type SignatureStatus = "pending" | "confirmed" | "withdrawn" | "invalidated" | "suspect";

export type ExistingSignature = {
  id: string;
  email: string;
  fullName: string;
  locale: string;
  status: SignatureStatus;
};

export type NewSignature = {
  id: string;
  campaignId: string;
  fullName: string;
  email: string;
  emailNormalized: string;
  country: string;
  comment: string | null;
  showName: boolean;
  optInCampaign: boolean;
  locale: string;
  statsTokenHash: string;
  /** "suspect" when it came in a burst (ADR 052) */
  status: "pending" | "suspect";
  /** burst detection: keyed hash of the client address (cleared after hours) and the email's domain */
  clientHash: string | null;
  emailDomain: string;
  source: string;
  refCode: string | null;
  referredById: string | null;
  partnerId: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  referrerHost: string | null;
  createdAt: Date;
};

/** What a signing again after a withdrawal replaces: a new intent, confirmed like a first one. */
export type RenewedSignature = Pick<NewSignature, "fullName" | "country" | "comment" | "showName" | "optInCampaign" | "locale">;

/** What a new signing reads before it writes (ADR 052); each signature count stops at its limit. */
export type SigningCountsQuery = {
  campaignId: string;
  capKey: string;
  mailSince: Date;
  burstSince: Date;
  /** null: not counted */
  clientHash: string | null;
  clientLimit: number;
  /** null: not counted */
  emailDomain: string | null;
  domainLimit: number;
};

export type SigningCounts = { mails: number; byClient: number; byDomain: number };

export type NewConsent = { signatureId: string; scope: string; wording: string; locale: string; givenAt: Date };

export type NewConfirmationToken = { signatureId: string; tokenHash: string; expiresAt: Date; createdAt: Date };

export type ConfirmationRow = {
  tokenId: string;
  expiresAt: Date;
  signature: { id: string; status: SignatureStatus; campaignId: string; referralCode: string | null };
};

export type NewAuditRow = {
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  campaignId: string | null;
  targetId: string | null;
  details: string;
  createdAt: Date;
};

export type WebhookEndpointRow = { id: string; url: string; events: string; partnerSlug: string | null };

export interface SigningStore {
  signatureByEmail(campaignId: string, emailNormalized: string): Promise<ExistingSignature | null>;
  /** The id of the confirmed signer of this campaign who owns a share code. */
  confirmedSignerByReferralCode(campaignId: string, referralCode: string): Promise<string | null>;
  insertSignature(row: NewSignature): Promise<void>;
  renewSignature(id: string, change: RenewedSignature, now: Date): Promise<void>;
  insertConsents(rows: NewConsent[]): Promise<void>;
  insertConfirmationToken(row: NewConfirmationToken): Promise<void>;
  deleteConfirmationTokens(signatureId: string): Promise<void>;
  /** Stores the hash of a withdrawal link's token (ADR 053). */
  insertWithdrawalToken(row: { signatureId: string; tokenHash: string; createdAt: Date }): Promise<void>;
  /** Mail queued to the inbox, and the campaign's recent signatures by client and by domain, in one read. */
  signingCounts(query: SigningCountsQuery): Promise<SigningCounts>;
  /** suspect → pending (an owner released it); false when it was no longer suspect. */
  releaseSuspect(signatureId: string, now: Date): Promise<boolean>;
  /** Messages queued to this inbox (its mailCapKey, lib/signatures/email.ts) since `since`. */
  mailsQueuedSince(capKey: string, since: Date): Promise<number>;
  /** Queues an outbox message (through lib/outbox/enqueue.ts, which builds the row). */
  insertOutboxMessage(message: StoredOutboxMessage): Promise<void>;

  confirmationByTokenHash(hash: string): Promise<ConfirmationRow | null>;
  /** pending → confirmed; false when it was no longer pending. */
  markConfirmed(signatureId: string, now: Date): Promise<boolean>;
  referralCodeTaken(code: string): Promise<boolean>;
  setReferralCode(signatureId: string, code: string, now: Date): Promise<void>;
  markTokenUsed(tokenId: string, now: Date): Promise<void>;
  activeWebhookEndpoints(): Promise<WebhookEndpointRow[]>;
  /** The signature as the webhooks' payload is built from it (lib/db/signature-pages.ts SignatureRecord), or null. */
  signatureForWebhook(id: string): Promise<SignatureRecord | null>;
  insertAuditLog(row: NewAuditRow): Promise<void>;
}

/**
 * Runs `work` in a write transaction of the signing path; resolves once it is durably stored, after
 * the after-commit step ran for what the work changed (lib/db/changes.ts: a queued message wakes
 * the dispatcher, a confirmation updates the caches).
 */
export async function writeSigning<T>(work: (store: SigningStore) => Promise<T>): Promise<T> {
  const url = env().DATABASE_URL;
  let last: SigningStore | undefined;
  const run = (store: SigningStore) => {
    last = store; // a retried PostgreSQL transaction runs the work again with a new store
    return work(store);
  };
  const result =
    databaseProvider(url) === "postgres"
      ? await transaction(pgPool(), (client) => run(postgresSigningStore(client)))
      : await groupCommit(sqliteFilePath(url), (tx) => run(sqliteSigningStore(tx)));
  if (last) committed(takeChanges(last));
  return result;
}
