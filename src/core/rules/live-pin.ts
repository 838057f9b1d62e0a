import { defineRule } from '../rule.ts';
import { unloadedContractVersions } from '../unloaded.ts';

export const livePinRule = defineRule(
  {
    id: 'live-pin',
    description:
      "The runtime pin serves the contract marked `live`, and does not move to a migration's target while that migration is a rehearsal.",
    docs: {
      checks:
        "The runtime pin's `service_contract_version` must be the contract whose policy says `status: live`, and may not be the target (`to`) of a migration whose `mode` is `rehearsal`: a rehearsal never moves the runtime.",
      fix: 'Keep the runtime pin on the live contract until the migration leaves rehearsal mode; when the runtime really moves, change the pin and the contract statuses together.',
      history:
        'These checks were part of `legacy-guard` until it was split; their reports now carry the id `live-pin`.',
      examples: [
        {
          title: 'The pinned contract is not the one marked live',
          file: 'content/contracts/service.v2.yaml',
          ok: 'title: service.v2 error envelope\nstatus: live\n',
          notOk: 'title: service.v2 error envelope\nstatus: retired\n',
          reports: [
            'content/runtime/pin.yaml:15:5 Unexpected live pin contract `service.v2`, expected the contract marked `live`',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const runtime = corpus.runtimePin;
    if (!runtime) return;
    const live = corpus.contracts.filter((contract) => contract.data.status === 'live');
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
