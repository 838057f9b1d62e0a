import type { Gate } from '../../schemas/index.ts';
import { hasEvidence } from '../evidence.ts';
import { defineRule } from '../rule.ts';
import { unloadedContractVersions } from '../unloaded.ts';

const legacyField = 'legacy_error';

export const legacyGuardRule = defineRule(
  {
    id: 'legacy-guard',
    description:
      'The live contract keeps `legacy_error` required until every cutover gate has passed, and the live pin stays on the live contract during a rehearsal.',
    docs: {
      checks:
        "For each migration away from the live contract, `legacy_error` must stay in the live contract's required fields until every cutover gate of that migration has passed with evidence. The runtime pin's `service_contract_version` must be the contract marked `live`, and may not be the migration's target while the migration is in `rehearsal` mode.",
      fix: "Put `legacy_error` back in the live contract's required fields, or pass every cutover gate first. Keep the runtime pin on the live contract until the migration leaves rehearsal mode.",
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
    const runtime = corpus.runtimePin;
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
          reason: `Unexpected \`${contract.data.version}\` policy without required \`${legacyField}\` while ${open.length} of ${bundle.gates.data.gates.length} cutover gates of \`${bundle.id}\` have not passed, expected \`${legacyField}\` to stay required`,
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

    if (!runtime) return;
    const pinned = runtime.data.pin.service_contract_version;
    const pinnedContract = corpus.contracts.find((contract) => contract.data.version === pinned);
    // A pinned contract whose file failed to load has an unknown status: its own report comes first.
    if (
      corpus.contracts.length &&
      pinnedContract?.data.status !== 'live' &&
      !unloadedContractVersions(corpus).has(pinned)
    ) {
      report({
        file: runtime.file,
        place: runtime.locate(['pin', 'service_contract_version']),
        reason: `Unexpected live pin contract \`${pinned}\`, expected the contract marked \`live\`${live.length ? ` (\`${live.map((c) => c.data.version).join('`, `')}\`)` : ''}`,
        actual: pinned,
        expected: live.map((contract) => contract.data.version),
        hint: 'The runtime pin serves the live contract; change the pin or the contract statuses together.',
      });
    }
    for (const bundle of corpus.migrations) {
      const metaEntry = bundle.meta;
      const meta = metaEntry?.data;
      if (!metaEntry || !meta || meta.mode !== 'rehearsal' || pinned !== meta.to) continue;
      report({
        file: runtime.file,
        place: runtime.locate(['pin', 'service_contract_version']),
        reason: `Unexpected live pin on \`${meta.to}\` while migration \`${bundle.id}\` is in rehearsal mode, expected \`${meta.from}\``,
        actual: pinned,
        expected: [meta.from],
        hint: `A rehearsal never moves the runtime; keep \`${meta.from}\` until the migration's mode is \`cutover\` and its gates have passed.`,
        related: { file: metaEntry.file, place: metaEntry.locate(['mode']), reason: 'Mode declared here' },
      });
    }
  },
);
