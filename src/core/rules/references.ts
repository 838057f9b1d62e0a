import { collectReferences, indexDefinitions, referenceKinds } from '../ids.ts';
import { unloadedKinds } from '../unloaded.ts';
import { defineRule } from '../rule.ts';
import { closestMatch } from '../text/closest-match.ts';

export const referencesRule = defineRule(
  {
    id: 'references',
    description: 'Every id reference, in frontmatter or as `kind:id` in prose, names an item of its migration.',
    docs: {
      checks:
        'Collects typed references: frontmatter fields that name ids (`waitsOn`, `evidence.commands`, `exitCriteria[].gates` ...) and inline code such as `gate:producer-suite-green` in prose. Each must resolve to an item of that kind in the same migration; an unknown id comes with the closest existing one.',
      fix: 'Correct the id (see the suggestion), or define the item it should name.',
      history:
        'Until `migration-file` existed, this rule also checked `migration.yaml` (present, `id` equal to the folder, `from` and `to` declared contracts); those reports now carry the id `migration-file`.',
      examples: [
        {
          title: 'A task waits on a gate id that does not exist',
          file: 'content/migrations/service-v3/tracker.mdx',
          ok: '      - Both teams confirm in writing that the rehearsal entry criteria are met and that no runtime cutover was needed.\n    waitsOn: []\n',
          notOk:
            '      - Both teams confirm in writing that the rehearsal entry criteria are met and that no runtime cutover was needed.\n    waitsOn: [joint-signoff]\n',
          reports: [
            'content/migrations/service-v3/tracker.mdx:47:15 Unexpected gate id `joint-signoff`, expected an existing gate id; did you mean `joint-signoff-recorded`?',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const index = indexDefinitions(bundle);
      const unloaded = unloadedKinds(corpus, bundle);
      for (const reference of collectReferences(bundle)) {
        // Ids of a document that failed to load are unknown, not wrong: its syntax/schema report says why.
        if (unloaded.has(reference.kind)) continue;
        const sameKind = index.get(reference.kind);
        if (sameKind?.has(reference.id)) continue;
        const suggestion = closestMatch(reference.id, [...(sameKind?.keys() ?? [])]);
        const otherKind = referenceKinds.find((kind) => kind !== reference.kind && index.get(kind)?.has(reference.id));
        const didYouMean = suggestion
          ? `; did you mean \`${suggestion}\`?`
          : otherKind
            ? `; \`${reference.id}\` is a ${otherKind}, did you mean \`${otherKind}:${reference.id}\`?`
            : '';
        report({
          file: reference.file,
          place: reference.place,
          reason: `Unexpected ${reference.kind} id \`${reference.id}\`, expected an existing ${reference.kind} id${didYouMean}`,
          actual: reference.id,
          expected: [...(sameKind?.keys() ?? [])],
          hint: suggestion
            ? `Change it to \`${suggestion}\`.`
            : `Use one of the ${reference.kind} ids defined in migration \`${bundle.id}\`, or define \`${reference.id}\`.`,
        });
      }
    }
  },
);
