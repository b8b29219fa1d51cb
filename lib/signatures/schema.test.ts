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

describe("a name that could carry a link into the emails' greeting (no relay)", () => {
  it.each([
    ["a URL", "Visit http://evil.example/prize now"],
    ["a URL without a scheme", "www.x"],
    ["a domain", "evil.example"],
    ["a subdomain", "Win at a.evil.example"],
    ["an email address", "x@y"],
    ["a full-width @", "x\uFF20y"],
    ["a short link", "t.me/prize"],
    ["a domain with an ideographic full stop", "evil\u3002example"],
    ["a domain with a full-width full stop", "evil\uFF0Eexample"],
    ["a domain hidden by zero-width spaces", "evil\u200B.\u200Bexample"],
    ["an IP address beside a name", "Aylin 192.168.0.1"],
  ])("is refused when it contains %s, with its own message", (_, fullName) => {
    expect(nameError(fullName)).toBe("nameLink");
  });

  it.each([
    ["initials", "J.R.R. Tolkien"],
    ["an initial without a space", "J.Smith"],
    ["an abbreviation followed by a space", "St. John Smith"],
    ["a katakana middle dot", "ジョン・スミス"],
    ["an interpunct", "伊力哈木·土赫提"],
  ])("is accepted with %s", (_, fullName) => {
    expect(acceptedName(fullName)).toBe(fullName);
  });
});

describe("invisible characters in a name", () => {
  it("are removed when they carry no meaning, so zero-width spaces and one letter leave a visible letter", () => {
    expect(acceptedName("\u200B\u200B\u200Ba\u200B\u200B")).toBe("a");
    expect(acceptedName("Ay\u00ADlin\u2060 Ka\uFEFFdir")).toBe("Aylin Kadir");
    expect(acceptedName("Aylin \u{E0041}\u{E0042}Kadir")).toBe("Aylin Kadir");
  });

  it("refuse a name that is nothing but invisible characters or Hangul fillers", () => {
    expect(nameError("\u200B\u200C\u200D\uFEFF")).toBe("nameRequired");
    expect(nameError("\u3164\u3164")).toBe("nameRequired");
    expect(nameError("\u115F\uFFA0")).toBe("nameRequired");
  });

  it("lose the implicit direction marks U+200E, U+200F and U+061C", () => {
    expect(acceptedName("\u200Fئەركىن سىدىق\u200E")).toBe("ئەركىن سىدىق");
    expect(acceptedName("Aylin\u061C Kadir")).toBe("Aylin Kadir");
  });

  it("keep a joiner between two letters (Persian, Indic) and in emoji sequences, but not a stray one", () => {
    expect(acceptedName("مهر\u200Cناز")).toBe("مهر\u200Cناز");
    expect(acceptedName("क्\u200Dष")).toBe("क्\u200Dष");
    expect(acceptedName("Ada \u{1F469}\u200D\u{1F4BB}")).toBe("Ada \u{1F469}\u200D\u{1F4BB}");
    expect(acceptedName("\u200DAda\u200C \u200D\u200DLovelace")).toBe("Ada Lovelace");
  });

  it("keep a variation selector after a character and drop one with nothing before it", () => {
    expect(acceptedName("Ada \u2764\uFE0F")).toBe("Ada \u2764\uFE0F");
    expect(acceptedName("\uFE0FAda")).toBe("Ada");
  });

  it.each([
    ["a noncharacter U+FFFF", "Aylin\uFFFF"],
    ["a noncharacter U+FDD0", "Aylin\uFDD0"],
    ["a C1 control", "Aylin\u0085x"],
    ["a lone surrogate", "Aylin\uD800"],
    ["a left-to-right embedding", "\u202AAylin"],
    ["letters buried under combining marks", `Z${"\u0301\u0300\u0302\u0303".repeat(3)}algo`],
  ])("refuse a name carrying %s", (_, fullName) => {
    expect(nameError(fullName)).toBe("nameInvalid");
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

  it("loses invisible characters as names do, and refuses noncharacters and C1 controls", () => {
    const ok = sign({ comment: "Free\u200B them\u200F now" });
    expect(ok.ok && ok.data.comment).toBe("Free them now");
    for (const comment of ["Free them\uFFFE", "Free\u009B them"]) {
      const bad = sign({ comment });
      expect(bad.ok ? undefined : bad.errors.comment).toBe("commentInvalid");
    }
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
