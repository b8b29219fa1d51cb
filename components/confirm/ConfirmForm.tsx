"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { confirmAction, type ConfirmFormState } from "@/app/_actions/signatures";

const initialState: ConfirmFormState = { status: "idle" };

/** The one button that confirms. Its POST goes to a Server Action; a GET of the link never confirms. */
export function ConfirmForm({ token, campaignTitle }: { token: string; campaignTitle: string }) {
  const t = useTranslations("Confirm");
  const [state, formAction, pending] = useActionState(confirmAction, initialState);
  return (
    <form action={formAction}>
      <p className="lead">{t("intro", { title: campaignTitle })}</p>
      {state.status === "rate-limited" && (
        <p className="error-summary" role="alert">
          {t("rateLimited")}
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      <button type="submit" className="button" disabled={pending}>
        {t("button")}
      </button>
    </form>
  );
}
