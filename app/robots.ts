import type { MetadataRoute } from "next";
import { env } from "@/lib/env";
import { robotsRules } from "@/lib/http/robots";

// /robots.txt. Served at the root: a path with a dot is not rewritten to a locale (next.config.ts).
// Rendered per request because APP_URL is read when the server runs, not when it is built; it
// reads no database. docs/decisions/056-privacy-notice-and-sender.md
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return robotsRules(env().APP_URL);
}
