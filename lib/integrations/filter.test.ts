import { describe, expect, it } from "vitest";
import { parseDateLiteral, parseFilter } from "@/lib/integrations/filter";

// The API's `filter`: OSDI's OData subset, as far as an incremental sync needs it.

describe("filter", () => {
  it("reads conditions on modified_date and created_date joined by and, as time ranges", () => {
    const parsed = parseFilter("modified_date gt '2026-11-30T09:00:00Z' and created_date le '2026-11-01'");
    expect(parsed.ranges).toEqual([
      { field: "updatedAt", op: "gt", at: new Date("2026-11-30T09:00:00.000Z") },
      { field: "confirmedAt", op: "le", at: new Date("2026-11-01T00:00:00.000Z") },
    ]);
    expect(parsed.modified).toBe(true);
    expect(parseFilter("created_date ge '2026-11-01'").modified).toBe(false);
    // the same conditions written differently are the same collection
    expect(parseFilter("  modified_date GT '2026-11-30T10:00:00+01:00'  ").canonical).toBe(parseFilter("modified_date gt '2026-11-30T09:00:00Z'").canonical);
  });

  it("reads the dates OData clients write: a day, a time with or without seconds, fractions and zones", () => {
    expect(parseDateLiteral("2026-11-30").toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(parseDateLiteral("2026-11-30T09:00").toISOString()).toBe("2026-11-30T09:00:00.000Z");
    expect(parseDateLiteral("2026-11-30T09:00:01.2345Z").toISOString()).toBe("2026-11-30T09:00:01.234Z");
    expect(parseDateLiteral("2013-11-17T18:27:35-05").toISOString()).toBe("2013-11-17T23:27:35.000Z");
    expect(parseDateLiteral("2026-11-30T09:00:00+0530").toISOString()).toBe("2026-11-30T03:30:00.000Z");
    for (const bad of ["2026-02-30", "2026-13-01", "2026-11-30T24:00:00Z", "30/11/2026", "yesterday", "2026-11-30T09:00:00+5"]) {
      expect(() => parseDateLiteral(bad), bad).toThrow("is not a date");
    }
  });

  it("refuses everything else with a message that says what is supported", () => {
    const cases: [string, string][] = [
      ["", "is empty"],
      ["first_name eq 'John'", '"first_name" cannot be filtered on'],
      ["modified_date ne '2026-11-01'", 'the operator "ne" is not supported'],
      ["modified_date gt 2026-11-01", "must be in single quotes"],
      ["modified_date gt '2026-11-01' or created_date gt '2026-11-01'", '"or" is not supported'],
      ["(modified_date gt '2026-11-01')", "parentheses are not supported"],
      ["modified_date gt '2026-11-01' created_date gt '2026-11-01'", 'expected "and"'],
      ["modified_date gt '2026-11-01' and", 'a condition must follow "and"'],
      ["near('10011', '5 miles')", "cannot read"],
      ["x".repeat(501), "longer than 500"],
    ];
    for (const [text, message] of cases) {
      expect(() => parseFilter(text), text).toThrow(message);
      expect(() => parseFilter(text), text).toThrow(/^filter: /);
    }
  });
});
