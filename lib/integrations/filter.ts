import type { TimeRange } from "@/lib/db/signature-pages";

// The `filter` parameter of the API's collections: the part of OSDI's OData subset that an
// incremental sync needs, and nothing that would cost a scan. Conditions on `modified_date` and
// `created_date` with gt, ge, lt and le, joined by `and`:
//
//   filter=modified_date gt '2026-11-30T09:00:00Z'
//   filter=created_date ge '2026-11-01' and created_date lt '2026-12-01'
//
// A date is quoted, as OData writes string literals: a day ('2026-11-30', midnight UTC) or a time
// with an optional zone ('2026-11-30T09:00:00Z', '…+01:00', '…-05'; none means UTC). Anything
// else is refused with a message that says what is supported.

export class FilterError extends Error {
  constructor(message: string) {
    super(`filter: ${message}`);
    this.name = "FilterError";
  }
}

const FIELDS = { modified_date: "updatedAt", created_date: "confirmedAt" } as const;
const OPERATORS = ["gt", "ge", "lt", "le"] as const;
const SUPPORTED = "conditions on modified_date or created_date with gt, ge, lt or le, joined by \"and\", e.g. modified_date gt '2026-11-30T09:00:00Z'";

const CLAUSE = /^\s*([^\s']+)\s+([^\s']+)\s+('[^']*'|[^\s']+)\s*/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export type ParsedFilter = {
  ranges: TimeRange[];
  /** whether any condition is on modified_date: the collection is then ordered by it and shows removals */
  modified: boolean;
  /** the conditions written one way, for telling collections apart */
  canonical: string;
};

export function parseDateLiteral(text: string): Date {
  const m = DATE.exec(text);
  const example = "write a day as '2026-11-30' or a time as '2026-11-30T09:00:00Z'";
  if (!m) throw new FilterError(`'${text.slice(0, 40)}' is not a date: ${example}`);
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone = "Z"] = m;
  const offset = zone === "Z" ? "Z" : zone.length === 3 ? `${zone}:00` : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = frac ? frac.slice(0, 4).padEnd(4, "0") : ".000";
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${offset}`);
  // Date parses "2026-02-30" as March 2nd: a day that does not exist is refused.
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number.isNaN(date.getTime()) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new FilterError(`'${text.slice(0, 40)}' is not a date: ${example}`);
  }
  return date;
}

export function parseFilter(text: string): ParsedFilter {
  if (text.length > 500) throw new FilterError("is longer than 500 characters");
  if (!text.trim()) throw new FilterError(`is empty; supported are ${SUPPORTED}`);
  const ranges: TimeRange[] = [];
  let rest = text;
  for (;;) {
    if (/^\s*\(/.test(rest)) throw new FilterError(`parentheses are not supported; supported are ${SUPPORTED}`);
    const m = CLAUSE.exec(rest);
    if (!m) throw new FilterError(`cannot read "${rest.trim().slice(0, 60)}"; supported are ${SUPPORTED}`);
    const [whole, field, operator, literal] = m;
    if (!(field in FIELDS)) throw new FilterError(`"${field.slice(0, 40)}" cannot be filtered on; supported are ${SUPPORTED}`);
    const op = operator.toLowerCase() as (typeof OPERATORS)[number];
    if (!OPERATORS.includes(op)) throw new FilterError(`the operator "${operator.slice(0, 20)}" is not supported; supported are ${SUPPORTED}`);
    if (!literal.startsWith("'")) throw new FilterError(`the date ${literal.slice(0, 40)} must be in single quotes, e.g. '2026-11-30'`);
    ranges.push({ field: FIELDS[field as keyof typeof FIELDS], op, at: parseDateLiteral(literal.slice(1, -1)) });
    rest = rest.slice(whole.length);
    if (rest === "") break;
    const joiner = /^(\S+)(?:\s+|$)/.exec(rest);
    if (!joiner || joiner[1].toLowerCase() !== "and") {
      const word = (joiner?.[1] ?? rest).slice(0, 20);
      throw new FilterError(word.toLowerCase() === "or" ? `"or" is not supported; join conditions with "and"` : `expected "and" before "${rest.trim().slice(0, 40)}"`);
    }
    rest = rest.slice(joiner[0].length);
    if (!rest.trim()) throw new FilterError(`a condition must follow "and"; supported are ${SUPPORTED}`);
  }
  const canonical = ranges.map((r) => `${r.field} ${r.op} ${r.at.toISOString()}`).join(" and ");
  return { ranges, modified: ranges.some((r) => r.field === "updatedAt"), canonical };
}
