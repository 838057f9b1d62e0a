import { loadProblemRule } from './load-problems.ts';

export const syntaxRule = loadProblemRule({
  id: 'syntax',
  description: 'Every content file can be read and parsed: YAML, JSON, frontmatter fences and MDX.',
  docs: {
    checks:
      'Reads each file under `content/` and parses it: YAML data files and frontmatter with the `yaml` package, JSON with a parser that keeps locations (duplicate keys are errors), Markdown and MDX bodies with satteri. Binary files and symlinks that leave the content folder are refused.',
    fix: 'Correct the syntax at the reported line and column; the hint names the fix for the common YAML slips (quote a value that contains `: `, indent with spaces like the sibling keys, close the frontmatter with `---`). For MDX prose, escape `{`, `}` and `<` with a backslash. Only the first structural error of a YAML block is reported: the ones after it are usually its echoes.',
    examples: [
      {
        title: 'A value containing `: ` left unquoted',
        file: 'content/migrations/service-v3/tracker.mdx',
        ok: 'owner: MemoryKernel\nstatus: active\n',
        notOk: 'owner: MemoryKernel\nstatus: active: yes\n',
        reports: [
          'content/migrations/service-v3/tracker.mdx:7:15 Unexpected `:` followed by a space inside the unquoted value of `status`, expected a plain value without `: ` (YAML reads it as the start of another key)',
        ],
      },
    ],
  },
});
