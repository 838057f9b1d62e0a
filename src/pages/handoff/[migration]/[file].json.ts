import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedPayloads } from '../../../astro/payloads.ts';

/**
 * `/handoff/<migration>/<name>.json`: the committed handoff payload, byte for byte, at a stable URL a
 * consumer's CI can download (and check against the sha256 the handoff page shows).
 */
export const getStaticPaths = (() =>
  publishedPayloads().map((payload) => ({
    // The `.json` is part of the route file's name, so Astro serves the URL without a trailing slash in dev too.
    params: { migration: payload.migration, file: payload.fileName.replace(/\.json$/, '') },
    props: { text: payload.text },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { text: string }).text, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
