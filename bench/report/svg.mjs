// Chart primitives: plain SVG strings, no dependencies, readable in any browser and on GitHub.
// Each chart has a title, a subtitle and a footer (the run's environment), so a chart copied
// anywhere still says where its numbers come from.

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';
export const SERIES_COLORS = { bare: '#6b7280', handwritten: '#d97706', library: '#2563eb' };
const STATUS_COLORS = { PASS: '#16a34a', FAIL: '#dc2626', INVALID: '#9ca3af', 'N/A': '#9ca3af' };

export function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]);
}

/** A round axis maximum at or above `value` (1, 2, 2.5, 5 × 10^k). */
export function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function label(value) {
  if (value === null || value === undefined) return '—';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(Number(value.toPrecision(3)));
}

/** Footers are one line of up to ~130 characters at 10 px: charts are at least this wide. */
const MIN_WIDTH = 760;

/** Splits `text` into lines of at most `max` characters, at spaces. */
export function wrap(text, max) {
  const lines = [];
  for (const word of String(text).split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function frame({ width, height, title, subtitle, footer }, body) {
  const footerLines = [].concat(footer ?? []);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="26" ${FONT} font-size="16" font-weight="600" fill="#111827">${escapeXml(title)}</text>`,
    subtitle ? `<text x="16" y="46" ${FONT} font-size="12" fill="#4b5563">${escapeXml(subtitle)}</text>` : '',
    body,
    ...footerLines.map((line, index) => `<text x="16" y="${height - 10 - (footerLines.length - 1 - index) * 14}" ${FONT} font-size="10" fill="#6b7280">${escapeXml(line)}</text>`),
    '</svg>',
  ].join('\n');
}

/**
 * Grouped vertical bars: one group per case, one bar per series (`bare`, `handwritten`,
 * `library`), the value printed above each bar. Missing values leave a gap marked "—".
 * @param {{ title: string, subtitle?: string, footer?: string[], unit: string,
 *   groups: Array<{ label: string, values: Record<string, number | null> }>, series: string[] }} chart
 */
export function groupedBarChart({ title, subtitle, footer, unit, groups, series }) {
  const barWidth = 26;
  const gap = 28;
  const groupWidth = series.length * barWidth + gap;
  const left = 64;
  const top = 84;
  const plotHeight = 220;
  const width = Math.max(MIN_WIDTH, left + groups.length * groupWidth + 24);
  const height = top + plotHeight + 80 + 14 * [].concat(footer ?? []).length;
  const max = niceMax(Math.max(0, ...groups.flatMap((group) => series.map((name) => group.values[name] ?? 0))));
  const y = (value) => top + plotHeight - (value / max) * plotHeight;
  const parts = [];
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = (max * tick) / 4;
    parts.push(`<line x1="${left}" x2="${width - 16}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${left - 6}" y="${y(value) + 4}" text-anchor="end" ${FONT} font-size="10" fill="#6b7280">${escapeXml(label(value))}</text>`);
  }
  parts.push(`<text x="${left - 6}" y="${top - 12}" text-anchor="end" ${FONT} font-size="10" fill="#6b7280">${escapeXml(unit)}</text>`);
  groups.forEach((group, groupIndex) => {
    const x0 = left + gap / 2 + groupIndex * groupWidth;
    series.forEach((name, index) => {
      const value = group.values[name];
      const x = x0 + index * barWidth;
      if (typeof value === 'number') {
        parts.push(`<rect x="${x}" y="${y(value)}" width="${barWidth - 4}" height="${top + plotHeight - y(value)}" fill="${SERIES_COLORS[name] ?? '#374151'}"><title>${escapeXml(`${group.label} — ${name}: ${label(value)} ${unit}`)}</title></rect>`);
      }
      parts.push(`<text x="${x + (barWidth - 4) / 2}" y="${(typeof value === 'number' ? y(value) : top + plotHeight) - 4}" text-anchor="middle" ${FONT} font-size="9" fill="#374151">${escapeXml(label(value))}</text>`);
    });
    wrap(group.label, Math.max(8, Math.floor(groupWidth / 6))).forEach((line, index) => {
      parts.push(`<text x="${x0 + (series.length * barWidth) / 2 - 2}" y="${top + plotHeight + 16 + index * 12}" text-anchor="middle" ${FONT} font-size="10" fill="#111827">${escapeXml(line)}</text>`);
    });
  });
  series.forEach((name, index) => {
    const x = left + index * 110;
    parts.push(`<rect x="${x}" y="58" width="10" height="10" fill="${SERIES_COLORS[name] ?? '#374151'}"/><text x="${x + 14}" y="67" ${FONT} font-size="11" fill="#374151">${escapeXml(name)}</text>`);
  });
  return frame({ width, height, title, subtitle, footer }, parts.join('\n'));
}

/**
 * Horizontal bars of ratios (library ÷ bare) with the target drawn on each bar and the bar
 * coloured by its result.
 * @param {{ title: string, subtitle?: string, footer?: string[],
 *   rows: Array<{ label: string, ratio: number, target?: number, op?: string, status: string }> }} chart
 */
export function ratioChart({ title, subtitle, footer, rows }) {
  const left = 360;
  const top = 78;
  const rowHeight = 22;
  const plotWidth = 380;
  const width = Math.max(MIN_WIDTH, left + plotWidth + 80);
  const height = top + rows.length * rowHeight + 48 + 14 * [].concat(footer ?? []).length;
  const max = niceMax(Math.max(1.5, ...rows.map((row) => Math.max(row.ratio ?? 0, row.target ?? 0))));
  const x = (value) => left + (value / max) * plotWidth;
  const parts = [
    `<line x1="${x(1)}" x2="${x(1)}" y1="${top - 6}" y2="${top + rows.length * rowHeight}" stroke="#111827" stroke-dasharray="3 3"/>`,
    `<text x="${x(1)}" y="${top - 10}" text-anchor="middle" ${FONT} font-size="10" fill="#111827">1× = bare</text>`,
  ];
  rows.forEach((row, index) => {
    const y = top + index * rowHeight;
    parts.push(`<text x="${left - 8}" y="${y + 14}" text-anchor="end" ${FONT} font-size="11" fill="#111827">${escapeXml(row.label)}</text>`);
    if (typeof row.ratio === 'number') {
      parts.push(`<rect x="${left}" y="${y + 4}" width="${x(row.ratio) - left}" height="${rowHeight - 8}" fill="${STATUS_COLORS[row.status] ?? '#9ca3af'}" opacity="0.85"><title>${escapeXml(`${row.label}: ${label(row.ratio)}× (${row.status})`)}</title></rect>`);
    }
    if (typeof row.target === 'number') parts.push(`<line x1="${x(row.target)}" x2="${x(row.target)}" y1="${y + 1}" y2="${y + rowHeight - 1}" stroke="#111827" stroke-width="2"/>`);
    parts.push(`<text x="${Math.max(x(row.ratio ?? 0), x(row.target ?? 0)) + 6}" y="${y + 14}" ${FONT} font-size="10" fill="#374151">${escapeXml(`${label(row.ratio)}× ${row.op ?? ''} ${row.target ?? ''} ${row.status}`)}</text>`);
  });
  return frame({ width, height, title, subtitle, footer }, parts.join('\n'));
}

/**
 * Lines over x (e.g. minutes), one per series.
 * @param {{ title: string, subtitle?: string, footer?: string[], unit: string, xLabel: string,
 *   series: Record<string, Array<[number, number]>> }} chart
 */
export function lineChart({ title, subtitle, footer, unit, xLabel, series }) {
  const left = 64;
  const top = 84;
  const plotWidth = 520;
  const plotHeight = 220;
  const width = Math.max(MIN_WIDTH, left + plotWidth + 40);
  const height = top + plotHeight + 60 + 14 * [].concat(footer ?? []).length;
  const points = Object.values(series).flat();
  const maxX = Math.max(1, ...points.map(([px]) => px));
  const maxY = niceMax(Math.max(0, ...points.map(([, py]) => py)));
  const x = (value) => left + (value / maxX) * plotWidth;
  const y = (value) => top + plotHeight - (value / maxY) * plotHeight;
  const parts = [];
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = (maxY * tick) / 4;
    parts.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${left - 6}" y="${y(value) + 4}" text-anchor="end" ${FONT} font-size="10" fill="#6b7280">${escapeXml(label(value))}</text>`);
  }
  parts.push(`<text x="${left - 6}" y="${top - 12}" text-anchor="end" ${FONT} font-size="10" fill="#6b7280">${escapeXml(unit)}</text>`);
  parts.push(`<text x="${left + plotWidth / 2}" y="${top + plotHeight + 30}" text-anchor="middle" ${FONT} font-size="10" fill="#6b7280">${escapeXml(xLabel)}</text>`);
  Object.entries(series).forEach(([name, values], index) => {
    const color = SERIES_COLORS[name] ?? '#374151';
    if (values.length > 0) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${values.map(([px, py]) => `${x(px)},${y(py)}`).join(' ')}"/>`);
    parts.push(`<rect x="${left + index * 110}" y="58" width="10" height="10" fill="${color}"/><text x="${left + index * 110 + 14}" y="67" ${FONT} font-size="11" fill="#374151">${escapeXml(name)}</text>`);
  });
  return frame({ width, height, title, subtitle, footer }, parts.join('\n'));
}
