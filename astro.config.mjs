// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { contractDocs } from './src/astro/integration.ts';
import { contractSidebar } from './src/astro/sidebar.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Production values; preview deploys set `SITE_URL` and `PREVIEW_BASE` (e.g. `/preview/rfc-x/`). */
const site = process.env.SITE_URL || 'https://contracts.internal.example';
const base = process.env.PREVIEW_BASE || '/';
/** A preview deploy (any non-root base) must stay out of search engines. */
const isPreview = base !== '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  integrations: [
    // Before Starlight, so a broken corpus fails the build before any page or collection work starts.
    contractDocs(),
    // Starlight brings @astrojs/mdx itself (it adds it when it is not configured), so it is not listed here.
    starlight({
      title: 'MemoryKernel contract docs',
      description: 'Contract documents, live pin and migration gates for MemoryKernel and its consumers.',
      // Read from content/ when the config is evaluated: a new migration folder needs no code change.
      sidebar: contractSidebar(root),
      customCss: ['./src/styles/contract-docs.css'],
      head: isPreview ? [{ tag: 'meta', attrs: { name: 'robots', content: 'noindex, nofollow' } }] : [],
      lastUpdated: false,
      // Our own src/pages/404.astro: Starlight's looks up an optional `docs/404` entry and Astro 7 warns on the miss.
      disable404Route: true,
      pagination: false,
    }),
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
