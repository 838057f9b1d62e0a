/**
 * Producer Markdown ↔ MDX body text, line for line (line numbers never move, so line maps stay valid).
 * MDX reads `{`, `}` and `<` as the start of an expression or a tag, and has no HTML comments: outside
 * code, the importer escapes the three characters and turns the snapshot marker `<!-- contract-docs: snapshot -->`
 * into `{/* contract-docs: snapshot *\/}`; any other HTML comment is dropped (the content policy refuses
 * MDX comments other than the marker). The exporter undoes both. A character the producer had already
 * escaped stays as it was.
 */

import { snapshotMarkerPattern } from '../conventions.ts';

const fence = /^\s{0,3}(`{3,}|~{3,})/;

export function markdownToMdx(text: string): string {
  return mapProse(text, (prose) =>
    prose
      .split(/(<!--[\s\S]*?-->)/)
      .map((part, index) =>
        index % 2
          ? snapshotMarkerPattern.test(part)
            ? '{/* contract-docs: snapshot */}'
            : ''
          : part.replace(/(?<!\\)([{}<])/g, '\\$1'),
      )
      .join(''),
  );
}

export function mdxToMarkdown(text: string): string {
  return mapProse(text, (prose) =>
    prose
      .replace(/\{\/\*\s*(.*?)\s*\*\/\}/g, (_match, inner: string) => `<!-- ${inner} -->`)
      .replace(/\\([{}<])/g, '$1'),
  );
}

/** Applies `transform` to the parts of each line outside fenced code blocks and inline code spans. */
export function mapProse(text: string, transform: (prose: string) => string): string {
  let open: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      const marker = fence.exec(line)?.[1];
      if (open) {
        if (marker && marker[0] === open[0] && marker.length >= open.length && !line.trim().slice(marker.length))
          open = undefined;
        return line;
      }
      if (marker) {
        open = marker;
        return line;
      }
      return mapOutsideCode(line, transform);
    })
    .join('\n');
}

function mapOutsideCode(line: string, transform: (prose: string) => string): string {
  let out = '';
  let index = 0;
  while (index < line.length) {
    const tick = line.indexOf('`', index);
    if (tick === -1) break;
    const run = /^`+/.exec(line.slice(tick))?.[0] ?? '`';
    const close = line.indexOf(run, tick + run.length);
    if (close === -1) break;
    out += transform(line.slice(index, tick)) + line.slice(tick, close + run.length);
    index = close + run.length;
  }
  return out + transform(line.slice(index));
}
