import { hasEvidence } from '../evidence.ts';
import { defineRule } from '../rule.ts';

export const gateEvidenceRule = defineRule(
  {
    id: 'gate-evidence',
    description: 'A gate marked passed has evidence: at least one command, checklist item or envelope assertion.',
    docs: {
      checks:
        'A gate whose `status` is `passed` must name its evidence under `evidence`: commands that ran, checklist items, or an envelope assertion. A pass with nothing behind it is a claim nobody can check.',
      fix: 'Record the evidence under `evidence`, or set the status back to `pending`.',
      history:
        'This check was part of `status-coherence` until that rule was split into one rule per check; its reports now carry this id.',
      examples: [
        {
          title: 'A gate marked passed with no evidence',
          file: 'content/migrations/service-v3/gates.mdx',
          ok: '    status: pending\n    evidence:\n      commands: []\n      checklist: [go-no-go-decision-log, known-risk-acknowledgements]\n',
          notOk: '    status: passed\n    evidence:\n      commands: []\n      checklist: []\n',
          reports: [
            'content/migrations/service-v3/gates.mdx:49:5 Unexpected passed gate `joint-signoff-recorded` without evidence, expected at least one command, checklist item or envelope assertion',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const gates = bundle.gates;
      if (gates) {
        gates.data.gates.forEach((gate, index) => {
          if (gate.status !== 'passed' || hasEvidence(gate.evidence)) return;
          report({
            file: gates.file,
            place: gates.locate(['gates', index, 'status']),
            reason: `Unexpected passed gate \`${gate.id}\` without evidence, expected at least one command, checklist item or envelope assertion`,
            actual: 'passed',
            hint: 'Record the evidence under `evidence` (commands, checklist, envelope), or set the status back to `pending`.',
          });
        });
      }
    }
  },
);
