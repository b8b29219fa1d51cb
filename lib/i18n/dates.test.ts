import { describe, expect, it } from "vitest";
import { longDate } from "@/lib/i18n/dates";

describe("longDate", () => {
  it("writes English dates the British way, on the UTC calendar day", () => {
    expect(longDate(new Date("2019-09-16T00:00:00Z"), "en")).toBe("16 September 2019");
    expect(longDate(new Date("2019-09-16T23:59:59Z"), "en")).toBe("16 September 2019");
  });
});
