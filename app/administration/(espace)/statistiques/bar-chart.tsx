import { scaleBand, scaleLinear } from "d3-scale";
import { TableRegion } from "@/app/_components/table-region";

/**
 * A horizontal bar chart drawn on the server as SVG (d3-scale computes the geometry; no script in
 * the browser), accessible: role="img" named by its <title> and described by its <desc>; every
 * bar carries its series name and value as text, so colour is never the only way to tell two
 * series apart (the second series is also hatched). Its data table follows it.
 */
export type Series = { label: string; values: number[] };

const WIDTH = 640;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 190;
const BAR = 18;
const GAP = 14;

export function BarChart({
  id,
  title,
  description,
  categories,
  series,
  format,
  caption,
}: {
  id: string;
  title: string;
  description: string;
  categories: string[];
  series: Series[];
  format: (value: number) => string;
  caption: string;
}) {
  if (categories.length === 0) return <p className="mt-2">Aucune donnée pour l&apos;instant.</p>;
  const groupHeight = series.length * BAR + GAP;
  const height = categories.length * groupHeight + GAP;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, WIDTH - LABEL_WIDTH - VALUE_WIDTH]);
  // By position: two categories may share a label (two instructors of the same name).
  const y = scaleBand<number>()
    .domain(categories.map((_, c) => c))
    .range([GAP / 2, height - GAP / 2])
    .paddingInner(0);
  return (
    <figure className="mt-4">
      {/* Never narrower than legible: on a phone the chart scrolls in its own box, not the page. */}
      <div role="region" aria-label={`${title} (graphique)`} tabIndex={0} className="table-region">
        <svg
          role="img"
          aria-labelledby={`${id}-titre ${id}-desc`}
          viewBox={`0 0 ${WIDTH} ${height}`}
          style={{ minWidth: `${WIDTH}px` }}
          className="h-auto w-full max-w-3xl bg-white"
        >
          <title id={`${id}-titre`}>{title}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <defs>
            <pattern id={`${id}-hachures`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#1b6b2f" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="2" />
            </pattern>
          </defs>
          {categories.map((category, c) => (
            <g key={c} transform={`translate(0, ${y(c) ?? 0})`}>
              <text
                x={LABEL_WIDTH - 8}
                y={(series.length * BAR) / 2}
                dominantBaseline="middle"
                textAnchor="end"
                fontSize="13"
                fill="#111827"
              >
                {category}
              </text>
              {series.map((s, i) => {
                const width = Math.max(1, x(s.values[c] ?? 0));
                return (
                  <g key={s.label} transform={`translate(${LABEL_WIDTH}, ${i * BAR})`}>
                    <rect width={width} height={BAR - 3} fill={i === 0 ? "#123e6b" : `url(#${id}-hachures)`} />
                    <text x={width + 6} y={(BAR - 3) / 2} dominantBaseline="middle" fontSize="12" fill="#111827">
                      {`${s.label} : ${format(s.values[c] ?? 0)}`}
                    </text>
                  </g>
                );
              })}
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="sr-only">{caption}</figcaption>
      <TableRegion label={caption}>
        <table className="mt-3 w-full max-w-3xl border-collapse bg-white text-left">
          <caption className="text-left font-semibold">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="border-b p-2">
                {" "}
              </th>
              {series.map((s) => (
                <th key={s.label} scope="col" className="border-b p-2 text-right">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, c) => (
              <tr key={c}>
                <th scope="row" className="border-b p-2 font-normal">
                  {category}
                </th>
                {series.map((s) => (
                  <td key={s.label} className="border-b p-2 text-right">
                    {format(s.values[c] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </figure>
  );
}
