import { defineRule } from '../rule.ts';

export const syntaxRule = defineRule(
  {
    id: 'syntax',
    description: 'Every content file can be read and parsed: YAML, JSON, frontmatter fences and MDX.',
    docs: {
      checks:
        'Reads each file under `content/` and parses it: YAML data files and frontmatter with the `yaml` package, JSON with a parser that keeps locations (duplicate keys are errors), Markdown and MDX bodies with satteri. Binary files and symlinks that leave the content folder are refused.',
      fix: 'Correct the syntax at the reported line. For MDX prose, escape `{`, `}` and `<` with a backslash.',
      example: 'Unexpected YAML: Nested mappings are not allowed in compact mappings',
    },
  },
  (corpus, report) => {
    for (const problem of corpus.loadProblems) {
      if (problem.stage !== 'syntax') continue;
      report({
        file: problem.file,
        place: problem.place,
        reason: problem.reason,
        actual: problem.actual,
        expected: problem.expected,
        hint: problem.hint,
      });
    }
  },
);
