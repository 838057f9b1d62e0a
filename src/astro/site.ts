import { getCollection, type CollectionEntry } from 'astro:content';
import siteIndex from 'virtual:contract-docs/site-index';
import type { ReferenceKind } from '../core/ids.ts';
import type { Backlink } from '../core/links/backlinks.ts';
import type { ExternalLink } from '../core/links/content-links.ts';
import type { DataByKind, DocumentKind } from '../schemas/index.ts';
import { referenceHref } from '../core/links/site-map.ts';
import { documentKindOrder, withBase } from './routes.ts';
import { compareContractVersions } from './view.ts';

/**
 * Reads the content collections once per build and arranges them the way pages need them. The data
 * has passed the same zod schemas the checker uses, so every field has its declared type here.
 */

export type DocumentCollectionEntry = CollectionEntry<'contractDocuments'>;
export type DataCollectionEntry = CollectionEntry<'contractData'>;

/** A collection entry whose data is known to be of one kind. */
export type EntryOf<E extends { data: { kind: string } }, K extends string> = E & {
  data: Extract<E['data'], { kind: K }>;
};

export interface SiteDocument {
  entry: DocumentCollectionEntry;
  migration: string;
  /** File name without extension, the last path segment of the page. */
  name: string;
  kind: DocumentKind;
  title: string;
  /** Site path without the deploy base. */
  path: string;
}

export interface SiteMigration {
  id: string;
  meta: DataByKind['migration'] | undefined;
  /** Decisions, events, windows and evidence records (`records.yaml`), when the migration keeps them. */
  records: DataByKind['records'] | undefined;
  title: string;
  documents: SiteDocument[];
  /** Document file name by kind, for cross-links: `{ plan: 'plan', gates: 'gates' }`. */
  documentNames: Partial<Record<DocumentKind, string>>;
  plan: DataByKind['plan'] | undefined;
  tracker: DataByKind['tracker'] | undefined;
  rfc: DataByKind['rfc'] | undefined;
  gates: DataByKind['gates'] | undefined;
  /** Every place citing each id (`kind:id` key), from the checker's corpus. */
  backlinks: Record<string, Backlink[]>;
}

export interface SiteData {
  runtimePin: DataByKind['runtime-pin'] | undefined;
  manifest: DataByKind['producer-manifest'] | undefined;
  contracts: DataByKind['contract-policy'][];
  migrations: SiteMigration[];
  /** External URLs cited by the content: listed on the link report, never fetched. */
  externalLinks: ExternalLink[];
}

let cached: Promise<SiteData> | undefined;

export function loadSiteData(): Promise<SiteData> {
  // One read per build; in dev the content layer changes under us, so read every time.
  if (import.meta.env.DEV) return readSiteData();
  cached ??= readSiteData();
  return cached;
}

async function readSiteData(): Promise<SiteData> {
  const [documents, data] = await Promise.all([getCollection('contractDocuments'), getCollection('contractData')]);
  const dataOf = <K extends keyof DataByKind>(kind: K) =>
    data
      .filter((entry) => entry.data.kind === kind)
      .map((entry) => ({ id: entry.id, data: entry.data as DataByKind[K] }));

  const migrationMeta = new Map(
    dataOf('migration').map(({ id, data: meta }) => [/^migrations\/([^/]+)\//.exec(id)?.[1] ?? meta.id, meta]),
  );
  const migrationRecords = new Map(
    dataOf('records').flatMap(({ id, data: records }) => {
      const migration = /^migrations\/([^/]+)\//.exec(id)?.[1];
      return migration ? [[migration, records] as const] : [];
    }),
  );
  const byMigration = new Map<string, SiteDocument[]>();
  for (const entry of documents) {
    // Which page shows the entry is the site map's answer, computed from the checker's corpus.
    const page = siteIndex.documentPages[sourceOf(entry)];
    if (!page) continue;
    const list = byMigration.get(page.migration) ?? [];
    list.push({ entry, ...page, kind: entry.data.kind, title: entry.data.title });
    byMigration.set(page.migration, list);
  }

  const ids = [...new Set([...migrationMeta.keys(), ...byMigration.keys()])].sort();
  const migrations = ids.map((id): SiteMigration => {
    const list = (byMigration.get(id) ?? []).sort(
      (a, b) => documentKindOrder.indexOf(a.kind) - documentKindOrder.indexOf(b.kind) || (a.name < b.name ? -1 : 1),
    );
    const first = <K extends DocumentKind>(kind: K) =>
      list.find((document) => document.kind === kind)?.entry.data as DataByKind[K] | undefined;
    const meta = migrationMeta.get(id);
    return {
      id,
      meta,
      records: migrationRecords.get(id),
      title: meta?.title ?? id,
      documents: list,
      documentNames: Object.fromEntries([...list].reverse().map((document) => [document.kind, document.name])),
      plan: first('plan'),
      tracker: first('tracker'),
      rfc: first('rfc'),
      gates: first('gates'),
      backlinks: siteIndex.migrations[id]?.backlinks ?? {},
    };
  });

  return {
    runtimePin: dataOf('runtime-pin')[0]?.data,
    manifest: dataOf('producer-manifest')[0]?.data,
    contracts: dataOf('contract-policy')
      .map(({ data: contract }) => contract)
      .sort((a, b) => compareContractVersions(a.version, b.version)),
    migrations,
    externalLinks: siteIndex.externalLinks,
  };
}

/** The repository-relative path of a collection entry's file, e.g. `content/migrations/service-v3/plan.mdx`. */
export function sourceOf(entry: DocumentCollectionEntry | DataCollectionEntry): string {
  return entry.filePath ?? `content/${entry.id}`;
}

/**
 * The page showing a repository-relative content file, as the site map computed it (with a fragment
 * where the file is a section of a page), without the base; undefined for a file no page shows.
 */
export function pageOfFile(file: string): string | undefined {
  return siteIndex.filePages[file];
}

/** The page of a migration's (first) document of a kind, without the base; undefined when it has none. */
export function documentPath(migration: SiteMigration, kind: DocumentKind): string | undefined {
  return migration.documents.find((document) => document.kind === kind)?.path;
}

/** A site path with the deploy base in front, for every `href` a page writes. */
export function href(path: string): string {
  return withBase(import.meta.env.BASE_URL, path);
}

/** Link to where a typed id of a migration is defined, with the base; undefined when the document is missing. */
export function linkTo(migration: SiteMigration, kind: ReferenceKind, id: string): string | undefined {
  const path = referenceHref(kind, id, migration.id, migration.documentNames);
  return path === undefined ? undefined : href(path);
}

/** The places citing a typed id of a migration, hrefs with the base. */
export function backlinksOf(migration: SiteMigration, kind: ReferenceKind, id: string): Backlink[] {
  return (migration.backlinks[`${kind}:${id}`] ?? []).map((backlink) => ({ ...backlink, href: href(backlink.href) }));
}
