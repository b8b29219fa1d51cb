import { dialect, type Prisma } from "@/lib/db";

// "The column contains this text, whatever its case", on either database, with % and _ taken as
// the characters typed. Prisma's `contains` becomes LIKE '%text%' and escapes neither wildcard.
// - PostgreSQL: LIKE is case-sensitive, so `mode: "insensitive"` (ILIKE, which also folds letters
//   beyond ASCII); % _ and \ are escaped with a backslash, LIKE's default escape character.
// - SQLite: LIKE ignores the case of ASCII letters by itself, but has no escape character unless
//   the SQL names one, which Prisma's does not: a text holding % or _ selects a few rows too many,
//   and `matches` drops them.

export type TextSearch = {
  filter: Prisma.StringFilter;
  /** whether a value the filter selected really contains the text (false only for SQLite's extra rows) */
  matches(value: string): boolean;
};

export function containsIgnoringCase(text: string): TextSearch {
  const lower = text.toLowerCase();
  const matches = (value: string) => value.toLowerCase().includes(lower);
  if (dialect() === "postgres") {
    const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
    return { filter: { contains: escaped, mode: "insensitive" } as Prisma.StringFilter, matches };
  }
  return { filter: { contains: text }, matches };
}
