import countries from "i18n-iso-countries";
import { z } from "zod";
import {
  asciiDomain,
  cleanComment,
  collapseName,
  EMAIL,
  FORBIDDEN_COMMENT_CHARS,
  isAcceptableName,
  looksLikeLink,
  LIMITS,
  type SignatureErrorCode,
  type SignatureErrors,
  type SignatureValues,
} from "@/lib/signatures/rules";

// The server's validation of the sign form, with zod, from the same rules the browser checks
// (lib/signatures/rules.ts). Error messages are message-catalog keys under SignForm.errors.

export { LIMITS, valuesFromForm, type SignatureErrorCode, type SignatureErrors, type SignatureValues } from "@/lib/signatures/rules";

export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();
const countrySet = new Set(COUNTRY_CODES);

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const signatureSchema = z.object({
  fullName: z
    .string({ error: "nameRequired" })
    .transform(collapseName)
    .pipe(z.string().min(1, "nameRequired").max(LIMITS.fullName, "nameTooLong").refine(isAcceptableName, "nameInvalid").refine((v) => !looksLikeLink(v), "nameLink")),
  email: z
    .string({ error: "emailRequired" })
    .trim()
    .transform(asciiDomain)
    .pipe(z.string().min(1, "emailRequired").max(LIMITS.email, "emailTooLong").pipe(z.email({ pattern: EMAIL, error: "emailInvalid" }))),
  country: z
    .string({ error: "countryRequired" })
    .trim()
    .min(1, "countryRequired")
    .refine((v) => countrySet.has(v), "countryInvalid"),
  comment: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? "" : cleanComment(v)))
    .pipe(z.string().max(LIMITS.comment, "commentTooLong").refine((v) => !FORBIDDEN_COMMENT_CHARS.test(v), "commentInvalid"))
    .transform((v) => (v === "" ? undefined : v)),
  showName: checkbox,
  optInCampaign: checkbox,
});

export type SignatureInput = z.output<typeof signatureSchema>;
export type SignatureField = keyof SignatureInput;

export type ValidationResult = { ok: true; data: SignatureInput } | { ok: false; errors: SignatureErrors };

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
