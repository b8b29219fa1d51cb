import { db, type Prisma } from "@/lib/db";
import { type Actor, partnerScope } from "@/lib/admin/actor";
import { normalizeEmail } from "@/lib/signatures/email";

// A campaign's latest signatures, newest first, a page at a time, optionally only the addresses
// at one email domain. Pages are keyset pages on (createdAt, id), so a link to the next page is a
// plain GET that works without JavaScript and costs the same however deep it goes. Owners see
// every signature; a partner admin only the confirmed supporters whose consent to their
// organisation is in force (what their exports hold), never anyone else.

export const LATEST_PAGE_SIZE = 25;

export type LatestCursor = { at: Date; id: string };

export type LatestEntry = {
  id: string;
  fullName: string;
  email: string;
  country: string;
  status: string;
  createdAt: Date;
  erased: boolean;
};

export type LatestPage = { entries: LatestEntry[]; next: LatestCursor | null };

const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/**
 * The email domain typed in a search box ("example.org", "@Example.org", " @example.org "), as
 * stored in normalised addresses (lower case; googlemail.com is gmail.com), or null if it is not
 * a domain.
 */
export function parseEmailDomain(raw: string): string | null {
  const text = raw.trim().toLowerCase().replace(/^@/, "");
  if (!domainPattern.test(text)) return null;
  return normalizeEmail(`x@${text}`).slice(2);
}

/** The filter on normalised addresses at a domain (parsed by parseEmailDomain, so no LIKE wildcard). */
export function emailDomainFilter(domain: string): Prisma.StringFilter {
  return { endsWith: `@${domain}` };
}

/** A cursor as it travels in a URL: "<ms since epoch>.<id>". */
export function encodeCursor(cursor: LatestCursor): string {
  return `${cursor.at.getTime()}.${cursor.id}`;
}

export function decodeCursor(text: string | undefined | null): LatestCursor | null {
  const match = typeof text === "string" ? /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(text) : null;
  if (!match) return null;
  const at = new Date(Number(match[1]));
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2] };
}

export async function latestSignatures(
  actor: Actor,
  campaignId: string,
  options: { domain?: string | null; before?: LatestCursor | null; limit?: number } = {},
): Promise<LatestPage> {
  const limit = Math.min(100, Math.max(1, options.limit ?? LATEST_PAGE_SIZE));
  const scope = partnerScope(actor);
  const and: Prisma.SignatureWhereInput[] = [{ campaignId }];
  if (scope) {
    and.push({ status: "confirmed", erasedAt: null, consents: { some: { scope: `partner:${scope.partnerSlug}`, withdrawnAt: null } } });
  }
  if (options.domain) and.push({ emailNormalized: emailDomainFilter(options.domain) });
  if (options.before) {
    const { at, id } = options.before;
    and.push({ OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] });
  }
  const rows = await db().signature.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, fullName: true, email: true, country: true, status: true, createdAt: true, erasedAt: true },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map(({ erasedAt, ...r }) => ({ ...r, erased: erasedAt !== null })),
    next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null,
  };
}
