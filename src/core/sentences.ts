import type { Nodes, Root } from 'mdast';
import type { DocumentEntry } from './corpus.ts';
import { snapshotRegions } from './prose.ts';

/** An inline code span inside a sentence, e.g. the reference `task:P3`, at its file offset. */
export interface SentenceCode {
  value: string;
  /** File offset of the opening backtick. */
  offset: number;
}

/**
 * One sentence of prose, as the rules that read restated facts see it. `text` is the source text of the
 * sentence with everything that is not a word of prose blanked out (code spans, link targets, emphasis
 * markers, HTML), so a match at `index` in `text` is at file offset `offset + index`.
 */
export interface ProseSentence {
  text: string;
  offset: number;
  /** Inline code spans of the sentence, in order. */
  codes: SentenceCode[];
  /** Text of the nearest heading above the sentence, if any. */
  heading: string | undefined;
  /** The sentence sits in a section marked as a snapshot (historical), where values may differ. */
  inSnapshot: boolean;
}

/** Blocks whose text is prose: each is split into sentences on its own. */
const proseBlocks = new Set(['paragraph', 'heading', 'tableCell']);
/** Inline nodes whose source is not prose words. */
const opaqueInline = new Set([
  'inlineCode',
  'html',
  'image',
  'imageReference',
  'mdxJsxTextElement',
  'mdxTextExpression',
]);

const cache = new WeakMap<Root, ProseSentence[]>();

/** Every sentence of a document's prose (paragraphs, headings, table cells), in document order. */
export function sentencesOf(document: DocumentEntry): readonly ProseSentence[] {
  const cached = cache.get(document.body);
  if (cached) return cached;
  const out: ProseSentence[] = [];
  const regions = snapshotRegions(document.body);
  let heading: string | undefined;
  const visit = (node: Nodes) => {
    if (proseBlocks.has(node.type)) {
      const block = blockText(document.bodyText, node);
      if (!block) return;
      if (node.type === 'heading') heading = block.text.replace(/\s+/g, ' ').trim();
      const line = node.position?.start.line ?? 0;
      const inSnapshot = regions.some((region) => region.start <= line && line <= region.end);
      for (const sentence of splitSentences(block.text)) {
        const start = block.offset + sentence.start;
        const end = block.offset + sentence.end;
        out.push({
          text: block.text.slice(sentence.start, sentence.end),
          offset: start,
          codes: block.codes.filter((code) => code.offset >= start && code.offset < end),
          heading: node.type === 'heading' ? undefined : heading,
          inSnapshot,
        });
      }
      return;
    }
    if (node.type === 'code' || node.type === 'html' || node.type === 'yaml') return;
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(document.body);
  cache.set(document.body, out);
  return out;
}

/** The block's source with only its text nodes kept, and its inline code spans. */
function blockText(source: string, block: Nodes): { text: string; offset: number; codes: SentenceCode[] } | undefined {
  const start = block.position?.start.offset;
  const end = block.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  // Text node ranges in order; everything between them (markup, code, link targets) becomes spaces.
  const kept: [number, number][] = [];
  const codes: SentenceCode[] = [];
  const keep = (node: Nodes) => {
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (node.type === 'inlineCode' && from !== undefined) {
      codes.push({ value: node.value, offset: from });
      // A code span stands for one word of the sentence: a placeholder keeps word counts honest.
      kept.push([from, -1]);
      return;
    }
    if (opaqueInline.has(node.type)) return;
    if (node.type === 'text' && from !== undefined && to !== undefined) {
      kept.push([from, to]);
      return;
    }
    if ('children' in node) for (const child of node.children) keep(child as Nodes);
  };
  if ('children' in block) for (const child of block.children) keep(child as Nodes);
  let text = '';
  let at = start;
  for (const [from, to] of kept) {
    if (from < at) continue;
    text += ' '.repeat(from - at);
    if (to === -1) {
      text += '\u00a7';
      at = from + 1;
    } else {
      text += source.slice(from, to);
      at = to;
    }
  }
  text += ' '.repeat(Math.max(0, end - at));
  return { text, offset: start, codes };
}

/** Splits at `.`, `!` or `?` followed by white space or the end, except after a common abbreviation. */
function splitSentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  const boundary = /[.!?](?=\s|$)/g;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    // `e.g.`, `i.e.`, `cf.`, `etc.` and `vs.` end an abbreviation, not a sentence.
    if (/(?:\b[a-z]\.[a-z]|\bcf|\betc|\bvs)$/i.test(text.slice(Math.max(0, match.index - 4), match.index))) continue;
    out.push({ start, end: match.index + 1 });
    start = match.index + 1;
  }
  if (text.slice(start).trim()) out.push({ start, end: text.length });
  return out.filter((sentence) => text.slice(sentence.start, sentence.end).trim());
}
