"use client";

import { type FormEvent, type ReactNode, useActionState, useEffect, useRef, useState } from "react";
import { signAction } from "@/app/_actions/signatures";
import { Field } from "@/components/sign/Field";
import { SIGNED_EMAIL_KEY } from "@/components/sign/signed-email";
import type { SignFormStrings } from "@/components/sign/sign-form-strings";
import type { CountryOption } from "@/lib/i18n/countries";
import { checkSignature, FIELD_ORDER, type CheckedField, type SignatureErrors, valuesFromForm } from "@/lib/signatures/rules";
import { signPostPath } from "@/lib/signatures/sign-post-path";
import { initialSignFormState, HONEYPOT_FIELD, PARTNER_CONSENT_FIELD } from "@/lib/signatures/sign-form-state";
import { attributionFields, attributionFromSearchParams, referrerHostFrom } from "@/lib/sharing/attribution";

type Props = {
  campaignSlug: string;
  locale: string;
  countries: CountryOption[];
  limits: { fullName: number; email: number; comment: number };
  /** every text of the form, already translated on the server (no translation code in the browser) */
  strings: SignFormStrings;
  /** coalition partners, one "Keep me informed by" box each, in the order shown */
  partners?: { slug: string; label: ReactNode }[];
  /** fields fixed by the page itself: the embed and its partner */
  fixedFields?: [string, string][];
  /** the sentence under the button, with its link to the privacy notice (rendered on the server) */
  privacyNote: ReactNode;
  /** the partner boxes start unfolded (the embed, whose partner is named in its frame) */
  partnersOpen?: boolean;
};

/** The link's attribution (?ref, utm_*) and the site the visitor came from, read in the browser: the page is cached. */
function landingFields(): [string, string][] {
  const attribution = attributionFromSearchParams(Object.fromEntries(new URLSearchParams(window.location.search)));
  delete attribution.partner;
  delete attribution.embed;
  attribution.referrerHost = referrerHostFrom(document.referrer, window.location.origin);
  return attributionFields(attribution);
}

