import type { SignatureErrors, SignatureValues } from "@/lib/signatures/rules";

// The sign form's state, shared by the Server Action and the client form (no server code here).

export const HONEYPOT_FIELD = "website";
/** one checkbox per coalition partner, its value the partner's slug */
export const PARTNER_CONSENT_FIELD = "partnerConsent";

export type SignFormState = {
  status: "idle" | "invalid" | "closed" | "rate-limited" | "unavailable";
  errors?: SignatureErrors;
  values?: SignatureValues & { partnerConsents?: string[] };
  /** the attribution fields as posted, so a form sent back with errors keeps them (also without JavaScript) */
  hiddenFields?: [string, string][];
  /** changes on every answer so the form re-mounts with the values sent back */
  attempt: number;
};

export const initialSignFormState: SignFormState = { status: "idle", attempt: 0 };
