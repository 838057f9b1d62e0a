import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Link, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { markdownToHtml } from 'satteri';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { collectBacklinks } from '../../src/core/links/backlinks.ts';
import { createCrossLinkIndex } from '../../src/core/links/cross-links.ts';
import { documentAnchors } from '../../src/core/links/site-map.ts';
import { proseReferences } from '../../src/core/ids.ts';
import { loadCorpusFromFiles } from '../../src/core/load.ts';
import { remarkCrossLinks } from '../../src/core/remark/remark-cross-links.ts';
import { satteriCrossLinks } from '../../src/core/remark/satteri-cross-links.ts';
import { replaceOnce, repoRoot, shippedFiles, withEdit, loadOptionsFor } from '../helpers/content.ts';

/**
 * The cross-link logic and its two adapters: Sätteri (Astro 7's default processor) and remark (unified).
 * Both must make the same links with the same citing anchors, and those anchors must be the ones the
 * backlinks point at.
 */

const migration = 'content/migrations/service-v3';
const base = '/preview/x/';
const corpus = loadCorpusFromFiles(shippedFiles(), loadOptionsFor(shippedFiles()));
const index = createCrossLinkIndex(corpus, { root: repoRoot, base });
const bundle = corpus.migrations.find((candidate) => candidate.id === 'service-v3')!;

function bodyOf(file: string, files = shippedFiles()): string {
  const text = files.find((candidate) => candidate.path === file)!.text;
  return text.slice(text.indexOf('\n---\n', 4) + 5);
}

async function satteriLinks(file: string, body = bodyOf(file), at = index) {
  const { html } = await markdownToHtml(body, {
    mdastPlugins: [satteriCrossLinks(() => at)],
    features: { gfm: true },
    fileURL: pathToFileURL(join(repoRoot, file)),
  });
  return {
    html,
    links: [...html.matchAll(/<a href="([^"]*)" title="[^"]*" id="([^"]*)" class="id-ref">/g)].map(
      ([, href = '', id = '']) => ({ href, id }),
    ),
  };
}

function remarkLinks(file: string, body = bodyOf(file)) {
  const processor = unified()
    .use(remarkParse)
    .use(remarkCrossLinks, { getIndex: () => index });
  const tree = processor.runSync(processor.parse(body), new VFile({ path: join(repoRoot, file) })) as Root;
  const links: { href: string; id: string }[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'link') {
      const link = node as Link & { data?: { hProperties?: { id?: string } } };
      if (link.data?.hProperties?.id) links.push({ href: link.url, id: link.data.hProperties.id });
    }
    for (const child of (node.children ?? []) as { type: string }[]) walk(child);
  };
  walk(tree);
  return { tree, links };
}

describe('cross-links', () => {
  for (const name of ['plan', 'tracker', 'rfc', 'gates']) {
    it(`${name}: every prose reference becomes a link to its definition, the same in Sätteri and remark`, async () => {
      const file = `${migration}/${name}.mdx`;
      const document = corpus.documents.find((candidate) => candidate.file === file)!;
      const { links } = await satteriLinks(file);
      expect(links).toHaveLength(proseReferences(document.body).length);
      expect(remarkLinks(file).links).toEqual(links);
      const anchors = documentAnchors(bundle, document);
      for (const link of links) {
        expect(link.href.startsWith(`${base}migrations/service-v3/`)).toBe(true);
        expect(anchors.has(link.id), link.id).toBe(true);
      }
      expect(new Set(links.map((link) => link.id)).size).toBe(links.length);
    });
  }

  it('links a tracker gate reference to the gate row, with the gate title as tooltip', async () => {
    const { html } = await satteriLinks(`${migration}/tracker.mdx`);
    expect(html).toContain(
      '<a href="/preview/x/migrations/service-v3/gates/#gate-joint-signoff-recorded" title="Joint sign-off recorded (producer and consumer)" id="ref-gate-joint-signoff-recorded" class="id-ref"><code>gate:joint-signoff-recorded</code></a>',
    );
  });

  it('rewrites links to content files and site paths, keeps external links and fragments', async () => {
    const body = [
      'See [the gate](gates.mdx#gate-producer-suite-green), [the pin](../../runtime/pin.yaml),',
      '[rules](/rules/references/), [top](#objective) and [web](https://example.com/x).',
      '',
    ].join('\n');
    const { html } = await satteriLinks(`${migration}/plan.mdx`, body);
    expect(html).toContain('href="/preview/x/migrations/service-v3/gates/#gate-producer-suite-green"');
    expect(html).toContain('href="/preview/x/runtime/"');
    expect(html).toContain('href="/preview/x/rules/references/"');
    expect(html).toContain('href="#objective"');
    expect(html).toContain('href="https://example.com/x"');
  });

  it('leaves unknown ids and non-content files alone (the references rule reports unknown ids)', async () => {
    const { html } = await satteriLinks(`${migration}/plan.mdx`, 'Unknown `gate:nope` and `task:P1`.\n');
    expect(html).toContain('<code>gate:nope</code>');
    expect(html).not.toContain('#gate-nope');
    // A reference inside a link is counted but not nested: the next occurrence gets the second anchor.
    const nested = await satteriLinks(`${migration}/plan.mdx`, '[`task:P1`](#x) then `task:P1`.\n');
    expect(nested.links).toEqual([{ href: '/preview/x/migrations/service-v3/tracker/#task-P1', id: 'ref-task-P1-2' }]);
    const outside = await satteriLinks(
      'src/content/docs/guides/reading-diagnostics.mdx',
      '`gate:producer-suite-green`\n',
    );
    expect(outside.links).toEqual([]);
  });
});

