import type { Gate } from '../../schemas/index.ts';
import { hasEvidence } from '../evidence.ts';
import { defineRule } from '../rule.ts';
import { agreeing, plural } from '../text/plural.ts';

const legacyField = 'legacy_error';

export const legacyGuardRule = defineRule(
  {
    id: 'legacy-guard',
    description:
      'The live contract keeps `legacy_error` required until every cutover gate of the migration away from it has passed.',
    docs: {
      checks:
        "For each migration away from the live contract, `legacy_error` must stay in the live contract's required fields until every cutover gate of that migration has passed with evidence.",
      fix: "Put `legacy_error` back in the live contract's required fields, or pass every cutover gate first.",
      history:
        'Until `live-pin` existed, this rule also checked that the runtime pin serves the live contract and does not move during a rehearsal; those reports now carry the id `live-pin`.',
      examples: [
        {
          title: '`legacy_error` removed from the live contract before the cutover gates passed',
          file: 'content/contracts/service.v2.yaml',
          ok: '    - error.message\n    - legacy_error\n  optional: []\n',
          notOk: '    - error.message\n  optional: []\n',
          reports: [
            'content/contracts/service.v2.yaml:7:3 Unexpected `service.v2` policy without required `legacy_error` while 4 of 4 cutover gates of `service-v3` have not passed, expected `legacy_error` to stay required',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const live = corpus.contracts.filter((contract) => contract.data.status === 'live');

    for (const contract of live) {
      if (contract.data.envelope.required.includes(legacyField)) continue;
      for (const bundle of corpus.migrations) {
        if (bundle.meta?.data.from !== contract.data.version || !bundle.gates) continue;
        const open = bundle.gates.data.gates.filter(
          (gate) => !(gate.status === 'passed' && hasEvidence(gate.evidence)),
        );
        if (!open.length) continue;
        report({
          file: contract.file,
          place: contract.locate(['envelope', 'required']),
          reason: `Unexpected \`${contract.data.version}\` policy without required \`${legacyField}\` while ${open.length} of ${plural(bundle.gates.data.gates.length, 'cutover gate')} of \`${bundle.id}\` ${agreeing(open.length, 'has', 'have')} not passed, expected \`${legacyField}\` to stay required`,
          actual: contract.data.envelope.required.join(', '),
          expected: [...contract.data.envelope.required, legacyField],
          hint: `Add \`${legacyField}\` back to \`envelope.required\`; it may only go once these gates pass: ${open.map((gate) => `\`${gate.id}\``).join(', ')}.`,
          related: {
            file: bundle.gates.file,
            place: bundle.gates.locate(['gates', bundle.gates.data.gates.indexOf(open[0] as Gate)]),
            reason: 'First open gate',
          },
        });
      }
    }
  },
);
