import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ConfirmForm } from "@/components/confirm/ConfirmForm";
import { Link } from "@/lib/i18n/navigation";
import { lookupConfirmation } from "@/lib/signatures/confirm";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string; token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Confirm" });
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function ConfirmPage({ params }: Props) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Confirm");
  // Reading only: link scanners fetch this page; only the button's POST confirms.
  const { state, campaign } = await lookupConfirmation(token);
  const message = {
    confirmed: t("alreadyConfirmed"),
    invalid: t("invalid"),
    expired: t("expired"),
    closed: t("closed"),
    pending: null,
  }[state];
  return (
    <main id="main" className="narrow">
      {campaign && <p className="eyebrow">{campaign.title}</p>}
      <h1>{t("title")}</h1>
      {state === "pending" && campaign ? (
        <ConfirmForm token={token} campaignTitle={campaign.title} campaignSlug={campaign.slug} />
      ) : (
        <>
          <p className="lead" role="status">
            {message}
          </p>
          {campaign && (
            <p>
              <Link href={`/c/${campaign.slug}`}>{t("back")}</Link>
            </p>
          )}
        </>
      )}
    </main>
  );
}
