// The site a visitor came from, kept for the sign form without reading the request in the page:
// campaign pages are served from the cache, so a rule in next.config.ts (not code) answers the
// first landing that carries an external Referer with a first-party session cookie holding only
// that host. The sign form's server side reads it (lib/sharing/attribution-request.ts) and ignores
// it when it names this site. No code runs per view. (docs/decisions/041-attribution-on-cached-pages.md)
// No server-only code: next.config.ts imports this.

export const LANDING_HOST_COOKIE = "so_via";

/** A host name with an optional port, captured from the Referer: nothing that could end a cookie value. */
const REFERER_HOST = "https?://(?<via>[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::[0-9]{1,5})?)(?:[/?#].*)?";

type HeaderRule = {
  source: string;
  has: { type: "header"; key: string; value: string }[];
  missing: { type: "cookie"; key: string }[];
  headers: { key: string; value: string }[];
};

/**
 * Header rules for next.config.ts: the first page view with a Referer (and no cookie yet) sets the
 * cookie. Embeds sit in partners' iframes, where only a partitioned SameSite=None cookie can be
 * kept; elsewhere it is SameSite=Lax.
 */
export function landingHostCookieRules(pagePaths: string, ...embedPaths: string[]): HeaderRule[] {
  const rule = (source: string, attributes: string): HeaderRule => ({
    source,
    has: [{ type: "header", key: "referer", value: REFERER_HOST }],
    missing: [{ type: "cookie", key: LANDING_HOST_COOKIE }],
    headers: [{ key: "Set-Cookie", value: `${LANDING_HOST_COOKIE}=:via; Path=/; HttpOnly; ${attributes}` }],
  });
  return [rule(pagePaths, "SameSite=Lax"), ...embedPaths.map((paths) => rule(paths, "SameSite=None; Secure; Partitioned"))];
}
