import { loadProblemRule } from './load-problems.ts';

export const schemaRule = loadProblemRule({
  id: 'schema',
  description: 'Every document and data file matches the zod schema of its `kind`; unknown keys are errors.',
  docs: {
    checks:
      'Validates each file against the schema named by its `kind` (the same schemas Astro content collections use). Schemas are strict: an unknown key is reported with the closest allowed key, a missing key at its parent, a wrong value at its own key.',
    fix: 'Change the value or key at the reported line; every field is described, with an example, in `src/schemas/` (one file per kind).',
    examples: [
      {
        title: 'A misspelt key in a task',
        file: 'content/migrations/service-v3/tracker.mdx',
        ok: '      - Both teams confirm in writing that the rehearsal entry criteria are met and that no runtime cutover was needed.\n    waitsOn: []\n',
        notOk:
          '      - Both teams confirm in writing that the rehearsal entry criteria are met and that no runtime cutover was needed.\n    waitOn: []\n',
        reports: [
          'content/migrations/service-v3/tracker.mdx:47:5 Unexpected key `waitOn` in `tasks[3]`, expected one of `id`, `title`, `status`, `owner`, `definitionOfDone`, `waitsOn`, `deliverables`',
        ],
      },
    ],
  },
});
