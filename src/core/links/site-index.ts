import type { Corpus } from '../corpus.ts';
import { collectBacklinks, type BacklinkIndex } from './backlinks.ts';
import { externalLinks, type ExternalLink } from './content-links.ts';
import { migrationNavigation, type MigrationNavigation } from './navigation.ts';

/**
 * What the site's pages need from the checker's corpus beyond the content collections: backlinks and
 * the external-link report. Plain JSON, so the Astro integration can hand it to pages as a virtual module.
 */
export interface SiteIndex {
  migrations: Record<string, { backlinks: BacklinkIndex }>;
  externalLinks: ExternalLink[];
  /** Each migration's own navigation, which the sidebar shows on that migration's pages. */
  navigation: MigrationNavigation[];
}

export function buildSiteIndex(corpus: Corpus): SiteIndex {
  const migrations: SiteIndex['migrations'] = {};
  for (const bundle of corpus.migrations) migrations[bundle.id] = { backlinks: collectBacklinks(bundle) };
  return { migrations, externalLinks: externalLinks(corpus), navigation: migrationNavigation(corpus) };
}
