import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { checkSignature, EMAIL, LIMITS, type SignatureValues } from "@/lib/signatures/rules";
import { validateSignature } from "@/lib/signatures/schema";

// The browser checks the form with lib/signatures/rules.ts before sending it; the server validates
// it with zod. A supporter must never see the browser accept what the server refuses (or refuse
// what it accepts): the two must give the same error for every field and every input.

const base: SignatureValues = { fullName: "Aylin Kadir", email: "aylin@example.org", country: "FR", comment: "", showName: false, optInCampaign: false };

function serverErrors(values: SignatureValues) {
  const result = validateSignature(values);
  return result.ok ? {} : result.errors;
}

function expectSameAnswer(values: SignatureValues) {
  const client = checkSignature(values);
  const server = serverErrors(values);
  for (const field of ["fullName", "email", "comment"] as const) expect(client[field], `${field}: ${JSON.stringify(values[field])}`).toBe(server[field]);
  // The list offers only valid countries: the browser checks that one is chosen, the server which one.
  if (client.country) expect(server.country).toBe(client.country);
  else expect([undefined, "countryInvalid"]).toContain(server.country);
}

const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 120 }),
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.constantFrom("", " ", "\t\n", "a".repeat(LIMITS.fullName + 1), "x".repeat(LIMITS.comment + 1), "\u202Eevil", "Zoë\u0301", "伊力哈木", "ئەركىن", "12345", "<b>x</b>"),
);
const email = fc.oneof(
  fc.emailAddress(),
  fc.string({ maxLength: 60 }),
  fc.constantFrom("", "  a@b.co  ", "user@bücher.de", "a..b@example.org", ".a@example.org", "a@example", `${"a".repeat(250)}@ex.org`, "a@-x.org", "名前@例え.jp"),
);

describe("the browser's check and the server's validation", () => {
  it("use the same email pattern as zod", () => {
    expect(EMAIL.source).toBe(z.regexes.email.source);
  });

  it("give the same error for every name, email, comment and country", () => {
    fc.assert(
      fc.property(text, email, fc.constantFrom("", "FR", "XX", " "), text, (fullName, address, country, comment) => {
        expectSameAnswer({ ...base, fullName, email: address, country, comment });
      }),
      { numRuns: 3000 },
    );
  });

  it("accept a complete, valid form", () => {
    expect(checkSignature(base)).toEqual({});
    expect(validateSignature(base).ok).toBe(true);
  });
});
