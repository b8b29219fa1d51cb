"use client";

import Link from "next/link";
import { useActionState } from "react";

type Entry = { id: string; campaignSlug: string; fullName: string; email: string; country: string; status: string; createdAt: Date };
type State = { query: string; results: Entry[] | null; error?: "too-short" };

export type SignatureSearchLabels = {
  searchLabel: string;
  searchHint: string;
  searchTooShort: string;
  search: string;
  /** "{count}" is replaced by the number of results */
  results: string;
  name: string;
  email: string;
  campaign: string;
  country: string;
  status: string;
  signedAt: string;
  erasedName: string;
  /** "{time}" is replaced by the date and time */
  utcTime: string;
  statuses: Record<string, string>;
};

// Owner-only search. It posts (a Server Action), so the address searched for never appears in a URL.
export function SignatureSearch({ action, labels }: { action: (previous: State, form: FormData) => Promise<State>; labels: SignatureSearchLabels }) {
  const t = (key: Exclude<keyof SignatureSearchLabels, "statuses" | "utcTime">, values?: { count: number }) =>
    values ? labels[key].replace("{count}", String(values.count)) : labels[key];
  const [state, formAction, pending] = useActionState(action, { query: "", results: null });
  return (
    <div>
      <form action={formAction} className="admin-form" role="search" noValidate>
        <label htmlFor="signature-search">{t("searchLabel")}</label>
        <input
          id="signature-search"
          name="q"
          type="search"
          defaultValue={state.query}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "search-error" : "search-hint"}
          maxLength={200}
        />
        <p id="search-hint" className="admin-muted">
          {t("searchHint")}
        </p>
        {state.error && (
          <p id="search-error" role="alert" className="admin-error">
            {t("searchTooShort")}
          </p>
        )}
        <button type="submit" disabled={pending}>
          {t("search")}
        </button>
      </form>
      {state.results && (
        <section aria-live="polite">
          <h2>{t("results", { count: state.results.length })}</h2>
          {state.results.length > 0 && (
            <table className="admin-table">
              <caption className="visually-hidden">{t("results", { count: state.results.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("email")}</th>
                  <th scope="col">{t("campaign")}</th>
                  <th scope="col">{t("country")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("signedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {state.results.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link href={`/admin/signatures/${r.id}`}>{r.fullName || t("erasedName")}</Link>
                    </td>
                    <td>{r.email}</td>
                    <td>{r.campaignSlug}</td>
                    <td>{r.country}</td>
                    <td>{labels.statuses[r.status] ?? r.status}</td>
                    <td>{labels.utcTime.replace("{time}", new Date(r.createdAt).toISOString().slice(0, 16).replace("T", " "))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
