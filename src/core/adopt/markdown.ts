import type { Code, List, ListItem, Node, Paragraph, Root, RootContent } from 'mdast';
import { shellLanguages, snapshotRegions, type SnapshotRegion } from '../conventions.ts';
import {
  parseProducerMarkdown,
  type ParsedProducerMarkdown,
  type ProducerParseProblem,
} from '../parse/producer-markdown.ts';

/** A producer Markdown text parsed once: its lines, its tree (positions are 1-based lines of `text`) and its snapshot regions. */
export interface MarkdownText {
  text: string;
  lines: string[];
  tree: Root;
  /** Line ranges (1-based, inclusive) marked `<!-- contract-docs: snapshot -->`; facts there are historical. */
  snapshots: SnapshotRegion[];
  /** Set when the text could not be parsed: its tree is empty and what it states is unknown (reported, never read as empty). */
  problem?: ProducerParseProblem | undefined;
}

/** Normalises line ends and a byte-order mark, so every position is a position in LF text. */
export function normaliseText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

/** `parsed` is the text's parse when the caller has it already: a text is parsed once (`parse/producer-markdown.ts`). */
export function parseMarkdownText(
  text: string,
  parsed: ParsedProducerMarkdown = parseProducerMarkdown(text),
): MarkdownText {
  const lines = text.split('\n');
  const { tree, problem } = parsed;
  return { text, lines, tree, snapshots: snapshotRegions(tree.children, lines.length), problem };
}

/**
 * A part of a parsed file as its own Markdown text, without parsing it again: `prefix` lines, then the
 * file's lines from `fromLine` (1-based) to its end, then `suffix` lines (blank lines only, so they add no
 * block). The importer cuts a document's body this way (the H1 and the header lines go to frontmatter).
 * The file's top-level blocks from `fromLine` on are moved to the cut's lines and offsets; the prefix (a
 * few header lines kept as prose) is parsed on its own. Block parsing of CommonMark does not look back past
 * a block boundary, so the moved blocks are what a parse of the cut gives, which a test checks on every
 * fixture. Where a block runs across `fromLine` (a list that starts in the header) that does not hold, and
 * the cut is parsed as a whole.
 */
export function cutMarkdown(
  file: { text: string; parsed: ParsedProducerMarkdown },
  prefix: readonly string[],
  fromLine: number,
  suffix: readonly string[] = [],
): MarkdownText {
  const fileLines = file.text.split('\n');
  const rest = fileLines.slice(fromLine - 1);
  const text = [...prefix, ...rest, ...suffix].join('\n');
  if (file.parsed.problem) return parseMarkdownText(text, file.parsed);
  if (suffix.some((line) => line.trim() !== '')) return parseMarkdownText(text);
  const straddles = file.parsed.tree.children.some(
    (node) => (node.position?.start.line ?? 0) < fromLine && (node.position?.end.line ?? 0) >= fromLine,
  );
  if (straddles) return parseMarkdownText(text);
  const fileOffset = fileLines.slice(0, fromLine - 1).reduce((sum, line) => sum + line.length + 1, 0);
  const prefixText = prefix.join('\n');
  const prefixOffset = prefix.length ? prefixText.length + 1 : 0;
  const moved = file.parsed.tree.children
    .filter((node) => (node.position?.start.line ?? 0) >= fromLine)
    .map((node) => shifted(node, prefix.length - (fromLine - 1), prefixOffset - fileOffset));
  const head = prefix.some((line) => line.trim() !== '') ? parseProducerMarkdown(prefixText) : undefined;
  if (head?.problem) return parseMarkdownText(text, head);
  const children = [...(head?.tree.children ?? []), ...moved];
  const lines = text.split('\n');
  const tree: Root = {
    type: 'root',
    children,
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1, offset: text.length },
    },
  };
  return parseMarkdownText(text, { tree });
}

/**
 * The tree of `first.text + '\n' + second.text` from the trees of both parts, without parsing it: the
 * second part's blocks move down by the first part's lines. Right only with a blank line where they meet
 * (no block of one part could continue into the other), which `concatMarkdown` asks of its caller.
 */
