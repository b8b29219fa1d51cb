import { describe, expect, it } from "vitest";
import { LIMITS, validateSignature, valuesFromForm, type SignatureValues } from "@/lib/signatures/schema";

// What the sign form accepts and the error each field shows when it does not.

const supporter: SignatureValues = {
  fullName: "Aylin Kadir",
  email: "aylin@example.org",
  country: "FR",
  comment: "",
  showName: false,
  optInCampaign: false,
};

function sign(changes: Partial<SignatureValues>) {
  return validateSignature({ ...supporter, ...changes });
}

function acceptedName(fullName: string): string {
  const result = sign({ fullName });
  if (!result.ok) throw new Error(`expected "${fullName}" to be accepted, got ${JSON.stringify(result.errors)}`);
  return result.data.fullName;
}

function nameError(fullName: string) {
  const result = sign({ fullName });
  return result.ok ? undefined : result.errors.fullName;
}

describe("a supporter's name", () => {
  it.each([
    ["accented Latin", "José Ñúñez-Gómez"],
    ["Uyghur in Arabic script", "ئەركىن سىدىق"],
    ["Chinese", "伊力哈木·土赫提"],
    ["hyphen and apostrophe", "Mary-Jane O'Connor"],
    ["curly apostrophe", "D’Arcy Ní Bhraonáin"],
    ["a single letter", "X"],
    ["exactly 100 characters", "a".repeat(LIMITS.fullName)],
  ])("is accepted when written with %s", (_, fullName) => {
    expect(acceptedName(fullName)).toBe(fullName);
  });

  it("accepts markup as a name, since names are always displayed escaped", () => {
    expect(acceptedName("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
  });

  it("is stored with its whitespace collapsed and trimmed", () => {
    expect(acceptedName("  Aylin \t  Kadir\n ")).toBe("Aylin Kadir");
  });

  it("is stored in composed (NFC) form so the same name compares equal", () => {
    const decomposed = "Jose\u0301";
    expect(acceptedName(decomposed)).toBe("José");
  });

  it.each([
    ["empty", "", "nameRequired"],
    ["only spaces", "   \t  ", "nameRequired"],
    ["only digits", "12345", "nameInvalid"],
    ["only punctuation", "-- '' ..", "nameInvalid"],
    ["101 characters long", "a".repeat(LIMITS.fullName + 1), "nameTooLong"],
    ["carrying a control character", "Aylin\u0007Kadir", "nameInvalid"],
    ["carrying a NUL byte", "Aylin\u0000", "nameInvalid"],
    ["carrying a right-to-left override", "Aylin \u202EridaK", "nameInvalid"],
    ["carrying a bidi isolate", "Aylin \u2067Kadir\u2069", "nameInvalid"],
  ])("is refused when %s", (_, fullName, code) => {
    expect(nameError(fullName)).toBe(code);
  });

  it("counts the length after collapsing spaces, so padding does not push a name over the limit", () => {
    expect(acceptedName(`   ${"a".repeat(LIMITS.fullName)}   `)).toHaveLength(LIMITS.fullName);
  });
});

describe("a supporter's email address", () => {
  it.each([
    ["plain", "aylin@example.org"],
    ["with a plus tag", "aylin+xinjiang@example.org"],
    ["with subdomains", "a.kadir@mail.uni.example.ac.uk"],
  ])("is accepted when %s", (_, email) => {
    const result = sign({ email });
    expect(result.ok && result.data.email).toBe(email);
  });

  it("accepts an internationalised domain, stored in its ASCII (punycode) form", () => {
    const result = sign({ email: "aylin@bücher.de" });
    expect(result.ok && result.data.email).toBe("aylin@xn--bcher-kva.de");
  });

  it("is stored without surrounding spaces", () => {
    const result = sign({ email: "  aylin@example.org  " });
    expect(result.ok && result.data.email).toBe("aylin@example.org");
  });

  it.each([
    ["empty", "", "emailRequired"],
    ["only spaces", "   ", "emailRequired"],
    ["missing the @", "aylin.example.org", "emailInvalid"],
    ["missing the domain", "aylin@", "emailInvalid"],
    ["containing a space", "aylin kadir@example.org", "emailInvalid"],
    ["255 characters long", `${"a".repeat(64)}@${"b".repeat(186)}.org`, "emailTooLong"],
  ])("is refused when %s", (_, email, code) => {
    const result = sign({ email });
    expect(result.ok ? undefined : result.errors.email).toBe(code);
  });

  it("is accepted at the 254-character limit and refused one character over it", () => {
    const domain = `${"b".repeat(61)}.${"c".repeat(61)}.${"d".repeat(61)}.org`;
    const atLimit = `${"a".repeat(64)}@${domain}`;
    expect(atLimit).toHaveLength(LIMITS.email);
    const ok = sign({ email: atLimit });
    expect(ok.ok && ok.data.email).toBe(atLimit);
    const over = sign({ email: `a${atLimit}` });
    expect(over.ok ? undefined : over.errors.email).toBe("emailTooLong");
  });
});

describe("a supporter's country", () => {
  it("is accepted as an ISO 3166 code", () => {
    const result = sign({ country: "FR" });
    expect(result.ok && result.data.country).toBe("FR");
  });

  it.each([
    ["lower case", "fr", "countryInvalid"],
    ["not a country", "XX", "countryInvalid"],
    ["a country name", "France", "countryInvalid"],
    ["empty", "", "countryRequired"],
  ])("is refused when %s", (_, country, code) => {
    const result = sign({ country });
    expect(result.ok ? undefined : result.errors.country).toBe(code);
  });
});

describe("a supporter's comment", () => {
  it("may be left empty, and is then not stored", () => {
    const result = sign({ comment: "   " });
    expect(result.ok).toBe(true);
    expect(result.ok && result.data.comment).toBeUndefined();
  });

  it("is accepted at exactly 500 characters", () => {
    const comment = "ü".repeat(LIMITS.comment);
    const result = sign({ comment });
    expect(result.ok && result.data.comment).toBe(comment);
  });

  it("is refused at 501 characters", () => {
    const result = sign({ comment: "x".repeat(LIMITS.comment + 1) });
    expect(result.ok ? undefined : result.errors.comment).toBe("commentTooLong");
  });

  it("keeps line breaks but refuses hidden control characters", () => {
    const ok = sign({ comment: "First line.\nSecond line." });
    expect(ok.ok && ok.data.comment).toBe("First line.\nSecond line.");
    const bad = sign({ comment: "Free them\u202E now" });
    expect(bad.ok ? undefined : bad.errors.comment).toBe("commentInvalid");
  });
});

describe("the form's checkboxes", () => {
  function form(fields: Record<string, string>): FormData {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  }
  const filled = { fullName: "Aylin Kadir", email: "aylin@example.org", country: "FR" };

  it("are off unless the supporter ticks them", () => {
    const result = validateSignature(valuesFromForm(form(filled)));
    expect(result.ok && { showName: result.data.showName, optIn: result.data.optInCampaign }).toEqual({
      showName: false,
      optIn: false,
    });
  });

  it("are on when ticked", () => {
    const result = validateSignature(valuesFromForm(form({ ...filled, showName: "on", optInCampaign: "on" })));
    expect(result.ok && { showName: result.data.showName, optIn: result.data.optInCampaign }).toEqual({
      showName: true,
      optIn: true,
    });
  });

  it("are off for any value a browser would not send for a ticked box", () => {
    const result = validateSignature(valuesFromForm(form({ ...filled, showName: "yes", optInCampaign: "off" })));
    expect(result.ok && [result.data.showName, result.data.optInCampaign]).toEqual([false, false]);
  });
});

describe("the errors shown on an empty form", () => {
  it("name each required field once, and nothing for the optional comment", () => {
    const result = validateSignature(valuesFromForm(new FormData()));
    expect(result.ok ? null : result.errors).toEqual({
      fullName: "nameRequired",
      email: "emailRequired",
      country: "countryRequired",
    });
  });

  it("show only the first problem with a field", () => {
    // 101 digits is both too long and has no letters: the length is reported.
    const result = sign({ fullName: "1".repeat(101), email: `${"a".repeat(260)}@x` });
    expect(result.ok ? null : result.errors).toEqual({ fullName: "nameTooLong", email: "emailTooLong" });
  });
});
