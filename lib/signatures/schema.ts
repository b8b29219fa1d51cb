import countries from "i18n-iso-countries";
import { z } from "zod";

// Shared by the sign form (client) and the server action: one set of rules, one set of messages.
// Error messages are message-catalog keys under SignForm.errors, translated where shown.

export const LIMITS = { fullName: 100, email: 254, comment: 500 } as const;

export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();
const countrySet = new Set(COUNTRY_CODES);

// Control characters and bidi overrides can hide or reorder text where a name is displayed.
const FORBIDDEN_CHARS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** user@bücher.de → user@xn--bcher-kva.de, so internationalised domains validate and deliver. */
function asciiDomain(email: string): string {
  const at = email.lastIndexOf("@");
  const domain = email.slice(at + 1);
  if (at < 1 || /^[\x00-\x7F]*$/.test(domain)) return email;
  try {
    return `${email.slice(0, at)}@${new URL(`http://${domain}`).hostname}`;
  } catch {
    return email;
  }
}

const collapse = (v: string) => v.normalize("NFC").replace(/\s+/g, " ").trim();

export const signatureSchema = z.object({
  fullName: z
    .string({ error: "nameRequired" })
    .transform(collapse)
    .pipe(
      z
        .string()
        .min(1, "nameRequired")
        .max(LIMITS.fullName, "nameTooLong")
        .refine((v) => !FORBIDDEN_CHARS.test(v) && /\p{L}/u.test(v), "nameInvalid"),
    ),
  email: z
    .string({ error: "emailRequired" })
    .trim()
    .transform(asciiDomain)
    .pipe(z.string().min(1, "emailRequired").max(LIMITS.email, "emailTooLong").pipe(z.email("emailInvalid"))),
  country: z
    .string({ error: "countryRequired" })
    .trim()
    .min(1, "countryRequired")
    .refine((v) => countrySet.has(v), "countryInvalid"),
  comment: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? "" : v.normalize("NFC").trim()))
    .pipe(
      z
        .string()
        .max(LIMITS.comment, "commentTooLong")
        .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(v), "commentInvalid"),
    )
    .transform((v) => (v === "" ? undefined : v)),
  showName: checkbox,
  optInCampaign: checkbox,
});

export type SignatureInput = z.output<typeof signatureSchema>;
export type SignatureField = keyof SignatureInput;
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
export type SignatureErrors = Partial<Record<SignatureField, SignatureErrorCode>>;

/** The raw text of the form fields, kept to refill the form after an error. */
export type SignatureValues = {
  fullName: string;
  email: string;
  country: string;
  comment: string;
  showName: boolean;
  optInCampaign: boolean;
};

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

export type ValidationResult =
  | { ok: true; data: SignatureInput }
  | { ok: false; errors: SignatureErrors };

export function validateSignature(values: SignatureValues): ValidationResult {
  const result = signatureSchema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: SignatureErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as SignatureField;
    errors[field] ??= issue.message as SignatureErrorCode;
  }
  return { ok: false, errors };
}
