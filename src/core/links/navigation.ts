import type { Corpus, MigrationBundle } from '../corpus.ts';
import { dependenciesHref, documentKindOrder, handoffHref } from './routes.ts';
import { siteMap } from './site-map.ts';

/**
 * The navigation of one migration: the pages a reader of any of them moves between. Each page of the site
 * carries only its own migration's navigation (plus the global links and the migrations index), so a page
 * weighs the same whether the organisation has one migration or five hundred.
 */
export interface MigrationNavigation {
  id: string;
  /** From `migration.yaml`, or the folder name when it has none that loaded. */
  title: string;
  /** Site paths without the deploy base: the documents in kind order, then the migration's own pages. */
  links: { label: string; path: string }[];
}

/** Every migration's navigation, from the checked corpus and its site map; an unbuilt page is never listed. */
export function migrationNavigation(corpus: Corpus): MigrationNavigation[] {
  return corpus.migrations.map((bundle) => navigationOf(corpus, bundle));
}

function navigationOf(corpus: Corpus, bundle: MigrationBundle): MigrationNavigation {
  const map = siteMap(corpus);
  const documents = [...bundle.documents].sort(
    (a, b) => kindRank(a.kind) - kindRank(b.kind) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  const links: MigrationNavigation['links'] = [];
  for (const document of documents) {
    const path = map.pathOfFile(document.file);
    // `plan.md` beside `plan.mdx` would be one page; the duplicate is the checker's to report.
    if (path && !links.some((link) => link.path === path)) links.push({ label: document.data.title, path });
  }
  if (map.pages.has(handoffHref(bundle.id))) links.push({ label: 'Handoff payload', path: handoffHref(bundle.id) });
  if (map.pages.has(dependenciesHref(bundle.id)))
    links.push({ label: 'Dependency picture', path: dependenciesHref(bundle.id) });
  return { id: bundle.id, title: bundle.meta?.data.title ?? bundle.id, links };
}

function kindRank(kind: string): number {
  const rank = (documentKindOrder as readonly string[]).indexOf(kind);
  return rank === -1 ? documentKindOrder.length : rank;
}

/** Which migration's navigation a site path belongs to: built once per build, looked up once per page. */
export function navigationByPath(navigation: readonly MigrationNavigation[]): Map<string, MigrationNavigation> {
  const byPath = new Map<string, MigrationNavigation>();
  for (const migration of navigation) for (const link of migration.links) byPath.set(link.path, migration);
  return byPath;
}
