import { defineRule } from '../rule.ts';
import { plural } from '../text/plural.ts';

export const stageSequenceRule = defineRule(
  {
    id: 'stage-sequence',
    description: 'Exactly one RFC stage is current, with done stages before it and upcoming ones after.',
    docs: {
      checks:
        "The RFC's stages run in order: exactly one is `current`, every stage before it is `done` and every stage after it is `upcoming`.",
      fix: 'Mark exactly one stage `current`, earlier ones `done` and later ones `upcoming`.',
      history:
        'This check was part of `status-coherence` until that rule was split into one rule per check; its reports now carry this id.',
      examples: [
        {
          title: 'Two current stages',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: '    title: RFC finalization\n    status: upcoming\n',
          notOk: '    title: RFC finalization\n    status: current\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:19:1 Unexpected 2 current stages, expected exactly one current stage',
            'content/migrations/service-v3/rfc.mdx:28:5 Unexpected current stage `stage-rfc-finalization` after the current stage, expected `upcoming`',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const rfc = bundle.rfc;
      if (rfc) {
        const stages = rfc.data.stages;
        const currents = stages.filter((stage) => stage.status === 'current');
        if (currents.length !== 1) {
          report({
            file: rfc.file,
            place: rfc.locate(['stages']),
            reason: `Unexpected ${currents.length ? plural(currents.length, 'current stage') : 'list of stages without a current one'}, expected exactly one current stage`,
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
        });
      }
    }
  },
);
