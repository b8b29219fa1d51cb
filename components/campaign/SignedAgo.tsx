"use client";

import { useEffect, useState } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "5 minutes ago" for a past instant, in the page's language. */
export function relativeTime(from: Date, now: Date, locale: string): string {
  const seconds = Math.round((from.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(0, "minute");
}

/**
 * When a signer signed. The page is cached, so the server renders the absolute date (true however
 * stale the copy); the browser then says it relatively ("Signed 5 minutes ago"). ADR 057.
 */
export function SignedAgo({ iso, absolute, template, locale }: { iso: string; absolute: string; template: string; locale: string }) {
  const [text, setText] = useState(absolute);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the visitor's clock exists only in the browser
    setText(template.replace("{when}", relativeTime(new Date(iso), new Date(), locale)));
  }, [iso, template, locale]);
  return <time dateTime={iso}>{text}</time>;
}
