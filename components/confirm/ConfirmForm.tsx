"use client";

import { type ReactNode, useActionState } from "react";
import { confirmAction, type ConfirmFormState } from "@/app/_actions/signatures";

const initialState: ConfirmFormState = { status: "idle" };

type Strings = { intro: ReactNode; button: string; rateLimited: string };

/** The one button that confirms. Its POST goes to a Server Action; a GET of the link never confirms. */
export function ConfirmForm({ token, locale, strings }: { token: string; locale: string; strings: Strings }) {
  const [state, formAction, pending] = useActionState(confirmAction, initialState);
  return (
    <form action={formAction}>
      <p className="lead">{strings.intro}</p>
      {state.status === "rate-limited" && (
        <p className="error-summary" role="alert">
          {strings.rateLimited}
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="locale" value={locale} />
      <button type="submit" className="button" disabled={pending}>
        {strings.button}
      </button>
    </form>
  );
}
