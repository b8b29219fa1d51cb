"use client";

import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";
import { pathInLocale } from "@/lib/i18n/routing";

export type LanguageOption = { locale: string; name: string; dir: "ltr" | "rtl" };

/**
 * The language switcher: the same page in each language, each named in its own script. The path
 * comes from the route (rendered into the cached page, so it works without JavaScript); with
 * JavaScript, the links also keep the query (?ref=, utm_*), so that switching keeps the attribution.
 */
export function LanguageLinks({ locale, label, languages }: { locale: string; label: string; languages: LanguageOption[] }) {
  const pathname = usePathname() ?? "/";
  // The query is the browser's alone: the cached page is the same for every query string.
  const query = useSyncExternalStore(noChange, currentQuery, noQuery);
  return (
    <nav id="languages" className="languages" aria-label={label}>
      <ul>
        {languages.map((l) => (
          <li key={l.locale}>
            <a href={`${pathInLocale(pathname, l.locale)}${query}`} hrefLang={l.locale} lang={l.locale} dir={l.dir} aria-current={l.locale === locale ? "page" : undefined}>
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const noChange = () => () => {};
const currentQuery = () => window.location.search;
const noQuery = () => "";
