import type { Entry } from '../corpus.ts';
import { collectDefinitions, type IdDefinition } from '../ids.ts';
import { defineRule } from '../rule.ts';
import { confusableSkeleton } from '../text/skeleton.ts';

export const confusableIdsRule = defineRule(
  {
    id: 'confusable-ids',
    description:
      'No two ids of the corpus read alike: ids whose only differences are `0`/`o`, `1`/`l`/`I`, `rn`/`m`, `vv`/`w` or `cl`/`d` are a warning at the second.',
    docs: {
      checks:
        "Compares every id the corpus defines (gates, tasks, exit criteria, triggers, actions, deliverables, commands, prerequisites, evidence items, stages, principles, decisions, events, records, in every migration) by its confusable skeleton: case folded, and `0`→`o`, `1`, `I` and `|`→`l`, `rn`→`m`, `vv`→`w`, `cl`→`d`. Two different ids with one skeleton are a warning at the one defined later, with the first as `see:`. Equal ids are the `unique-ids` rule's (within a kind), and ids that differ in any other character (`gate-1`, `gate-2`) are distinct.",
      fix: 'Rename one of the two so they differ in a way no font hides (a word rather than a digit, e.g. `gate-one`, or another word altogether).',
      examples: [
        {
          title: 'A gate id that reads like another with a zero for an o',
          file: 'content/migrations/service-v3/gates.mdx',
          ok: '  - id: consumer-suite-green\n',
          notOk: '  - id: pr0ducer-suite-green\n',
          reports: [
            'content/migrations/service-v3/gates.mdx:24:5 Unexpected gate id `pr0ducer-suite-green` that reads like gate id `producer-suite-green`, expected ids that differ in more than look-alike characters',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const seen = new Map<string, { definition: IdDefinition; entry: Entry }>();
    for (const bundle of corpus.migrations) {
      const entries: Entry[] = [...bundle.documents, ...(bundle.records ? [bundle.records] : [])];
      for (const definition of collectDefinitions(bundle)) {
        const entry = entries.find((candidate) => candidate.file === definition.file);
        if (!entry) continue;
        const skeleton = confusableSkeleton(definition.id);
        const first = seen.get(skeleton);
        if (!first) {
          seen.set(skeleton, { definition, entry });
          continue;
        }
        // The same id (or one differing only by case) twice is `unique-ids`' report, or a legitimate reuse
        // across kinds or migrations.
        if (first.definition.id.toLowerCase() === definition.id.toLowerCase()) continue;
        report({
          file: definition.file,
          place: entry.locate(definition.path),
          reason: `Unexpected ${definition.kind} id \`${definition.id}\` that reads like ${first.definition.kind} id \`${first.definition.id}\`, expected ids that differ in more than look-alike characters`,
          actual: definition.id,
          expected: [first.definition.id],
          hint: `Rename one of the two: in many fonts \`${definition.id}\` and \`${first.definition.id}\` look the same, and a reference to one is easily meant for the other.`,
          related: {
            file: first.definition.file,
            place: first.entry.locate(first.definition.path),
            reason: `\`${first.definition.id}\` is defined here`,
          },
          severity: 'warning',
        });
      }
    }
  },
);
