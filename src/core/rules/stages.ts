import { numberPattern, numberValue } from '../quantities.ts';
import { defineRule } from '../rule.ts';
import { sentencesOf } from '../sentences.ts';

const status = '(current|upcoming|done)';
/**
 * Prose that names a stage's status: `stage 3, current`, `stage 3 (current)`, `stage 3: done`, and, for
 * the current stage only, `stage 3 is (now) (the) current (stage)` and `the current stage is (stage) 3`.
 */
const claimPatterns: { pattern: RegExp; number: number; status: number | 'current' }[] = [
  {
    pattern: new RegExp(`\\bstage\\s+(${numberPattern})\\s*(?:,|:|\\(|\\u2014|\\u2013)\\s*${status}\\b`, 'gi'),
    number: 1,
    status: 2,
  },
  {
    pattern: new RegExp(`\\bstage\\s+(${numberPattern})\\s+is\\s+(?:now\\s+)?(?:the\\s+)?current\\b`, 'gi'),
    number: 1,
    status: 'current',
  },
  {
    pattern: new RegExp(`\\bcurrent\\s+stage\\s+is\\s+(?:now\\s+)?(?:stage\\s+)?(${numberPattern})\\b`, 'gi'),
    number: 1,
    status: 'current',
  },
  { pattern: new RegExp(`^\\s*stage\\s+(${numberPattern})\\b[^()]*\\(${status}\\)`, 'gi'), number: 1, status: 2 },
];

