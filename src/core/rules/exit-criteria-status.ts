import type { Gate } from '../../schemas/index.ts';
import { timelineOf } from '../lifecycle.ts';
import { defineRule } from '../rule.ts';

export const exitCriteriaStatusRule = defineRule(
  {
    id: 'exit-criteria-status',
    description: 'An exit criterion is `met` exactly when its gates have passed and its tasks are done.',
    docs: {
      checks:
        'An exit criterion of the plan is `met` only when every gate it names has passed and every task it names is done, and `unmet` only while one of them is open or while no evidence record names the criterion (see `evidence-records`). A criterion whose tracker or gates document failed to load is not judged.',
      fix: 'Set the criterion to what its gates and tasks say, or finish what it depends on first.',
      history:
        'This check was part of `status-coherence` until that rule was split into one rule per check; its reports now carry this id.',
      examples: [
        {
          title: 'An exit criterion marked met while its gates are pending',
          file: 'content/migrations/service-v3/plan.mdx',
          ok: '    status: unmet\n    gates: []\n    tasks: [P4]\n',
          notOk: '    status: met\n    gates: [consumer-suite-green]\n    tasks: [P4]\n',
          reports: [
            'content/migrations/service-v3/plan.mdx:49:5 Unexpected met exit criterion `exit-consumer-ci-checks` with gate `consumer-suite-green` (pending), task `P4` (ready), expected its gates passed and tasks done',
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
      const taskById = new Map(tracker?.data.tasks.map((task) => [task.id, task]) ?? []);
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
    }
  },
);
