import type { Code, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import { markdownToMdast } from 'satteri';
import { shellLanguages, snapshotRegions, type SnapshotRegion } from '../conventions.ts';

/** A producer Markdown text parsed once: its lines, its tree (positions are 1-based lines of `text`) and its snapshot regions. */
export interface MarkdownText {
  text: string;
  lines: string[];
  tree: Root;
  /** Line ranges (1-based, inclusive) marked `<!-- contract-docs: snapshot -->`; facts there are historical. */
  snapshots: SnapshotRegion[];
}

/** Normalises line ends and a byte-order mark, so every position is a position in LF text. */
export function normaliseText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

export function parseMarkdownText(text: string): MarkdownText {
  let tree: Root;
  try {
    tree = markdownToMdast(text) as unknown as Root;
  } catch {
    tree = { type: 'root', children: [] };
  }
  const lines = text.split('\n');
  return { text, lines, tree, snapshots: snapshotRegions(tree.children, lines.length) };
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
    text: paragraph ? sourceOf(paragraph, markdown) : '',
    checked: item.checked ?? null,
    line: item.position?.start.line ?? 1,
    endLine: item.position?.end.line ?? 1,
    children: nested.flatMap((list) => itemsOf(list, markdown)),
  };
}

/** The Markdown source of a node, whitespace (including line breaks) collapsed to single spaces. */
export function sourceOf(node: RootContent, markdown: MarkdownText): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
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
