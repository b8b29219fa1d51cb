"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { confirmAction, type ConfirmFormState } from "@/app/_actions/signatures";
import { Link } from "@/lib/i18n/navigation";

const initialState: ConfirmFormState = { status: "idle" };

export function ConfirmForm({ token, campaignTitle, campaignSlug }: { token: string; campaignTitle: string; campaignSlug: string }) {
  const t = useTranslations("Confirm");
  const [state, formAction, pending] = useActionState(confirmAction, initialState);
  const resultRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (state.status !== "idle") resultRef.current?.focus();
  }, [state.status]);

  if (state.status !== "idle") {
    const message = {
      confirmed: t("confirmed"),
      "already-confirmed": t("alreadyConfirmed"),
      invalid: t("invalid"),
      expired: t("expired"),
      closed: t("closed"),
      "rate-limited": t("rateLimited"),
    }[state.status];
    return (
      <div className="confirm-result">
        <p ref={resultRef} tabIndex={-1} className="lead" role="status" data-testid="confirm-result">
          {message}
        </p>
        <p>
          <Link href={`/c/${state.campaignSlug ?? campaignSlug}`}>{t("back")}</Link>
        </p>
      </div>
    );
  }

  return (
    <form action={formAction}>
      <p className="lead">{t("intro", { title: campaignTitle })}</p>
      <input type="hidden" name="token" value={token} />
      <button type="submit" className="button" disabled={pending}>
        {t("button")}
      </button>
    </form>
  );
}
