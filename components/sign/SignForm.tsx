"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useActionState, useEffect, useRef, useState } from "react";
import { signAction } from "@/app/_actions/signatures";
import type { CountryOption } from "@/lib/i18n/countries";
import { type SignatureErrors, type SignatureField, validateSignature, valuesFromForm } from "@/lib/signatures/schema";
import { initialSignFormState, HONEYPOT_FIELD, PARTNER_CONSENT_FIELD } from "@/lib/signatures/sign-form-state";

type Props = {
  campaignSlug: string;
  countries: CountryOption[];
  limits: { fullName: number; email: number; comment: number };
  /** coalition partners, one "Keep me informed by" box each, in the order shown */
  partners?: { slug: string; name: string }[];
  /** first-touch attribution carried as hidden fields: [name, value] */
  hiddenFields?: [string, string][];
};

const FIELD_ORDER: SignatureField[] = ["fullName", "email", "country", "comment"];

export function SignForm({ campaignSlug, countries, limits, partners = [], hiddenFields = [] }: Props) {
  const t = useTranslations("SignForm");
  const tPartner = useTranslations("PartnerConsent");
  const [state, formAction, pending] = useActionState(signAction, initialSignFormState);
  const [clientErrors, setClientErrors] = useState<SignatureErrors | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors: SignatureErrors = clientErrors ?? state.errors ?? {};
  const errorCount = Object.keys(errors).length;
  const values = state.values;

  // After an answer with errors, move focus to the first field to fix.
  useEffect(() => {
    const first = FIELD_ORDER.find((f) => errors[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.attempt, clientErrors]);

  function validateBeforeSending(event: FormEvent<HTMLFormElement>) {
    const result = validateSignature(valuesFromForm(new FormData(event.currentTarget)));
    if (!result.ok) {
      event.preventDefault();
      setClientErrors(result.errors);
    } else {
      setClientErrors(null);
    }
  }

  const max = { fullName: limits.fullName, email: limits.email, comment: limits.comment, country: 0, showName: 0, optInCampaign: 0 };
  const errorText = (field: SignatureField) => {
    const code = errors[field];
    return code ? t(`errors.${code}`, { max: max[field] }) : null;
  };
  const describedBy = (field: SignatureField, hint?: string) =>
    [hint, errors[field] ? `${field}-error` : null].filter(Boolean).join(" ") || undefined;

  const formMessage =
    state.status === "closed" ? t("closed") : state.status === "rate-limited" ? t("rateLimited") : state.status === "unavailable" ? t("unavailable") : null;

  return (
    <section id="sign" className="sign" aria-labelledby="sign-heading">
      <h2 id="sign-heading">{t("heading")}</h2>
      <p className="muted">{t("intro")}</p>
      <div aria-live="assertive" role="alert" className="form-alerts">
        {errorCount > 0 && <p className="error-summary">{t("errorSummary", { count: errorCount })}</p>}
        {formMessage && <p className="error-summary">{formMessage}</p>}
      </div>
      <form ref={formRef} key={state.attempt} action={formAction} onSubmit={validateBeforeSending} noValidate>
        <input type="hidden" name="campaign" value={campaignSlug} />
        {(state.hiddenFields ?? hiddenFields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}

        <div className="field">
          <label htmlFor="fullName">{t("fullName")}</label>
          <input
            id="fullName"
            name="fullName"
            type="text"
            autoComplete="name"
            required
            maxLength={limits.fullName}
            defaultValue={values?.fullName}
            aria-invalid={errors.fullName ? true : undefined}
            aria-describedby={describedBy("fullName")}
          />
          {errors.fullName && (
            <p id="fullName-error" className="field-error">
              {errorText("fullName")}
            </p>
          )}
        </div>

        <div className="field">
          <label htmlFor="email">{t("email")}</label>
          <input
            id="email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            required
            maxLength={limits.email}
            defaultValue={values?.email}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={describedBy("email", "email-hint")}
          />
          <p id="email-hint" className="hint">
            {t("emailHint")}
          </p>
          {errors.email && (
            <p id="email-error" className="field-error">
              {errorText("email")}
            </p>
          )}
        </div>

        <div className="field">
          <label htmlFor="country">{t("country")}</label>
          <select
            id="country"
            name="country"
            autoComplete="country"
            required
            defaultValue={values?.country ?? ""}
            aria-invalid={errors.country ? true : undefined}
            aria-describedby={describedBy("country")}
          >
            <option value="">{t("countryPlaceholder")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
          {errors.country && (
            <p id="country-error" className="field-error">
              {errorText("country")}
            </p>
          )}
        </div>

        <div className="field">
          <label htmlFor="comment">{t("comment")}</label>
          <textarea
            id="comment"
            name="comment"
            rows={3}
            maxLength={limits.comment}
            defaultValue={values?.comment}
            aria-invalid={errors.comment ? true : undefined}
            aria-describedby={describedBy("comment", "comment-hint")}
          />
          <p id="comment-hint" className="hint">
            {t("commentHint", { max: limits.comment })}
          </p>
          {errors.comment && (
            <p id="comment-error" className="field-error">
              {errorText("comment")}
            </p>
          )}
        </div>

        <div className="check">
          <input
            id="showName"
            name="showName"
            type="checkbox"
            defaultChecked={values?.showName ?? false}
            aria-describedby="showName-hint"
          />
          <div>
            <label htmlFor="showName">{t("showName")}</label>
            <p id="showName-hint" className="hint">
              {t("showNameHint")}
            </p>
          </div>
        </div>
        <div className="check">
          <input id="optInCampaign" name="optInCampaign" type="checkbox" defaultChecked={values?.optInCampaign ?? false} />
          <label htmlFor="optInCampaign">{t("optInCampaign")}</label>
        </div>
        {partners.length > 0 && (
          <fieldset className="partner-consents">
            <legend>{tPartner("legend")}</legend>
            {partners.map((partner) => (
              <div className="check" key={partner.slug}>
                <input
                  id={`partnerConsent-${partner.slug}`}
                  name={PARTNER_CONSENT_FIELD}
                  value={partner.slug}
                  type="checkbox"
                  defaultChecked={values?.partnerConsents?.includes(partner.slug) ?? false}
                />
                <label htmlFor={`partnerConsent-${partner.slug}`}>{tPartner("label", { partner: partner.name })}</label>
              </div>
            ))}
          </fieldset>
        )}

        <div className="hp" aria-hidden="true">
          <label htmlFor={HONEYPOT_FIELD}>{t("honeypot")}</label>
          <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" />
        </div>

        <button type="submit" className="button" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
        <p className="muted small">{t("privacy")}</p>
      </form>
    </section>
  );
}
