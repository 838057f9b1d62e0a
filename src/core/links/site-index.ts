import type { Corpus } from '../corpus.ts';
import { collectBacklinks, type BacklinkIndex } from './backlinks.ts';
import { externalLinks, type ExternalLink } from './content-links.ts';
import { migrationNavigation, type MigrationNavigation } from './navigation.ts';
import { siteMap, type DocumentPage } from './site-map.ts';

/**
 * What the site's pages need from the checker's corpus beyond the content collections: backlinks, the
 * external-link report, and the site map's answer to "which page shows this file". Plain JSON, so the
 * Astro integration can hand it to pages as a virtual module.
 */
export interface SiteIndex {
  migrations: Record<string, { backlinks: BacklinkIndex }>;
  externalLinks: ExternalLink[];
  /** The page (site path, maybe with a fragment) of each content file that has one (`SiteMap.pathOfFile`). */
  filePages: Record<string, string>;
  /** Where each content file served byte for byte (a handoff payload) is published (`SiteMap.downloadOfFile`). */
  fileDownloads: Record<string, string>;
  /** Migration documents by content file: migration, page name and path (`SiteMap.documentPages`). */
  documentPages: Record<string, DocumentPage>;
  /** Each migration's own navigation, which the sidebar shows on that migration's pages only. */
  navigation: MigrationNavigation[];
}

export function buildSiteIndex(corpus: Corpus): SiteIndex {
  const migrations: SiteIndex['migrations'] = {};
  for (const bundle of corpus.migrations) migrations[bundle.id] = { backlinks: collectBacklinks(bundle) };
  const map = siteMap(corpus);
  return {
    migrations,
    externalLinks: externalLinks(corpus),
    filePages: map.filePaths(),
    fileDownloads: map.downloadPaths(),
    documentPages: map.documentPages(),
    navigation: migrationNavigation(corpus),
  };
}
