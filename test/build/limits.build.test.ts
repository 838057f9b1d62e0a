import { closeSync, existsSync, openSync, readFileSync, truncateSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentLimits } from '../../src/core/limits.ts';
import { astroBuild, copyProject, lineOf } from './project-copy.ts';

/**
 * The content limits (`src/core/limits.ts`) in a real `astro build`: bodies nested 10,000 deep, 200,000
 * links, a 600 MB file. With the check, the build fails at config time with each one located and the
 * limit named; without it (the check skipped), the render policy cuts the nesting at the same limit and
 * the build neither crashes nor publishes what is past it.
 */

const tracker = 'content/migrations/service-v3/tracker.mdx';
const rfc = 'content/migrations/service-v3/rfc.mdx';
const gates = 'content/migrations/service-v3/gates.mdx';
const deepQuote = `${'>'.repeat(10_000)} deep-quote-marker\n`;
const deepEmphasis = `${'*'.repeat(10_000)}deep-emphasis-marker${'*'.repeat(10_000)}\n`;
const manyLinks = `${Array.from({ length: 200_000 }, (_, index) => `[${index % 10}](${index % 7})`).join(' ')}\n`;

const noCrash = (output: string) => {
  expect(output).not.toContain('Maximum call stack');
  expect(output).not.toMatch(/\binternal\b/);
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(output).not.toContain('An unhandled error occurred');
};

describe('astro build and the content limits', () => {
  it.concurrent(
    'deep nesting, 200,000 links and a 600 MB file: the build fails, each located with its limit',
    async () => {
      const copy = copyProject('limits');
      try {
        const lines = {
          tracker: copy.read(tracker).split('\n').length + 1,
          rfc: copy.read(rfc).split('\n').length + 1,
          gates: copy.read(gates).split('\n').length + 1,
        };
        copy.write(tracker, `${copy.read(tracker)}\n${deepQuote}`);
        copy.write(rfc, `${copy.read(rfc)}\n${deepEmphasis}`);
        copy.write(gates, `${copy.read(gates)}\n${manyLinks}`);
        const huge = copy.path('content/contracts/dump.yaml');
        closeSync(openSync(huge, 'w'));
        truncateSync(huge, 600 * 2 ** 20); // sparse: 600 MB of size, no disk used
        const result = await astroBuild(copy.dir);
        expect(result.code, result.output).not.toBe(0);
        expect(result.output).toMatch(/contract check failed: \d+ errors?/);
        expect(existsSync(copy.path('dist/index.html'))).toBe(false);
        noCrash(result.output);
        const report = (where: string) => new RegExp(`${where.replace(/\./g, '\\.')}\\s+error\\s+content-limits\\s+`);
        expect(result.output).toMatch(report(`${tracker}:${lines.tracker}:101`));
        expect(result.output).toContain(
          'Unexpected nesting deeper than 100 levels of blockquotes, expected at most 100 (the nesting limit)',
        );
        expect(result.output).toMatch(report(`${rfc}:${lines.rfc}:\\d+`));
        expect(result.output).toMatch(report(`${gates}:${lines.gates}:${7 * contentLimits.linksPerDocument + 1}`));
        expect(result.output).toContain(
          'Unexpected link number 5,001 in one document, expected at most 5,000 links (the link limit)',
        );
        expect(result.output).toMatch(report('content/contracts/dump.yaml:1:1'));
        expect(result.output).toContain(
          'Unexpected file of 600.0 MB, expected at most 4 MB (the content file size limit)',
        );
      } finally {
        copy.remove();
      }
    },
  );

  it.concurrent(
    'deep nesting with the check skipped: the render policy cuts it, the build does not crash',
    async () => {
      const copy = copyProject('limits-render');
      try {
        copy.write(tracker, `${copy.read(tracker)}\n${deepQuote}\n${deepEmphasis}`);
        const result = await astroBuild(copy.dir, { CONTRACT_DOCS_SKIP_CHECK: '1' });
        expect(result.code, result.output).toBe(0);
        noCrash(result.output);
        const html = readFileSync(copy.path('dist/migrations/service-v3/tracker/index.html'), 'utf8');
        // The body is published down to the limit and no deeper: the text past level 100 is not on the page.
        expect(html).not.toContain('deep-quote-marker');
        expect(html).not.toContain('deep-emphasis-marker');
        const quotes = html.match(/<blockquote/g)?.length ?? 0;
        expect(quotes).toBeGreaterThan(contentLimits.nestingDepth / 2);
        expect(quotes).toBeLessThanOrEqual(contentLimits.nestingDepth + 1);
        // The prose before it is there.
        expect(lineOf(copy.read(tracker), 'deep-quote-marker')).toBeGreaterThan(1);
      } finally {
        copy.remove();
      }
    },
  );
});
