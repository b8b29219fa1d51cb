import type { Metadata } from "next";
import { StopCell } from "@/components/admin/StopCell";
import { getFormatter, getTranslations } from "next-intl/server";
import { createTokenAction, createWebhookAction, disableWebhookAction, revokeTokenAction } from "@/app/_actions/admin-integrations";
import { SecretForm } from "@/components/admin/SecretForm";
import { listPartners } from "@/lib/admin/admins";
import { requireAdmin } from "@/lib/admin/session";
import { listIntegrationTokens } from "@/lib/integrations/tokens";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import "../data.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "en", namespace: "AdminIntegrations" });
  return { title: t("title") };
}

const ERROR_CODES = [
  "token.name-required",
  "token.name-too-long",
  "token.unknown-partner",
  "webhook.url-invalid",
  "webhook.url-scheme",
  "webhook.url-credentials",
  "webhook.url-too-long",
  "webhook.events-none",
  "webhook.events-unknown",
  "webhook.unknown-partner",
] as const;

export default async function IntegrationsPage() {
  const actor = await requireAdmin({ role: "owner" });
  const t = await getTranslations({ locale: "en", namespace: "AdminIntegrations" });
  const format = await getFormatter({ locale: "en" });
  const [tokens, endpoints, partners] = await Promise.all([listIntegrationTokens(actor), listWebhookEndpoints(actor), listPartners(actor)]);
  const when = (d: Date | null) => (d ? `${format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC` : "—");
  const errors = Object.fromEntries(ERROR_CODES.map((code) => [code, t(`errors.${code}`)]));
  const partnerSelect = (id: string) => (
    <>
      <label htmlFor={id}>{t("scope")}</label>
      <select id={id} name="partner" defaultValue="">
        <option value="">{t("scopeAll")}</option>
        {partners.map((p) => (
          <option key={p.slug} value={p.slug}>
            {t("scopePartner", { partner: p.name })}
          </option>
        ))}
      </select>
    </>
  );

  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>

      <h2>{t("tokensHeading")}</h2>
      <p>{t("tokensIntro")}</p>
      {tokens.length === 0 ? (
        <p>{t("tokensEmpty")}</p>
      ) : (
        <table className="admin-table">
          <caption className="visually-hidden">{t("tokensHeading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("prefix")}</th>
              <th scope="col">{t("scope")}</th>
              <th scope="col">{t("created")}</th>
              <th scope="col">{t("lastUsed")}</th>
              <th scope="col">{t("state")}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{token.partnerName ?? t("scopeAll")}</td>
                <td>{when(token.createdAt)}</td>
                <td>{when(token.lastUsedAt)}</td>
                <StopCell
                  stoppedText={token.revokedAt ? t("revokedOn", { date: when(token.revokedAt) }) : null}
                  action={revokeTokenAction}
                  id={token.id}
                  buttonText={t("revoke")}
                  context={t("revokeContext", { name: token.name })}
                  warning={t("revokeWarning")}
                  confirmText={t("revokeConfirm", { name: token.name })}
                />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t("createToken")}</h3>
      <SecretForm action={createTokenAction} id="token" submitLabel={t("createTokenButton")} shownOnce={t("tokenShownOnce")} errors={errors}>
        <label htmlFor="token-name">{t("name")}</label>
        <input id="token-name" name="name" required maxLength={100} />
        {partnerSelect("token-partner")}
      </SecretForm>

      <h2>{t("webhooksHeading")}</h2>
      <p>{t("webhooksIntro")}</p>
      {endpoints.length === 0 ? (
        <p>{t("webhooksEmpty")}</p>
      ) : (
        <table className="admin-table">
          <caption className="visually-hidden">{t("webhooksHeading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("url")}</th>
              <th scope="col">{t("events")}</th>
              <th scope="col">{t("scope")}</th>
              <th scope="col" className="num">
                {t("pending")}
              </th>
              <th scope="col" className="num">
                {t("failed")}
              </th>
              <th scope="col">{t("state")}</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <td>
                  <code>{endpoint.url}</code>
                </td>
                <td>{endpoint.events.join(", ")}</td>
                <td>{endpoint.partnerName ?? t("scopeAll")}</td>
                <td className="num">{endpoint.pending}</td>
                <td className="num">{endpoint.failed}</td>
                <StopCell
                  stoppedText={endpoint.disabledAt ? t("disabledOn", { date: when(endpoint.disabledAt) }) : null}
                  action={disableWebhookAction}
                  id={endpoint.id}
                  buttonText={t("disable")}
                  context={t("disableContext", { url: endpoint.url })}
                  warning={t("disableWarning")}
                  confirmText={t("disableConfirm", { url: endpoint.url })}
                />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t("createWebhook")}</h3>
      <SecretForm action={createWebhookAction} id="webhook" submitLabel={t("createWebhookButton")} shownOnce={t("secretShownOnce")} errors={errors}>
        <label htmlFor="webhook-url">{t("url")}</label>
        <input id="webhook-url" name="url" type="url" required maxLength={2000} placeholder="https://crm.example.org/speakout" />
        <fieldset>
          <legend>{t("events")}</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event}>
              <input type="checkbox" name="events" value={event} defaultChecked /> <code>{event}</code>{" "}
            </label>
          ))}
        </fieldset>
        {partnerSelect("webhook-partner")}
      </SecretForm>
    </section>
  );
}
