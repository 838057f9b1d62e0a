import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package that is loaded the first time it is used instead of when the checker starts. For packages
 * only a rare path needs (the HTML parser behind raw HTML in a body, the YAML parser that locates a
 * reported problem), so `pnpm check` on content that never takes that path does not pay for loading them.
 * Synchronous (Node's `require`, which also loads ES modules), because the checker is synchronous.
 * Only bare package specifiers and Node's built-in modules: they resolve the same from the sources, the
 * CLI bundle and a build.
 */
export function loadOnUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
