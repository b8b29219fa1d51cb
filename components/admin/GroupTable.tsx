import Link from "next/link";
import type { ReactNode } from "react";

// One table of signature groups on the campaign dashboard (ADR 052): the suspect groups and the
// trending ones, by client (a short opaque label, never an address) or by email domain. Each row
// has the bulk invalidation one click away, and Release where the caller gives one.

export type GroupRow = {
  key: string;
  /** what the row shows in its first cell */
  label: ReactNode;
  /** the group's name in the links' accessible names */
  name: string;
  count: number;
  /** suspects among them (the trending tables) */
  suspect?: number;
  latest: Date;
  /** the group as the invalidation page and Release take it: by=client&client=… or by=domain&domain=… */
  filter: Record<string, string>;
};

export type GroupTableText = {
  first: string;
  count: string;
  suspect?: string;
  latest: string;
  actions: string;
  invalidate: string;
  invalidateLabel: (name: string) => string;
  caption?: string;
};

type Props = {
  campaignSlug: string;
  testId: string;
  rows: GroupRow[];
  text: GroupTableText;
  number: (value: number) => string;
  /** Release, before the invalidation link (the suspect tables) */
  release?: (row: GroupRow) => ReactNode;
};

const utc = (at: Date) => at.toISOString().slice(0, 16).replace("T", " ");

export function invalidateHref(campaignSlug: string, filter: Record<string, string>): string {
  return `/admin/signatures/invalidate?${new URLSearchParams({ campaign: campaignSlug, preview: "1", ...filter }).toString()}`;
}

export function GroupTable({ campaignSlug, testId, rows, text, number, release }: Props) {
  // In its own scroller: on a phone a wide table scrolls by itself, never the page.
  return (
    <div className="admin-table-wrap">
      <table className="admin-table" data-testid={testId}>
        {text.caption && <caption className="visually-hidden">{text.caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{text.first}</th>
            <th scope="col" className="num">
              {text.count}
            </th>
            {text.suspect && (
              <th scope="col" className="num">
                {text.suspect}
              </th>
            )}
            <th scope="col">{text.latest}</th>
            <th scope="col">{text.actions}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td className="admin-break">{row.label}</td>
              <td className="num">{number(row.count)}</td>
              {text.suspect && <td className="num">{number(row.suspect ?? 0)}</td>}
              <td>{utc(row.latest)}</td>
              <td>
                {release && <>{release(row)} </>}
                <Link href={invalidateHref(campaignSlug, row.filter)} aria-label={text.invalidateLabel(row.name)}>
                  {text.invalidate}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
