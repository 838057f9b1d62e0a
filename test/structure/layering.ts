import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

/**
 * The layers of `src/` and what each may import, checked from the import statements themselves (static,
 * dynamic, `export ... from`, type-only). A module specifier is either relative (resolved against the file)
 * or a package name.
 *
 * - `src/core` is the checker: it may import `src/core`, `src/schemas` and packages, but nothing of Astro
 *   (`astro`, `astro:*`, `@astrojs/*`), so the CLI, the tests and the integration run the same code.
 * - `src/schemas` is the one definition of input: `zod` and its own files only.
 * - `src/cli` and `src/astro` are two front ends of the core: neither imports the other.
 */

export interface SourceText {
  /** Repository-relative path with `/` separators, e.g. `src/core/check.ts`. */
  path: string;
  text: string;
}

export interface LayeringViolation {
  file: string;
  specifier: string;
  reason: string;
}

const astroPackage = /^(astro(:|\/|$)|@astrojs\/)/;

/** Every module specifier a TypeScript or Astro file imports (an `.astro` file's frontmatter is TypeScript). */
export function importsOf(source: SourceText): string[] {
  let code = source.text;
  if (source.path.endsWith('.astro')) {
    const fence = /^---\r?\n([\s\S]*?)\r?\n---/.exec(code);
    code = fence?.[1] ?? '';
  }
  return ts.preProcessFile(code, true, true).importedFiles.map((file) => file.fileName);
}

function layerOf(path: string): 'core' | 'schemas' | 'cli' | 'astro' | undefined {
  const match = /^src\/(core|schemas|cli|astro)\//.exec(path);
  return match?.[1] as 'core' | 'schemas' | 'cli' | 'astro' | undefined;
}

/** The rules above, applied to the given files. */
export function layeringViolations(sources: readonly SourceText[]): LayeringViolation[] {
  const violations: LayeringViolation[] = [];
  for (const source of sources) {
    const layer = layerOf(source.path);
    if (!layer) continue;
    for (const specifier of importsOf(source)) {
      const relativeImport = specifier.startsWith('.');
      const target = relativeImport
        ? normalize(join(dirname(source.path), specifier))
            .split('\\')
            .join('/')
        : undefined;
      const targetLayer = target ? layerOf(target) : undefined;
      const report = (reason: string) => violations.push({ file: source.path, specifier, reason });
      if (layer === 'core') {
        if (target && targetLayer !== 'core' && targetLayer !== 'schemas')
          report('src/core may import only src/core and src/schemas');
        if (!target && astroPackage.test(specifier)) report('src/core may not import Astro');
      } else if (layer === 'schemas') {
        if (target && targetLayer !== 'schemas') report('src/schemas may import only zod and its own files');
        if (!target && specifier !== 'zod' && !specifier.startsWith('zod/'))
          report('src/schemas may import only zod and its own files');
      } else if (layer === 'cli' && targetLayer === 'astro') {
        report('src/cli may not import src/astro');
      } else if (layer === 'astro' && targetLayer === 'cli') {
        report('src/astro may not import src/cli');
      }
    }
  }
  return violations;
}

/** The TypeScript and Astro files under `src/`, read from disk. */
export function readSources(root: string): SourceText[] {
  const sources: SourceText[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts|astro)$/.test(entry.name)) {
        sources.push({ path: relative(root, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(join(root, 'src'));
  return sources;
}
