import type { DocumentEntry, MigrationBundle } from '../corpus.ts';
import { collectReferences, type IdReference, type ReferenceKind } from '../ids.ts';
import { nodesOfType } from '../mdast-index.ts';
import { toString } from 'mdast-util-to-string';
import { anchorId, citingAnchorId } from './routes.ts';
import { documentPagePath } from './site-map.ts';

/**
 * "Referenced by": for every id of a migration, each place that cites it, as a link into the site.
 * Built from `collectReferences`, the same list the `references` rule checks, so a backlink exists for
 * exactly the references the checker knows about.
 */

export interface Backlink {
  /** Repository-relative file of the citing place. */
  file: string;
  /** 1-based line of the citing place in that file. */
  line: number;
  /** Site path (no base) of the citing element: the prose link's own anchor or the citing item's row. */
  href: string;
  /** Short name of the citing document, e.g. `Tracker`. */
  page: string;
  /** Title of the citing document, e.g. `service.v3 rehearsal execution tracker`. */
  pageTitle: string;
  /**
   * Where on that page, as a reader names it: the prose section (`section “Task P4: Joint rehearsal entry
   * handshake”`) or the item whose facts cite the id (`task P4 “Joint rehearsal entry handshake” waits on it`).
   */
  place: string;
}

/** Backlinks keyed by `kind:id`, each list in file then line order. */
export type BacklinkIndex = Record<string, Backlink[]>;

const documentLabel = { plan: 'Plan', tracker: 'Tracker', rfc: 'RFC', gates: 'Gates' } as const;

/** Which item a frontmatter reference sits in, by the list it is in. */
const citingItemKind: Record<string, ReferenceKind> = {
  exitCriteria: 'exit',
  tasks: 'task',
  stages: 'stage',
  gates: 'gate',
};

/** How a frontmatter field relates the citing item to the id it names. */
const relation: Record<string, string> = {
  gates: 'requires it',
  tasks: 'requires it',
  waitsOn: 'waits on it',
  deliverables: 'produces it',
  requiresGates: 'requires it',
  commands: 'cites it as evidence',
  checklist: 'cites it as evidence',
};

export function collectBacklinks(bundle: MigrationBundle): BacklinkIndex {
  const byFile = new Map(bundle.documents.map((document) => [document.file, document]));
  const occurrences = new Map<string, Map<string, number>>();
  const headingCache = new Map<string, { line: number; text: string }[]>();
  const out: BacklinkIndex = {};
  for (const reference of collectReferences(bundle)) {
    const document = byFile.get(reference.file);
    if (!document) continue;
    const pagePath = documentPagePath(bundle.id, document.file);
    let backlink: Backlink;
    if (reference.path) {
      const [list, index, field] = reference.path;
      const itemKind = typeof list === 'string' ? citingItemKind[list] : undefined;
      const item = itemKind ? itemAt(document, list as string, index) : undefined;
      const itemId = item?.id;
      const lastKey = [...reference.path].reverse().find((key) => typeof key === 'string') ?? '';
      backlink = {
        file: document.file,
        line: reference.place.start.line,
        href: itemKind && itemId ? `${pagePath}#${anchorId(itemKind, itemId)}` : pagePath,
        page: documentLabel[document.kind],
        pageTitle: document.data.title,
        place:
          itemKind && itemId
            ? `${itemKind} ${itemName(item)} ${relation[lastKey] ?? `cites it (${String(field)})`}`
            : 'facts',
      };
    } else {
      const counts = occurrences.get(document.file) ?? new Map<string, number>();
      occurrences.set(document.file, counts);
      const key = `${reference.kind}:${reference.id}`;
      const occurrence = (counts.get(key) ?? 0) + 1;
      counts.set(key, occurrence);
      backlink = {
        file: document.file,
        line: reference.place.start.line,
        href: `${pagePath}#${citingAnchorId(reference.kind, reference.id, occurrence)}`,
        page: documentLabel[document.kind],
        pageTitle: document.data.title,
        place: sectionOf(document, reference, headingCache),
      };
    }
    (out[`${reference.kind}:${reference.id}`] ??= []).push(backlink);
  }
  for (const list of Object.values(out)) {
    list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  }
  return out;
}

/** A citing item by its title when that is short enough for a one-line label, else by its id. */
function itemName(item: { id: string; title?: string } | undefined): string {
  if (!item) return '';
  return item.title && item.title.length <= 40 ? `“${item.title}”` : item.id;
}

function itemAt(document: DocumentEntry, list: string, index: unknown): { id: string; title?: string } | undefined {
  const items = (document.data as unknown as Record<string, unknown>)[list];
  if (!Array.isArray(items) || typeof index !== 'number') return undefined;
  const item = items[index] as { id?: unknown; title?: unknown } | undefined;
  if (typeof item?.id !== 'string') return undefined;
  return typeof item.title === 'string' ? { id: item.id, title: item.title } : { id: item.id };
}

/** The heading a prose reference sits under, or the page's introduction before the first heading. */
function sectionOf(
  document: DocumentEntry,
  reference: IdReference,
  cache: Map<string, { line: number; text: string }[]>,
): string {
  let headings = cache.get(document.file);
  if (!headings) {
    headings = nodesOfType(document.body, 'heading').map((heading) => ({
      line: heading.position?.start.line ?? 0,
      text: toString(heading),
    }));
    cache.set(document.file, headings);
  }
  let section = 'introduction';
  for (const heading of headings) {
    if (heading.line > reference.place.start.line) break;
    section = `section “${heading.text}”`;
  }
  return section;
}
