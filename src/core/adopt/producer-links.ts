import { posix } from 'node:path';
import { mapProse } from './mdx-text.ts';

/**
 * Links between the producer's pages, made to work in content: a link to a page the import writes becomes a
 * link to that content file (`./SERVICE_V3_CUTOVER_GATES.md#gate-1` → `./gates.mdx#gate-1`); a link to a
 * producer page that is not imported (a cutover runbook beside the plan) has nowhere to point in content, so
 * it is kept as its text and reported, never left as a broken link. External links, site paths (`/…`),
 * fragments and images are left alone; so is code.
 */

const inlineLink = /(!?)\[([^\]]*)\]\(([^()\s]+)((?:\s+"[^"]*")?)\)/g;

export interface ProducerLinks {
  lines: string[];
  /** Links kept as their text: the body line (index into `lines`) and the target as written. */
  unlinked: { index: number; target: string }[];
}

/**
 * `file`: the producer path of the page the lines are from; `imported`: producer path → the content file name
 * it became (`plan.mdx`), in the same folder as the page being written.
 */
export function relinkProducerPages(
  lines: readonly string[],
  file: string,
  imported: ReadonlyMap<string, string>,
): ProducerLinks {
  const unlinked: ProducerLinks['unlinked'] = [];
  const folder = posix.dirname(file);
  const out = lines.map((line, index) =>
    // One line at a time (line maps stay valid); `mapProse` skips code spans (a fence never spans one line here).
    line.includes('](')
      ? mapProse(line, (prose) =>
          prose.replace(inlineLink, (whole, bang: string, text: string, target: string, title: string) => {
            if (bang || /^([a-z][a-z0-9+.-]*:|\/|#)/i.test(target)) return whole;
            const [path = '', fragment] = target.split('#');
            if (!/\.(md|markdown)$/i.test(path)) return whole;
            const resolved = posix.normalize(posix.join(folder, decodeURI(path)));
            const content = imported.get(resolved);
            if (content) return `[${text}](./${content}${fragment ? `#${fragment}` : ''}${title})`;
            unlinked.push({ index, target });
            return text;
          }),
        )
      : line,
  );
  return { lines: out, unlinked };
}
