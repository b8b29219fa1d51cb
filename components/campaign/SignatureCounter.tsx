import { useTranslations } from "next-intl";

/**
 * The count, a bar toward the displayed goal and how many more it needs. The bar always shows a
 * little fill (its CSS min-width), so 12 of 10,000 does not look empty; the numbers stay exact.
 */
export function SignatureCounter({ count, goal, percent }: { count: number; goal: number; percent: number }) {
  const t = useTranslations("Counter");
  const remaining = Math.max(0, goal - count);
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
        <div className="progress-bar" data-testid="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="counter-goal" data-testid="counter-more">
        {remaining > 0 ? t("more", { remaining, goal }) : t("reached", { goal })}
      </p>
    </section>
  );
}
