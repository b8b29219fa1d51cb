import createMiddleware from "next-intl/middleware";
import { routing } from "./lib/i18n/routing";

// /embed/... is left out: embeds live in app/embed, outside the locale routing, with their own layout.
// Maps /c/<slug> to app/[locale]/c/<slug> for the default locale (no prefix) and serves /<locale>/...
export default createMiddleware(routing);

export const config = {
  matcher: "/((?!api|_next|embed/|.*\\..*).*)",
};
