import type { Corpus, MigrationBundle } from '../corpus.ts';
import { dependenciesHref, documentHref, documentKindOrder, handoffHref } from './routes.ts';
import { siteMap } from './site-map.ts';

/**
 * The navigation of one migration: the pages a reader of any of them moves between. Each page of the site
 * carries only its own migration's navigation (plus the global links and the migrations index), so a page
 * weighs the same whether the organisation has one migration or five hundred.
 */
export interface MigrationNavigation {
  id: string;
  title: string;
  /** Site paths without the deploy base, in reading order: the documents, then the migration's own pages. */
  links: { label: string; path: string }[];
}

/** Every migration's navigation, from the checked corpus; a page the site does not build is never listed. */
export function migrationNavigation(corpus: Corpus): MigrationNavigation[] {
  const pages = siteMap(corpus).pages;
  return corpus.migrations.map((bundle) => {
    const links = documentsInReadingOrder(bundle).map(({ name, title }) => ({
      label: title,
      path: documentHref(bundle.id, name),
    }));
    if (pages.has(handoffHref(bundle.id))) links.push({ label: 'Handoff payload', path: handoffHref(bundle.id) });
    if (pages.has(dependenciesHref(bundle.id)))
      links.push({ label: 'Dependency picture', path: dependenciesHref(bundle.id) });
    return { id: bundle.id, title: bundle.meta?.data.title ?? bundle.id, links };
  });
}

/** Plan, tracker, RFC, gates, then any other document by file name. */
function documentsInReadingOrder(bundle: MigrationBundle): { name: string; title: string }[] {
  const rank = (kind: string) => {
    const index = (documentKindOrder as readonly string[]).indexOf(kind);
    return index === -1 ? documentKindOrder.length : index;
  };
  return bundle.documents
    .map((document) => ({
      kind: document.kind,
      name: document.file.slice(document.file.lastIndexOf('/') + 1).replace(/\.mdx?$/, ''),
      title: document.data.title,
    }))
    .sort((a, b) => rank(a.kind) - rank(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Which migration's navigation a site path belongs to: built once, looked up once per page. */
export function navigationByPath(navigation: readonly MigrationNavigation[]): Map<string, MigrationNavigation> {
  const byPath = new Map<string, MigrationNavigation>();
  for (const migration of navigation) for (const link of migration.links) byPath.set(link.path, migration);
  return byPath;
}
