// A horizontal grouped bar chart as standalone SVG: one row per metric, a bar for each run, the value
// printed after each bar. Hand-written so reports need no plotting library.

export interface BarSeries {
  label: string;
  color: string;
}

export interface BarRow {
  label: string;
  /** One value per series; undefined draws no bar. */
  values: (number | undefined)[];
  /** Text printed after each bar. */
  texts: string[];
}

export interface BarChart {
  title: string;
  series: BarSeries[];
  rows: BarRow[];
}

export const CHART_WIDTH = 860;
const LABEL_WIDTH = 350;
// Row labels longer than the label column would run off the left edge.
const ROW_LABEL_CHARS = 52;
const BAR_AREA = 380;
const BAR_HEIGHT = 14;
const ROW_GAP = 12;
// The legend wraps: three runs per line, as many lines as runs need.
const LEGEND_PER_LINE = 3;
const LEGEND_ITEM_WIDTH = 170;
const LEGEND_LINE = 16;
const LEGEND_CHARS = 24;

function top(chart: BarChart): number {
  return 58 + (Math.ceil(chart.series.length / LEGEND_PER_LINE) - 1) * LEGEND_LINE;
}

function clip(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

export function chartHeight(chart: BarChart): number {
  return top(chart) + chart.rows.length * (chart.series.length * BAR_HEIGHT + ROW_GAP) + 16;
}

export function renderBarChart(chart: BarChart): string {
  const max = Math.max(
    0,
    ...chart.rows.flatMap((row) => row.values.filter((value): value is number => value !== undefined)),
  );
  const scale = max > 0 ? BAR_AREA / max : 0;
  const height = chartHeight(chart);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="24" font-size="15" font-weight="bold" fill="#1f2933">${escapeXml(chart.title)}</text>`,
  ];
  chart.series.forEach((series, s) => {
    const x = LABEL_WIDTH + (s % LEGEND_PER_LINE) * LEGEND_ITEM_WIDTH;
    const legendY = 34 + Math.floor(s / LEGEND_PER_LINE) * LEGEND_LINE;
    parts.push(
      `<rect x="${x}" y="${legendY}" width="12" height="12" fill="${series.color}"/>`,
      `<text x="${x + 18}" y="${legendY + 10}" fill="#3e4c59">${escapeXml(clip(series.label, LEGEND_CHARS))}</text>`,
    );
  });
  const chartTop = top(chart);
  let y = chartTop;
  for (const row of chart.rows) {
    const groupHeight = chart.series.length * BAR_HEIGHT;
    parts.push(
      `<text x="${LABEL_WIDTH - 10}" y="${y + groupHeight / 2 + 4}" text-anchor="end" fill="#1f2933">${escapeXml(clip(row.label, ROW_LABEL_CHARS))}</text>`,
    );
    chart.series.forEach((series, s) => {
      const value = row.values[s];
      const barY = y + s * BAR_HEIGHT;
      const width = value === undefined ? 0 : Math.max(0, value) * scale;
      if (value !== undefined)
        parts.push(
          `<rect x="${LABEL_WIDTH}" y="${barY + 1}" width="${width.toFixed(1)}" height="${BAR_HEIGHT - 2}" fill="${series.color}"/>`,
        );
      parts.push(
        `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${barY + BAR_HEIGHT - 3}" fill="#52606d" font-size="11">${escapeXml(row.texts[s] ?? '')}</text>`,
      );
    });
    y += groupHeight + ROW_GAP;
  }
  parts.push(
    `<line x1="${LABEL_WIDTH}" y1="${chartTop - 4}" x2="${LABEL_WIDTH}" y2="${y - ROW_GAP + 4}" stroke="#9aa5b1"/>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
