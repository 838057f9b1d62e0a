import { posix } from 'node:path';
import type { Corpus, MigrationBundle } from '../corpus.ts';
import { indexDefinitions, referencePattern, type ReferenceKind } from '../ids.ts';
import type { DocumentKind } from '../../schemas/index.ts';
import { renderLiveToken } from '../status-claims.ts';
import { resolveContentLink } from './resolve.ts';
import { documentName, referenceHref } from './site-map.ts';
import { citingAnchorId, withBase } from './routes.ts';

/**
 * The cross-linking logic, independent of the Markdown processor. The Sätteri and remark adapters
 * (`src/core/remark/`) walk a document and ask a `DocumentLinker` what to do with each inline code
 * and each link; this module decides. Unknown ids are not reported here: the `references` rule has
 * already failed the check (and the build) for them, so an unresolved reference stays plain code.
 */

/** A prose reference turned into a link. */
export interface ReferenceLink {
  /** Where the id is defined, with the deploy base, e.g. `/migrations/service-v3/gates/#gate-producer-suite-green`. */
  href: string;
  /** The item's title, shown as the link's tooltip. */
  title: string;
  /** Fragment id of the citing link itself, which the target's "Referenced by" list links back to. */
  id: string;
}

/** Per-document state of one compile: reference occurrences are counted in document order. */
export interface DocumentLinker {
  /**
   * Called for every inline code node in document order (also for ones the adapter leaves alone, such
   * as code inside a link, so occurrence numbers match the checker's count).
   */
  reference(value: string): ReferenceLink | undefined;
  /**
   * The text a live token renders (`status:task:P4` → `ready`, `count:gate:passed` → `2 of 4`), or
   * undefined for any other inline code. The `status-claims` rule has failed the check for a token that
   * names nothing, so an unresolved token stays plain code.
   */
  liveValue(value: string): string | undefined;
  /** The site URL (with base) a link written in the document should point at; undefined leaves it as written. */
  link(url: string): string | undefined;
}

export interface CrossLinkIndex {
  /** Absolute project root; adapters are given absolute file paths. */
  root: string;
  base: string;
  /**
   * A fresh linker for the Markdown file at `absolutePath`: a content document gets cross-links and link
   * rewriting, a site page under `src/content/` only the deploy base on site paths; other files none.
   */
  linkerFor(absolutePath: string): DocumentLinker | undefined;
}

/** The class every cross-link carries, so styles and tests can find them. */
export const crossLinkClass = 'id-ref';

export function createCrossLinkIndex(corpus: Corpus, options: { root: string; base: string }): CrossLinkIndex {
  const documents = new Map<string, { bundle: MigrationBundle | undefined }>();
  for (const document of corpus.documents) documents.set(document.file, { bundle: undefined });
  for (const bundle of corpus.migrations) {
    for (const document of bundle.documents) documents.set(document.file, { bundle });
  }
  const definitionIndexes = new WeakMap<MigrationBundle, ReturnType<typeof indexDefinitions>>();
  const root = options.root.replace(/\/+$/, '');

  return {
    root,
    base: options.base,
    linkerFor(absolutePath) {
      const normalized = absolutePath.split('\\').join('/');
      if (!normalized.startsWith(`${root}/`)) return undefined;
      const file = posix.normalize(normalized.slice(root.length + 1));
      const entry = documents.get(file);
      if (!entry) return file.startsWith('src/content/') ? siteLinker(options.base) : undefined;
      const { bundle } = entry;
      let definitions: ReturnType<typeof indexDefinitions> | undefined;
      if (bundle) {
        definitions = definitionIndexes.get(bundle) ?? indexDefinitions(bundle);
        definitionIndexes.set(bundle, definitions);
      }
      const names = bundle ? documentNames(bundle) : {};
      const seen = new Map<string, number>();
      return {
        liveValue(value) {
          const rendered = renderLiveToken(bundle, value);
          return rendered && 'text' in rendered ? rendered.text : undefined;
        },
        reference(value) {
          const match = referencePattern.exec(value);
          if (!match) return undefined;
          const kind = match[1] as ReferenceKind;
          const id = match[2] ?? '';
          const key = `${kind}:${id}`;
          const occurrence = (seen.get(key) ?? 0) + 1;
          seen.set(key, occurrence);
          const definition = definitions?.get(kind)?.get(id);
          if (!bundle || !definition) return undefined;
          const path = referenceHref(kind, id, bundle.id, names);
          if (path === undefined) return undefined;
          return {
            href: withBase(options.base, path),
            title: definition.title,
            id: citingAnchorId(kind, id, occurrence),
          };
        },
        link(url) {
          // A site path always gets the deploy base; whether it names a page is the `links` rule's question.
          if (url.startsWith('/') && !url.startsWith('//')) return withBase(options.base, url);
          const resolved = resolveContentLink(corpus, file, url);
          if (resolved.type !== 'page' && resolved.type !== 'missing-anchor') return undefined;
          // A same-page fragment stays as written; everything else becomes a site URL with the base.
          if (url.startsWith('#')) return undefined;
          return withBase(options.base, resolved.href);
        },
      };
    },
  };
}

/**
 * For the site's own Markdown pages (`src/content/docs/`): no id references, and site paths get the deploy
 * base, so `/rules/links/` works in a preview deployed under a sub-path too.
 */
function siteLinker(base: string): DocumentLinker {
  return {
    liveValue: () => undefined,
    reference: () => undefined,
    link: (url) => (url.startsWith('/') && !url.startsWith('//') ? withBase(base, url) : undefined),
  };
}

/** Document file name by kind (`{ plan: 'plan', gates: 'gates' }`), the first document of each kind. */
export function documentNames(bundle: MigrationBundle): Partial<Record<DocumentKind, string>> {
  const names: Partial<Record<DocumentKind, string>> = {};
  for (const slot of ['plan', 'tracker', 'rfc', 'gates'] as const) {
    const file = bundle[slot]?.file;
    if (file) names[slot] = documentName(file);
  }
  return names;
}
