import type { Entry } from '../corpus.ts';
import { timelineOf } from '../lifecycle.ts';
import type { DataPath } from '../parse/data-path.ts';
import { defineRule } from '../rule.ts';
import { finishedOf, statusItems, statusNouns } from '../status-claims.ts';
import { unloadedKinds } from '../unloaded.ts';

export const evidenceRecordsRule = defineRule(
  {
    id: 'evidence-records',
    description: 'A gate is `passed`, an exit criterion `met` and a task `done` only with an evidence record.',
    docs: {
      checks:
        "Declaring which commands and checklist items a gate needs says what would prove it; an evidence record in the migration's `records.yaml` is the proof that it happened: when (UTC), by whom, and what (a CI run link or an artifact path, with an optional sha256). Every gate with status `passed`, exit criterion with status `met` and task with status `done` must be named, as `gate:<id>`, `exit:<id>` or `task:<id>`, in the `for` list of at least one evidence record. The rule applies to every migration that keeps a `records.yaml`; a package imported from plain Markdown has none until its team starts one.",
      fix: 'Add the record to `content/migrations/<id>/records.yaml` under `evidence` (id, title, recordedAt, by, for, and `ci` or `artifact`), or set the status back to what the records support.',
      examples: [
        {
          title: 'A gate set to passed with no evidence record',
          file: 'content/migrations/service-v3/gates.mdx',
          ok: '  - id: producer-suite-green\n    title: Producer suite green\n    owner: producer\n    status: pending\n',
          notOk:
            '  - id: producer-suite-green\n    title: Producer suite green\n    owner: producer\n    status: passed\n',
          reports: [
            'content/migrations/service-v3/gates.mdx:12:5 Unexpected passed gate `producer-suite-green` without an evidence record, expected a record in content/migrations/service-v3/records.yaml whose `for` names `gate:producer-suite-green`',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      // A records file that failed to load is unknown, not empty: its `syntax`/`schema` report comes first.
      if (unloadedKinds(corpus, bundle).has('record')) continue;
      // A migration without a records file has not adopted evidence records (a freshly imported package):
      // the rule starts to apply when the file exists. The shipped content keeps one.
      const timeline = timelineOf(bundle);
      if (!timeline) continue;
      const recordsFile = timeline.entry.file;
      const check = (entry: Entry, noun: string, kind: string, id: string, status: string, path: DataPath) => {
        const reference = `${kind}:${id}`;
        if (timeline.recordsFor(reference).length) return;
        report({
          file: entry.file,
          place: entry.locate(path),
          reason: `Unexpected ${status} ${noun} \`${id}\` without an evidence record, expected a record in ${recordsFile} whose \`for\` names \`${reference}\``,
          actual: status,
          hint: `Add an evidence record to ${recordsFile} under \`evidence\` with \`for: [${reference}]\`, when it was recorded (\`recordedAt\`, UTC), by whom (\`by\`) and what proves it (\`ci\`: a CI run link, or \`artifact\`: a path); or set the status back until there is one.`,
        });
      };
      for (const kind of ['gate', 'task', 'exit'] as const)
        for (const item of statusItems(bundle, kind))
          if (item.status === finishedOf[kind])
            check(item.entry, statusNouns[kind], kind, item.id, item.status, item.path);
    }
  },
);
