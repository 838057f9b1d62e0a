import type { Gate } from '../../schemas/index.ts';
import { defineRule } from '../rule.ts';
import { agreeing } from '../text/plural.ts';

export const statusCoherenceRule = defineRule(
  {
    id: 'status-coherence',
    description: 'A task is `done` exactly when every gate it waits on has passed, and `blocked` only while waiting.',
    docs: {
      checks:
        'A task is `done` only when every gate it waits on (`waitsOn`) has passed, is not left open when all of them have, and is `blocked` only when it waits on some gate.',
      fix: 'Update the task status that is stale, usually after a gate changed, or record the gate it waits on as passed.',
      history:
        'Until it was split, this rule also checked gate evidence, exit criteria, the stage sequence and stage gates, gates passing under a draft RFC and the rehearsal mode. Those checks are now `gate-evidence`, `exit-criteria-status`, `stage-sequence`, `stage-gates`, `gates-need-accepted-rfc` and `rehearsal-mode`; this id keeps the task statuses.',
      examples: [
        {
          title: 'A done task waiting on a gate that has not passed',
          file: 'content/migrations/service-v3/tracker.mdx',
          ok: '    waitsOn: []\n    deliverables: [rehearsal-plan, execution-tracker, rfc-draft, cutover-gates]\n',
          notOk:
            '    waitsOn: [joint-signoff-recorded]\n    deliverables: [rehearsal-plan, execution-tracker, rfc-draft, cutover-gates]\n',
          reports: [
            'content/migrations/service-v3/tracker.mdx:11:5 Unexpected done task `P1` waiting on unpassed gate `joint-signoff-recorded` (pending), expected those gates passed first',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const gates = bundle.gates;
      const gateById = new Map<string, Gate>(gates?.data.gates.map((gate) => [gate.id, gate]) ?? []);
      const passed = (id: string) => gateById.get(id)?.status === 'passed';
      const tracker = bundle.tracker;
      if (tracker) {
        tracker.data.tasks.forEach((task, index) => {
          const known = task.waitsOn.filter((id) => gateById.has(id));
          const open = known.filter((id) => !passed(id));
          const failed = known.filter((id) => gateById.get(id)?.status === 'failed');
          const place = () => tracker.locate(['tasks', index, 'status']);
          if (task.status === 'done' && open.length) {
            report({
              file: tracker.file,
              place: place(),
              reason: `Unexpected done task \`${task.id}\` waiting on ${failed.length ? 'failed' : 'unpassed'} ${agreeing(open.length, 'gate', 'gates')} ${open.map((id) => `\`${id}\` (${gateById.get(id)?.status})`).join(', ')}, expected those gates passed first`,
              actual: task.status,
              hint: 'Set the task back to `in-progress` or `blocked`, or record the gates as passed with evidence.',
            });
          } else if (task.status !== 'done' && known.length && !open.length && known.length === task.waitsOn.length) {
            report({
              file: tracker.file,
              place: place(),
              reason: `Unexpected ${task.status} task \`${task.id}\` whose gates have all passed (${known.map((id) => `\`${id}\``).join(', ')}), expected \`done\``,
              actual: task.status,
              expected: ['done'],
              hint: 'Mark the task done: its gates passed, so the tracker is stale.',
            });
          } else if (task.status === 'blocked' && !task.waitsOn.length) {
            report({
              file: tracker.file,
              place: place(),
              reason: `Unexpected blocked task \`${task.id}\` that waits on no gate, expected \`waitsOn\` to name what blocks it`,
              actual: task.status,
              hint: 'Add the blocking gate ids to `waitsOn`, or change the status.',
            });
          }
        });
      }
    }
  },
);
