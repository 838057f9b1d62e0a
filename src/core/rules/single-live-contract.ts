import type { Entry } from '../corpus.ts';
import { defineRule } from '../rule.ts';

/** The family of a contract version: `service.v3` belongs to `service`. */
function familyOf(version: string): string {
  return version.replace(/\.v\d+$/, '');
}

export const singleLiveContractRule = defineRule(
  {
    id: 'single-live-contract',
    description: 'At most one contract version of each family (`service.vN`) is `live` at a time.',
    docs: {
      checks:
        'Contract policies of one family (the version without its `.vN`, e.g. `service` for `service.v2` and `service.v3`) describe one served contract: at most one of them may have `status: live`. Every later `live` one is reported, pointing at the first. The pin then names which of them the runtime serves (`pins-agree`).',
      fix: 'Keep one version `live`: set the version that is no longer served to `retired` (after cutover) or the one not yet served to `candidate` (before cutover).',
      examples: [
        {
          title: 'The candidate is marked live while service.v2 still is',
          file: 'content/contracts/service.v3.yaml',
          ok: 'status: candidate\n',
          notOk: 'status: live\n',
          reports: [
            'content/contracts/service.v3.yaml:4:1 Unexpected second live `service` contract `service.v3`, expected at most one live version of a family (`service.v2` is live)',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const firstLive = new Map<string, Entry<'contract-policy'>>();
    for (const contract of corpus.contracts) {
      if (contract.data.status !== 'live') continue;
      const family = familyOf(contract.data.version);
      const first = firstLive.get(family);
      if (!first) {
        firstLive.set(family, contract);
        continue;
      }
      report({
        file: contract.file,
        place: contract.locate(['status']),
        reason: `Unexpected second live \`${family}\` contract \`${contract.data.version}\`, expected at most one live version of a family (\`${first.data.version}\` is live)`,
        actual: 'live',
        expected: ['candidate', 'retired'],
        hint: `Keep one version live: mark \`${contract.data.version}\` \`candidate\` until cutover, or \`${first.data.version}\` \`retired\` once it is no longer served.`,
        related: {
          file: first.file,
          place: first.locate(['status']),
          reason: `\`${first.data.version}\` is live here`,
        },
      });
    }
  },
);
