import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { approvalsTableColumns } from '../conventions.ts';
import type { DocumentEntry } from '../corpus.ts';
import { nodesOfType } from '../mdast-index.ts';
import { foldSentence, spanOf } from '../prose.ts';
import { defineRule, type Report } from '../rule.ts';
import { agreeing, plural } from '../text/plural.ts';

/** RFC statuses that say the approvers have signed off. */
const signedOff = new Set(['accepted', 'implemented']);
const { team: teamColumn, decision: decisionColumn } = approvalsTableColumns;

export const approvalsRule = defineRule(
  {
    id: 'approvals',
    description:
      'An RFC is `accepted` only when every approver is recorded `approved`, and an approvals table restates exactly the approvers and their decisions.',
    docs: {
      checks: [
        'Each RFC approver carries its recorded `decision` (`pending` when absent, `approved`, `rejected`). An RFC whose `status` is `accepted` (or later, `implemented`) must have every approver `approved`: the site prints “Accepted by …” from that list.',
        'A table in the RFC whose header has a team column (`Team`, `Approver`) and a decision column (`Decision`, `Approval`, `Status`, `Sign-off`) restates the approvers: one row per approver, its team exactly as in the frontmatter, its `Role` column (if any) equal to the approver’s role and its decision equal to the recorded one (`pending` when none is recorded). A row for a team that is no approver and an approver without a row are reported.',
      ].join('\n\n'),
      fix: 'Record each approval in the frontmatter (`decision: approved` under the approver) and in the table, then accept the RFC; or keep the RFC in `draft` or `review` until every approver has approved.',
      examples: [
        {
          title: 'The RFC is accepted while both approvals are pending',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: 'status: draft\n',
          notOk: 'status: accepted\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:7:1 Unexpected RFC status `accepted` while 2 of 2 approvals are not recorded as approved (`MemoryKernel` pending, `AssistSupport` pending), expected every approver `approved`',
          ],
        },
        {
          title: 'The approvals table records a decision the frontmatter does not',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: '| AssistSupport | consumer | pending |\n',
          notOk: '| AssistSupport | consumer | approved |\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:202:30 Unexpected decision `approved` for approver `AssistSupport` in the approvals table, expected `pending` as recorded in the frontmatter',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const rfc = bundle.rfc;
      if (!rfc) continue;
      const approvers = rfc.data.approvers.map((approver) => ({
        ...approver,
        decision: approver.decision ?? 'pending',
      }));
      if (signedOff.has(rfc.data.status)) {
        const open = approvers.filter((approver) => approver.decision !== 'approved');
        if (open.length) {
          report({
            file: rfc.file,
            place: rfc.locate(['status']),
            reason: `Unexpected RFC status \`${rfc.data.status}\` while ${open.length} of ${plural(approvers.length, 'approval')} ${agreeing(open.length, 'is', 'are')} not recorded as approved (${open.map((approver) => `\`${approver.team}\` ${approver.decision}`).join(', ')}), expected every approver \`approved\``,
            actual: rfc.data.status,
            expected: ['draft', 'review'],
            hint: 'Record each approval as `decision: approved` under `approvers` (and in the approvals table), or set the status back to `review` until every approver has approved.',
            related: { file: rfc.file, place: rfc.locate(['approvers']), reason: 'The approvers are declared here' },
          });
        }
      }
      checkTables(rfc, approvers, report);
    }
  },
);

function checkTables(
  rfc: DocumentEntry<'rfc'>,
  approvers: { team: string; role: string; decision: string }[],
  report: Report,
): void {
  for (const table of nodesOfType(rfc.body, 'table') as readonly Table[]) {
    const [header, ...rows] = table.children;
    if (!header) continue;
    const columns = header.children.map((cell) => foldSentence(toString(cell)));
    const team = columns.findIndex((column) => teamColumn.test(column));
    const decision = columns.findIndex((column) => decisionColumn.test(column));
    const role = columns.indexOf('role');
    if (team === -1 || decision === -1) continue;
    const seen = new Set<string>();
    for (const row of rows) {
      const cell = (index: number) => row.children[index];
      const teamCell = cell(team);
      const name = teamCell ? toString(teamCell).trim() : '';
      if (!name) continue;
      const approver = approvers.find((candidate) => candidate.team === name);
      if (!approver) {
        report({
          file: rfc.file,
          place: spanOf(teamCell?.children[0] ?? teamCell ?? row),
          reason: `Unexpected approver \`${name}\` in the approvals table, expected one of the RFC approvers: ${approvers.map((candidate) => `\`${candidate.team}\``).join(', ')}`,
          actual: name,
          expected: approvers.map((candidate) => candidate.team),
          hint: 'Name each approver exactly as the frontmatter `approvers` does; when an approver changed, change the table and the frontmatter together.',
          related: { file: rfc.file, place: rfc.locate(['approvers']), reason: 'The approvers are declared here' },
        });
        continue;
      }
      seen.add(name);
      for (const [index, field, expected] of [
        [role, 'role', approver.role],
        [decision, 'decision', approver.decision],
      ] as const) {
        const stated = index === -1 ? undefined : cell(index);
        const value = stated ? foldSentence(toString(stated)) : '';
        if (!stated || !value || value === expected) continue;
        report({
          file: rfc.file,
          place: spanOf(stated.children[0] ?? stated),
          reason: `Unexpected ${field} \`${toString(stated).trim()}\` for approver \`${name}\` in the approvals table, expected \`${expected}\` as recorded in the frontmatter`,
          actual: toString(stated).trim(),
          expected: [expected],
          hint:
            field === 'decision'
              ? `Record the decision in the frontmatter (\`decision: ${value}\` under the approver \`${name}\`) and the table together, or restate \`${expected}\`.`
              : `Restate the role as the frontmatter has it (\`${expected}\`).`,
        });
      }
    }
    const missing = approvers.filter((approver) => !seen.has(approver.team));
    if (missing.length) {
      report({
        file: rfc.file,
        place: spanOf(table),
        reason: `Unexpected approvals table without ${missing.map((approver) => `\`${approver.team}\``).join(', ')}, expected a row for each of the ${plural(approvers.length, 'approver')}`,
        expected: approvers.map((approver) => approver.team),
        hint: 'Add a row for each approver named in the frontmatter, with its role and its recorded decision.',
      });
    }
  }
}
