import type { Span } from '../diagnostic.ts';
import { referencePattern } from '../ids.ts';
import { instantOf, timelineOf } from '../lifecycle.ts';
import { defineRule } from '../rule.ts';
import { finishedOf, statusItems, statusNouns, type StatusItem, type StatusKind } from '../status-claims.ts';
import { unloadedKinds } from '../unloaded.ts';

/** What a `go` may rely on: the item in a finished state, with an evidence record made by `decidedAt`. */
interface Finishable extends StatusItem {
  noun: string;
  finished: string;
}

/** The kinds of item a decision's evidence may cite that have a finished status. */
const finishableKinds = ['gate', 'task', 'exit'] as const satisfies readonly StatusKind[];

export const decisionEvidenceRule = defineRule(
  {
    id: 'decision-evidence',
    description: "A `go` decision's evidence exists and is passed, met or done, with its records made by `decidedAt`.",
    docs: {
      checks:
        'For every decision with outcome `go` in `records.yaml`: each gate, task and exit criterion in its `evidence` must be passed, done or met, and each of those, each evidence record and each evidence checklist item it cites must have an evidence record made no later than `decidedAt`. A `go` on the `runtime-cutover` scope relies on every gate of the gates document (all must pass before cutover), cited or not. A stale item is reported once, at its status, with `see:` at the decision; a decision taken before its evidence was recorded is reported at the citation, with `see:` at the record.',
      fix: 'Finish and record what the decision relied on before dating the decision, or correct `decidedAt` to when the decision was really taken; a decision taken without the evidence is a `no-go` or must be taken again.',
      examples: [
        {
          title: 'A go decision taken 40 minutes before the CI run it cites was recorded',
          file: 'content/migrations/service-v3/records.yaml',
          ok: 'decisions: []\nevents: []\nwindows: []\nevidence:\n',
          notOk: [
            'decisions:',
            '  - id: rehearsal-entry-go',
            '    title: Go for the joint rehearsal entry.',
            '    scope: rehearsal',
            '    outcome: go',
            '    decidedAt: 2026-02-20T13:00:00Z',
            '    approvers: [MemoryKernel, AssistSupport]',
            '    evidence: [record:consumer-ci-run]',
            'events: []',
            'windows: []',
            'evidence:',
            '  - id: consumer-ci-run',
            '    title: AssistSupport CI ran its three checks against the payload.',
            '    recordedAt: 2026-02-20T13:40:00Z',
            '    by: consumer',
            '    for: [evidence:consumer-suite-results]',
            '    ci: https://ci.example/assistsupport/runs/1207',
            '',
          ].join('\n'),
          reports: [
            'content/migrations/service-v3/records.yaml:15:16 Unexpected go decision `rehearsal-entry-go` at 2026-02-20T13:00:00Z citing `record:consumer-ci-run`, recorded later at 2026-02-20T13:40:00Z, expected the evidence recorded no later than the decision',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const timeline = timelineOf(bundle);
      if (!timeline) continue;
      const unloaded = unloadedKinds(corpus, bundle);
      const recordsFile = timeline.entry.file;
      const reportedItems = new Set<string>();
      const finishable = (kind: string, id: string): Finishable | undefined => {
        if (!finishableKinds.includes(kind as never)) return undefined;
        const statusKind = kind as (typeof finishableKinds)[number];
        const item = statusItems(bundle, statusKind).find((candidate) => candidate.id === id);
        return item && { ...item, noun: statusNouns[statusKind], finished: finishedOf[statusKind] };
      };

      for (const decision of timeline.decisions) {
        const { item } = decision;
        if (item.outcome !== 'go') continue;
        const decidedAt = instantOf(item.decidedAt);
        const seeDecision = {
          file: recordsFile,
          place: decision.at(),
          reason: `Go decision \`${item.id}\` (${item.scope}, ${item.decidedAt})`,
        };
        const relied: { kind: string; id: string; place: Span }[] = item.evidence.flatMap((value, index) => {
          const match = referencePattern.exec(value);
          return match
            ? [
                {
                  kind: match[1] ?? '',
                  id: match[2] ?? '',
                  place: timeline.entry.locate(['decisions', decision.index, 'evidence', index]),
                },
              ]
            : [];
        });
        if (item.scope === 'runtime-cutover') {
          for (const gate of bundle.gates?.data.gates ?? []) {
            if (!relied.some((citation) => citation.kind === 'gate' && citation.id === gate.id))
              relied.push({ kind: 'gate', id: gate.id, place: decision.at('scope') });
          }
        }

        for (const citation of relied) {
          const reference = `${citation.kind}:${citation.id}`;
          // Items of a document that failed to load are unknown: no report either way.
          if (unloaded.has(citation.kind as never)) continue;
          const target = finishable(citation.kind, citation.id);
          if (target && target.status !== target.finished) {
            if (reportedItems.has(reference)) continue;
            reportedItems.add(reference);
            report({
              file: target.entry.file,
              place: target.entry.locate(target.path),
              reason: `Unexpected ${target.status} ${target.noun} \`${citation.id}\` relied on by go decision \`${item.id}\` (${item.decidedAt}), expected \`${target.finished}\` with an evidence record by then`,
              actual: target.status,
              expected: [target.finished],
              hint: `A go decision relies on finished work: record the evidence for \`${reference}\` and set it \`${target.finished}\`, or record the decision as \`no-go\`.`,
              related: seeDecision,
            });
            continue;
          }
          const records =
            citation.kind === 'record'
              ? timeline.records.filter((record) => record.item.id === citation.id)
              : timeline.recordsFor(reference);
          if (citation.kind === 'evidence' && !records.length) {
            report({
              file: recordsFile,
              place: citation.place,
              reason: `Unexpected go decision \`${item.id}\` citing checklist item \`${citation.id}\` with no evidence record, expected a record whose \`for\` names \`${reference}\``,
              actual: reference,
              hint: `Record the checklist item under \`evidence\` in ${recordsFile} (\`for: [${reference}]\`), dated no later than the decision.`,
              related: seeDecision,
            });
            continue;
          }
          // No record at all is the `evidence-records` rule's report (at the item's status); here only the dates.
          if (!records.length || records.some((record) => instantOf(record.item.recordedAt) <= decidedAt)) continue;
          const first = records[0];
          if (!first) continue;
          report({
            file: recordsFile,
            place: citation.place,
            reason: `Unexpected go decision \`${item.id}\` at ${item.decidedAt} citing \`${citation.kind === 'record' ? reference : `record:${first.item.id}`}\`${citation.kind === 'record' ? '' : ` (for \`${reference}\`)`}, recorded later at ${first.item.recordedAt}, expected the evidence recorded no later than the decision`,
            actual: first.item.recordedAt,
            expected: [`at or before ${item.decidedAt}`],
            hint: 'A decision can only rely on evidence that existed when it was taken: correct `decidedAt` or `recordedAt` to the real times, or take the decision again after the evidence is recorded.',
            related: {
              file: recordsFile,
              place: first.at('recordedAt'),
              reason: `Evidence record \`${first.item.id}\``,
            },
          });
        }
      }
    }
  },
);
