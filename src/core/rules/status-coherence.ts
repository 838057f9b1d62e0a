import type { Gate } from '../../schemas/index.ts';
import { hasEvidence } from '../evidence.ts';
import { timelineOf } from '../lifecycle.ts';
import { defineRule } from '../rule.ts';

export const statusCoherenceRule = defineRule(
  {
    id: 'status-coherence',
    description: 'Gate, task, exit criterion, stage and RFC statuses agree with each other.',
    docs: {
      checks:
        'A passed gate has evidence. A task is `done` exactly when every gate it waits on has passed, and `blocked` only while one has not. An exit criterion is `met` exactly when its gates have passed and its tasks are done. Exactly one RFC stage is current, with done stages before it and upcoming ones after; a stage that has started has its required gates passed. No gate passes while the RFC is still a draft or in review, and a migration leaves rehearsal mode only with an accepted RFC.',
      fix: 'Update the status that is stale: usually the task or criterion after a gate changed, or the gate after its evidence was recorded.',
      examples: [
        {
          title: 'A gate marked passed without evidence while the RFC is a draft',
          file: 'content/migrations/service-v3/gates.mdx',
          ok: '    status: pending\n    evidence:\n      commands: []\n      checklist: [go-no-go-decision-log, known-risk-acknowledgements]\n',
          notOk: '    status: passed\n    evidence:\n      commands: []\n      checklist: []\n',
          reports: [
            'content/migrations/service-v3/gates.mdx:49:5 Unexpected passed gate `joint-signoff-recorded` while the RFC is in `draft`, expected cutover gates to pass only under an accepted RFC',
            'content/migrations/service-v3/gates.mdx:49:5 Unexpected passed gate `joint-signoff-recorded` without evidence, expected at least one command, checklist item or envelope assertion',
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

      if (gates) {
        gates.data.gates.forEach((gate, index) => {
          if (gate.status !== 'passed' || hasEvidence(gate.evidence)) return;
          report({
            file: gates.file,
            place: gates.locate(['gates', index, 'status']),
            reason: `Unexpected passed gate \`${gate.id}\` without evidence, expected at least one command, checklist item or envelope assertion`,
            actual: 'passed',
            hint: 'Record the evidence under `evidence` (commands, checklist, envelope), or set the status back to `pending`.',
          });
        });
      }

      const tracker = bundle.tracker;
      const taskById = new Map(tracker?.data.tasks.map((task) => [task.id, task]) ?? []);
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
              reason: `Unexpected done task \`${task.id}\` waiting on ${failed.length ? 'failed' : 'unpassed'} gate${open.length > 1 ? 's' : ''} ${open.map((id) => `\`${id}\` (${gateById.get(id)?.status})`).join(', ')}, expected those gates passed first`,
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

      const plan = bundle.plan;
      if (plan) {
        plan.data.exitCriteria.forEach((criterion, index) => {
          // Without the tracker or the gates document, a criterion's state is unknown, not wrong.
          if ((criterion.tasks.length && !tracker) || (criterion.gates.length && !gates)) return;
          const openGates = criterion.gates.filter((id) => gateById.has(id) && !passed(id));
          const openTasks = criterion.tasks.filter((id) => taskById.has(id) && taskById.get(id)?.status !== 'done');
          const place = () => plan.locate(['exitCriteria', index, 'status']);
          const hasDeps = criterion.gates.length + criterion.tasks.length > 0;
          if (criterion.status === 'met' && (openGates.length || openTasks.length)) {
            const what = [
              ...openGates.map((id) => `gate \`${id}\` (${gateById.get(id)?.status})`),
              ...openTasks.map((id) => `task \`${id}\` (${taskById.get(id)?.status})`),
            ];
            report({
              file: plan.file,
              place: place(),
              reason: `Unexpected met exit criterion \`${criterion.id}\` with ${what.join(', ')}, expected its gates passed and tasks done`,
              actual: 'met',
              expected: ['unmet'],
              hint: 'Set the criterion to `unmet`, or finish what it depends on first.',
            });
          } else if (
            criterion.status === 'unmet' &&
            hasDeps &&
            // Unknown ids are the `references` rule's report; they prove nothing finished.
            criterion.gates.every((id) => gateById.has(id)) &&
            criterion.tasks.every((id) => taskById.has(id)) &&
            !openGates.length &&
            !openTasks.length &&
            // Finished dependencies are necessary, not sufficient: `met` also needs the criterion's own
            // evidence record (the `evidence-records` rule), so an unrecorded criterion rightly stays unmet.
            timelineOf(bundle)?.recordsFor(`exit:${criterion.id}`).length
          ) {
            report({
              file: plan.file,
              place: place(),
              reason: `Unexpected unmet exit criterion \`${criterion.id}\` whose gates passed and tasks are done, expected \`met\``,
              actual: 'unmet',
              expected: ['met'],
              hint: 'Mark the criterion met: everything it depends on is finished and its evidence is recorded.',
            });
          }
        });
      }

      const rfc = bundle.rfc;
      if (rfc) {
        const stages = rfc.data.stages;
        const currents = stages.filter((stage) => stage.status === 'current');
        if (currents.length !== 1) {
          report({
            file: rfc.file,
            place: rfc.locate(['stages']),
            reason: `Unexpected ${currents.length} current stages, expected exactly one`,
            actual: String(currents.length),
            hint: 'Mark exactly one stage `current`, earlier ones `done` and later ones `upcoming`.',
          });
        }
        const currentIndex = stages.findIndex((stage) => stage.status === 'current');
        stages.forEach((stage, index) => {
          const expected =
            currentIndex === -1
              ? undefined
              : index < currentIndex
                ? 'done'
                : index > currentIndex
                  ? 'upcoming'
                  : 'current';
          if (expected && stage.status !== expected) {
            report({
              file: rfc.file,
              place: rfc.locate(['stages', index, 'status']),
              reason: `Unexpected ${stage.status} stage \`${stage.id}\` ${index < currentIndex ? 'before' : 'after'} the current stage, expected \`${expected}\``,
              actual: stage.status,
              expected: [expected],
              hint: 'Stages run in order: done, then one current, then upcoming.',
            });
          }
          if (stage.status !== 'upcoming') {
            const open = stage.requiresGates.filter((id) => gateById.has(id) && !passed(id));
            if (open.length) {
              report({
                file: rfc.file,
                place: rfc.locate(['stages', index, 'status']),
                reason: `Unexpected ${stage.status} stage \`${stage.id}\` before its gates passed (${open.map((id) => `\`${id}\``).join(', ')}), expected \`upcoming\``,
                actual: stage.status,
                expected: ['upcoming'],
                hint: 'A stage starts only after the gates it requires have passed.',
              });
            }
          }
        });
        if (gates && (rfc.data.status === 'draft' || rfc.data.status === 'review')) {
          gates.data.gates.forEach((gate, index) => {
            if (gate.status !== 'passed') return;
            report({
              file: gates.file,
              place: gates.locate(['gates', index, 'status']),
              reason: `Unexpected passed gate \`${gate.id}\` while the RFC is in \`${rfc.data.status}\`, expected cutover gates to pass only under an accepted RFC`,
              actual: 'passed',
              hint: 'Accept the RFC first (status `accepted`), or set the gate back to `pending`.',
              related: { file: rfc.file, place: rfc.locate(['status']), reason: 'RFC status' },
            });
          });
        }
        const meta = bundle.meta;
        if (
          meta &&
          meta.data.mode !== 'rehearsal' &&
          rfc.data.status !== 'accepted' &&
          rfc.data.status !== 'implemented'
        ) {
          report({
            file: meta.file,
            place: meta.locate(['mode']),
            reason: `Unexpected mode \`${meta.data.mode}\` while the RFC is \`${rfc.data.status}\`, expected \`rehearsal\` until the RFC is accepted`,
            actual: meta.data.mode,
            expected: ['rehearsal'],
            hint: 'Keep the migration in rehearsal mode until the RFC is accepted.',
            related: { file: rfc.file, place: rfc.locate(['status']), reason: 'RFC status' },
          });
        }
      }
    }
  },
);
