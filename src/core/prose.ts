import type { List, ListItem, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { snapshotRegions as conventionSnapshotRegions } from './conventions.ts';
import type { Span } from './diagnostic.ts';

export interface Section {
  heading: string;
  depth: number;
  place: Span;
  nodes: RootContent[];
}

const sectionCache = new WeakMap<Root, Section[]>();

/** The blocks of a section before its first sub-heading: what it says itself. */
export function ownNodes(section: Section): RootContent[] {
  const index = section.nodes.findIndex((node) => node.type === 'heading');
  return index === -1 ? section.nodes : section.nodes.slice(0, index);
}

/** Each heading with the blocks under it, up to the next heading of the same or a higher level. */
export function sectionsOf(tree: Root): readonly Section[] {
  const cached = sectionCache.get(tree);
  if (cached) return cached;
  const sections: Section[] = [];
  const open: Section[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading') {
      while (open.length && (open.at(-1)?.depth ?? 0) >= node.depth) open.pop();
      const section: Section = { heading: toString(node), depth: node.depth, place: spanOf(node), nodes: [] };
      for (const parent of open) parent.nodes.push(node);
      sections.push(section);
      open.push(section);
    } else for (const parent of open) parent.nodes.push(node);
  }
  sectionCache.set(tree, sections);
  return sections;
}

export interface ListedText {
  text: string;
  /** The inline code spans in the item, e.g. references such as `trigger:x`. */
  codes: string[];
  place: Span;
}

/** Leaf items of the lists among `nodes`. An item holding a nested list is a group label, not an item. */
export function leafListItems(nodes: readonly RootContent[]): { list: List; items: ListedText[] }[] {
  const out: { list: List; items: ListedText[] }[] = [];
  for (const node of nodes) {
    if (node.type !== 'list') continue;
    const items: ListedText[] = [];
    collect(node, items);
    out.push({ list: node, items });
  }
  return out;
}

function collect(list: List, items: ListedText[]): void {
  for (const item of list.children) {
    const nested = item.children.filter((child): child is List => child.type === 'list');
    if (nested.length) nested.forEach((child) => collect(child, items));
    else items.push({ text: itemText(item), codes: inlineCodes(item), place: spanOf(item) });
  }
}

function itemText(item: ListItem): string {
  return item.children.map((child) => toString(child)).join(' ');
}

/** Inline code values anywhere under a node, in order. */
export function inlineCodes(node: { type: string }): string[] {
  const codes: string[] = [];
  const walk = (current: { type: string; value?: unknown; children?: unknown[] }) => {
    if (current.type === 'inlineCode' && typeof current.value === 'string') codes.push(current.value);
    for (const child of (current.children ?? []) as (typeof current)[]) walk(child);
  };
  walk(node as never);
  return codes;
}

export { foldSentence } from './conventions.ts';

export function spanOf(node: {
  position?: { start: { line: number; column: number }; end: { line: number; column: number } } | undefined;
}): Span {
  const position = node.position;
  if (!position) return { start: { line: 1, column: 1 } };
  return {
    start: { line: position.start.line, column: position.start.column },
    end: { line: position.end.line, column: position.end.column },
  };
}

/**
 * Line ranges (inclusive) that a snapshot marker declares historical (the rule is in the conventions
 * module, shared with the importer, the scan and the drift report).
 */
export function snapshotRegions(tree: Root): { start: number; end: number }[] {
  return conventionSnapshotRegions(tree.children);
}
