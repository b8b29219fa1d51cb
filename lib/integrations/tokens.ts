import { type Actor, requireOwner } from "@/lib/admin/actor";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { generateToken, hashToken } from "@/lib/security/tokens";

// Read-only API tokens for supporter databases. A token is 256 random bits shown once, at
// creation; the database keeps only its SHA-256 and its first characters (to tell tokens apart in
// the admin). A token belongs either to the owners (every supporter) or to one partner (only the
// supporters who agreed to hear from that partner). Only owners create and revoke tokens.

export const TOKEN_PREFIX = "spk_";
const TOKEN_FORMAT = /^spk_[A-Za-z0-9_-]{43}$/;
/** lastUsedAt is written at most this often per token, so API reads do not each cost a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type IntegrationTokenView = {
  id: string;
  name: string;
  prefix: string;
  partnerSlug: string | null;
  partnerName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export class IntegrationInputError extends Error {
  /** for the admin's message catalog: name-required, name-too-long, unknown-partner */
  constructor(
    message: string,
    readonly code: "name-required" | "name-too-long" | "unknown-partner",
  ) {
    super(message);
    this.name = "IntegrationInputError";
  }
}

export async function createIntegrationToken(
  actor: Actor,
  input: { name: string; partnerSlug?: string | null },
): Promise<{ token: string; view: IntegrationTokenView }> {
  requireOwner(actor);
  const name = input.name.replace(/\s+/g, " ").trim();
  if (!name) throw new IntegrationInputError("name is required (what the token is for, e.g. \"CRM sync\")", "name-required");
  if (name.length > 100) throw new IntegrationInputError("name must be at most 100 characters", "name-too-long");
  let partner: { id: string; slug: string; name: string } | null = null;
  if (input.partnerSlug) {
    partner = await db().partner.findUnique({ where: { slug: input.partnerSlug }, select: { id: true, slug: true, name: true } });
    if (!partner) throw new IntegrationInputError(`no partner with the slug "${input.partnerSlug.slice(0, 100)}"`, "unknown-partner");
  }
  const token = TOKEN_PREFIX + generateToken();
  const row = await db().$transaction(async (tx) => {
    const created = await tx.integrationToken.create({
      data: {
        name,
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        tokenHash: hashToken(token),
        partnerId: partner?.id ?? null,
        createdById: actor.type === "admin" ? actor.adminId : null,
      },
    });
    await recordAudit(actor, "integration-token.create", { targetId: created.id, details: { name, partner: partner?.slug ?? null } }, tx);
    return created;
  });
  return {
    token,
    view: { id: row.id, name: row.name, prefix: row.prefix, partnerSlug: partner?.slug ?? null, partnerName: partner?.name ?? null, createdAt: row.createdAt, lastUsedAt: null, revokedAt: null },
  };
}

export async function revokeIntegrationToken(actor: Actor, id: string): Promise<boolean> {
  requireOwner(actor);
  return db().$transaction(async (tx) => {
    const changed = await tx.integrationToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (changed.count > 0) await recordAudit(actor, "integration-token.revoke", { targetId: id }, tx);
    return changed.count > 0;
  });
}

export async function listIntegrationTokens(actor: Actor): Promise<IntegrationTokenView[]> {
  requireOwner(actor);
  const rows = await db().integrationToken.findMany({ include: { partner: true }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    partnerSlug: r.partner?.slug ?? null,
    partnerName: r.partner?.name ?? null,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

/**
 * The actor behind a presented token, or null for a missing, malformed, unknown or revoked one
 * (the caller answers 401 to all alike). The lookup is by the token's SHA-256, so the comparison
 * never runs over the secret itself.
 */
export async function verifyIntegrationToken(presented: string | null | undefined, now = new Date()): Promise<Actor | null> {
  if (!presented || !TOKEN_FORMAT.test(presented)) return null;
  const row = await db().integrationToken.findUnique({ where: { tokenHash: hashToken(presented) }, include: { partner: { select: { slug: true } } } });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db().integrationToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { type: "integration", tokenId: row.id, partnerId: row.partnerId, partnerSlug: row.partner?.slug ?? null };
}

/** The token from `Authorization: Bearer <token>` or OSDI's `OSDI-API-Token: <token>` header. */
export function tokenFromHeaders(headers: Headers): string | null {
  const authorization = headers.get("authorization");
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (match) return match[1];
  return headers.get("osdi-api-token")?.trim() || null;
}
