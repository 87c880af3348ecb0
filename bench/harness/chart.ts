/** One line of the chart: median synth time per N, with the fastest and slowest run as a whisker. */
export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly points: readonly { readonly n: number; readonly runsMs: readonly number[]; readonly medianMs: number }[];
}

const WIDTH = 640;
const HEIGHT = 400;
const MARGIN = { top: 40, right: 170, bottom: 50, left: 60 };

/** A hand-written SVG line chart of synth time (s) against N, no dependency. */
export function synthTimeChart(series: readonly ChartSeries[]): string {
  const points = series.flatMap(s => s.points);
  const maxN = Math.max(...points.map(p => p.n));
  const maxSeconds = niceCeiling(Math.max(...points.flatMap(p => p.runsMs)) / 1000);
  const x = (n: number): number => MARGIN.left + (n / maxN) * (WIDTH - MARGIN.left - MARGIN.right);
  const y = (seconds: number): number => HEIGHT - MARGIN.bottom - (seconds / maxSeconds) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const yTicks = Array.from({ length: 6 }, (_, i) => (maxSeconds * i) / 5);
  const xTicks = [...new Set(points.map(p => p.n))].sort((a, b) => a - b);

  const grid = yTicks.map(s => `<line x1="${x(0)}" x2="${x(maxN)}" y1="${y(s)}" y2="${y(s)}" stroke="#ddd"/>`
    + `<text x="${x(0) - 8}" y="${y(s) + 4}" text-anchor="end">${round(s)}</text>`);
  const axisX = xTicks.map(n => `<text x="${x(n)}" y="${y(0) + 18}" text-anchor="middle">${n}</text>`);
  const lines = series.map((s, i) => {
    const path = s.points.map(p => `${x(p.n)},${y(p.medianMs / 1000)}`).join(' ');
    const marks = s.points.map(p => {
      const low = Math.min(...p.runsMs) / 1000;
      const high = Math.max(...p.runsMs) / 1000;
      return `<line x1="${x(p.n)}" x2="${x(p.n)}" y1="${y(low)}" y2="${y(high)}" stroke="${s.color}"/>`
        + `<circle cx="${x(p.n)}" cy="${y(p.medianMs / 1000)}" r="4" fill="${s.color}"><title>${s.label}, N = ${p.n}: ${round(p.medianMs / 1000)} s</title></circle>`;
    });
    const legendY = MARGIN.top + 10 + i * 22;
    return [`<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"/>`, ...marks,
      `<rect x="${WIDTH - MARGIN.right + 20}" y="${legendY - 8}" width="12" height="12" fill="${s.color}"/>`,
      `<text x="${WIDTH - MARGIN.right + 38}" y="${legendY + 2}">${s.label}</text>`].join('\n');
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="15" font-weight="bold">Synth time against number of services</text>`,
    ...grid,
    ...axisX,
    `<line x1="${x(0)}" x2="${x(maxN)}" y1="${y(0)}" y2="${y(0)}" stroke="black"/>`,
    `<line x1="${x(0)}" x2="${x(0)}" y1="${y(0)}" y2="${y(maxSeconds)}" stroke="black"/>`,
    `<text x="${(x(0) + x(maxN)) / 2}" y="${HEIGHT - 12}" text-anchor="middle">services (N)</text>`,
    `<text transform="translate(16 ${(y(0) + y(maxSeconds)) / 2}) rotate(-90)" text-anchor="middle">seconds (median, whisker: min–max)</text>`,
    ...lines,
    '</svg>',
    '',
  ].join('\n');
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map(step => step * power).find(candidate => candidate >= value) ?? 10 * power;
}

function round(value: number): string {
  return value.toFixed(value < 10 ? 1 : 0);
}
