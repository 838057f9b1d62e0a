import { describe, expect, it } from 'vitest';
import { rewriteProducerLinks, type LinkPlace } from '../../src/core/adopt/producer-links.ts';

/** Links between a producer's files, once the text lives in content/ (src/core/adopt/producer-links.ts). */
describe('producer links in imported text', () => {
  const contentFile = 'content/migrations/service-v3/plan.mdx';
  const imported = new Map([
    ['docs/pkg/rehearsal-plan.md', contentFile],
    ['docs/pkg/go-no-go.md', 'content/migrations/service-v3/gates.mdx'],
  ]);
  const run = (lines: string[]) => {
    const notes: string[] = [];
    const origins: LinkPlace[] = lines.map((_line, index) => ({
      file: 'docs/pkg/rehearsal-plan.md',
      line: index + 10,
    }));
    const out = rewriteProducerLinks(lines, origins, {
      contentFile,
      imported,
      existsAfterImport: (path) => path === 'content/runtime/pin.yaml',
      inform: (place, reason) => notes.push(`${place.file}:${place.line} ${reason}`),
    });
    return { out, notes };
  };

  it('a link to an imported file names its content document, anchor kept; to itself, the anchor alone', () => {
    const { out, notes } = run([
      'See [the go/no-go](go-no-go.md#gates) and [`go-no-go.md`](./go-no-go.md).',
      'Back to [the commands](rehearsal-plan.md#producer-verification-commands).',
    ]);
    expect(out).toEqual([
      'See [the go/no-go](gates.mdx#gates) and [`go-no-go.md`](gates.mdx).',
      'Back to [the commands](#producer-verification-commands).',
    ]);
    expect(notes).toEqual([]);
  });

  it('a link to a file not imported is kept as its text, with a note at its producer line', () => {
    const { out, notes } = run([
      'Steps: see [the cutover runbook](./cutover.md "runbook").',
      '[`index.md`](../pkg/index.md)',
    ]);
    expect(out).toEqual(['Steps: see the cutover runbook.', '`index.md`']);
    expect(notes).toEqual([
      'docs/pkg/rehearsal-plan.md:10 link `./cutover.md` kept as its text: `docs/pkg/cutover.md` is not imported into content, so the site has no page for it; link it by its full web address if readers need it',
      'docs/pkg/rehearsal-plan.md:11 link `../pkg/index.md` kept as its text: `docs/pkg/index.md` is not imported into content, so the site has no page for it; link it by its full web address if readers need it',
    ]);
  });

  it('leaves external, site, same-page and already-resolving links, code spans and fenced code alone', () => {
    const lines = [
      '[site](https://example.com/x.md), [page](/runtime/), [here](#rollback), [pin](../../runtime/pin.yaml)',
      'Write `[x](cutover.md)` literally.',
      '```md',
      '[x](cutover.md)',
      '```',
    ];
    const { out, notes } = run(lines);
    expect(out).toEqual(lines);
    expect(notes).toEqual([]);
  });
});
