import { useTranslations } from "next-intl";
import { SignedAgo } from "@/components/campaign/SignedAgo";
import { longDate } from "@/lib/i18n/dates";
import type { PublicSignerView } from "@/lib/campaigns/progress";
import { isolated } from "@/lib/i18n/isolate";

export function RecentSigners({ signers, locale }: { signers: PublicSignerView[]; locale: string }) {
  const t = useTranslations("Recent");
  return (
    <section className="recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t("heading")}</h2>
      {signers.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <ul data-testid="recent-signers">
          {signers.map((signer, i) => (
            <li key={i}>
              {isolated((v) => t("entry", v), { name: signer.name, country: signer.country })}{" "}
              <span className="muted small">
                <SignedAgo
                  iso={signer.confirmedAt}
                  locale={locale}
                  absolute={t("signedOn", { date: longDate(new Date(signer.confirmedAt), locale) })}
                  template={t("signedAgo")}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{t("note")}</p>
    </section>
  );
}
