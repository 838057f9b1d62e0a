import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import type { Corpus, DocumentEntry, MigrationBundle } from '../corpus.ts';
import type { DocumentKind } from '../../schemas/index.ts';
import { collectDefinitions, definingKind, proseReferences, type ReferenceKind } from '../ids.ts';
import { nodesOfType } from '../mdast-index.ts';
import { handoffPayloadLocation } from '../handoff-file.ts';
import {
  anchorId,
  citingAnchorId,
  consumersPath,
  contractHref,
  contractsPath,
  dependenciesHref,
  documentHref,
  factSections,
  factsAnchor,
  handoffHref,
  homePath,
  linksReportPath,
  migrationsPath,
  payloadFileHref,
  prerequisiteGroupAnchor,
  rulesPath,
  runtimePath,
  taskGroupAnchor,
  taskStatusOrder,
  timelineHref,
} from './routes.ts';

/**
 * What the site publishes, derived from the corpus alone: every page path with the fragment ids it is
 * known to carry, and which page (and anchor) shows each content file. The one place that maps content
 * files to pages: the `links` rule and the cross-link plugins resolve content links with it, the diff
 * and the review page link changes with it, the site's pages and sidebar are laid out from it.
 */

export interface SitePage {
  /** Site path without the deploy base, e.g. `/migrations/service-v3/gates/`. */
  path: string;
  /** Fragment ids on the page; undefined when the page's anchors are not known here (then any is accepted). */
  anchors: ReadonlySet<string> | undefined;
  /** The content file the page renders, if one. */
  file?: string | undefined;
}

/** A migration document's page: `content/migrations/service-v3/gates.mdx` → `service-v3`, `gates`. */
export interface DocumentPage {
  migration: string;
  /** The file name without extension, the last segment of the page path. */
  name: string;
  /** Site path without the deploy base, e.g. `/migrations/service-v3/gates/`. */
  path: string;
}

export interface SiteMap {
  pages: ReadonlyMap<string, SitePage>;
  /**
   * The page that shows a repository-relative content file, with a fragment where the file is one
   * section of a page: `/runtime/#producer-manifest`, `/#migration-service-v3`, `/handoff/service-v3/`.
   */
  pathOfFile(file: string): string | undefined;
  /** Where a content file is served byte for byte (a handoff payload), if it is. */
  downloadOfFile(file: string): string | undefined;
  /** The page that renders a content file, if one does. */
  pageOfFile(file: string): SitePage | undefined;
  /** Every content file that has a page, with its path (fragment included): plain data for the site. */
  filePaths(): Record<string, string>;
  /** Every content file served byte for byte, with its path: plain data for the site. */
  downloadPaths(): Record<string, string>;
  /** The migration document pages, by content file. */
  documentPages(): Record<string, DocumentPage>;
}

/** A document's page name: its file name without the Markdown extension (`gates.mdx` → `gates`). */
export function documentName(file: string): string {
  return (file.split('/').at(-1) ?? file).replace(/\.mdx?$/, '');
}

/**
 * Link to where a typed id is defined, e.g. a gate's evidence command on the plan page. `documents` maps
 * a document kind to the file name of the migration's document of that kind (`{ plan: 'plan' }`).
 */
export function referenceHref(
  kind: ReferenceKind,
  id: string,
  migration: string,
  documents: Partial<Record<DocumentKind, string>>,
): string | undefined {
  const defining = definingKind(kind);
  if (defining === 'records') return `${timelineHref(migration)}#${anchorId(kind, id)}`;
  const name = documents[defining];
  return name === undefined ? undefined : `${documentHref(migration, name)}#${anchorId(kind, id)}`;
}

/** The page of a migration's document: `/migrations/service-v3/gates/` for `.../service-v3/gates.mdx`. */
export function documentPagePath(migration: string, file: string): string {
  return documentHref(migration, documentName(file));
}

const cache = new WeakMap<Corpus, SiteMap>();

/** Fixed pages of the site (rendered by `src/pages/`) and their fixed fragment ids. */
export const runtimeAnchors = [
  'pin',
  'snapshots',
  'producer-manifest',
  'error-codes',
  'additive-notice',
  'overlap',
] as const;
export const contractAnchors = ['policy', 'example'] as const;
/** Sections of a migration's timeline page. */
export const timelineAnchors = ['picture', 'decisions', 'events', 'windows', 'evidence'] as const;
export const contractsIndexAnchors = ['matrix', 'examples'] as const;

