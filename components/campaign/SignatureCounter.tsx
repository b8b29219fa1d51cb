import { useTranslations } from "next-intl";

export function SignatureCounter({ count, goal, percent }: { count: number; goal: number; percent: number }) {
  const t = useTranslations("Counter");
  return (
    <section className="counter" aria-labelledby="counter-heading">
      <h2 id="counter-heading" className="visually-hidden">
        {t("label")}
      </h2>
      <p className="counter-count" data-testid="signature-count" data-count={count}>
        {t("count", { count })}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-labelledby="counter-heading"
        aria-valuemin={0}
        aria-valuemax={goal}
        aria-valuenow={count}
        aria-valuetext={t("progressLabel", { count, goal })}
      >
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="counter-goal">{t("goal", { goal })}</p>
    </section>
  );
}
