import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvRecords, neutraliseCell } from "@/lib/exports/format";
import { alreadySignedEmail, confirmationEmail } from "@/lib/mail/templates";
import { publicDisplayName } from "@/lib/signatures/public-name";
import { checkSignature, looksLikeLink, type SignatureValues } from "@/lib/signatures/rules";
import { validateSignature, valuesFromForm } from "@/lib/signatures/schema";

// Property tests over whatever a visitor can type into the sign form (issue 9): arbitrary Unicode,
// right-to-left text, emoji, controls, CR/LF, 100 KB fields, markup and SQL-looking text. Each
// input is refused with a field error, or stored as a value that shows as the same text wherever
// it appears: the public list, both emails, the CSV export. The HTTP side is e2e/properties.spec.ts.

const NASTY = [
  "<script>alert(1)</script>",
  // Substrings of the emails' own markup (a seed once found "<").
  "<",
  "<p",
  ">",
  "\"><img src=x onerror=alert(1)>",
  "Robert'); DROP TABLE \"Signature\";--",
  "' OR '1'='1",
  "=HYPERLINK(\"http://evil.example\")",
  "+1 Aylin",
  "-Aylin",
  "@Aylin",
  "Aylin\r\nBcc: victim@example.org",
  "Aylin\u0000Kadir",
  "\u202EridaK nilyA",
  "\u200B\u200B\u200Ba\u200B",
  "\u3164",
  "ئەركىن سىدىق",
  "مهر\u200Cناز",
  "👩\u200D💻 Ada 🏳️\u200D🌈",
  "Zoë\u0301",
  "a\uFFFF",
  "Visit http://evil.example/prize now",
  "&amp; &lt;b&gt;",
];

const field = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY), fc.string({ unit: "grapheme-composite", maxLength: 20 })).map(([a, b]) => `${b} ${a} ${b}`) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(100_000), "ü".repeat(100_000), "\u200B".repeat(100_000), "a\r\n".repeat(33_000)) },
);

const email = fc.oneof(fc.emailAddress(), field, fc.constantFrom("a@example.org", "a@example.org\r\nBcc: b@example.org"));

// What the form posts: valuesFromForm cuts a field at 2,000 characters, as the server does.
function posted(values: Partial<SignatureValues>): SignatureValues {
  const form = new FormData();
  for (const [name, value] of Object.entries({ fullName: "", email: "", country: "FR", comment: "", ...values })) form.set(name, String(value));
  return valuesFromForm(form);
}

const INVISIBLE_OR_REORDERING = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F\u061C\uFEFF\u3164\u115F\u1160\uFFA0\u{E0000}-\u{E007F}]/u;

describe("whatever is typed into the sign form", () => {
  it("is refused with a field error or stored as clean, visible, link-free text, the browser agreeing with the server", () => {
    fc.assert(
      fc.property(field, email, field, (fullName, address, comment) => {
        const values = posted({ fullName, email: address, comment });
        const result = validateSignature(values);
        const client = checkSignature(values);
        if (!result.ok) {
          expect(Object.keys(result.errors).length).toBeGreaterThan(0);
          return;
        }
        expect(client).toEqual({});
        const { fullName: name, email: stored, comment: note } = result.data;
        expect(name.length).toBeGreaterThan(0);
        expect(name.length).toBeLessThanOrEqual(100);
        expect(name).not.toMatch(INVISIBLE_OR_REORDERING);
        expect(name).toMatch(/\p{L}/u);
        expect(looksLikeLink(name)).toBe(false);
        expect(stored).not.toMatch(/[\s<>]/);
        expect(note ?? "").not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/);
        expect((note ?? "").length).toBeLessThanOrEqual(500);
      }),
      { numRuns: 400 },
    );
  });
});

// Names as stored, including ones from before the cleaning rules (any string at all).
const storedName = fc.oneof(field, fc.constantFrom(...NASTY));

describe("a stored name", () => {
  it("shows in the public list as visible text, or not at all", () => {
    fc.assert(
      fc.property(storedName, (name) => {
        const shown = publicDisplayName(name);
        if (shown === "") return;
        expect(shown.slice(0, -1)).toMatch(/[\p{L}\p{N}\p{S}\p{P}]/u);
        expect(shown).not.toMatch(/[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F\uFEFF]/u);
        expect(shown.endsWith(".")).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("appears in both emails escaped in the HTML, as typed in the text, and never in the subject or a header line", () => {
    const sender = { name: "The Xinjiang letter coalition", privacyUrl: "https://sign.example.org/privacy" };
    fc.assert(
      fc.property(storedName, (name) => {
        const confirm = confirmationEmail({ locale: "en", name, campaignTitle: "Free them", confirmUrl: "https://sign.example.org/confirm/t", validDays: 7, sender });
        const already = alreadySignedEmail({ locale: "en", name, campaignTitle: "Free them", campaignUrl: "https://sign.example.org/c/x", sender });
        const subjects = [confirmationEmail({ locale: "en", name: "X", campaignTitle: "Free them", confirmUrl: "https://sign.example.org/confirm/t", validDays: 7, sender }).subject, alreadySignedEmail({ locale: "en", name: "X", campaignTitle: "Free them", campaignUrl: "https://sign.example.org/c/x", sender }).subject];
        expect([confirm.subject, already.subject]).toEqual(subjects);
        // The same emails for a harmless name: with the name's escaped form swapped for it, the
        // HTML must be exactly that, so no markup comes from the name. (Checking that the raw name
        // is absent cannot work for names such as "<" or "<p", which the document's own tags contain.)
        const PLAIN = "Plainname";
        const plain = [
          confirmationEmail({ locale: "en", name: PLAIN, campaignTitle: "Free them", confirmUrl: "https://sign.example.org/confirm/t", validDays: 7, sender }),
          alreadySignedEmail({ locale: "en", name: PLAIN, campaignTitle: "Free them", campaignUrl: "https://sign.example.org/c/x", sender }),
        ];
        [confirm, already].forEach((mail, i) => {
          expect(mail.text).toContain(name);
          const escaped = name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
          expect(mail.html).toContain(escaped);
          // An escaped name with &lt; or &gt; cannot occur in the template's own markup, so every
          // occurrence is the name's.
          if (/[<>]/.test(name)) expect(mail.html.split(escaped).join(PLAIN)).toBe(plain[i].html);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("survives a CSV export: parsed back it is the same text, with an apostrophe before a formula", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(storedName, fc.constant(null)), { minLength: 1, maxLength: 4 }), (cells) => {
        const csv = "a,b,c,d\r\n" + csvRecords([cells]);
        const rows: string[][] = parse(csv, { relax_column_count: true, bom: true });
        expect(rows).toHaveLength(2);
        expect(rows[1]).toEqual(cells.map((c) => (c === null ? "" : neutraliseCell(c))));
        for (const cell of rows[1]) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 300 },
    );
  });
});
