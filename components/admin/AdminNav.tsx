import Link from "next/link";
import type { ReactNode } from "react";

export type AdminNavLink = { href: string; label: string };

// The admin's header: where to go, who is signed in, and the sign-out button (a form, so it works
// without JavaScript and is a POST).
export function AdminNav({
  title,
  links,
  signedInAs,
  signOut,
}: {
  title: string;
  links: AdminNavLink[];
  signedInAs: ReactNode;
  signOut: { label: string; action: () => Promise<void> };
}) {
  return (
    <header className="admin-header">
      <div className="admin-header-inner">
        <Link className="admin-brand" href="/admin">
          {title}
        </Link>
        <nav aria-label={title} className="admin-nav">
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href}>{link.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="admin-user">
          <span>{signedInAs}</span>
          <form action={signOut.action}>
            <button type="submit" className="admin-button-link">
              {signOut.label}
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
