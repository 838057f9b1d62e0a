import { contentLimits } from '../limits.ts';
import { loadProblemRule } from './load-problems.ts';

const count = (value: number) => value.toLocaleString('en-US');

export const contentLimitsRule = loadProblemRule({
  id: 'content-limits',
  description:
    'No content file is larger, deeper or holds more links than the content limits, so no input can hang or crash the check or the build.',
  docs: {
    checks: `Holds every content file to the limits in \`src/core/limits.ts\`: at most ${contentLimits.fileBytes / 2 ** 20} MB per file (taken from the file's size before it is read; the same for repository files a \`source:\` names), at most ${contentLimits.nestingDepth} levels of nesting in a body (blockquotes, lists, emphasis, elements; every node is a level) and in JSON data, at most ${count(contentLimits.linksPerDocument)} links and ${count(contentLimits.nodesPerDocument)} Markdown nodes in one body. A real contract document stays orders of magnitude below each. The report points at the first node past the limit and names the limit. A body nested too deep is checked down to the limit; a body with too many links or nodes is not checked at all, and a file that is too large is not read. The site cuts rendered bodies at the same depth.`,
    fix: 'Split the document, flatten the structure, or move the large artifact (a log, a dump, a generated list of links) out of the content folder.',
    examples: [
      {
        title: 'A blockquote nested 120 levels deep',
        file: 'content/migrations/service-v3/rfc.mdx',
        ok: 'This RFC moves from draft to accepted when both approvers have signed off.\n',
        notOk: `${'>'.repeat(120)} This RFC moves from draft to accepted when both approvers have signed off.\n`,
        reports: [
          'content/migrations/service-v3/rfc.mdx:197:101 Unexpected nesting deeper than 100 levels of blockquotes, expected at most 100 (the nesting limit)',
        ],
      },
    ],
  },
});
