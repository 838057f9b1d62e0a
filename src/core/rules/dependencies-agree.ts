import type { MigrationBundle } from '../corpus.ts';
import { referencePattern } from '../ids.ts';
import { wordsIn } from '../quantities.ts';
import { defineRule } from '../rule.ts';
import { sentencesOf } from '../sentences.ts';

/** What each kind of item depends on in the data, by the kind of the item depended on. */
interface Dependencies {
  file: string;
  field: string;
  on: Map<string, readonly string[]>;
}

/** `waits on`, `waits for`, `depends on`, `is blocked by`, `is gated by`, `requires`, and their negations. */
const verb =
  /\b(?:(does\s+not|doesn't|do\s+not|don't|no\s+longer)\s+)?(?:waits?\s+(?:on|for)|depends?\s+on|(?:is|are)\s+(?:(not)\s+)?(?:blocked|gated)\s+by|requires?)\b/gi;
/** How many words may stand between the subject reference and the verb (`still`, `now`, `only`). */
const maxWordsBeforeVerb = 3;

export const dependenciesAgreeRule = defineRule(
  {
    id: 'dependencies-agree',
    description:
      'Prose that says a task, exit criterion or stage waits on a gate or task names what the data says it waits on.',
    docs: {
      checks: [
        'A sentence restates a dependency when a reference to a task, an exit criterion or a stage is followed (within three words) by `waits on`, `waits for`, `depends on`, `is blocked by`, `is gated by` or `requires`, and then by references: “`task:P4` waits on `gate:joint-signoff-recorded`”, “`exit:exit-producer-suite` depends on `task:P3`”, “`stage:stage-cutover` requires `gate:producer-suite-green` and `gate:consumer-suite-green`”. Each referenced gate must be in the task’s `waitsOn`, the criterion’s `gates`, or the stage’s `requiresGates`; each referenced task in the criterion’s `tasks`.',
        'A negated claim (“`task:P3` does not wait on `gate:producer-suite-green`”, `no longer`, `is not blocked by`) says the opposite: the reference must not be in the list. A sentence without a reference before the verb (“No task waits on a cutover gate”) is not read.',
      ].join('\n\n'),
      fix: 'Make the sentence say what the data says, or change the data (`waitsOn`, `gates`, `tasks`, `requiresGates`) if the prose is right.',
      examples: [
        {
          title: 'Prose says a task waits on a gate its data does not list',
          file: 'content/migrations/service-v3/tracker.mdx',
          ok: 'evidence for `gate:producer-suite-green` at cutover.\n',
          notOk:
            'evidence for `gate:producer-suite-green` at cutover.\n`task:P3` waits on `gate:producer-suite-green`.\n',
          reports: [
            'content/migrations/service-v3/tracker.mdx:117:20 Unexpected dependency: prose says `task:P3` waits on `gate:producer-suite-green`, but its `waitsOn` in content/migrations/service-v3/tracker.mdx is empty',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const dependencies = dependenciesOf(bundle);
      for (const document of bundle.documents) {
        for (const sentence of sentencesOf(document)) {
          if (!sentence.codes.length || !/wait|depend|block|gated|requir/i.test(sentence.text)) continue;
          for (const match of sentence.text.matchAll(verb)) {
            const at = sentence.offset + (match.index ?? 0);
            const end = at + match[0].length;
            const subject = [...sentence.codes].reverse().find((code) => code.offset < at);
            const subjectRef = subject && referencePattern.exec(subject.value);
            if (!subject || !subjectRef) continue;
            const key = subject.value;
            const data = dependencies.get(key);
            if (!data) continue;
            const between = sentence.text.slice(subject.offset - sentence.offset + 1, match.index);
            if (wordsIn(between).length > maxWordsBeforeVerb) continue;
            const negated = Boolean(match[1] ?? match[2]);
            // The objects: references after the verb, up to the next verb or the end of the clause.
            const clauseEnd = sentence.text.slice(end - sentence.offset).search(/;|\bwhile\b|\bbut\b|\bbecause\b/);
            const limit = clauseEnd === -1 ? Infinity : end + clauseEnd;
            const objects = sentence.codes.filter((code) => code.offset >= end && code.offset < limit);
            for (const object of objects) {
              const parsed = referencePattern.exec(object.value);
              if (!parsed) continue;
              const [, kind = '', id = ''] = parsed;
              const list = data.on.get(kind);
              if (!list) continue;
              const listed = list.includes(id);
              if (listed !== negated) continue;
              const start = document.lines.point(object.offset);
              const current = list.length ? list.map((item) => `\`${item}\``).join(', ') : 'empty';
              report({
                file: document.file,
                place: { start, end: { line: start.line, column: start.column + object.value.length + 2 } },
                reason: negated
                  ? `Unexpected dependency denial: prose says \`${key}\` does not wait on \`${object.value}\`, but its \`${fieldFor(data, kind)}\` in ${data.file} lists it`
                  : `Unexpected dependency: prose says \`${key}\` waits on \`${object.value}\`, but its \`${fieldFor(data, kind)}\` in ${data.file} is ${list.length ? `${current}` : 'empty'}`,
                actual: object.value,
                expected: [...list],
                hint: negated
                  ? `Correct the sentence, or remove \`${id}\` from \`${fieldFor(data, kind)}\` of \`${key}\` in ${data.file} if it really no longer waits on it.`
                  : `Add \`${id}\` to \`${fieldFor(data, kind)}\` of \`${key}\` in ${data.file} if it really waits on it, or correct the sentence (its data lists ${current}).`,
              });
            }
          }
        }
      }
    }
  },
);

function fieldFor(data: Dependencies, kind: string): string {
  if (data.field === 'exit') return kind === 'task' ? 'tasks' : 'gates';
  return data.field;
}

/** Every item that has dependencies in the data, by reference (`task:P4`). */
function dependenciesOf(bundle: MigrationBundle): Map<string, Dependencies> {
  const out = new Map<string, Dependencies>();
  const { tracker, plan, rfc } = bundle;
  for (const task of tracker?.data.tasks ?? []) {
    out.set(`task:${task.id}`, { file: tracker?.file ?? '', field: 'waitsOn', on: new Map([['gate', task.waitsOn]]) });
  }
  for (const criterion of plan?.data.exitCriteria ?? []) {
    out.set(`exit:${criterion.id}`, {
      file: plan?.file ?? '',
      field: 'exit',
      on: new Map([
        ['gate', criterion.gates],
        ['task', criterion.tasks],
      ]),
    });
  }
  for (const stage of rfc?.data.stages ?? []) {
    out.set(`stage:${stage.id}`, {
      file: rfc?.file ?? '',
      field: 'requiresGates',
      on: new Map([['gate', stage.requiresGates]]),
    });
  }
  return out;
}
