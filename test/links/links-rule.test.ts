import { describe, expect, it } from 'vitest';
import { externalLinks } from '../../src/core/links/content-links.ts';
import { loadCorpusFromFiles } from '../../src/core/load.ts';
import {
  checkFiles,
  positionOf,
  replaceOnce,
  shippedFiles,
  textOf,
  withEdit,
  loadOptionsFor,
} from '../helpers/content.ts';

/** The `links` rule: internal links and anchors in content prose resolve; external ones are listed. */

const tracker = 'content/migrations/service-v3/tracker.mdx';
const anchorText = 'Three of the four tasks are done.';

function withLink(markdown: string) {
  return withEdit(shippedFiles(), tracker, replaceOnce(anchorText, `${anchorText} ${markdown}`));
}

function linkReports(markdown: string): string[] {
  return checkFiles(withLink(markdown))
    .filter((diagnostic) => diagnostic.ruleId === 'links')
    .map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.reason}`);
}

describe('links rule', () => {
  it('accepts links to content files, site pages, schemas, anchors on them, and external URLs', () => {
    const ok = [
      '[gate](gates.mdx#gate-producer-suite-green)',
      '[section](gates.mdx#rollback-triggers)',
      '[cited](plan.mdx#ref-gate-producer-suite-green)',
      '[group](#facts-tasks-ready)',
      '[heading](#task-p4-joint-rehearsal-entry-handshake)',
      '[pin](../../runtime/pin.yaml)',
      '[manifest](../../runtime/producer-manifest.yaml)',
      '[v3](../../contracts/service.v3.yaml#example)',
      '[payload](handoff-candidate.json)',
      '[page](/runtime/#error-code-write_conflict)',
      '[rule](/rules/references/)',
      '[schema](/schemas/handoff-payload.schema.json)',
      '[guide](/guides/reading-diagnostics/)',
      '[matrix](/contracts/#example-service.v2)',
      '[handoff](/handoff/service-v3/)',
      '[web](https://example.com/docs) <a href="mailto:team@example.com">mail</a>',
    ];
    expect(linkReports(ok.join(', '))).toEqual([]);
  });

  it('reports a missing file, an unknown page, a missing anchor and an unpublished file, each located', () => {
    const line = positionOf(textOf(shippedFiles(), tracker), anchorText).line;
    expect(linkReports('[a](gate.mdx)')).toEqual([
      `${line}:35 Unexpected link \`gate.mdx\` to \`content/migrations/service-v3/gate.mdx\`, expected an existing content file; did you mean \`gates.mdx\`?`,
    ]);
    expect(linkReports('[a](/runtme/)')).toEqual([
      `${line}:35 Unexpected link \`/runtme/\`, expected a page of this site; did you mean \`/runtime/\`?`,
    ]);
    expect(linkReports('[a](gates.mdx#gate-producer-suite-gren)')).toEqual([
      `${line}:35 Unexpected anchor in link \`gates.mdx#gate-producer-suite-gren\`, expected a heading or item id on \`/migrations/service-v3/gates/\`; did you mean \`#gate-producer-suite-green\`?`,
    ]);
    expect(linkReports('[a](#no-such-heading)')[0]).toMatch(/Unexpected anchor in link `#no-such-heading`/);
    expect(linkReports('[a](../../../scripts/generate-payload.ts)')).toEqual([
      `${line}:35 Unexpected link \`../../../scripts/generate-payload.ts\` to \`scripts/generate-payload.ts\`, expected a content file the site publishes`,
    ]);
  });

  it('checks link definitions and MDX anchors too', () => {
    const reports = linkReports('[a][def] <a href="/nowhere/">x</a>\n\n[def]: plan.mdx#nope\n\n');
    expect(reports).toHaveLength(2);
    expect(reports.join('\n')).toMatch(/`\/nowhere\/`/);
    expect(reports.join('\n')).toMatch(/`plan\.mdx#nope`/);
  });

  it('lists external links with file and line, and never reports them', () => {
    const files = withLink('[web](https://example.com/docs)');
    const corpus = loadCorpusFromFiles(files, loadOptionsFor(files));
    expect(externalLinks(corpus)).toEqual([
      { url: 'https://example.com/docs', file: tracker, line: positionOf(textOf(files, tracker), 'https://').line },
    ]);
  });
});
