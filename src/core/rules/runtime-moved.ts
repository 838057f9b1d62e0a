import type { DocumentEntry } from '../corpus.ts';
import { timelineOf } from '../lifecycle.ts';
import { defineRule } from '../rule.ts';

/** A document header (title, description, objective) that scopes the document to the rehearsal. */
const rehearsalHeader = /\brehears(?:al|e|ed|ing)\b|\bno runtime cutover\b/i;
const retiredStatuses = new Set(['superseded', 'historical']);
const acceptedRfc = new Set(['accepted', 'implemented']);

function headerText(document: DocumentEntry): string {
  const data = document.data as { title: string; description?: string; objective?: string };
  return [data.title, data.description ?? '', data.objective ?? ''].join('\n');
}

export const runtimeMovedRule = defineRule(
  {
    id: 'runtime-moved',
    description:
      'After a go decision and an executed runtime cutover, the pin, mode, RFC and rehearsal-only documents have moved; before it, nothing says they have.',
    docs: {
      checks:
        "The runtime has cut over when `records.yaml` holds a `cutover-executed` event (not undone by a later `rollback-executed`) authorised (`authorisedBy`) by a decision with scope `runtime-cutover` and outcome `go`. From then on: the live pin's `service_contract_version` is the migration's `to`; the migration's `mode` is no longer `rehearsal`; the RFC is `accepted` or `implemented`; every other document whose header (title, description, objective) scopes it to the rehearsal or to no runtime cutover is `historical` or `superseded`. Each report has `see:` at the decision and names the event. Before it: a cutover event needs such a decision; the mode is not `stabilization` or `complete`, the RFC is not `implemented`, and the pin is not on the target. The handoff payload's mode is generated from the migration's mode, so `payload-fresh` reports a payload that did not move.",
      fix: 'Move the stale document with the runtime: repin, set the mode, accept the RFC, mark rehearsal documents `historical` with `supersededBy`. If the cutover did not happen, remove or correct the event.',
      examples: [
        {
          title: 'A go decision and an executed cutover recorded while nothing else moved',
          file: 'content/migrations/service-v3/records.yaml',
          ok: 'decisions: []\nevents: []\n',
          notOk: [
            'decisions:',
            '  - id: cutover-go',
            '    title: Go for the service.v3 runtime cutover.',
            '    scope: runtime-cutover',
            '    outcome: go',
            '    decidedAt: 2026-03-02T13:00:00Z',
            '    approvers: [MemoryKernel, AssistSupport]',
            'events:',
            '  - id: cutover-executed',
            '    title: The runtime serves service.v3.',
            '    type: cutover-executed',
            '    at: 2026-03-02T14:05:00Z',
            '    authorisedBy: cutover-go',
            '',
          ].join('\n'),
          reports: [
            'content/migrations/service-v3/migration.yaml:8:1 Unexpected mode `rehearsal` after the runtime cut over to `service.v3` (event `cutover-executed`, 2026-03-02T14:05:00Z), expected `cutover`, `stabilization` or `complete`',
            'content/migrations/service-v3/plan.mdx:7:1 Unexpected active plan whose header says `rehearsal` after the runtime cut over to `service.v3` (event `cutover-executed`, 2026-03-02T14:05:00Z), expected `historical` or `superseded`',
            'content/migrations/service-v3/rfc.mdx:7:1 Unexpected RFC status `draft` after the runtime cut over to `service.v3` (event `cutover-executed`, 2026-03-02T14:05:00Z), expected `accepted` or `implemented`',
            'content/migrations/service-v3/tracker.mdx:7:1 Unexpected active tracker whose header says `rehearsal` after the runtime cut over to `service.v3` (event `cutover-executed`, 2026-03-02T14:05:00Z), expected `historical` or `superseded`',
            'content/runtime/pin.yaml:15:5 Unexpected live pin on `service.v2` after the runtime cut over to `service.v3` (event `cutover-executed`, 2026-03-02T14:05:00Z), expected `service.v3`',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const timeline = timelineOf(bundle);
      const meta = bundle.meta;
      if (!meta) continue;
      const { to, from } = meta.data;
      const pin = corpus.runtimePin;
      const rfc = bundle.rfc;

      if (timeline?.cutover) {
        const { decision, event } = timeline.cutover;
        const since = `after the runtime cut over to \`${to}\` (event \`${event.item.id}\`, ${event.item.at})`;
        const related = {
          file: timeline.entry.file,
          place: decision.at(),
          reason: `Go decision \`${decision.item.id}\` authorised cutover event \`${event.item.id}\``,
        };
        if (pin && pin.data.pin.service_contract_version !== to) {
          report({
            file: pin.file,
            place: pin.locate(['pin', 'service_contract_version']),
            reason: `Unexpected live pin on \`${pin.data.pin.service_contract_version}\` ${since}, expected \`${to}\``,
            actual: pin.data.pin.service_contract_version,
            expected: [to],
            hint: `Repin the runtime to the release that serves \`${to}\` (every pin field), and keep the old values as a \`rollback-target\` snapshot.`,
            related,
          });
        }
        if (meta.data.mode === 'rehearsal') {
          report({
            file: meta.file,
            place: meta.locate(['mode']),
            reason: `Unexpected mode \`rehearsal\` ${since}, expected \`cutover\`, \`stabilization\` or \`complete\``,
            actual: 'rehearsal',
            expected: ['cutover', 'stabilization', 'complete'],
            hint: 'Set `mode` to `stabilization` while the overlap and stabilization windows run, then `complete`; regenerate the payload with `pnpm generate`.',
            related,
          });
        }
        if (rfc && !acceptedRfc.has(rfc.data.status)) {
          report({
            file: rfc.file,
            place: rfc.locate(['status']),
            reason: `Unexpected RFC status \`${rfc.data.status}\` ${since}, expected \`accepted\` or \`implemented\``,
            actual: rfc.data.status,
            expected: ['accepted', 'implemented'],
            hint: 'Record the approvals and set the RFC to `implemented` (or `accepted`): the runtime already runs what it proposes.',
            related,
          });
        }
        for (const document of bundle.documents) {
          if (document === rfc || retiredStatuses.has(document.data.status)) continue;
          const header = rehearsalHeader.exec(headerText(document));
          if (!header) continue;
          report({
            file: document.file,
            place: document.locate(['status']),
            reason: `Unexpected ${document.data.status} ${document.kind} whose header says \`${header[0]}\` ${since}, expected \`historical\` or \`superseded\``,
            actual: document.data.status,
            expected: ['historical', 'superseded'],
            hint: 'Mark the document `historical` (or `superseded`) and name what replaces it in `supersededBy`; the site shows a banner. Or rewrite its header for the migration as it is now.',
            related,
          });
        }
        continue;
      }

      const event = timeline?.cutoverEvent;
      if (timeline && event) {
        const authoriser = event.item.authorisedBy ? timeline.decision(event.item.authorisedBy) : undefined;
        const what = authoriser
          ? `decision \`${authoriser.item.id}\`, a ${authoriser.item.outcome} on \`${authoriser.item.scope}\``
          : event.item.authorisedBy
            ? `unknown decision \`${event.item.authorisedBy}\``
            : 'no decision';
        report({
          file: timeline.entry.file,
          place: event.at(event.item.authorisedBy ? 'authorisedBy' : 'type'),
          reason: `Unexpected cutover event \`${event.item.id}\` authorised by ${what}, expected a \`go\` decision on \`runtime-cutover\``,
          actual: event.item.authorisedBy,
          hint: 'Record the go decision that authorised the cutover (scope `runtime-cutover`, outcome `go`) and name it in `authorisedBy`; if it was not taken, the cutover should not be recorded as executed.',
          ...(authoriser
            ? {
                related: {
                  file: timeline.entry.file,
                  place: authoriser.at(),
                  reason: `Decision \`${authoriser.item.id}\``,
                },
              }
            : {}),
        });
      }
      // No cutover has happened (or it was rolled back): nothing may say it did.
      const noCutover = event
        ? 'the cutover recorded is not authorised'
        : `no runtime cutover to \`${to}\` is recorded`;
      const recordHint = `Keep the migration as it is until the cutover is recorded in ${timeline?.entry.file ?? `${bundle.dir}/records.yaml`} (a go decision on \`runtime-cutover\` and a \`cutover-executed\` event).`;
      if (meta.data.mode === 'stabilization' || meta.data.mode === 'complete') {
        report({
          file: meta.file,
          place: meta.locate(['mode']),
          reason: `Unexpected mode \`${meta.data.mode}\` while ${noCutover}, expected \`rehearsal\` or \`cutover\``,
          actual: meta.data.mode,
          expected: ['rehearsal', 'cutover'],
          hint: recordHint,
        });
      }
      if (rfc && rfc.data.status === 'implemented') {
        report({
          file: rfc.file,
          place: rfc.locate(['status']),
          reason: `Unexpected RFC status \`implemented\` while ${noCutover}, expected \`accepted\` at most`,
          actual: 'implemented',
          expected: ['draft', 'review', 'accepted'],
          hint: recordHint,
        });
      }
      // In rehearsal mode the legacy guard already reports a pin on the target.
      if (pin && meta.data.mode !== 'rehearsal' && pin.data.pin.service_contract_version === to && from !== to) {
        report({
          file: pin.file,
          place: pin.locate(['pin', 'service_contract_version']),
          reason: `Unexpected live pin on \`${to}\` while ${noCutover}, expected \`${from}\``,
          actual: to,
          expected: [from],
          hint: recordHint,
        });
      }
    }
  },
);
