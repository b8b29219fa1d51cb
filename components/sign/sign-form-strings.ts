import type { SignatureErrorCode } from "@/lib/signatures/rules";

// The sign form's texts, translated on the server and handed to the client component as plain
// strings, so the browser loads no translation library (docs/decisions/043-a-light-campaign-page.md).

export type Translate = (key: string, values?: Record<string, string | number>) => string;

const ERROR_CODES: SignatureErrorCode[] = [
  "nameRequired",
  "nameTooLong",
  "nameInvalid",
  "nameLink",
  "emailRequired",
  "emailTooLong",
  "emailInvalid",
  "countryRequired",
  "countryInvalid",
  "commentTooLong",
  "commentInvalid",
];

const KEYS = [
  "heading",
  "intro",
  "fullName",
  "email",
  "emailHint",
  "country",
  "countryPlaceholder",
  "comment",
  "showName",
  "showNameHint",
  "optInCampaign",
  "honeypot",
  "submit",
  "submitting",
  "closed",
  "rateLimited",
  "unavailable",
] as const;

export type SignFormStrings = Record<(typeof KEYS)[number], string> & {
  commentHint: string;
  partnerLegend: string;
  partnerHint: string;
  /** the page title after a failed submission: "Error: <campaign title> · <site>" */
  errorTitle: string;
  /** the error summary for 0, 1, 2 … fields in error */
  errorSummary: string[];
  errors: Record<SignatureErrorCode, string>;
};

/** `t` is the SignForm namespace, `partner` the PartnerConsent one. */
export function signFormStrings(
  t: Translate,
  partner: Translate,
  limits: { fullName: number; email: number; comment: number },
  pageTitle: string,
): SignFormStrings {
  const max: Record<SignatureErrorCode, number> = {
    nameRequired: 0,
    nameTooLong: limits.fullName,
    nameInvalid: 0,
    nameLink: 0,
    emailRequired: 0,
    emailTooLong: limits.email,
    emailInvalid: 0,
    countryRequired: 0,
    countryInvalid: 0,
    commentTooLong: limits.comment,
    commentInvalid: 0,
  };
  return {
    ...(Object.fromEntries(KEYS.map((key) => [key, t(key)])) as Record<(typeof KEYS)[number], string>),
    commentHint: t("commentHint", { max: limits.comment }),
    partnerLegend: partner("legend"),
    partnerHint: partner("groupHint"),
    errorTitle: t("errorTitle", { title: pageTitle }),
    errorSummary: [0, 1, 2, 3, 4].map((count) => t("errorSummary", { count })),
    errors: Object.fromEntries(ERROR_CODES.map((code) => [code, t(`errors.${code}`, { max: max[code] })])) as Record<SignatureErrorCode, string>,
  };
}
