import { approvalsTableColumns, canonicalStatus, foldSentence } from '../../conventions.ts';
import type { Rfc } from '../../../schemas/index.ts';
import { teamsIn } from '../cutover-records.ts';
import { namedParties, ownerParty } from '../derive.ts';
import type { SourcePlace } from '../model.ts';
import type { ProducerDocument } from './context.ts';

/**
 * The approvals an RFC records, in any of the forms producers write them: a header line (`Approved by:
 * MemoryKernel (2026-02-20), AssistSupport`, `Rejected by: …`), an approvals table (a team column and a
 * decision column, the form the `approvals` rule checks), or a list under an “Approvals” / “Sign-off”
 * heading (`- MemoryKernel: approved 2026-02-20`, `- [x] AssistSupport`). Each approver named gets the
 * decision stated for it, with the producer line; an approver nothing names stays without a decision.
 */

export interface StatedApproval {
  /** The approver's team as the RFC declares it, or the name as written when it is no approver. */
  team: string;
  /** The name is one of the RFC's approvers. */
  known: boolean;
  decision: NonNullable<Rfc['approvers'][number]['decision']>;
  place: SourcePlace;
}

const approvalsHeading = /\b(approvals?|sign-?offs?|signatures?)\b/i;

export function approvalsIn(document: ProducerDocument, approvers: Rfc['approvers']): StatedApproval[] {
  const teams = approvers.map((approver) => approver.team);
  const out: StatedApproval[] = [];
  const add = (names: readonly string[], decision: StatedApproval['decision'], place: SourcePlace) => {
    for (const name of names.flatMap(teamsIn)) {
      const team = ownerParty(name, teams);
      if (!out.some((stated) => stated.team === (team ?? name)))
        out.push({ team: team ?? name, known: team !== undefined, decision, place });
    }
  };
  const headerLine = (key: 'approvedBy' | 'rejectedBy', decision: StatedApproval['decision']) => {
    const line = document.header[key];
    if (line) add([line.value], decision, { file: document.file, line: line.line });
  };
  headerLine('approvedBy', 'approved');
  headerLine('rejectedBy', 'rejected');

  const lines = document.body.lines;
  const placeOf = (index: number): SourcePlace => document.body.origins[index] ?? { file: document.file, line: 1 };
  let underApprovals = false;
  let fence = false;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] ?? '';
    if (/^\s*(```|~~~)/.test(text)) fence = !fence;
    if (fence) continue;
    const heading = /^#{2,6}\s+(.+?)\s*#*\s*$/.exec(text);
    if (heading) {
      underApprovals = approvalsHeading.test(heading[1] ?? '');
      continue;
    }
    // An approvals table, anywhere in the RFC: one row per team, its decision in the decision column.
    if (/^\s*\|/.test(text) && /^\s*\|?\s*:?-{3,}/.test(lines[index + 1] ?? '')) {
      const columns = cellsOf(text).map(foldSentence);
      const team = columns.findIndex((column) => approvalsTableColumns.team.test(column));
      const decision = columns.findIndex((column) => approvalsTableColumns.decision.test(column));
      if (team === -1 || decision === -1) continue;
      for (let row = index + 2; row < lines.length && /^\s*\|/.test(lines[row] ?? ''); row++) {
        const cells = cellsOf(lines[row] ?? '');
        const stated = canonicalStatus('approval', cells[decision] ?? '');
        if (stated) add([cells[team] ?? ''], stated, placeOf(row));
      }
      continue;
    }
    // A list item under an approvals heading: the team it names and the decision word it states.
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[([ xX])\]\s+)?(.*)$/.exec(text);
    if (!underApprovals || !item) continue;
    const body = item[2] ?? '';
    const named = namedParties(body, teams);
    if (named.length !== 1) continue;
    const rest = body.replace(new RegExp(escape(named[0] ?? ''), 'i'), ' ').replace(/^[\s:\u2013\u2014-]+/, '');
    const stated =
      item[1] !== undefined ? (item[1] === ' ' ? 'pending' : 'approved') : canonicalStatus('approval', rest);
    if (stated) add(named, stated, placeOf(index));
  }
  return out;
}

function cellsOf(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.replace(/[`*_]/g, '').trim());
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
