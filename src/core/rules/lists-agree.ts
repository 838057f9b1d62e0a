import type { Corpus, DocumentEntry, MigrationBundle } from '../corpus.ts';
import type { DataPath } from '../parse/data-path.ts';
import { foldSentence, leafListItems, ownNodes, sectionsOf } from '../prose.ts';
import { ownsItsLists } from '../conventions.ts';
import { defineRule } from '../rule.ts';
import { plural } from '../text/plural.ts';

/** A list of facts that prose may restate under a heading naming it. */
interface FactList {
  name: string;
  heading: RegExp;
  /** Reference kind an item may use instead of its title, e.g. `trigger`. */
  kind: string;
  items(bundle: MigrationBundle): { id: string; title: string }[] | undefined;
  source(bundle: MigrationBundle): { entry: DocumentEntry; path: DataPath } | undefined;
}

const factLists: FactList[] = [
  {
    name: 'rollback triggers',
    heading: /rollback triggers?/i,
    kind: 'trigger',
    items: (bundle) => bundle.gates?.data.rollbackTriggers,
    source: (bundle) => bundle.gates && { entry: bundle.gates, path: ['rollbackTriggers'] },
  },
  {
    name: 'rollback actions',
    heading: /rollback actions?/i,
    kind: 'action',
    items: (bundle) => bundle.gates?.data.rollbackActions,
    source: (bundle) => bundle.gates && { entry: bundle.gates, path: ['rollbackActions'] },
  },
  {
    name: 'evidence checklist',
    heading: /evidence checklist/i,
    kind: 'evidence',
    items: (bundle) => bundle.gates?.data.evidenceChecklist,
    source: (bundle) => bundle.gates && { entry: bundle.gates, path: ['evidenceChecklist'] },
  },
  {
    name: 'producer prerequisites',
    heading: /producer prerequisites?/i,
    kind: 'prereq',
    items: (bundle) => bundle.gates?.data.prerequisites.filter((item) => item.owner === 'producer'),
    source: (bundle) => bundle.gates && { entry: bundle.gates, path: ['prerequisites'] },
  },
  {
    name: 'consumer prerequisites',
    heading: /consumer prerequisites?/i,
    kind: 'prereq',
    items: (bundle) => bundle.gates?.data.prerequisites.filter((item) => item.owner === 'consumer'),
    source: (bundle) => bundle.gates && { entry: bundle.gates, path: ['prerequisites'] },
  },
  {
    name: 'exit criteria',
    heading: /exit criteri(a|on)/i,
    kind: 'exit',
    items: (bundle) => bundle.plan?.data.exitCriteria,
    source: (bundle) => bundle.plan && { entry: bundle.plan, path: ['exitCriteria'] },
  },
  {
    name: 'non-negotiables',
    heading: /non-negotiables?/i,
    kind: 'principle',
    items: (bundle) => bundle.rfc?.data.nonNegotiables,
    source: (bundle) => bundle.rfc && { entry: bundle.rfc, path: ['nonNegotiables'] },
  },
];

export const listsAgreeRule = defineRule(
  {
    id: 'lists-agree',
    description:
      'Rollback triggers and actions, the evidence checklist, prerequisites, exit criteria and non-negotiables agree wherever prose restates them.',
    docs: {
      checks:
        "A list under a heading that names one of these fact lists (for example `## Rollback triggers`) restates it. Each leaf item must name one item, either with its reference (`trigger:consumer-suite-fails`) or with its exact title (case, backticks and final punctuation ignored), and the list must name every item once. Items that only group a nested list are labels. The lists must also exist: a migration's gates document needs triggers, actions and an evidence checklist.",
      fix: 'Add the missing items and remove or correct the unexpected ones, so the list matches the definition; or change the definition if the fact changed.',
      examples: [
        {
          title: 'A restated list of rollback triggers misses one',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: '- Deterministic fallback regression in the consumer.\n- Critical rehearsal incident with an unresolved root cause.\n',
          notOk: '- Deterministic fallback regression in the consumer.\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:171:1 Unexpected rollback triggers list: missing `unresolved-incident` (\u201cCritical rehearsal incident with an unresolved root cause.\u201d), expected the rollback triggers defined in content/migrations/service-v3/gates.mdx (4 items)',
          ],
        },
      ],
    },
  },
  (corpus, report) => checkLists(corpus, report),
);

function checkLists(corpus: Corpus, report: Parameters<Parameters<typeof defineRule>[1]>[1]): void {
  for (const bundle of corpus.migrations) {
    for (const document of bundle.documents) {
      const sections = sectionsOf(document.body);
      sections.forEach((section, index) => {
        const fact = factLists.find((candidate) => candidate.heading.test(section.heading));
        if (!fact) return;
        // Exit criteria under a task or a stage heading are that item's own, not the plan's.
        const parent = sections.slice(0, index).findLast((candidate) => candidate.depth < section.depth);
        if (fact.kind === 'exit' && parent && ownsItsLists(parent.heading)) return;
        const items = fact.items(bundle);
        const source = fact.source(bundle);
        if (!items || !source) return;
        // Only the section's own lists: nested headings restate their own facts.
        const own = ownNodes(section);
        for (const { list, items: stated } of leafListItems(own)) {
          const byTitle = new Map(items.map((item) => [foldSentence(item.title), item.id]));
          const ids = new Set(items.map((item) => item.id));
          const named = new Set<string>();
          const unexpected: string[] = [];
          const repeated: string[] = [];
          for (const entry of stated) {
            const reference = entry.codes
              .map((code) => code.split(':'))
              .find(([kind, id]) => kind === fact.kind && id && ids.has(id));
            const id = reference?.[1] ?? byTitle.get(foldSentence(entry.text));
            if (id && named.has(id)) repeated.push(id);
            else if (id) named.add(id);
            else unexpected.push(entry.text.trim());
          }
          const missing = items.filter((item) => !named.has(item.id));
          if (!missing.length && !unexpected.length && !repeated.length) continue;
          const parts: string[] = [];
          if (missing.length)
            parts.push(`missing ${missing.map((item) => `\`${item.id}\` (“${item.title}”)`).join(', ')}`);
          if (unexpected.length) parts.push(`unexpected ${unexpected.map((text) => `“${text}”`).join(', ')}`);
          if (repeated.length) parts.push(`repeated ${repeated.map((id) => `\`${id}\``).join(', ')}`);
          report({
            file: document.file,
            place: { start: list.position?.start ?? section.place.start },
            reason: `Unexpected ${fact.name} list: ${parts.join('; ')}, expected the ${fact.name} defined in ${source.entry.file} (${plural(items.length, 'item')})`,
            actual: stated.map((entry) => entry.text.trim()).join('\n'),
            expected: items.map((item) => item.title),
            hint: `Name each item by its title or its reference (\`${fact.kind}:<id>\`), ${items.length === 1 ? 'the one item' : `all ${items.length} of them`}; or update the definition if the fact changed.`,
            related: {
              file: source.entry.file,
              place: source.entry.locate(source.path),
              reason: `The ${fact.name} are defined here`,
            },
          });
        }
      });
    }
  }
}