export const stagesRule = defineRule(
  {
    id: 'stages',
    description:
      'RFC stage numbers are unique and count up by one, and prose that names a stage with a status or a number agrees with the stages.',
    docs: {
      checks: [
        'Stage numbers are unique, start at 0 or 1 and count up by one in the order the stages are listed. (That exactly one stage is `current`, with `done` stages before it and `upcoming` ones after, is `status-coherence`.)',
        'Prose that gives a stage a status restates it: “(stage 3, current)”, “stage 3 (upcoming)”, “stage 2: done”, “stage 0 is the current stage”, “the current stage is stage 0”, and a heading “Stage 3: Cutover (current)”. The number may be written out (“stage three”). The status must be the one the data gives that stage number, and a number no stage has is reported. A stage reference right before the parenthesis (“`stage:stage-cutover` (stage 3, upcoming)”) must be the stage with that number. Other sentences (“stage 3 is done when the gates pass”) are not read as claims.',
      ].join('\n\n'),
      fix: 'Renumber the stages 0, 1, 2 … in order, and restate each stage with the status the frontmatter gives it (or change the frontmatter when the migration moved on).',
      examples: [
        {
          title: 'Prose names an upcoming stage as current',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: '4. `stage:stage-cutover` (stage 3, upcoming): may start only when all four gates have passed:\n',
          notOk: '4. `stage:stage-cutover` (stage 3, current): may start only when all four gates have passed:\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:147:27 Unexpected status `current` for stage 3 (`stage-cutover`), expected `upcoming` as in content/migrations/service-v3/rfc.mdx; the current stage is 0 (`stage-preparation`)',
          ],
        },
        {
          title: 'Two stages share a number',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: '    number: 2\n',
          notOk: '    number: 1\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:31:5 Unexpected stage number 1 for `stage-pre-release-artifacts`, already the number of `stage-rfc-finalization`, expected each stage to have its own number',
            'content/migrations/service-v3/rfc.mdx:144:41 Unexpected stage 2, expected one of the stage numbers 0, 1, 1, 3, 4 of content/migrations/service-v3/rfc.mdx',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const rfc = bundle.rfc;
      if (!rfc) continue;
      const stages = rfc.data.stages;
      const first = new Map<number, number>();
      stages.forEach((stage, index) => {
        const earlier = first.get(stage.number);
        if (earlier !== undefined) {
          report({
            file: rfc.file,
            place: rfc.locate(['stages', index, 'number']),
            reason: `Unexpected stage number ${stage.number} for \`${stage.id}\`, already the number of \`${stages[earlier]?.id}\`, expected each stage to have its own number`,
            actual: String(stage.number),
            hint: 'Number the stages 0, 1, 2 … in the order they are listed; prose that says “stage N” follows the numbers.',
            related: {
              file: rfc.file,
              place: rfc.locate(['stages', earlier, 'number']),
              reason: 'First stage with this number',
            },
          });
        } else first.set(stage.number, index);
      });
      const base = stages[0]?.number ?? 0;
      if (base > 1) {
        report({
          file: rfc.file,
          place: rfc.locate(['stages', 0, 'number']),
          reason: `Unexpected first stage number ${base}, expected 0 or 1`,
          actual: String(base),
          expected: ['0', '1'],
          hint: 'Number the stages from 0 (or 1) in the order they are listed.',
        });
      } else {
        const broken = stages.findIndex(
          (stage, index) => stage.number !== base + index && first.get(stage.number) === index,
        );
        const stage = stages[broken];
        if (stage) {
          report({
            file: rfc.file,
            place: rfc.locate(['stages', broken, 'number']),
            reason: `Unexpected stage number ${stage.number} for \`${stage.id}\`, expected ${base + broken}: stage numbers count up by one in the order the stages are listed`,
            actual: String(stage.number),
            expected: [String(base + broken)],
            hint: 'Renumber the stages so they count up by one without gaps, in the order they are listed.',
          });
        }
      }

      // A number two stages share is reported above; claims about it cannot be judged.
      const shared = new Set(
        stages.filter((stage, index) => first.get(stage.number) !== index).map((stage) => stage.number),
      );
      const byNumber = new Map(stages.map((stage) => [stage.number, stage]));
      const current = stages.find((stage) => stage.status === 'current');
      for (const document of bundle.documents) {
        for (const sentence of sentencesOf(document)) {
          if (sentence.inSnapshot || !/stage/i.test(sentence.text)) continue;
          const seen = new Set<number>();
          for (const { pattern, number, status: statusGroup } of claimPatterns) {
            for (const match of sentence.text.matchAll(pattern)) {
              const index = match.index ?? 0;
              if (seen.has(index)) continue;
              seen.add(index);
              const value = numberValue(match[number] ?? '');
              if (value === undefined || shared.has(value)) continue;
              const stated = statusGroup === 'current' ? 'current' : (match[statusGroup] ?? '').toLowerCase();
              const offset = sentence.offset + index + match[0].search(/\S/);
              const start = document.lines.point(offset);
              const place = { start, end: { line: start.line, column: start.column + match[0].trim().length } };
              const stage = byNumber.get(value);
              if (!stage) {
                report({
                  file: document.file,
                  place,
                  reason: `Unexpected stage ${value}, expected one of the stage numbers ${stages.map((candidate) => candidate.number).join(', ')} of ${rfc.file}`,
                  actual: String(value),
                  expected: stages.map((candidate) => String(candidate.number)),
                  hint: 'Name a stage by a number the RFC frontmatter gives it.',
                });
                continue;
              }
              // `stage:<id>` right before the parenthesis names the stage the number must be.
              const before = sentence.codes.filter((code) => code.offset < sentence.offset + index).at(-1);
              const gap = before ? sentence.text.slice(before.offset - sentence.offset + 1, index) : '';
              const named =
                before?.value.startsWith('stage:') && /^\s*\(?\s*$/.test(gap) ? before.value.slice(6) : undefined;
              if (named && named !== stage.id && stages.some((candidate) => candidate.id === named)) {
                const actual = stages.find((candidate) => candidate.id === named);
                report({
                  file: document.file,
                  place,
                  reason: `Unexpected stage ${value} for \`stage:${named}\`, expected ${actual?.number} as in ${rfc.file}`,
                  actual: String(value),
                  expected: [String(actual?.number)],
                  hint: 'Restate the number the frontmatter gives the stage, or reference the stage that has this number.',
                });
                continue;
              }
              if (stage.status === stated) continue;
              report({
                file: document.file,
                place,
                reason: `Unexpected status \`${stated}\` for stage ${value} (\`${stage.id}\`), expected \`${stage.status}\` as in ${rfc.file}${current ? `; the current stage is ${current.number} (\`${current.id}\`)` : ''}`,
                actual: stated,
                expected: [stage.status],
                hint: `Restate the stage as the frontmatter has it (\`${stage.status}\`); when the migration moved on, change the stage statuses in ${rfc.file} first.`,
                related: {
                  file: rfc.file,
                  place: rfc.locate(['stages', stages.indexOf(stage), 'status']),
                  reason: 'The stage status is declared here',
                },
              });
            }
          }
        }
      }
    }
  },
);
