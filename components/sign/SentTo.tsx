"use client";

import { useEffect, useState } from "react";
import { SIGNED_EMAIL_KEY } from "@/components/sign/signed-email";

/**
 * "We sent it to <address>." The address comes from this tab's sessionStorage, where the form that
 * submitted it put it: it is never in a URL, and another browser opening the page sees only the
 * generic sentence (ADR 057).
 */
export function SentTo({ template, unknown }: { template: string; unknown: string }) {
  const [email, setEmail] = useState<string | null>(null);
  useEffect(() => {
    try {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- sessionStorage exists only in the browser
      setEmail(sessionStorage.getItem(SIGNED_EMAIL_KEY) || null);
    } catch {
      // storage disabled: keep the generic sentence
    }
  }, []);
  if (!email) return <p data-testid="sent-to">{unknown}</p>;
  const [before, after] = template.split("{email}");
  return (
    <p data-testid="sent-to">
      {before}
      {/* an address is always left to right, inside Arabic or Uyghur text too */}
      <bdi dir="ltr">
        <strong data-testid="sent-to-address">{email}</strong>
      </bdi>
      {after}
    </p>
  );
}
