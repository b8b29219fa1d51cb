// Charts drawn on the server: no script, no library, print well. Each chart is an image with a
// short label; the numbers themselves are in a table next to it (the text alternative).
//
// Text is never inside a scaled SVG (a viewBox shrinks it with the chart: about 4 px on a phone).
// Labels and values are HTML in CSS px (at least 12 px, app/admin/admin.css); only the bars are
// drawn, as HTML boxes sized in percent, or as an SVG without text that may stretch freely.

export type ChartDatum = { label: string; value: number };

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

const pct = (value: number) => `${Math.round(value * 10000) / 100}%`;

/** Horizontal bars, one per category (countries, sources): a grid of label, bar and value. */
export function HorizontalBarChart({ data, label, format }: { data: ChartDatum[]; label: string; format: (n: number) => string }) {
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  return (
    <div className="admin-chart admin-hbars" role="img" aria-label={label}>
      {data.map((d, i) => (
        <div className="admin-hbar" key={`${d.label}-${i}`}>
          <span className="admin-chart-text admin-hbar-label" title={d.label}>
            {d.label}
          </span>
          <span className="admin-hbar-track">
            <span className="bar" style={{ width: d.value > 0 ? `max(2px, ${pct(d.value / max)})` : 0 }} />
          </span>
          <span className="admin-chart-text admin-hbar-value">{format(d.value)}</span>
        </div>
      ))}
    </div>
  );
}

/**
 * Columns over time (signatures per hour or per day), with a few labels along the bottom. The
 * plot has room for at least `minColumns` columns, so that a few days are not drawn as slabs.
 */
export function ColumnChart({
  data,
  label,
  format,
  ticks = 6,
  minColumns = 1,
}: {
  data: ChartDatum[];
  label: string;
  format: (n: number) => string;
  ticks?: number;
  minColumns?: number;
}) {
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const count = Math.max(1, minColumns, data.length);
  const every = Math.max(1, Math.ceil(data.length / ticks));
  const colW = 100 / count;
  return (
    <div className="admin-chart admin-columns-chart" role="img" aria-label={label}>
      <div className="admin-chart-text admin-columns-y" aria-hidden="true">
        <span>{format(max)}</span>
        <span>0</span>
      </div>
      <div className="admin-columns-plot">
        {/* bars only: no text in this SVG, so stretching it (preserveAspectRatio none) distorts nothing readable */}
        <svg viewBox={`0 0 ${count * 10} 100`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
          {data.map((d, i) =>
            d.value > 0 ? <rect key={`${d.label}-${i}`} className="bar" x={i * 10 + 1} y={100 - (d.value / max) * 100} width={8} height={Math.max(0.5, (d.value / max) * 100)} /> : null,
          )}
        </svg>
      </div>
      <div className="admin-chart-text admin-columns-x" aria-hidden="true">
        {data.map((d, i) =>
          i % every === 0 ? (
            <span key={`${d.label}-${i}`} className={(i / every) % 2 === 1 ? "admin-tick-odd" : undefined} style={{ insetInlineStart: pct((i * colW + colW / 2) / 100) }}>
              {d.label}
            </span>
          ) : null,
        )}
      </div>
    </div>
  );
}

/** A two-column table of labels and counts, its caption for screen readers. */
export function CountTable({
  caption,
  headers,
  rows,
  className = "admin-table",
}: {
  caption: string;
  headers: [string, string];
  rows: [string, string][];
  className?: string;
}) {
  return (
    <table className={className}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{headers[0]}</th>
          <th scope="col" className="num">
            {headers[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([a, b], i) => (
          <tr key={`${a}-${i}`}>
            <td>{a}</td>
            <td className="num">{b}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The numbers behind a chart, as a table (shown under a disclosure to keep the page short). */
export function ChartTable({
  caption,
  headers,
  rows,
  summary,
  open = false,
}: {
  caption: string;
  headers: [string, string];
  rows: [string, string][];
  summary: string;
  open?: boolean;
}) {
  return (
    <details className="admin-data" open={open}>
      <summary>{summary}</summary>
      <CountTable caption={caption} headers={headers} rows={rows} />
    </details>
  );
}