export function siteMap(corpus: Corpus): SiteMap {
  const cached = cache.get(corpus);
  if (cached) return cached;
  const pages = new Map<string, SitePage>();
  const fileToPath = new Map<string, string>();
  const fileToDownload = new Map<string, string>();
  const documents: Record<string, DocumentPage> = {};
  const add = (path: string, anchors?: Iterable<string>, file?: string) => {
    pages.set(path, { path, anchors: anchors ? new Set(anchors) : undefined, file });
    if (file) fileToPath.set(file, path);
  };

  add(homePath, [
    'live-runtime-pin',
    'contracts',
    'consumers',
    ...corpus.migrations.map((bundle) => `migration-${bundle.id}`),
  ]);
  const runtime = [...runtimeAnchors] as string[];
  for (const code of corpus.manifest?.data.errorCodes.codes ?? []) runtime.push(`error-code-${code}`);
  for (const guarantee of corpus.manifest?.data.overlap.guarantees ?? []) runtime.push(`guarantee-${guarantee.id}`);
  for (const snapshot of corpus.runtimePin?.data.snapshots ?? []) runtime.push(`snapshot-${snapshot.id}`);
  add(runtimePath, runtime);
  if (corpus.runtimePin) fileToPath.set(corpus.runtimePin.file, runtimePath);
  if (corpus.manifest) fileToPath.set(corpus.manifest.file, `${runtimePath}#producer-manifest`);
  add(contractsPath, [
    ...contractsIndexAnchors,
    ...corpus.contracts.map((contract) => `example-${contract.data.version}`),
  ]);
  for (const contract of corpus.contracts) {
    // The example section is rendered only for a contract that has an example.
    const anchors = contractAnchors.filter((anchor) => anchor !== 'example' || contract.data.example !== undefined);
    add(contractHref(contract.data.version), anchors, contract.file);
  }
  add(consumersPath);
  add(
    migrationsPath,
    corpus.migrations.map((bundle) => `migration-${bundle.id}`),
  );
  add(linksReportPath);
  add(rulesPath);

  // Files bucketed by folder once: scanning every file for every migration would be quadratic.
  const filesByDir = new Map<string, string[]>();
  for (const file of corpus.files) {
    const dir = file.slice(0, file.lastIndexOf('/'));
    const list = filesByDir.get(dir);
    if (list) list.push(file);
    else filesByDir.set(dir, [file]);
  }
  for (const bundle of corpus.migrations) {
    for (const document of bundle.documents) {
      const name = documentName(document.file);
      const path = documentPagePath(bundle.id, document.file);
      add(path, documentAnchors(bundle, document), document.file);
      documents[document.file] = { migration: bundle.id, name, path };
    }
    if (bundle.meta) fileToPath.set(bundle.meta.file, `${homePath}#migration-${bundle.id}`);
    // The same conditions as the pages themselves: a handoff page only with a payload, a dependency
    // picture only with a gates document. A link to a page that is not built must not pass the check.
    if (bundle.gates) add(dependenciesHref(bundle.id));
    // The timeline page exists with a records file; every decision, event and record has its anchor there.
    if (bundle.records) {
      const anchors: string[] = [...timelineAnchors];
      for (const definition of collectDefinitions(bundle))
        if (definition.file === bundle.records.file) anchors.push(anchorId(definition.kind, definition.id));
      add(timelineHref(bundle.id), anchors, bundle.records.file);
    }
    let hasPayload = false;
    for (const file of filesByDir.get(bundle.dir) ?? []) {
      const payload = handoffPayloadLocation(file);
      if (payload?.migration !== bundle.id) continue;
      const download = payloadFileHref(bundle.id, payload.fileName);
      add(download, [], undefined);
      fileToDownload.set(file, download);
      // The readable handoff page shows the payload; the raw file is its download.
      fileToPath.set(file, handoffHref(bundle.id));
      hasPayload = true;
    }
    if (hasPayload) add(handoffHref(bundle.id));
  }
  const byFile = new Map([...pages.values()].flatMap((page) => (page.file ? [[page.file, page] as const] : [])));
  const map: SiteMap = {
    pages,
    pathOfFile: (file) => fileToPath.get(file),
    downloadOfFile: (file) => fileToDownload.get(file),
    pageOfFile: (file) => byFile.get(file),
    filePaths: () => Object.fromEntries(fileToPath),
    downloadPaths: () => Object.fromEntries(fileToDownload),
    documentPages: () => ({ ...documents }),
  };
  cache.set(corpus, map);
  return map;
}

/**
 * Fragment ids a document page carries: the structured-facts sections, every item its frontmatter defines,
 * the citing anchors of its prose references, and its heading slugs (github-slugger, as Astro makes them).
 */
export function documentAnchors(bundle: MigrationBundle, document: DocumentEntry): Set<string> {
  const anchors = new Set<string>([factsAnchor, ...factSections[document.kind].map(([slug]) => slug)]);
  for (const definition of collectDefinitions(bundle)) {
    if (definition.file === document.file) anchors.add(anchorId(definition.kind, definition.id));
  }
  // Group headings are rendered only for groups that have members.
  if (document.kind === 'gates' && bundle.gates) {
    for (const owner of new Set(bundle.gates.data.prerequisites.map((item) => item.owner)))
      anchors.add(prerequisiteGroupAnchor(owner));
  }
  if (document.kind === 'tracker' && bundle.tracker) {
    const present = new Set(bundle.tracker.data.tasks.map((task) => task.status));
    for (const status of taskStatusOrder) if (present.has(status)) anchors.add(taskGroupAnchor(status));
  }
  const seen = new Map<string, number>();
  for (const reference of proseReferences(document.body)) {
    const key = `${reference.kind}:${reference.id}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    anchors.add(citingAnchorId(reference.kind, reference.id, occurrence));
  }
  for (const slug of headingSlugs(document)) anchors.add(slug);
  return anchors;
}

/** Heading ids of a document body, made the way Astro's Markdown pipelines make them. */
export function headingSlugs(document: Pick<DocumentEntry, 'body'>): string[] {
  const slugger = new GithubSlugger();
  return nodesOfType(document.body, 'heading').map((heading) => slugger.slug(toString(heading)));
}
