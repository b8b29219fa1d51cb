// One signature per person per campaign: addresses that reach the same inbox must compare equal.

/** Providers that ignore dots in the local part and deliver `name+anything` to `name`. */
const DOTS_AND_PLUS = new Set(["gmail.com", "googlemail.com"]);

/** Providers that deliver `name+anything` to `name` but treat dots as significant. */
const PLUS_ONLY = new Set([
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "fastmail.com",
  "fastmail.fm",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "yandex.com",
  "yandex.ru",
]);

const DOMAIN_ALIASES: Record<string, string> = { "googlemail.com": "gmail.com" };

export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  const at = email.lastIndexOf("@");
  if (at < 1) return email;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1).replace(/\.+$/, "");
  if (DOTS_AND_PLUS.has(domain) || PLUS_ONLY.has(domain)) {
    const plus = local.indexOf("+");
    if (plus > 0) local = local.slice(0, plus);
  }
  if (DOTS_AND_PLUS.has(domain)) local = local.replace(/\./g, "");
  domain = DOMAIN_ALIASES[domain] ?? domain;
  return `${local}@${domain}`;
}

/**
 * The inbox an address reaches, for the per-address mail cap (ADR 052): the normalised address with
 * any `+tag` stripped whatever the provider, so that `victim+1@example.org`, `Victim+2@example.org`
 * and `victim@example.org` share one cap. Not used for the one-signature-per-person rule: at
 * providers outside the lists above, `+` may be part of a real mailbox name.
 */
export function mailCapKey(raw: string): string {
  const email = normalizeEmail(raw);
  const at = email.lastIndexOf("@");
  if (at < 1) return email;
  const local = email.slice(0, at);
  const plus = local.indexOf("+");
  return plus > 0 ? `${local.slice(0, plus)}${email.slice(at)}` : email;
}

/** The domain of an address after normalisation (googlemail.com is gmail.com). */
export function emailDomainOf(raw: string): string {
  const email = normalizeEmail(raw);
  return email.slice(email.lastIndexOf("@") + 1);
}
