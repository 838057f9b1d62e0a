import { collectDefinitions, type IdDefinition } from '../ids.ts';
import { defineRule } from '../rule.ts';

export const uniqueIdsRule = defineRule(
  {
    id: 'unique-ids',
    description:
      'Ids of gates, tasks, criteria, triggers, actions, deliverables and commands are unique in their migration.',
    docs: {
      checks:
        'Within one migration, no two items of the same kind share an id, and ids differing only by case or look-alike characters are refused, so every `kind:id` reference names exactly one thing.',
      fix: 'Rename one of the two items and update the references to it.',
      examples: [
        {
          title: 'Two gates with the same id',
          file: 'content/migrations/service-v3/gates.mdx',
          ok: '  - id: consumer-suite-green\n',
          notOk: '  - id: producer-suite-green\n',
          reports: [
            'content/migrations/service-v3/gates.mdx:24:5 Unexpected duplicate gate id `producer-suite-green`, expected each gate id once per migration',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const seen = new Map<string, IdDefinition>();
      for (const definition of collectDefinitions(bundle)) {
        const key = `${definition.kind}:${foldId(definition.id)}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, definition);
          continue;
        }
        const entry = bundle.documents.find((document) => document.file === definition.file);
        const firstEntry = bundle.documents.find((document) => document.file === first.file);
        if (!entry || !firstEntry) continue;
        const exact = first.id === definition.id;
        report({
          file: definition.file,
          place: entry.locate(definition.path),
          reason: exact
            ? `Unexpected duplicate ${definition.kind} id \`${definition.id}\`, expected each ${definition.kind} id once per migration`
            : `Unexpected ${definition.kind} id \`${definition.id}\` that differs from \`${first.id}\` only by case or look-alike characters, expected distinct ids`,
          actual: definition.id,
          hint: 'Rename one of them; references must name exactly one item.',
          related: { file: first.file, place: firstEntry.locate(first.path), reason: `First defined here` },
        });
      }
    }
  },
);

/** Case and compatibility folding, so `P1` and `p1`, or a Cyrillic `а` and a Latin `a`, collide. */
function foldId(id: string): string {
  return id
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u0430\u0435\u043e\u0440\u0441\u0445\u0443\u0456]/g, (char) => lookAlikes[char] ?? char);
}

const lookAlikes: Record<string, string> = {
  '\u0430': 'a',
  '\u0435': 'e',
  '\u043e': 'o',
  '\u0440': 'p',
  '\u0441': 'c',
  '\u0445': 'x',
  '\u0443': 'y',
  '\u0456': 'i',
};
