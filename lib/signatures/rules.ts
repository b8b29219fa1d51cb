// The sign form's rules without any library, so the browser can check a form before sending it
// with a few hundred bytes of code. The server validates the same rules with zod
// (lib/signatures/schema.ts), built from these constants; lib/signatures/rules.test.ts checks that
// both give the same answer for every input it tries.

export const LIMITS = { fullName: 100, email: 254, comment: 500 } as const;

/** The fields in the order the form shows them (the first with an error gets the focus). */
export const FIELD_ORDER = ["fullName", "email", "country", "comment"] as const;
export type CheckedField = (typeof FIELD_ORDER)[number];

export type SignatureErrorCode =
  | "nameRequired"
  | "nameTooLong"
  | "nameInvalid"
  | "nameLink"
  | "emailRequired"
  | "emailTooLong"
  | "emailInvalid"
  | "countryRequired"
  | "countryInvalid"
  | "commentTooLong"
  | "commentInvalid";

export type SignatureErrors = Partial<Record<CheckedField | "showName" | "optInCampaign", SignatureErrorCode>>;

/** The raw text of the form fields, kept to refill the form after an error. */
export type SignatureValues = {
  fullName: string;
  email: string;
  country: string;
  comment: string;
  showName: boolean;
  optInCampaign: boolean;
};

// Invisible and reordering characters (docs/decisions/050-names-without-links-or-invisible-characters.md).
// Refused, with an error: controls, explicit bidi embeddings, overrides and isolates, noncharacters and
// lone surrogates. Removed without a word: the other default-ignorable code points (zero-width space,
// U+FEFF, soft hyphen, Hangul fillers, tag characters, the implicit marks U+200E/200F/061C…), except a
// ZWJ/ZWNJ between two visible characters and a variation selector right after one, which are kept.
export const FORBIDDEN_NAME_CHARS = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\u202A-\u202E\u2066-\u2069]/u;
export const FORBIDDEN_COMMENT_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cs}\p{Noncharacter_Code_Point}\u202A-\u202E\u2066-\u2069]/u;
const IGNORABLE = /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/u;
const JOINER = /^[\u200C\u200D]$/;
const SELECTOR = /^[\uFE00-\uFE0F\u180B-\u180D\u180F\u{E0100}-\u{E01EF}]$/u;
const VISIBLE = /^[^\s\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cc}]$/u;

/** Drops invisible code points that carry no meaning (see above); keeps everything else as it is. */
export function removeInvisible(v: string): string {
  if (!IGNORABLE.test(v)) return v;
  const chars = Array.from(v);
  let out = "";
  let last = ""; // the last code point kept
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (!IGNORABLE.test(c)) out += last = c;
    else if (SELECTOR.test(c) && VISIBLE.test(last)) out += last = c;
    else if (JOINER.test(c) && VISIBLE.test(last) && VISIBLE.test(chars[i + 1] ?? "")) out += last = c;
    else if (FORBIDDEN_NAME_CHARS.test(c)) out += last = c; // kept so that it is refused, not hidden
  }
  return out;
}

// A name goes into emails' greeting and the public list: nothing a mail client could make a link of.
const DOTS = "[.\u3002\uFF0E\uFF61]";
const LINK_LIKE = new RegExp(
  [
    "[@\uFF20]", // an email address
    ":/", // http://, ftp:/ …
    `www${DOTS}`,
    `[\\p{L}\\p{N}\\-]{2,}${DOTS}[\\p{L}\\p{N}]`, // evil.example, a.evil.example, 192.168.0.1 (not J.R.R. or J.Smith)
    `[\\p{L}\\p{N}]${DOTS}[\\p{L}\\p{N}]+/`, // t.me/x
  ].join("|"),
  "iu",
);

export const looksLikeLink = (v: string) => LINK_LIKE.test(v) || LINK_LIKE.test(v.normalize("NFKC"));

/** More than this many combining marks on one letter is a smear over the neighbouring lines ("Zalgo"). */
const STACKED_MARKS = /\p{M}{7}/u;

export const collapseName = (v: string) => removeInvisible(v).normalize("NFC").replace(/\s+/g, " ").trim();

export const isAcceptableName = (v: string) => !FORBIDDEN_NAME_CHARS.test(v) && !STACKED_MARKS.test(v) && /\p{L}/u.test(v);

/** The comment keeps its lines; invisible characters go as in names. */
export const cleanComment = (v: string) => removeInvisible(v).normalize("NFC").trim();

/** zod's own email pattern (z.regexes.email), which the server schema uses too. */
export const EMAIL = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** user@bücher.de → user@xn--bcher-kva.de, so internationalised domains validate and deliver. */
export function asciiDomain(email: string): string {
  const at = email.lastIndexOf("@");
  const domain = email.slice(at + 1);
  if (at < 1 || /^[\x00-\x7F]*$/.test(domain)) return email;
  try {
    return `${email.slice(0, at)}@${new URL(`http://${domain}`).hostname}`;
  } catch {
    return email;
  }
}

export function valuesFromForm(form: FormData): SignatureValues {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.slice(0, 2000) : "";
  };
  return {
    fullName: text("fullName"),
    email: text("email"),
    country: text("country"),
    comment: text("comment"),
    showName: form.get("showName") === "on",
    optInCampaign: form.get("optInCampaign") === "on",
  };
}

/**
 * The browser's check before sending: the server's rules, except that the country is only
 * required (the list itself offers valid codes; the server checks the code).
 */
export function checkSignature(values: SignatureValues): SignatureErrors {
  const errors: SignatureErrors = {};
  const name = collapseName(values.fullName);
  if (name === "") errors.fullName = "nameRequired";
  else if (name.length > LIMITS.fullName) errors.fullName = "nameTooLong";
  else if (!isAcceptableName(name)) errors.fullName = "nameInvalid";
  else if (looksLikeLink(name)) errors.fullName = "nameLink";

  const email = asciiDomain(values.email.trim());
  if (email === "") errors.email = "emailRequired";
  else if (email.length > LIMITS.email) errors.email = "emailTooLong";
  else if (!EMAIL.test(email)) errors.email = "emailInvalid";

  if (values.country.trim() === "") errors.country = "countryRequired";

  const comment = cleanComment(values.comment);
  if (comment.length > LIMITS.comment) errors.comment = "commentTooLong";
  else if (FORBIDDEN_COMMENT_CHARS.test(comment)) errors.comment = "commentInvalid";
  return errors;
}
