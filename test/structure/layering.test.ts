import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/content.ts';
import { importsOf, layeringViolations, readSources } from './layering.ts';

describe('layering', () => {
  it('src/ keeps its layers: core and schemas stand alone, cli and astro do not import each other', () => {
    const sources = readSources(repoRoot);
    // The walk found the layers; an empty list would make the next assertion vacuous.
    for (const layer of ['core', 'schemas', 'cli', 'astro']) {
      expect(
        sources.some((source) => source.path.startsWith(`src/${layer}/`)),
        layer,
      ).toBe(true);
    }
    expect(layeringViolations(sources)).toEqual([]);
  });

  it('reads static, dynamic, re-export and type-only imports, and the frontmatter of .astro files', () => {
    const text = [
      "import a from './a.ts';",
      "import type { B } from '../b.ts';",
      "export { c } from './c.ts';",
      "const d = await import('./d.ts');",
      "import 'e';",
    ].join('\n');
    expect(importsOf({ path: 'src/core/x.ts', text })).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts', 'e']);
    expect(
      importsOf({ path: 'src/astro/p.astro', text: "---\nimport X from './x.ts';\n---\n<p>import './no.ts'</p>" }),
    ).toEqual(['./x.ts']);
  });

  it('fails on each forbidden import, naming the file, the import and the rule', () => {
    const forbidden = layeringViolations([
      { path: 'src/core/links/x.ts', text: "import { href } from '../../astro/site.ts';" },
      {
        path: 'src/core/y.ts',
        text: "import type { AstroIntegration } from 'astro';\nimport { z } from '@astrojs/starlight/schema';",
      },
      {
        path: 'src/schemas/z.ts',
        text: "import { parse } from 'yaml';\nimport { loadCorpus } from '../core/read.ts';",
      },
      { path: 'src/cli/w.ts', text: "import { contractSidebar } from '../astro/sidebar.ts';" },
      { path: 'src/astro/v.ts', text: "import { pageOfContentFile } from '../cli/diff.ts';" },
    ]);
    expect(forbidden).toEqual([
      {
        file: 'src/core/links/x.ts',
        specifier: '../../astro/site.ts',
        reason: 'src/core may import only src/core and src/schemas',
      },
      { file: 'src/core/y.ts', specifier: 'astro', reason: 'src/core may not import Astro' },
      { file: 'src/core/y.ts', specifier: '@astrojs/starlight/schema', reason: 'src/core may not import Astro' },
      { file: 'src/schemas/z.ts', specifier: 'yaml', reason: 'src/schemas may import only zod and its own files' },
      {
        file: 'src/schemas/z.ts',
        specifier: '../core/read.ts',
        reason: 'src/schemas may import only zod and its own files',
      },
      { file: 'src/cli/w.ts', specifier: '../astro/sidebar.ts', reason: 'src/cli may not import src/astro' },
      { file: 'src/astro/v.ts', specifier: '../cli/diff.ts', reason: 'src/astro may not import src/cli' },
    ]);
  });

  it('allows what the layers may use: packages in core, zod in schemas, core from cli and astro', () => {
    expect(
      layeringViolations([
        {
          path: 'src/core/a.ts',
          text: "import { parse } from 'yaml';\nimport { x } from '../schemas/index.ts';\nimport { y } from './b.ts';",
        },
        { path: 'src/schemas/a.ts', text: "import { z } from 'zod';\nimport { common } from './common.ts';" },
        { path: 'src/cli/a.ts', text: "import { checkCorpus } from '../core/check.ts';" },
        {
          path: 'src/astro/a.ts',
          text: "import { checkCorpus } from '../core/check.ts';\nimport type { AstroIntegration } from 'astro';",
        },
      ]),
    ).toEqual([]);
  });
});
