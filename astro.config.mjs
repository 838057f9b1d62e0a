// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { deployModeFromEnv, noindexMeta } from './src/astro/deploy.ts';
import { contractDocs } from './src/astro/integration.ts';

/**
 * Production unless the environment says otherwise: `SITE_URL` and `PREVIEW_BASE` (e.g. `/pr-42/`) place the
 * site, `PREVIEW_NAME` names a preview, `REVIEW_BASE=<git ref>` publishes `/review/`. A preview (non-root base
 * or a name) gets a banner, `noindex` on every page and a disallowing robots.txt; see src/astro/deploy.ts.
 */
const deploy = deployModeFromEnv(process.env);
const contractDocsIntegration = contractDocs({ deploy });

export default defineConfig({
  site: deploy.site,
  base: deploy.base,
  trailingSlash: 'always',
  integrations: [
    // Before Starlight, so a broken corpus fails the build before any page or collection work starts.
    contractDocsIntegration,
    starlight({
      title: 'MemoryKernel contract docs',
      description: 'Contract documents, live pin and migration gates for MemoryKernel and its consumers.',
      // The sidebar comes from the corpus the contract check loaded (a plugin of the integration above):
      // a new migration folder needs no code change, and nothing reads content/ a second time.
      plugins: [contractDocsIntegration.starlightPlugin()],
      // The plugin's sidebar holds global links only; this adds each migration's group to its own pages, so
      // page weight does not grow with the number of migrations.
      routeMiddleware: './src/astro/route-sidebar.ts',
      customCss: ['./src/styles/contract-docs.css'],
      // Every Starlight page, the 404 page included; robots.txt (src/pages/robots.txt.ts) follows the same mode.
      head: deploy.preview ? [noindexMeta] : [],
      // Head: the page title from content is written as text (Starlight writes it as HTML).
      components: { Banner: './src/components/PreviewBanner.astro', Head: './src/components/Head.astro' },
      lastUpdated: false,
      // Our own src/pages/404.astro: Starlight's looks up an optional `docs/404` entry and Astro 7 warns on the miss.
      disable404Route: true,
      pagination: false,
    }),
    // Starlight adds @astrojs/mdx with `optimize: true` when none is configured; configured here (after Starlight,
    // whose code blocks must come first) so `h2` stays a component the
    // document pages can override (src/components/ProseHeading.astro puts each section's facts under its heading).
    mdx({ optimize: { ignoreElementNames: ['h2'] } }),
  ],
  vite: {
    build: {
      rollupOptions: {
        // Astro 7 + Rolldown warn once per MDX file about Astro's own `"use astro:head-inject"` marker
        // (withastro/astro#18087). It says nothing about our content and buries real warnings.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
