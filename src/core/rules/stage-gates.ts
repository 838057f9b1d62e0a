import type { Gate } from '../../schemas/index.ts';
import { defineRule } from '../rule.ts';

export const stageGatesRule = defineRule(
  {
    id: 'stage-gates',
    description: 'An RFC stage that has started has its required gates passed.',
    docs: {
      checks:
        'A stage that is `current` or `done` must have every gate it lists under `requiresGates` passed: a stage starts only after the gates it requires.',
      fix: 'Set the stage back to `upcoming`, or record its gates as passed with evidence.',
      history:
        'This check was part of `status-coherence` until that rule was split into one rule per check; its reports now carry this id.',
      examples: [
        {
          title: 'A started stage whose gates have not passed',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: '    title: Cutover\n    status: upcoming\n',
          notOk: '    title: Cutover\n    status: done\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:38:5 Unexpected done stage `stage-cutover` before its gates passed (`producer-suite-green`, `consumer-suite-green`, `candidate-envelope-assertions`, `joint-signoff-recorded`), expected `upcoming`',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const gates = bundle.gates;
      const gateById = new Map<string, Gate>(gates?.data.gates.map((gate) => [gate.id, gate]) ?? []);
      const passed = (id: string) => gateById.get(id)?.status === 'passed';
      const rfc = bundle.rfc;
      if (rfc) {
        rfc.data.stages.forEach((stage, index) => {
          if (stage.status !== 'upcoming') {
            const open = stage.requiresGates.filter((id) => gateById.has(id) && !passed(id));
            if (open.length) {
              report({
                file: rfc.file,
                place: rfc.locate(['stages', index, 'status']),
                reason: `Unexpected ${stage.status} stage \`${stage.id}\` before its gates passed (${open.map((id) => `\`${id}\``).join(', ')}), expected \`upcoming\``,
                actual: stage.status,
                expected: ['upcoming'],
                hint: 'A stage starts only after the gates it requires have passed.',
              });
            }
          }
        });
      }
    }
  },
);
