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

// Control characters and bidi overrides can hide or reorder text where a name is displayed.
export const FORBIDDEN_NAME_CHARS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
export const FORBIDDEN_COMMENT_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
/** zod's own email pattern (z.regexes.email), which the server schema uses too. */
export const EMAIL = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

export const collapseName = (v: string) => v.normalize("NFC").replace(/\s+/g, " ").trim();

export const isAcceptableName = (v: string) => !FORBIDDEN_NAME_CHARS.test(v) && /\p{L}/u.test(v);

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

  const email = asciiDomain(values.email.trim());
  if (email === "") errors.email = "emailRequired";
  else if (email.length > LIMITS.email) errors.email = "emailTooLong";
  else if (!EMAIL.test(email)) errors.email = "emailInvalid";

  if (values.country.trim() === "") errors.country = "countryRequired";

  const comment = values.comment.normalize("NFC").trim();
  if (comment.length > LIMITS.comment) errors.comment = "commentTooLong";
  else if (FORBIDDEN_COMMENT_CHARS.test(comment)) errors.comment = "commentInvalid";
  return errors;
}
