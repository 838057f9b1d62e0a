import { createHash } from 'node:crypto';
import { handoffPayloadLocation } from '../core/handoff-file.ts';
import siteIndex from 'virtual:contract-docs/site-index';
import { buildSchemaFiles } from '../core/generate/schemas.ts';
import type { DataByKind, Payload } from '../schemas/index.ts';

/**
 * The committed handoff payloads, read as text at build time. The site serves each one byte for byte at
 * a stable URL and renders it readably; the `payload-fresh` rule has already checked that the committed
 * file is exactly what the generator produces, so what is published is what the content says.
 */

export interface PublishedPayload {
  migration: string;
  /** File name in the migration folder, e.g. `handoff-candidate.json`. */
  fileName: string;
  /** Repository-relative source, e.g. `content/migrations/service-v3/handoff-candidate.json`. */
  source: string;
  /** The exact committed text. */
  text: string;
  /** Lower-case hex sha256 of the file's bytes. */
  sha256: string;
  /** Size in bytes. */
  bytes: number;
  /** Site path of the raw file (no base). */
  path: string;
  payload: Payload;
}

// The glob repeats `handoffPayloadFileName` (src/core/handoff-file.ts): Vite takes only a literal here.
const files = import.meta.glob<string>('/content/migrations/*/handoff-*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function publishedPayloads(): PublishedPayload[] {
  return Object.entries(files)
    .map(([key, text]) => {
      const { migration = '', fileName = '' } = handoffPayloadLocation(key) ?? {};
      const bytes = Buffer.from(text, 'utf8');
      return {
        migration,
        fileName,
        source: key.slice(1),
        text,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
        // Where the site map says the file is served (the raw file route builds exactly that path).
        path: siteIndex.fileDownloads[key.slice(1)] ?? '',
        payload: JSON.parse(text) as Payload,
      };
    })
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

export interface PublishedSchema {
  /** File name under `/schemas/`, e.g. `envelope-service.v3.schema.json`. */
  fileName: string;
  /** The schema's `title`, or its file name. */
  title: string;
  /** What a consumer validates with it. */
  validates: string;
}

/**
 * The JSON Schemas published under `/schemas/` (copied from `public/schemas/`, which `pnpm schemas`
 * writes), named the way the exporter names them, so the pages link exactly the files that exist.
 */
export function publishedSchemas(schemaFiles: readonly { path: string; text: string }[]): PublishedSchema[] {
  return schemaFiles.map(({ path, text }) => {
    const fileName = path.split('/').at(-1) ?? path;
    let title = fileName;
    try {
      const parsed = JSON.parse(text) as { title?: unknown };
      if (typeof parsed.title === 'string') title = parsed.title;
    } catch {
      // The exporter writes JSON; a title is a nicety.
    }
    const envelope = /^envelope-(.+)\.schema\.json$/.exec(fileName)?.[1];
    const validates =
      fileName === 'handoff-payload.schema.json'
        ? 'the handoff payload file'
        : fileName === 'consumer-pin.schema.json'
          ? "the consumer's pin file"
          : envelope
            ? `a non-2xx response body under ${envelope}`
            : 'see the schema title';
    return { fileName, title, validates };
  });
}

/** The JSON Schemas the site publishes, derived from the contracts the pages were built from. */
export function siteSchemas(contracts: readonly DataByKind['contract-policy'][]): PublishedSchema[] {
  // buildSchemaFiles reads only each contract's data; the pages hold the data without its file entry.
  return publishedSchemas(
    buildSchemaFiles({ contracts: contracts.map((data) => ({ data })) } as Parameters<typeof buildSchemaFiles>[0]),
  );
}
