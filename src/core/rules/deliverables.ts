import { defineRule } from '../rule.ts';
import { slotUnknown } from '../unloaded.ts';

export const deliverablesRule = defineRule(
  {
    id: 'deliverables',
    description: 'Every deliverable the plan lists exists, and every document of the migration is listed.',
    docs: {
      checks:
        "Each `deliverables[].path` in a migration's plan must exist in the repository, and each document and data file in the migration folder (except `migration.yaml` and the `records.yaml` log) must be listed as some deliverable's path, so the plan and the package cannot drift apart.",
      fix: 'Create the missing file or correct its path; add a deliverable for an unlisted document, or remove the document.',
      examples: [
        {
          title: 'A deliverable path that does not exist',
          file: 'content/migrations/service-v3/plan.mdx',
          ok: '    path: content/migrations/service-v3/tracker.mdx\n',
          notOk: '    path: content/migrations/service-v3/tracker.md\n',
          reports: [
            'content/migrations/service-v3/plan.mdx:18:5 Missing deliverable `execution-tracker` at `content/migrations/service-v3/tracker.md`, expected the file to exist',
            'content/migrations/service-v3/tracker.mdx:1:1 Unexpected document `content/migrations/service-v3/tracker.mdx` that the plan does not list, expected every document of the migration among the deliverables',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const plan = bundle.plan;
      if (!plan) {
        // A plan that failed to load is unknown, not missing: its own syntax or schema report says why.
        if (slotUnknown(corpus, bundle, 'plan')) continue;
        const first = bundle.documents[0] ?? bundle.data[0];
        if (first) {
          report({
            file: first.file,
            place: { start: { line: 1, column: 1 } },
            reason: `Missing plan for migration \`${bundle.id}\`, expected a \`kind: plan\` document listing its deliverables`,
            hint: `Add ${bundle.dir}/plan.mdx.`,
          });
        }
        continue;
      }
      const listed = new Set<string>();
      plan.data.deliverables.forEach((deliverable, index) => {
        listed.add(deliverable.path);
        if (corpus.exists(deliverable.path)) return;
        report({
          file: plan.file,
          place: plan.locate(['deliverables', index, 'path']),
          reason: `Missing deliverable \`${deliverable.id}\` at \`${deliverable.path}\`, expected the file to exist`,
          actual: deliverable.path,
          hint: 'Create the file, or correct the path (repository-relative, e.g. `content/migrations/service-v3/plan.mdx`).',
        });
      });
      // migration.yaml describes the migration and records.yaml logs what happened to it: neither is shipped.
      const members = [...bundle.documents, ...bundle.data].filter(
        (entry) => entry.kind !== 'migration' && entry.kind !== 'records',
      );
      for (const entry of members) {
        if (listed.has(entry.file)) continue;
        report({
          file: entry.file,
          place: { start: { line: 1, column: 1 } },
          reason: `Unexpected document \`${entry.file}\` that the plan does not list, expected every document of the migration among the deliverables`,
          actual: entry.file,
          hint: `Add a deliverable with \`path: ${entry.file}\` to ${plan.file}.`,
          related: { file: plan.file, place: plan.locate(['deliverables']), reason: 'Deliverables are listed here' },
        });
      }
    }
  },
);
