// Charts drawn as SVG on the server: no script, no library, print well. Each chart is an image
// with a short label; the numbers themselves are in a table next to it (the text alternative).

export type ChartDatum = { label: string; value: number };

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/** Horizontal bars, one per category (countries, sources). */
export function HorizontalBarChart({ data, label, format }: { data: ChartDatum[]; label: string; format: (n: number) => string }) {
  const rowHeight = 22;
  const labelWidth = 150;
  const width = 560;
  const valueWidth = 70;
  const barSpace = width - labelWidth - valueWidth;
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const height = Math.max(rowHeight, data.length * rowHeight);
  return (
    <svg className="admin-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="xMinYMin meet">
      {data.map((d, i) => {
        const w = Math.max(d.value > 0 ? 1 : 0, (d.value / max) * barSpace);
        const y = i * rowHeight;
        return (
          <g key={`${d.label}-${i}`}>
            <text x={labelWidth - 6} y={y + rowHeight / 2 + 4} textAnchor="end">
              {d.label.length > 22 ? `${d.label.slice(0, 21)}…` : d.label}
            </text>
            <rect className="bar" x={labelWidth} y={y + 3} width={w} height={rowHeight - 6} />
            <text x={labelWidth + w + 6} y={y + rowHeight / 2 + 4}>
              {format(d.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Columns over time (signatures per hour or per day), with a few labels along the bottom. */
export function ColumnChart({ data, label, format, ticks = 6 }: { data: ChartDatum[]; label: string; format: (n: number) => string; ticks?: number }) {
  const width = 720;
  const height = 220;
  const left = 48;
  const bottom = 28;
  const top = 8;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const colW = data.length > 0 ? plotW / data.length : plotW;
  const every = Math.max(1, Math.ceil(data.length / ticks));
  return (
    <svg className="admin-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="xMinYMin meet">
      <line className="axis" x1={left} y1={top + plotH} x2={width - 8} y2={top + plotH} />
      <line className="axis" x1={left} y1={top} x2={width - 8} y2={top} />
      <text x={left - 6} y={top + 4} textAnchor="end">
        {format(max)}
      </text>
      <text x={left - 6} y={top + plotH + 4} textAnchor="end">
        0
      </text>
      {data.map((d, i) => {
        const h = (d.value / max) * plotH;
        const x = left + i * colW;
        return (
          <g key={`${d.label}-${i}`}>
            {d.value > 0 && <rect className="bar" x={x + colW * 0.1} y={top + plotH - h} width={Math.max(1, colW * 0.8)} height={Math.max(1, h)} />}
            {i % every === 0 && (
              <text x={x + colW / 2} y={height - 8} textAnchor="middle">
                {d.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
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
