import type { Entry } from '../corpus.ts';
import { instantOf, timelineOf } from '../lifecycle.ts';
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
        'Contract policies of one family (the version without its `.vN`, e.g. `service` for `service.v2` and `service.v3`) describe one served contract: at most one of them may have `status: live`. Every later `live` one is reported, pointing at the first. The one exception is the overlap window: after a cutover recorded in the `records.yaml` of a migration (a `go` decision and a `cutover-executed` event) both the `from` and `to` are served until a `window-closed` event for `overlap`. The pin then names which of them the runtime serves (`pins-agree`).',
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
    // During the overlap window that follows a recorded cutover, both contracts are served by design
    // (records.yaml: a cutover from one to the other and no `window-closed` event for `overlap` since).
    const overlapping = (a: string, b: string) =>
      corpus.migrations.some((bundle) => {
        const meta = bundle.meta?.data;
        const cutover = timelineOf(bundle)?.cutover;
        if (!meta || !cutover || !((meta.from === a && meta.to === b) || (meta.from === b && meta.to === a)))
          return false;
        const opened = instantOf(cutover.event.item.at);
        return !timelineOf(bundle)?.events.some(
          (event) =>
            event.item.type === 'window-closed' &&
            event.item.window === 'overlap' &&
            instantOf(event.item.at) >= opened,
        );
      });
    const firstLive = new Map<string, Entry<'contract-policy'>>();
    for (const contract of corpus.contracts) {
      if (contract.data.status !== 'live') continue;
      const family = familyOf(contract.data.version);
      const first = firstLive.get(family);
      if (!first) {
        firstLive.set(family, contract);
        continue;
      }
      if (overlapping(first.data.version, contract.data.version)) continue;
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
