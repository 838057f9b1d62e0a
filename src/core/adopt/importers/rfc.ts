import { stagesFromHeadings } from '../stage-headings.ts';
import type { Rfc } from '../../../schemas/index.ts';
import { IdSequence, parseStages, parseTitledItems, resolveStages } from '../blocks.ts';
import { rfcBaselineLines } from '../layout.ts';

import { approvalsIn } from './approvals.ts';
import type { ImportContext } from './context.ts';

/** The RFC: baseline pin, stages (a list or `## Stage N:` headings), non-negotiables and approvers. One importer per document kind, over the explicit import context. */
export function importRfc(ctx: ImportContext) {
  const {
    rfcDocument,
    teams,
    pin,
    approvers,
    context,
    model,
    origins,
    note,
    inform,
    placeIn,
    issuesIn,
    listIn,
    firstListAnywhere,
    readDocumentBase,
  } = ctx;
  let rfc: Rfc | undefined;
  if (rfcDocument) {
    const base = readDocumentBase('rfc', rfcDocument);
    const group = rfcBaselineLines(rfcDocument.markdown);
    const baseline = { ...pin };
    for (const value of group?.values ?? []) baseline[value.field] = value.value;
    for (const value of group?.values ?? [])
      origins.record(
        'rfc',
        ['baseline', value.field],
        placeIn(rfcDocument, value.line),
        `RFC baseline \`${value.field}\` \`${value.value}\``,
      );
    if (!group) inform({ file: rfcDocument.file, line: 1 }, 'no pin bullets; the RFC baseline is the live pin');
    const stagesBlock = listIn(rfcDocument, 'stages');
    const headingStages = stagesBlock ? [] : stagesFromHeadings(rfcDocument.markdown);
    const stages = stagesBlock
      ? resolveStages(parseStages(stagesBlock.list, rfcDocument.markdown), context)
      : headingStages.length
        ? resolveStages(headingStages, context)
        : undefined;
    if (stages && !stagesBlock) {
      issuesIn(rfcDocument, stages.issues);
      headingStages.forEach((item, index) =>
        origins.record(
          'rfc',
          ['stages', index],
          placeIn(rfcDocument, item.line),
          `stage \`${stages.stages[index]?.id}\` (${stages.stages[index]?.status})`,
        ),
      );
    } else if (stages && stagesBlock) {
      issuesIn(rfcDocument, stages.issues);
      if (stages.defaultedCurrent)
        inform(
          placeIn(rfcDocument, stagesBlock.list.position?.start.line ?? 1),
          'no stage is marked `(current)`; the first stage is taken as current',
        );
      parseStages(stagesBlock.list, rfcDocument.markdown).forEach((item, index) =>
        origins.record(
          'rfc',
          ['stages', index],
          placeIn(rfcDocument, item.line),
          `stage \`${stages.stages[index]?.id}\` (${stages.stages[index]?.status})`,
        ),
      );
    } else
      note(
        { file: rfcDocument.file, line: 1 },
        'no migration stages (a list under “Migration Stages”, or `## Stage N: title` headings)',
      );
    const principles = firstListAnywhere('nonNegotiables');
    const principleSequence = new IdSequence();
    const nonNegotiables = principles
      ? parseTitledItems(principles.list, principles.document.markdown, 'principle').map((item, index) => {
          const entry = { id: principleSequence.resolve(item.id, item.title), title: item.title };
          origins.record(
            'rfc',
            ['nonNegotiables', index],
            placeIn(principles.document, item.line),
            `non-negotiable \`${entry.id}\``,
          );
          return entry;
        })
      : [];
    if (!nonNegotiables.length)
      note(
        { file: rfcDocument.file, line: 1 },
        'no non-negotiables (a list under “Non-negotiables” in any document); the RFC needs at least one: state them',
      );
    rfc = {
      kind: 'rfc',
      ...base,
      approvers: approvers.length
        ? approvers
        : [
            { team: teams.producer, role: 'producer' },
            { team: teams.consumer, role: 'consumer' },
          ],
      baseline,
      stages: stages?.stages ?? [],
      nonNegotiables,
    };
    // The approvals the RFC records; an accepted RFC whose approvals are not all stated is said, not filled in.
    rfc.approvers = rfc.approvers.map((approver) => ({ ...approver }));
    for (const approval of approvalsIn(rfcDocument, rfc.approvers)) {
      const index = rfc.approvers.findIndex((approver) => approver.team === approval.team);
      const approver = rfc.approvers[index];
      if (!approval.known || !approver) {
        note(
          approval.place,
          `approval by \`${approval.team}\`, who is no approver of the RFC (${rfc.approvers.map((candidate) => candidate.team).join(', ')}); not recorded: name the approver as \`Approvers:\` does`,
        );
        continue;
      }
      // `pending` is what an approver without a decision is: written only when the team has decided.
      if (approval.decision !== 'pending') approver.decision = approval.decision;
      origins.record(
        'rfc',
        ['approvers', index, 'decision'],
        approval.place,
        `approval of \`${approval.team}\` (${approval.decision})`,
      );
    }
    const statusLine = rfcDocument.header.status;
    const open = rfc.approvers.filter((approver) => approver.decision !== 'approved');
    if ((rfc.status === 'accepted' || rfc.status === 'implemented') && open.length)
      note(
        { file: rfcDocument.file, line: statusLine?.line ?? rfcDocument.title?.line ?? 1 },
        `the RFC is ${rfc.status} but ${open.map((approver) => `\`${approver.team}\` ${approver.decision ?? 'has no recorded approval'}`).join(', ')} (an \`Approved by:\` line, an approvals table with a team and a decision column, or a list under an “Approvals” heading); state each approval, or set the status back to review`,
      );
    if (rfcDocument.header.approvers)
      origins.record(
        'rfc',
        ['approvers'],
        { file: rfcDocument.file, line: rfcDocument.header.approvers.line },
        'RFC approvers',
      );
    else
      inform(
        { file: rfcDocument.file, line: rfcDocument.title?.line ?? 1 },
        `no \`Approvers:\` line; used ${teams.producer} (producer) and ${teams.consumer} (consumer)`,
      );
    model.rfc = rfc;
  }
  return { rfc };
}
