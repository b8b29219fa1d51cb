import { notFound } from "next/navigation";

// Unknown admin paths get the admin's own not-found page (app/admin/not-found.tsx), not the
// public site's.
export default function AdminCatchAll() {
  notFound();
}
