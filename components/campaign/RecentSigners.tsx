import { useTranslations } from "next-intl";
import type { PublicSignerView } from "@/lib/campaigns/progress";

export function RecentSigners({ signers }: { signers: PublicSignerView[] }) {
  const t = useTranslations("Recent");
  return (
    <section className="recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t("heading")}</h2>
      {signers.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <ul data-testid="recent-signers">
          {signers.map((signer, i) => (
            <li key={i}>{t("entry", { name: signer.name, country: signer.country })}</li>
          ))}
        </ul>
      )}
      <p className="muted small">{t("note")}</p>
    </section>
  );
}