export function concatMarkdown(first: MarkdownText, second: MarkdownText): Root {
  if (first.lines.at(-1)?.trim() !== '' && second.lines[0]?.trim() !== '')
    throw new Error('concatMarkdown: the parts must meet at a blank line');
  const moved = second.tree.children.map((node) => shifted(node, first.lines.length, first.text.length + 1));
  return { type: 'root', children: [...first.tree.children, ...moved] };
}

/** A copy of a node and its descendants with every position moved by whole lines (columns stay). */
function shifted<N extends Node>(node: N, lines: number, offset: number): N {
  const copy = { ...node } as N & { children?: Node[] };
  if (node.position) {
    const move = (point: NonNullable<Node['position']>['start']) => ({
      ...point,
      line: point.line + lines,
      ...(point.offset === undefined ? {} : { offset: point.offset + offset }),
    });
    copy.position = { start: move(node.position.start), end: move(node.position.end) };
  }
  const children = (node as { children?: Node[] }).children;
  if (children) copy.children = children.map((child) => shifted(child, lines, offset));
  return copy;
}

export function inSnapshot(markdown: MarkdownText, line: number): boolean {
  return markdown.snapshots.some((region) => line >= region.start && line <= region.end);
}

/** The text with every snapshot region blanked out (line numbers and columns kept). */
export function withoutSnapshots(markdown: MarkdownText): string {
  if (!markdown.snapshots.length) return markdown.text;
  return markdown.lines
    .map((line, index) => (inSnapshot(markdown, index + 1) ? line.replace(/[^\s]/g, ' ') : line))
    .join('\n');
}

/** A heading (level 2 or deeper) with the blocks under it, up to the next heading of any level. */
export interface BodySection {
  heading: string;
  depth: number;
  line: number;
  own: RootContent[];
  /** Last line of the section's own blocks, or the heading line when it has none. */
  ownEndLine: number;
}

/**
 * Sections by heading, and by bold label: a paragraph that is only a bold label ending in a colon
 * (`**Exit criteria:**`, the bold-label house style's heading) opens a section one level below the
 * heading it is under, up to the next heading or label.
 */
export function sectionsOf(markdown: MarkdownText): BodySection[] {
  const sections: BodySection[] = [];
  let current: BodySection | undefined;
  let headingDepth = 1;
  for (const node of markdown.tree.children) {
    const label = node.type === 'paragraph' ? boldLabelOf(node) : undefined;
    if (label !== undefined) {
      const line = node.position?.start.line ?? 1;
      current = undefined;
      if (inSnapshot(markdown, line)) continue;
      current = { heading: label, depth: headingDepth + 1, line, own: [], ownEndLine: line };
      sections.push(current);
    } else if (node.type === 'heading') {
      current = undefined;
      headingDepth = node.depth;
      const line = node.position?.start.line ?? 1;
      if (node.depth < 2 || inSnapshot(markdown, line)) continue;
      current = { heading: plainText(node), depth: node.depth, line, own: [], ownEndLine: line };
      sections.push(current);
    } else if (current) {
      current.own.push(node);
      current.ownEndLine = node.position?.end.line ?? current.ownEndLine;
    }
  }
  return sections;
}

/** `**Exit criteria:**` (or `**Exit criteria**:`) alone in a paragraph: the label's words, else undefined. */
function boldLabelOf(paragraph: Paragraph): string | undefined {
  const [first, ...rest] = paragraph.children;
  if (first?.type !== 'strong') return undefined;
  const after = rest.map((node) => plainText(node)).join('');
  const text = `${plainText(first)}${after}`.trim();
  if (!/:$/.test(text) || after.trim().replace(/:$/, '') !== '' || /\n/.test(text)) return undefined;
  return text.replace(/:$/, '').trim();
}

/** The first block of a kind among a section's own blocks. */
export function firstList(section: BodySection, ordered?: boolean): List | undefined {
  return section.own.find(
    (node): node is List => node.type === 'list' && (ordered === undefined || Boolean(node.ordered) === ordered),
  );
}

export { shellLanguages };

