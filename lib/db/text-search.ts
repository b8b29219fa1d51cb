import { dialect, type Prisma } from "@/lib/db";

// A Prisma filter for "the column contains this text, whatever its case", on either database.
// SQLite's LIKE (what Prisma's `contains` becomes there) ignores the case of ASCII letters by
// itself, and the SQLite client has no `mode`; PostgreSQL's LIKE is case-sensitive, so there it is
// `mode: "insensitive"` (ILIKE, which also folds the case of letters beyond ASCII).

export function containsIgnoringCase(text: string): Prisma.StringFilter {
  if (dialect() === "postgres") return { contains: text, mode: "insensitive" } as Prisma.StringFilter;
  return { contains: text };
}
