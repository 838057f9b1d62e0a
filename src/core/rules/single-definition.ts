import { loadProblemRule } from './load-problems.ts';

export const singleDefinitionRule = loadProblemRule({
  id: 'single-definition',
  description:
    'A fact declared once stays declared once: one runtime pin, one producer manifest, one file per contract version, one migration.yaml and one document of each kind per migration.',
  docs: {
    checks:
      'While loading, the first file of a single kind wins and every further one is refused with a report naming the first: a second `runtime-pin` or `producer-manifest`, a second policy for the same contract version, a second `migration.yaml` in a migration folder, or a second plan, tracker, RFC or gates document in one migration. The refused file is not used by any other rule, so its facts cannot contradict the first.',
    fix: 'Merge the two files into the first one named in the report and delete the other, or move a document to its own migration folder.',
    history:
      'Until this rule existed, these reports carried the rule id `schema`; they are not schema problems (each file on its own is valid), so they have their own id.',
    examples: [
      {
        title: 'A second migration.yaml in a migration folder',
        file: 'content/migrations/service-v3/second-migration.yaml',
        ok: '',
        notOk:
          'kind: migration\nid: service-v3\ntitle: service.v2 → service.v3\nproducer: MemoryKernel\nconsumer: AssistSupport\nfrom: service.v2\nto: service.v3\nmode: rehearsal\nstarted: 2026-02-08\n',
        reports: [
          'content/migrations/service-v3/second-migration.yaml:1:1 Unexpected second migration.yaml in content/migrations/service-v3/second-migration.yaml, expected exactly one (the first is content/migrations/service-v3/migration.yaml)',
        ],
      },
    ],
  },
});
