import { stageHeadingPattern } from '../conventions.ts';
import type { RawStage } from './blocks.ts';
import { sectionsOf, sourceOf, type MarkdownText } from './markdown.ts';

/**
 * RFC stages written as headings (`## Stage 0: Preparation`, then a `Status: current` line or bullet, or
 * `**Status:** current`), the other way producers write what others put in a list under "Stages".
 */
export function stagesFromHeadings(markdown: MarkdownText): RawStage[] {
  const stages: RawStage[] = [];
  for (const section of sectionsOf(markdown)) {
    const match = stageHeadingPattern.exec(section.heading.trim());
    if (!match) continue;
    let status: string | undefined;
    for (const node of section.own) {
      if (status) break;
      const lines =
        node.type === 'paragraph'
          ? sourceOf(node, markdown).split(/\s{2,}|\\\s/)
          : node.type === 'list'
            ? node.children.map((item) => (item.children[0] ? sourceOf(item.children[0], markdown) : ''))
            : [];
      for (const line of lines) {
        const labelled = /^(?:\*\*|__)?status:?(?:\*\*|__)?:?\s*(.+)$/i.exec(line.trim());
        if (labelled?.[1]) {
          status = labelled[1].replace(/[*_`]/g, '').trim();
          break;
        }
      }
    }
    stages.push({
      number: Number(match[1]),
      title: (match[2] ?? '').trim(),
      status,
      requires: [],
      line: section.line,
      issues: [],
    });
  }
  return stages;
}
