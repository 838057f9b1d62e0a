import { defineRule } from '../rule.ts';

export const gatesNeedAcceptedRfcRule = defineRule(
  {
    id: 'gates-need-accepted-rfc',
    description: 'No cutover gate passes while the RFC is still a draft or in review.',
    docs: {
      checks:
        'Cutover gates pass only under an accepted RFC: while the RFC of the migration is `draft` or `review`, every gate must still be `pending` or `failed`.',
      fix: 'Accept the RFC first (status `accepted`), or set the gate back to `pending`.',
      history:
        'This check was part of `status-coherence` until that rule was split into one rule per check; its reports now carry this id.',
      examples: [
        {
          title: 'A gate passed while the RFC is a draft',
          file: 'content/migrations/service-v3/gates.mdx',
          ok: '    title: Producer suite green\n    owner: producer\n    status: pending\n',
          notOk: '    title: Producer suite green\n    owner: producer\n    status: passed\n',
          reports: [
            'content/migrations/service-v3/gates.mdx:12:5 Unexpected passed gate `producer-suite-green` while the RFC is in `draft`, expected cutover gates to pass only under an accepted RFC',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const gates = bundle.gates;
      const rfc = bundle.rfc;
      if (rfc) {
        if (gates && (rfc.data.status === 'draft' || rfc.data.status === 'review')) {
          gates.data.gates.forEach((gate, index) => {
            if (gate.status !== 'passed') return;
            report({
              file: gates.file,
              place: gates.locate(['gates', index, 'status']),
              reason: `Unexpected passed gate \`${gate.id}\` while the RFC is in \`${rfc.data.status}\`, expected cutover gates to pass only under an accepted RFC`,
              actual: 'passed',
              hint: 'Accept the RFC first (status `accepted`), or set the gate back to `pending`.',
              related: { file: rfc.file, place: rfc.locate(['status']), reason: 'RFC status' },
            });
          });
        }
      }
    }
  },
);
