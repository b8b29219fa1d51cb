import type { SignatureErrors, SignatureValues } from "@/lib/signatures/schema";

// The sign form's state, shared by the Server Action and the client form (no server code here).

export const HONEYPOT_FIELD = "website";

export type SignFormState = {
  status: "idle" | "invalid" | "closed" | "rate-limited" | "unavailable";
  errors?: SignatureErrors;
  values?: SignatureValues;
  /** changes on every answer so the form re-mounts with the values sent back */
  attempt: number;
};

export const initialSignFormState: SignFormState = { status: "idle", attempt: 0 };
