"use client";

import { useActionState, type ReactNode } from "react";

export type SecretState = { secret?: string; label?: string; error?: string };

// A create form whose Server Action answers with a secret (an API token, a webhook signing key)
// that is shown here once, and never again. Works without JavaScript too (the action's state is
// rendered into the page the form POST returns).
export function SecretForm({
  action,
  id,
  children,
  submitLabel,
  shownOnce,
  errors,
}: {
  action: (previous: SecretState, form: FormData) => Promise<SecretState>;
  id: string;
  children: ReactNode;
  submitLabel: string;
  /** shown above the secret */
  shownOnce: string;
  /** translated messages by error code (the action answers with a code) */
  errors: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <>
      {state.secret && (
        <div role="status" className="admin-notice">
          <p>
            <strong>{state.label}</strong>: {shownOnce}
          </p>
          <p className="admin-secret" data-testid={`${id}-secret`}>
            {state.secret}
          </p>
        </div>
      )}
      {state.error && (
        <p role="alert" className="admin-error" id={`${id}-error`}>
          {errors[state.error] ?? state.error}
        </p>
      )}
      <form action={formAction} className="admin-form" aria-describedby={state.error ? `${id}-error` : undefined}>
        {children}
        <button type="submit" disabled={pending}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
