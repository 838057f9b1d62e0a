import { join } from 'node:path';
import { fixed, medianWallMs, type BenchSection } from '../context.ts';

/** What the validation adds to `astro build` of the shipped content. */
export const build: BenchSection = {
  id: 'build',
  flag: 'build',
  run(context) {
    const astro = join(context.root, 'node_modules/.bin/astro');
    const withCheckMs = medianWallMs(astro, ['build'], context);
    const withoutCheckMs = medianWallMs(astro, ['build'], context, { CONTRACT_DOCS_SKIP_CHECK: '1' });
    return {
      data: { withCheckMs, withoutCheckMs },
      lines: [
        `astro build: ${fixed(withCheckMs)} ms with the check, ${fixed(withoutCheckMs)} ms without (${fixed(((withCheckMs - withoutCheckMs) / withoutCheckMs) * 100, 1)}% added; target < 10%)`,
      ],
    };
  },
};
