import { describe, expect, it } from 'vitest';
import { relinkProducerPages } from '../../src/core/adopt/producer-links.ts';

describe('links between the producer’s pages, in imported content', () => {
  const imported = new Map([
    ['docs/impl/SERVICE_V3_PLAN.md', 'plan.mdx'],
    ['docs/impl/SERVICE_V3_GATES.md', 'gates.mdx'],
  ]);

  it('points a link at the content file its page became, keeps the fragment, and unlinks a page not imported', () => {
    const { lines, unlinked } = relinkProducerPages(
      [
        'See [the gates](./SERVICE_V3_GATES.md#gate-1) and [the runbook](cutover.md).',
        'Up: [plan](../impl/SERVICE_V3_PLAN.md "the plan").',
      ],
      'docs/impl/SERVICE_V3_PLAN.md',
      imported,
    );
    expect(lines).toEqual([
      'See [the gates](./gates.mdx#gate-1) and the runbook.',
      'Up: [plan](./plan.mdx "the plan").',
    ]);
    expect(unlinked).toEqual([{ index: 0, target: 'cutover.md' }]);
  });

  it('leaves external links, site paths, fragments, images, other files and code alone', () => {
    const lines = [
      '[site](https://example.com/a.md) [page](/runtime/) [here](#exit-criteria) ![d](./diagram.md)',
      '[script](../scripts/run.sh) `[code](cutover.md)`',
    ];
    const result = relinkProducerPages(lines, 'docs/impl/SERVICE_V3_PLAN.md', imported);
    expect(result.lines).toEqual(lines);
    expect(result.unlinked).toEqual([]);
  });
});
