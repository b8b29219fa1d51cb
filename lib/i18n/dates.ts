// Dates in the pages' copy. The English copy is British ("organisations", "centrepiece"), so its
// dates are too: "16 September 2019", never "September 16, 2019". Calendar days are UTC.

const FORMAT_LOCALE: Record<string, string> = { en: "en-GB" };

/** "16 September 2019" for the page's locale. */
export function longDate(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(FORMAT_LOCALE[locale] ?? locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}
