import { COUNTRY_CODES } from "@/lib/signatures/schema";

export type CountryOption = { code: string; name: string };

const cache = new Map<string, CountryOption[]>();

/** Country names in the reader's language (from the runtime's CLDR data), sorted for that language. */
export function countryOptions(locale: string): CountryOption[] {
  let options = cache.get(locale);
  if (!options) {
    const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
    const collator = new Intl.Collator(locale);
    options = COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
    cache.set(locale, options);
  }
  return options;
}

export function countryName(code: string, locale: string): string {
  return new Intl.DisplayNames([locale], { type: "region", fallback: "code" }).of(code) ?? code;
}
