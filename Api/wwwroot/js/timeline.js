// Draws a store's week as SVG: one row per 24 hours before the report time, business hours shaded, the
// extrapolated up/down segments, every poll marked, and the hour / day / week window boundaries.
import { local, utc } from './format.js';

const svgNs = 'http://www.w3.org/2000/svg';
const hour = 3600 * 1000;
const rowSpan = 24 * hour;
const width = 1000;
const labelWidth = 150;
const rowHeight = 46;
const top = 28;

export function drawTimeline(timeline) {
  const from = Date.parse(timeline.from);
  const to = Date.parse(timeline.to);
  const rows = Math.max(1, Math.ceil((to - from) / rowSpan));
  const height = top + rows * rowHeight + 34;
  const plot = width - labelWidth - 10;
  const zone = timeline.timezone;

  const svg = svgEl('svg', {
    id: 'timeline', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'timeline-title timeline-desc',
    'data-from': timeline.from, 'data-to': timeline.to,
  });
  svg.append(
    svgEl('title', { id: 'timeline-title' }, `Store ${timeline.store_id}: the week before ${utc(timeline.to)}`),
    svgEl('desc', { id: 'timeline-desc' }, 'Each row is 24 hours. Shaded: business hours. Green: up. Red: down. Dots: polls (hollow outside business hours). Dashed lines: starts of the last day and last hour.'));

  // Where an instant falls: its row and x. An instant on a row boundary belongs to the later row.
  const place = ms => {
    const offset = ms - from;
    const row = Math.min(rows - 1, Math.floor(offset / rowSpan));
    return { row, x: labelWidth + plot * (offset - row * rowSpan) / rowSpan };
  };
  const rowTop = row => top + row * rowHeight;

  // Hour grid and its labels (hours since the row's start).
  for (let h = 0; h <= 24; h += 3) {
    const x = labelWidth + plot * h / 24;
    svg.append(svgEl('line', { class: 'grid', x1: x, x2: x, y1: top - 4, y2: top + rows * rowHeight }));
    svg.append(svgEl('text', { class: 'axis', x, y: top - 10, 'text-anchor': 'middle' }, `+${h}h`));
  }

  for (let row = 0; row < rows; row++) {
    const start = from + row * rowSpan;
    svg.append(svgEl('rect', { class: 'closed', x: labelWidth, y: rowTop(row) + 4, width: plot, height: rowHeight - 8 }));
    svg.append(svgEl('text', { class: 'row-label', x: labelWidth - 8, y: rowTop(row) + rowHeight / 2 + 4, 'text-anchor': 'end' }, local(new Date(start).toISOString(), zone)));
  }

  // Splits [start, end) at row boundaries so a stretch crossing midnight of the grid draws in both rows.
  const pieces = (start, end) => {
    const result = [];
    for (let at = start; at < end;) {
      const { row, x } = place(at);
      const rowEnd = Math.min(end, from + (row + 1) * rowSpan);
      const x2 = rowEnd === from + (row + 1) * rowSpan ? labelWidth + plot : place(rowEnd).x;
      result.push({ row, x, width: Math.max(x2 - x, 0.5) });
      at = rowEnd;
    }
    return result;
  };

  for (const open of timeline.open_hours) {
    const group = svgEl('g', { class: 'open', 'data-start': open.start, 'data-end': open.end });
    group.append(svgEl('title', {}, `Open ${local(open.start, zone)} – ${local(open.end, zone)} (${zone})`));
    for (const piece of pieces(Date.parse(open.start), Date.parse(open.end))) {
      group.append(svgEl('rect', { x: piece.x, y: rowTop(piece.row) + 4, width: piece.width, height: rowHeight - 8 }));
    }
    svg.append(group);
  }

  for (const segment of timeline.segments) {
    const group = svgEl('g', { class: `segment ${segment.status}`, 'data-start': segment.start, 'data-end': segment.end, 'data-status': segment.status });
    group.append(svgEl('title', {}, `${segment.status === 'active' ? 'Up' : 'Down'} ${local(segment.start, zone, true)} – ${local(segment.end, zone, true)} (${zone})`));
    for (const piece of pieces(Date.parse(segment.start), Date.parse(segment.end))) {
      group.append(svgEl('rect', { x: piece.x, y: rowTop(piece.row) + 14, width: piece.width, height: rowHeight - 28 }));
    }
    svg.append(group);
  }

  for (const poll of timeline.polls) {
    const { row, x } = place(Date.parse(poll.at));
    const mark = svgEl('circle', {
      class: `poll ${poll.status}${poll.in_business_hours ? '' : ' outside'}`, cx: x, cy: rowTop(row) + 9, r: 3.5,
      'data-at': poll.at, 'data-status': poll.status,
    });
    mark.append(svgEl('title', {}, `Poll ${local(poll.at, zone, true)}: ${poll.status}${poll.in_business_hours ? '' : ' (outside business hours)'}`));
    svg.append(mark);
  }

  // The report windows end at the report time (the end of the last row); their starts are marked.
  const boundaries = [
    { label: 'week', at: to - 168 * hour },
    { label: 'day', at: to - 24 * hour },
    { label: 'hour', at: to - hour },
  ];
  for (const boundary of boundaries) {
    if (boundary.at < from || boundary.at >= to) {
      continue;
    }
    const { row, x } = place(boundary.at);
    const group = svgEl('g', { class: 'window', 'data-window': boundary.label, 'data-at': new Date(boundary.at).toISOString() });
    group.append(
      svgEl('title', {}, `Last ${boundary.label} starts ${local(new Date(boundary.at).toISOString(), zone)}`),
      svgEl('line', { x1: x, x2: x, y1: rowTop(row), y2: rowTop(row) + rowHeight }),
      // Labels sit inside the plot: after the line, or before it when the line is near the right edge.
      x > labelWidth + plot - 80
        ? svgEl('text', { x: x - 3, y: rowTop(row) + rowHeight - 2, 'text-anchor': 'end' }, `last ${boundary.label}`)
        : svgEl('text', { x: x + 3, y: rowTop(row) + rowHeight - 2 }, `last ${boundary.label}`));
    svg.append(group);
  }
  const end = place(to - 1);
  svg.append(svgEl('line', { class: 'now', x1: labelWidth + plot, x2: labelWidth + plot, y1: rowTop(end.row), y2: rowTop(end.row) + rowHeight }));

  // Legend.
  const legendY = top + rows * rowHeight + 20;
  const legend = [['open', 'Business hours'], ['segment active', 'Up'], ['segment inactive', 'Down'], ['closed', 'Closed']];
  legend.forEach(([cls, label], i) => {
    const x = labelWidth + i * 150;
    const swatch = svgEl('g', { class: cls });
    swatch.append(svgEl('rect', { x, y: legendY - 10, width: 14, height: 12 }));
    svg.append(swatch, svgEl('text', { class: 'legend', x: x + 20, y: legendY }, label));
  });
  svg.append(svgEl('circle', { class: 'poll active', cx: labelWidth + 4 * 150 + 6, cy: legendY - 4, r: 3.5 }),
    svgEl('text', { class: 'legend', x: labelWidth + 4 * 150 + 16, y: legendY }, 'Poll'));
  return svg;
}

function svgEl(tag, attributes = {}, text = null) {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  if (text !== null) {
    element.textContent = text;
  }
  return element;
}