describe('backlinks', () => {
  const backlinks = collectBacklinks(bundle);

  it('list every citing place: prose references by their own anchor, frontmatter fields by the citing row', () => {
    expect(backlinks['gate:joint-signoff-recorded']).toContainEqual(
      expect.objectContaining({
        href: '/migrations/service-v3/tracker/#ref-gate-joint-signoff-recorded',
        page: 'Tracker',
        place: 'section “Task P4: Joint rehearsal entry handshake”',
      }),
    );
    expect(backlinks['command:cargo-test']).toContainEqual(
      expect.objectContaining({
        href: '/migrations/service-v3/gates/#gate-producer-suite-green',
        page: 'Gates',
        place: 'gate “Producer suite green” cites it as evidence',
      }),
    );
    expect(backlinks['task:P1']).toContainEqual(
      expect.objectContaining({ href: '/migrations/service-v3/plan/#exit-exit-joint-dependencies-explicit' }),
    );
  });

  it('point only at anchors the cited pages carry', () => {
    const anchorsByPage = new Map(
      bundle.documents.map((document) => [
        `/migrations/service-v3/${document.file
          .split('/')
          .at(-1)!
          .replace(/\.mdx$/, '')}/`,
        documentAnchors(bundle, document),
      ]),
    );
    const all = Object.values(backlinks).flat();
    expect(all.length).toBeGreaterThan(50);
    for (const backlink of all) {
      const [path, fragment] = backlink.href.split('#');
      expect(anchorsByPage.get(path!)?.has(fragment!), backlink.href).toBe(true);
    }
  });

  it('number prose references per document in order, as the plugins do', () => {
    const edited = withEdit(
      shippedFiles(),
      `${migration}/tracker.mdx`,
      replaceOnce('Three of the four tasks are done.', 'Three of the four tasks are done (`task:P4`).'),
    );
    const again = collectBacklinks(loadCorpusFromFiles(edited, loadOptionsFor(edited)).migrations[0]!);
    const hrefs = again['task:P4']!.filter((backlink) => backlink.file.endsWith('tracker.mdx')).map((b) => b.href);
    // The frontmatter row first (exit criteria live in the plan, so none here), then prose in document order.
    expect(hrefs).toEqual(
      hrefs.map((_, index) => `/migrations/service-v3/tracker/#ref-task-P4${index === 0 ? '' : `-${index + 1}`}`),
    );
    expect(hrefs.length).toBe(
      (collectBacklinks(bundle)['task:P4'] ?? []).filter((b) => b.file.endsWith('tracker.mdx')).length + 1,
    );
  });
});

describe('no link inside a link', () => {
  it('leaves a reference nested deeper in a link as code, in both adapters', async () => {
    const body = '[the **`gate:producer-suite-green`** gate](gates.mdx) and `gate:producer-suite-green`.\n';
    const satteri = await satteriLinks(`content/migrations/service-v3/plan.mdx`, body);
    const outer = satteri.html.slice(satteri.html.indexOf('<a '), satteri.html.indexOf('</a>'));
    expect(outer).toContain('<code>gate:producer-suite-green</code>');
    expect(outer.slice(1)).not.toContain('<a ');
    expect(satteri.links.map((link) => link.id)).toEqual(['ref-gate-producer-suite-green-2']);
    const remark = remarkLinks(`content/migrations/service-v3/plan.mdx`, body);
    expect(remark.links.map((link) => link.id)).toEqual(['ref-gate-producer-suite-green-2']);
  });
});

describe('live status tokens', () => {
  const body =
    'P4 is `status:task:P4`; tasks done: `count:task:done`; gates passed: `count:gate:passed`. Unknown: `status:task:P9`.\n';
  const file = `${migration}/tracker.mdx`;

  it('render the value from the data in Sätteri, and leave an unresolved token as code', async () => {
    const { html } = await satteriLinks(file, body);
    expect(html).toContain(
      'P4 is ready; tasks done: 3 of 4; gates passed: 0 of 4. Unknown: <code>status:task:P9</code>.',
    );
  });

  it('render the same in remark', () => {
    const { tree } = remarkLinks(file, body);
    const paragraph = tree.children[0] as { children: { type: string; value?: string }[] };
    expect(paragraph.children.map((child) => `${child.type}:${child.value}`)).toEqual([
      'text:P4 is ',
      'text:ready',
      'text:; tasks done: ',
      'text:3 of 4',
      'text:; gates passed: ',
      'text:0 of 4',
      'text:. Unknown: ',
      'inlineCode:status:task:P9',
      'text:.',
    ]);
  });
});
