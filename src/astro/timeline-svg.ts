import type { Records } from '../schemas/index.ts';
import { escapeXml } from './dependency-svg.ts';

/**
 * A migration's timeline, drawn at build time: decisions, events and evidence records as marks on one
 * UTC time axis, declared windows (the overlap window from the cutover, the windows of `records.yaml`)
 * as spans. Plain module, no Astro: the page passes the records and a link function, and tests call it.
 */

export type TimelineMarkKind = 'decision' | 'event' | 'record';

export interface TimelineMark {
  kind: TimelineMarkKind;
  id: string;
  label: string;
  at: number;
  /** `go`, `no-go`, the event type, or the side that recorded it. */
  detail: string;
  href: string | undefined;
}

export interface TimelineSpan {
  id: string;
  label: string;
  start: number;
  end: number;
  /** The span's end is its declared length from the start, not a recorded close. */
  open: boolean;
}

export interface Timeline {
  title: string;
  marks: TimelineMark[];
  spans: TimelineSpan[];
}

const dayMs = 86_400_000;

/** The marks and spans of one migration's records; `overlapDays` is the producer manifest's window. */
export function timelineOf(
  title: string,
  records: Records,
  overlapDays: number | undefined,
  link: (kind: TimelineMarkKind, id: string) => string | undefined,
): Timeline {
  const marks: TimelineMark[] = [
    ...records.decisions.map((decision) => ({
      kind: 'decision' as const,
      id: decision.id,
      label: decision.title,
      at: Date.parse(decision.decidedAt),
      detail: `${decision.outcome} · ${decision.scope}`,
      href: link('decision', decision.id),
    })),
    ...records.events.map((event) => ({
      kind: 'event' as const,
      id: event.id,
      label: event.title,
      at: Date.parse(event.at),
      detail: event.type,
      href: link('event', event.id),
    })),
    ...records.evidence.map((record) => ({
      kind: 'record' as const,
      id: record.id,
      label: record.title,
      at: Date.parse(record.recordedAt),
      detail: `by ${record.by}`,
      href: link('record', record.id),
    })),
  ].sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));

  const spans: TimelineSpan[] = [];
  const chronological = [...records.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const declared = new Map(records.windows.map((window) => [window.id, window]));
  const opened = new Map<string, number>();
  const close = (id: string, start: number, end: number | undefined) => {
    const days = id === 'overlap' ? overlapDays : declared.get(id)?.days;
    if (days === undefined) return;
    const label =
      id === 'overlap' ? `Overlap window (${days} days)` : `${declared.get(id)?.title ?? id} (${days} days)`;
    spans.push({ id, label, start, end: end ?? start + days * dayMs, open: end === undefined });
  };
  for (const event of chronological) {
    const at = Date.parse(event.at);
    const id = event.type === 'cutover-executed' ? 'overlap' : event.window;
    if (id === undefined) continue;
    if (event.type === 'cutover-executed' || event.type === 'window-opened') opened.set(id, at);
    if (event.type === 'window-closed' && opened.has(id)) {
      close(id, opened.get(id) ?? at, at);
      opened.delete(id);
    }
  }
  for (const [id, start] of opened) close(id, start, undefined);
  spans.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  return { title, marks, spans };
}

const width = 960;
const margin = 24;
const axisY = 56;
const laneHeight = 30;
const markTop = axisY + 24;

/** `2026-03-02 14:05 UTC`. */
export function formatInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The SVG markup. Every string from the content passes through `escapeXml`. */
export function renderTimelineSvg(timeline: Timeline): string {
  const instants = [
    ...timeline.marks.map((mark) => mark.at),
    ...timeline.spans.flatMap((span) => [span.start, span.end]),
  ];
  const spanRows = timeline.spans.length;
  const height = markTop + timeline.marks.length * laneHeight + spanRows * laneHeight + margin;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="timeline-title">`,
    `<title id="timeline-title">${escapeXml(timeline.title)}</title>`,
  );
  if (!instants.length) {
    parts.push(
      `<text x="${margin}" y="${axisY}" class="timeline-empty">No decision, event or evidence record yet.</text>`,
      '</svg>',
    );
    return parts.join('\n');
  }
  const first = Math.min(...instants);
  const last = Math.max(...instants);
  const range = Math.max(last - first, dayMs);
  const left = margin + 8;
  const right = width - margin - 8;
  const x = (ms: number) => Math.round(left + ((ms - first) / range) * (right - left));

  parts.push(
    `<line x1="${left}" y1="${axisY}" x2="${right}" y2="${axisY}" class="timeline-axis" stroke="currentColor" />`,
  );
  parts.push(
    `<text x="${left}" y="${axisY - 12}" class="timeline-tick">${escapeXml(formatInstant(first))}</text>`,
    `<text x="${right}" y="${axisY - 12}" text-anchor="end" class="timeline-tick">${escapeXml(formatInstant(last))}</text>`,
  );

  timeline.spans.forEach((span, row) => {
    const y = markTop + row * laneHeight;
    const x1 = x(span.start);
    const x2 = Math.max(x(span.end), x1 + 2);
    parts.push(
      `<g class="timeline-span" data-window="${escapeXml(span.id)}">`,
      `<rect x="${x1}" y="${y}" width="${x2 - x1}" height="18" rx="3" class="timeline-span-bar${span.open ? ' timeline-span-open' : ''}" />`,
      `<text x="${x1 + 4}" y="${y + 13}" class="timeline-span-label">${escapeXml(`${span.label}${span.open ? ', not closed' : ''}`)}</text>`,
      '</g>',
    );
  });

  const marksTop = markTop + spanRows * laneHeight;
  timeline.marks.forEach((mark, row) => {
    const y = marksTop + row * laneHeight + 10;
    const cx = x(mark.at);
    const shape =
      mark.kind === 'decision'
        ? `<path d="M ${cx} ${y - 7} L ${cx + 7} ${y} L ${cx} ${y + 7} L ${cx - 7} ${y} Z" class="timeline-mark timeline-${mark.kind}" />`
        : mark.kind === 'event'
          ? `<circle cx="${cx}" cy="${y}" r="6" class="timeline-mark timeline-${mark.kind}" />`
          : `<rect x="${cx - 5}" y="${y - 5}" width="10" height="10" class="timeline-mark timeline-${mark.kind}" />`;
    const anchorEnd = cx > width / 2;
    const full = `${mark.kind} ${mark.id}: ${mark.label}`;
    // The page's tables below give every record in full; the picture keeps each label on its line.
    const text = `${full.length > 64 ? `${full.slice(0, 63)}…` : full} (${mark.detail}, ${formatInstant(mark.at)})`;
    const label = `<text x="${anchorEnd ? cx - 12 : cx + 12}" y="${y + 4}"${anchorEnd ? ' text-anchor="end"' : ''} class="timeline-label">${escapeXml(text)}</text>`;
    const guide = `<line x1="${cx}" y1="${axisY}" x2="${cx}" y2="${y}" class="timeline-guide" />`;
    const body = `${guide}${shape}${label}`;
    parts.push(
      mark.href
        ? `<a href="${escapeXml(mark.href)}" class="timeline-link" data-kind="${mark.kind}">${body}</a>`
        : `<g data-kind="${mark.kind}">${body}</g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
