"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useActionState, useEffect, useRef, useState } from "react";
import { signAction } from "@/app/_actions/signatures";
import { Field } from "@/components/sign/Field";
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

        <Field name="fullName" label={t("fullName")} error={errorText("fullName")}>
          {(control) => (
            <input {...control} type="text" autoComplete="name" required maxLength={limits.fullName} defaultValue={values?.fullName} />
          )}
        </Field>

        <Field name="email" label={t("email")} hint={t("emailHint")} error={errorText("email")}>
          {(control) => (
            <input
              {...control}
              type="email"
              inputMode="email"
              autoComplete="email"
              required
              maxLength={limits.email}
              defaultValue={values?.email}
            />
          )}
        </Field>

        <Field name="country" label={t("country")} error={errorText("country")}>
          {(control) => (
            <select {...control} autoComplete="country" required defaultValue={values?.country ?? ""}>
              <option value="">{t("countryPlaceholder")}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Field name="comment" label={t("comment")} hint={t("commentHint", { max: limits.comment })} error={errorText("comment")}>
          {(control) => <textarea {...control} rows={3} maxLength={limits.comment} defaultValue={values?.comment} />}
        </Field>

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
