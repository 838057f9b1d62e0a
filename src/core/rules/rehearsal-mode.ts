import { defineRule } from '../rule.ts';

export const rehearsalModeRule = defineRule(
  {
    id: 'rehearsal-mode',
    description: 'A migration leaves `rehearsal` mode only with an accepted RFC.',
    docs: {
      checks:
        "A migration's `mode` in `migration.yaml` stays `rehearsal` until its RFC is `accepted` (or `implemented`).",
      fix: 'Keep the migration in rehearsal mode until the RFC is accepted.',
      history:
        'This check was part of `status-coherence` until that rule was split into one rule per check; its reports now carry this id.',
      examples: [
        {
          title: 'A migration moved to cutover while its RFC is a draft',
          file: 'content/migrations/service-v3/migration.yaml',
          ok: 'mode: rehearsal\n',
          notOk: 'mode: cutover\n',
          reports: [
            'content/migrations/service-v3/migration.yaml:8:1 Unexpected mode `cutover` while the RFC is `draft`, expected `rehearsal` until the RFC is accepted',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const rfc = bundle.rfc;
      if (rfc) {
        const meta = bundle.meta;
        if (
          meta &&
          meta.data.mode !== 'rehearsal' &&
          rfc.data.status !== 'accepted' &&
          rfc.data.status !== 'implemented'
        ) {
          report({
            file: meta.file,
            place: meta.locate(['mode']),
            reason: `Unexpected mode \`${meta.data.mode}\` while the RFC is \`${rfc.data.status}\`, expected \`rehearsal\` until the RFC is accepted`,
            actual: meta.data.mode,
            expected: ['rehearsal'],
            hint: 'Keep the migration in rehearsal mode until the RFC is accepted.',
            related: { file: rfc.file, place: rfc.locate(['status']), reason: 'RFC status' },
          });
        }
      }
    }
  },
);
