import { unavailablePage } from "@/lib/http/unavailable";

// Where a form post lands when the database could not be reached (a restart, a failover): a 503
// that says nothing was saved and to try again, instead of a generic error page.
export function GET() {
  return unavailablePage();
}