export function firstShellBlock(section: BodySection): Code | undefined {
  return section.own.find((node): node is Code => node.type === 'code' && shellLanguages.has(node.lang ?? ''));
}

export function firstParagraph(section: BodySection): Paragraph | undefined {
  return section.own.find((node): node is Paragraph => node.type === 'paragraph');
}

/** A list item as the producer wrote it: its first paragraph's Markdown source, its checkbox and nested items. */
export interface Item {
  /** Markdown source of the first paragraph, whitespace collapsed, e.g. ``Consumer repins to `service.v2`.`` */
  text: string;
  /** The list item as parsed (for the readers the drift extraction shares, e.g. `commandOfListItem`). */
  node: ListItem;
  checked: boolean | null;
  line: number;
  endLine: number;
  children: Item[];
}

export function itemsOf(list: List, markdown: MarkdownText): Item[] {
  return list.children.map((item) => toItem(item, markdown));
}

function toItem(item: ListItem, markdown: MarkdownText): Item {
  const paragraph = item.children.find((child): child is Paragraph => child.type === 'paragraph');
  const nested = item.children.filter((child): child is List => child.type === 'list');
  return {
    // remark-gfm leaves a task item's `[ ]` inside its paragraph's position (it only trims the text node).
    text: paragraph
      ? sourceOf(paragraph, markdown).replace(typeof item.checked === 'boolean' ? /^\[[ xX]\][ \t]*/ : /^$/, '')
      : '',
    node: item,
    checked: item.checked ?? null,
    line: item.position?.start.line ?? 1,
    endLine: item.position?.end.line ?? 1,
    children: nested.flatMap((list) => itemsOf(list, markdown)),
  };
}

/** The Markdown source of a node, whitespace (including line breaks) collapsed to single spaces. */
export function sourceOf(node: RootContent, markdown: MarkdownText): string {
  return collapsedSource(markdown, node.position?.start.offset, node.position?.end.offset);
}

/** The Markdown source from the end of `node` to the end of `container`, whitespace collapsed. */
export function sourceAfter(node: Node, container: Node, markdown: MarkdownText): string {
  return collapsedSource(markdown, node.position?.end.offset, container.position?.end.offset);
}

/** The source between two offsets on one line: line breaks, their indentation and blockquote markers go. */
function collapsedSource(markdown: MarkdownText, start: number | undefined, end: number | undefined): string {
  if (start === undefined || end === undefined) return '';
  return markdown.text
    .slice(start, end)
    .replace(/[ \t]*\n[ \t>]*/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** The visible text of a node (inline code keeps its content, markup goes). */
export function plainText(node: { type: string; value?: unknown; children?: unknown[] }): string {
  if (typeof node.value === 'string') return node.value;
  return ((node.children ?? []) as (typeof node)[]).map(plainText).join('');
}

/**
 * A bold or italic label read as the plain one: `**Status:** Pending` and `**Status**: Pending` are
 * `Status: Pending` (the bold-label house style states the same facts as `- Status: Pending`).
 */
export function plainLabel(text: string): string {
  return text.replace(/^(\*\*|__|\*|_)([^*_\n]+?):\1[ \t]*/, '$2: ').replace(/^(\*\*|__)([^*_\n]+?)\1:[ \t]*/, '$2: ');
}

/** `**Producer suite green**` → `Producer suite green`: emphasis around a whole item is not part of its title. */
export function withoutWrappingEmphasis(text: string): string {
  const match = /^(\*\*|__|\*|_)([^*_]+)\1$/.exec(text.trim());
  return match ? (match[2] ?? '').trim() : text;
}

/** Inline code spans of a Markdown source text, e.g. the paths of a deliverable item. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
}

/** A leading `` `kind:id` `` annotation of an item, e.g. `` `trigger:consumer-suite-fails` Consumer ... ``. */
export function leadingReference(text: string, kind: string): { id?: string | undefined; rest: string } {
  const match = new RegExp(`^\`${kind}:([A-Za-z0-9][A-Za-z0-9._-]*)\`\\s*[:\\u2013\\u2014-]?\\s*`).exec(text);
  if (!match) return { rest: text };
  return { id: match[1], rest: text.slice(match[0].length) };
}
