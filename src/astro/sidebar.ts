import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  consumersPath,
  contractsPath,
  dependenciesHref,
  documentHref,
  documentKindOrder,
  handoffHref,
  linksReportPath,
  rulesPath,
  runtimePath,
} from '../core/links/routes.ts';
import { reviewPath } from './routes.ts';

/** A Starlight sidebar item, as far as this module builds them. */
export type SidebarItem =
  { label: string; link: string } | { label: string; collapsed?: boolean; items: SidebarItem[] };

/** One migration folder as the sidebar sees it. */
export interface MigrationNav {
  id: string;
  title: string;
  /** Absolute path of the folder's `migration.yaml` (which may not exist yet). */
  metaFile: string;
  documents: { name: string; kind: string | undefined; title: string; href: string }[];
  /** Whether the folder has a generated handoff payload (`handoff-*.json`), which gets its own page. */
  hasPayload: boolean;
}

const documentFile = /^([^_.][^/]*)\.mdx?$/;
const frontmatterBlock = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/**
 * Reads `content/migrations/<id>/` folders: the title from `migration.yaml`, and each document's title
 * and kind from its frontmatter. Synchronous because it runs while `astro.config.mjs` is evaluated.
 *
 * It never throws: broken content must reach the contract check, which reports it with a position,
 * so a file that cannot be read here falls back to its folder or file name.
 */
export function readMigrationNav(root: string, contentDir = 'content'): MigrationNav[] {
  const migrationsDir = join(root, contentDir, 'migrations');
  if (!existsSync(migrationsDir)) return [];
  const migrations: MigrationNav[] = [];
  for (const id of safeReaddir(migrationsDir).sort()) {
    const dir = join(migrationsDir, id);
    const files = safeReaddir(dir);
    if (files.length === 0) continue;
    const metaFile = join(
      dir,
      files.includes('migration.yml') && !files.includes('migration.yaml') ? 'migration.yml' : 'migration.yaml',
    );
    const meta = readYamlRecord(metaFile);
    const documents = files
      .map((file) => documentFile.exec(file)?.[1])
      .filter((name): name is string => name !== undefined)
      .map((name) => {
        const file = files.includes(`${name}.mdx`) ? `${name}.mdx` : `${name}.md`;
        const frontmatter = readFrontmatter(join(dir, file));
        const kind = stringField(frontmatter, 'kind');
        return { name, kind, title: stringField(frontmatter, 'title') ?? name, href: documentHref(id, name) };
      });
    documents.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    migrations.push({
      id,
      title: stringField(meta, 'title') ?? id,
      metaFile,
      documents: dedupe(documents),
      hasPayload: files.some((file) => /^handoff-[^/]*\.json$/.test(file)),
    });
  }
  return migrations;
}

/**
 * The whole sidebar: Overview, one group per migration, Rules, Guides. A new migration folder shows up
 * without a code change.
 */
export function contractSidebar(
  root: string,
  contentDir = 'content',
  options: { review?: boolean } = {},
): SidebarItem[] {
  return [
    {
      label: 'Overview',
      items: [
        { label: 'Home', link: '/' },
        // Only review builds (`REVIEW_BASE`) have the page.
        ...(options.review ? [{ label: 'Contract changes (review)', link: reviewPath }] : []),
        { label: 'Runtime pin', link: runtimePath },
        { label: 'Contract matrix', link: contractsPath },
        { label: 'For consumers', link: consumersPath },
      ],
    },
    ...readMigrationNav(root, contentDir).map((migration) => ({
      label: migration.title,
      items: [
        ...migration.documents.map((document) => ({ label: document.title, link: document.href })),
        ...(migration.hasPayload ? [{ label: 'Handoff payload', link: handoffHref(migration.id) }] : []),
        ...(migration.documents.some((document) => document.kind === 'gates')
          ? [{ label: 'Dependency picture', link: dependenciesHref(migration.id) }]
          : []),
      ],
    })),
    {
      label: 'Rules',
      items: [
        { label: 'All rules', link: rulesPath },
        { label: 'Link report', link: linksReportPath },
      ],
    },
    {
      label: 'Guides',
      items: [
        { label: 'Reading diagnostics', link: '/guides/reading-diagnostics/' },
        { label: 'Linking in the documents', link: '/guides/linking/' },
      ],
    },
  ];
}

function kindRank(kind: string | undefined): number {
  const rank = documentKindOrder.indexOf(kind as (typeof documentKindOrder)[number]);
  return rank === -1 ? documentKindOrder.length : rank;
}

/** `plan.md` and `plan.mdx` side by side would be one page; the duplicate is the checker's to report. */
function dedupe<T extends { name: string }>(documents: T[]): T[] {
  const seen = new Set<string>();
  return documents.filter((document) => !seen.has(document.name) && seen.add(document.name));
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readYamlRecord(path: string): Record<string, unknown> | undefined {
  try {
    return asRecord(parseYaml(readFileSync(path, 'utf8')));
  } catch {
    return undefined;
  }
}

function readFrontmatter(path: string): Record<string, unknown> | undefined {
  try {
    const block = frontmatterBlock.exec(readFileSync(path, 'utf8'))?.[1];
    return block === undefined ? undefined : asRecord(parseYaml(block));
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
