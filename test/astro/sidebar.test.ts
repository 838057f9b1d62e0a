import { describe, expect, it } from 'vitest';
import { contractSidebar, sitePathOf, withMigrationGroup, type SidebarEntry } from '../../src/astro/sidebar.ts';
import { migrationNavigation, navigationByPath } from '../../src/core/links/navigation.ts';
import { loadCorpusFromFiles } from '../../src/core/load.ts';
import { loadCorpus } from '../../src/core/read.ts';
import { syntheticCorpus } from '../../scripts/bench/corpus.ts';
import { repoRoot, shippedFiles } from '../helpers/content.ts';

/** Starlight's rendering of the config sidebar's first group, as the route middleware receives it. */
const starlightSidebar: SidebarEntry[] = [
  { type: 'group', label: 'Overview', collapsed: false, badge: undefined, entries: [] },
  { type: 'group', label: 'Rules', collapsed: false, badge: undefined, entries: [] },
];

const links = (entries: readonly SidebarEntry[]): string[] =>
  entries.flatMap((entry) => (entry.type === 'link' ? [entry.href] : links(entry.entries)));

describe('the config sidebar', () => {
  it('holds the global links only, the migrations index among them', () => {
    const sidebar = contractSidebar();
    expect(sidebar.map((item) => item.label)).toEqual(['Overview', 'Rules', 'Guides']);
    const overview = sidebar[0] as { items: { link: string }[] };
    expect(overview.items.map((item) => item.link)).toEqual([
      '/',
      '/migrations/',
      '/runtime/',
      '/contracts/',
      '/consumers/',
    ]);
  });
});

describe('migration navigation', () => {
  it("lists a migration's documents in reading order, then its handoff and dependency pages", () => {
    const [navigation] = migrationNavigation(loadCorpus(repoRoot));
    expect(navigation?.title).toBe('service.v2 → service.v3');
    expect(navigation?.links.map((link) => link.path)).toEqual([
      '/migrations/service-v3/plan/',
      '/migrations/service-v3/tracker/',
      '/migrations/service-v3/rfc/',
      '/migrations/service-v3/gates/',
      '/handoff/service-v3/',
      '/dependencies/service-v3/',
    ]);
    expect(navigation?.links[0]?.label).toBe('service.v3 rehearsal plan');
  });

  it("adds the page's own migration after Overview, marks the current page, and nothing on other pages", () => {
    const [navigation] = migrationNavigation(loadCorpus(repoRoot));
    const sidebar = withMigrationGroup(starlightSidebar, '/migrations/service-v3/rfc/', navigation, '/pr-7/');
    expect(sidebar.map((entry) => entry.label)).toEqual(['Overview', 'service.v2 → service.v3', 'Rules']);
    const group = sidebar[1];
    expect(
      group?.type === 'group' && group.entries.filter((entry) => entry.type === 'link' && entry.isCurrent),
    ).toEqual([
      expect.objectContaining({
        href: '/pr-7/migrations/service-v3/rfc/',
        label: 'RFC: move AssistSupport from service.v2 to service.v3',
      }),
    ]);
    expect(withMigrationGroup(starlightSidebar, '/runtime/', undefined, '/')).toEqual(starlightSidebar);
  });

  it('maps a request path to its site path whatever the deploy base', () => {
    expect(sitePathOf('/pr-7/migrations/service-v3/rfc/', '/pr-7/')).toBe('/migrations/service-v3/rfc/');
    expect(sitePathOf('/pr-7/migrations/service-v3/rfc', '/pr-7')).toBe('/migrations/service-v3/rfc/');
    expect(sitePathOf('/handoff/service-v3/', '/')).toBe('/handoff/service-v3/');
  });

  it('at 1,000 documents, a page carries its own migration and the index link, not the others', () => {
    const corpus = loadCorpusFromFiles(syntheticCorpus(shippedFiles(), 1000));
    const navigation = migrationNavigation(corpus);
    expect(navigation.length).toBeGreaterThan(100);
    const byPath = navigationByPath(navigation);
    const path = '/migrations/service-v3-copy-00042/gates/';
    const sidebar = withMigrationGroup(
      [...contractSidebarEntries(), ...starlightSidebar.slice(1)],
      path,
      byPath.get(path),
      '/',
    );
    const hrefs = links(sidebar);
    expect(hrefs).toContain('/migrations/');
    expect(hrefs).toEqual(
      expect.arrayContaining([
        '/migrations/service-v3-copy-00042/plan/',
        '/migrations/service-v3-copy-00042/tracker/',
        '/migrations/service-v3-copy-00042/rfc/',
        '/migrations/service-v3-copy-00042/gates/',
      ]),
    );
    expect(hrefs.filter((href) => href.startsWith('/migrations/') && !href.includes('-00042/'))).toEqual([
      '/migrations/',
    ]);
    // The same number of links on a page of the first migration as on one of the last.
    const last = navigation.at(-1)!;
    const lastPath = last.links[0]!.path;
    expect(links(withMigrationGroup(sidebar.slice(0, 1), lastPath, byPath.get(lastPath), '/')).length).toBe(
      links(withMigrationGroup(sidebar.slice(0, 1), path, byPath.get(path), '/')).length,
    );
  });
});

/** The Overview group as Starlight renders it from the config sidebar. */
function contractSidebarEntries(): SidebarEntry[] {
  const overview = contractSidebar()[0] as { label: string; items: { label: string; link: string }[] };
  return [
    {
      type: 'group',
      label: overview.label,
      collapsed: false,
      badge: undefined,
      entries: overview.items.map((item) => ({
        type: 'link',
        label: item.label,
        href: item.link,
        isCurrent: false,
        badge: undefined,
        attrs: {},
      })),
    },
  ];
}
