import type { APIRoute } from 'astro';
import deploy from 'virtual:contract-docs/deploy';
import { robotsTxt } from '../astro/deploy.ts';
import { href } from '../astro/site.ts';

/**
 * `/robots.txt` (under the base): a preview disallows everything, production allows everything and names
 * the sitemap Starlight writes. Crawlers read robots.txt only at the root of a host, so on a preview
 * under a sub-path the `noindex` meta of every page is what keeps it out of an index; this file covers a
 * preview served at the root of its own host.
 */
export const GET: APIRoute = ({ site }) =>
  new Response(
    robotsTxt({
      preview: deploy.preview !== null,
      sitemapUrl: site ? new URL(href('/sitemap-index.xml'), site).href : undefined,
    }),
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  );
