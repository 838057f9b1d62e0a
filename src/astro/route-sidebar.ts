import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import siteIndex from 'virtual:contract-docs/site-index';
import { navigationByPath } from '../core/links/navigation.ts';
import { sitePathOf, withMigrationGroup } from './sidebar.ts';

/**
 * Starlight route middleware: adds the page's own migration to the sidebar. The lookup table is made once
 * per build from the checked corpus; each page then costs one map lookup and a group of a few links,
 * instead of every page carrying (and Starlight cloning, hashing and rendering) every migration's links.
 */
const byPath = navigationByPath(siteIndex.navigation);

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const base = import.meta.env.BASE_URL;
  const path = sitePathOf(context.url.pathname, base);
  route.sidebar = withMigrationGroup(route.sidebar, path, byPath.get(path), base);
});