export function SignForm({ campaignSlug, locale, countries, limits, strings, partners = [], fixedFields = [], privacyNote, partnersOpen = false }: Props) {
  // Without JavaScript the form posts to its permalink, a route handler that signs without the
  // Server Action's machinery and sends back to this page what needs the form again (ADR 061).
  const [state, formAction, pending] = useActionState(signAction, initialSignFormState, signPostPath(campaignSlug));
  const [clientErrors, setClientErrors] = useState<SignatureErrors | null>(null);
  const [landing, setLanding] = useState<[string, string][]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const errors: SignatureErrors = clientErrors ?? state.errors ?? {};
  const errorCount = Object.keys(errors).length;
  const values = state.values;

  // eslint-disable-next-line react-hooks/set-state-in-effect -- the URL and referrer exist only in the browser
  useEffect(() => setLanding(landingFields()), []);

  // After an answer with errors, move focus to the first field to fix.
  useEffect(() => {
    const first = FIELD_ORDER.find((f) => errors[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.attempt, clientErrors]);

  function validateBeforeSending(event: FormEvent<HTMLFormElement>) {
    const found = checkSignature(valuesFromForm(new FormData(event.currentTarget)));
    if (Object.keys(found).length > 0) {
      event.preventDefault();
      setClientErrors(found);
    } else {
      setClientErrors(null);
      // Only this tab will know: the check-email page shows it, and it never travels in a URL (ADR 057).
      try {
        sessionStorage.setItem(SIGNED_EMAIL_KEY, String(new FormData(event.currentTarget).get("email") ?? "").trim());
      } catch {
        // storage disabled: the check-email page then says "the address you gave"
      }
    }
  }

  const errorText = (field: CheckedField) => {
    const code = errors[field];
    return code ? strings.errors[code] : null;
  };

  const formMessage =
    state.status === "closed" ? strings.closed : state.status === "rate-limited" ? strings.rateLimited : state.status === "unavailable" ? strings.unavailable : null;
  // What the server sent back after an error wins: it is what this visitor's first post carried.
  const hiddenFields = [...fixedFields, ...(state.hiddenFields ?? landing).filter(([name]) => !fixedFields.some(([fixed]) => fixed === name))];

  return (
    <section id="sign" className="sign" aria-labelledby="sign-heading">
      <h2 id="sign-heading">{strings.heading}</h2>
      <p className="muted">{strings.intro}</p>
      {errorCount > 0 && (
        <>
          {/* Without JavaScript this is where focus lands after the reload, and the title says "Error:" (ADR 057). */}
          <title>{strings.errorTitle}</title>
          <div className="error-summary" role="alert" tabIndex={-1} autoFocus data-testid="error-summary" aria-labelledby="error-summary-title">
            <p id="error-summary-title">{strings.errorSummary[Math.min(errorCount, strings.errorSummary.length - 1)]}</p>
            <ul>
              {FIELD_ORDER.filter((field) => errors[field]).map((field) => (
                <li key={field}>
                  <a href={`#${field}`}>{errorText(field)}</a>
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
      {formMessage && (
        <p className="error-summary" role="alert">
          {formMessage}
        </p>
      )}
      <form ref={formRef} key={state.attempt} action={formAction} onSubmit={validateBeforeSending} noValidate>
        <input type="hidden" name="campaign" value={campaignSlug} />
        <input type="hidden" name="locale" value={locale} />
        {hiddenFields.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}

        <Field name="fullName" label={strings.fullName} error={errorText("fullName")}>
          {(control) => <input {...control} type="text" dir="auto" autoComplete="name" required maxLength={limits.fullName} defaultValue={values?.fullName} />}
        </Field>

        <Field name="email" label={strings.email} hint={strings.emailHint} error={errorText("email")}>
          {(control) => (
            <input {...control} type="email" dir="ltr" inputMode="email" autoComplete="email" required maxLength={limits.email} defaultValue={values?.email} />
          )}
        </Field>

        <Field name="country" label={strings.country} error={errorText("country")}>
          {(control) => (
            <select {...control} autoComplete="country" required defaultValue={values?.country ?? ""}>
              <option value="">{strings.countryPlaceholder}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Field name="comment" label={strings.comment} hint={strings.commentHint} error={errorText("comment")}>
          {(control) => <textarea {...control} dir="auto" rows={3} maxLength={limits.comment} defaultValue={values?.comment} />}
        </Field>

        <div className="check">
          <input id="showName" name="showName" type="checkbox" defaultChecked={values?.showName ?? false} aria-describedby="showName-hint" />
          <div>
            <label htmlFor="showName">{strings.showName}</label>
            <p id="showName-hint" className="hint">
              {strings.showNameHint}
            </p>
          </div>
        </div>
        <div className="check">
          <input id="optInCampaign" name="optInCampaign" type="checkbox" defaultChecked={values?.optInCampaign ?? false} />
          <label htmlFor="optInCampaign">{strings.optInCampaign}</label>
        </div>
        {partners.length > 0 && (
          // One folded group (ADR 057); still one box, one consent record and one wording per partner.
          <details className="partner-group" open={partnersOpen || (values?.partnerConsents?.length ?? 0) > 0}>
            <summary>{strings.partnerLegend}</summary>
            <fieldset className="partner-consents" aria-describedby="partner-group-hint">
              <legend className="visually-hidden">{strings.partnerLegend}</legend>
              <p id="partner-group-hint" className="hint">
                {strings.partnerHint}
              </p>
              {partners.map((partner) => (
                <div className="check" key={partner.slug}>
                  <input
                    id={`partnerConsent-${partner.slug}`}
                    name={PARTNER_CONSENT_FIELD}
                    value={partner.slug}
                    type="checkbox"
                    defaultChecked={values?.partnerConsents?.includes(partner.slug) ?? false}
                  />
                  <label htmlFor={`partnerConsent-${partner.slug}`}>{partner.label}</label>
                </div>
              ))}
            </fieldset>
          </details>
        )}

        <div className="hp" aria-hidden="true">
          <label htmlFor={HONEYPOT_FIELD}>{strings.honeypot}</label>
          <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" />
        </div>

        <button type="submit" className="button" disabled={pending}>
          {pending ? strings.submitting : strings.submit}
        </button>
        <p className="muted small" data-testid="sign-privacy">
          {privacyNote}
        </p>
      </form>
    </section>
  );
}
