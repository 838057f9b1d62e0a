import { isHandoffPayload } from '../handoff-file.ts';
import { payloadSchema } from '../../schemas/payload.ts';
import { firstDifference } from '../generate/diff.ts';
import { buildPayload, payloadTargets, PayloadInputError, serializePayload } from '../generate/payload.ts';
import { formatDataPath } from '../parse/data-path.ts';
import { parseJson } from '../parse/json.ts';
import { parseWithSchema } from '../parse/schema.ts';
import { defineRule } from '../rule.ts';
import { slotUnknown } from '../unloaded.ts';

const hintFor = (path: string) => `Run \`pnpm generate\` to rewrite ${path} from the documents; never edit it by hand.`;

export const payloadFreshRule = defineRule(
  {
    id: 'payload-fresh',
    tier: 'derived',
    description:
      'The committed handoff payload matches its schema and is byte-for-byte what the generator produces from the documents now.',
    docs: {
      checks:
        'For each migration whose plan lists a `.json` deliverable in the migration folder (the handoff payload, named `handoff-<name>.json`), the committed file must parse, match the payload schema, and equal exactly the bytes `pnpm generate` writes from the current content: same values, same key order, 2-space indentation, LF line ends and one final newline. The payload carries the sha256 of every source file, so any edit to a source document makes it stale. The report points at the first differing field of the committed file. Freshness is judged only when the migration’s files and the shared files (pin, manifest, contracts) loaded cleanly; fix their `syntax` and `schema` reports first.',
      fix: 'Run `pnpm generate` and commit the result. Do not edit the payload by hand: change the documents it is made from instead.',
      examples: [
        {
          title: 'A hand edit of the committed payload',
          file: 'content/migrations/service-v3/handoff-candidate.json',
          ok: '      "owner": "consumer",\n      "status": "pending",\n',
          notOk: '      "owner": "consumer",\n      "status": "passed",\n',
          reports: [
            'content/migrations/service-v3/handoff-candidate.json:153:7 Unexpected `"passed"` at `gates[1].status` of the committed handoff payload, expected `"pending"` as generated from the documents',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const targets = payloadTargets(corpus);
    const listed = new Set(targets.map((target) => target.path));

    for (const target of targets) {
      const { bundle, path } = target;
      const plan = bundle.plan;
      if (!plan) continue;
      const name = path.slice(bundle.dir.length + 1);
      if (!isHandoffPayload(path)) {
        report({
          file: plan.file,
          place: plan.locate(['deliverables', target.deliverableIndex, 'path']),
          reason: `Unexpected payload file name \`${name}\`, expected \`handoff-<name>.json\` so the loader treats it as generated`,
          actual: name,
          hint: `Rename the deliverable to e.g. \`${bundle.dir}/handoff-candidate.json\`, then run \`pnpm generate\`.`,
        });
        continue;
      }
      const committed = corpus.texts.get(path);
      // A missing file is the `deliverables` rule's report.
      if (committed === undefined) continue;
      if (corpus.withBom.has(path)) {
        report({
          file: path,
          place: { start: { line: 1, column: 1 } },
          reason:
            "Unexpected byte order mark at the start of the committed handoff payload, expected the generator's exact bytes (UTF-8 without BOM)",
          hint: hintFor(path),
        });
        continue;
      }

      // Generate first: when the bytes are equal (the usual case) the committed file needs no parsing,
      // since the generator's output is validated against the schema as it is built.
      let generated: string | undefined;
      // Sources that failed to load would give an incomplete payload: their own reports come first. Only
      // this migration's files and the shared ones count, so the verdict for one migration never depends
      // on another (a parallel check, which sees one shard at a time, gives the same answer).
      const sourcesBroken = corpus.loadProblems.some(
        (problem) => problem.file.startsWith(`${bundle.dir}/`) || !problem.file.includes('/migrations/'),
      );
      if (!sourcesBroken) {
        try {
          generated = serializePayload(
            buildPayload(corpus, corpus.texts, {
              migration: bundle.id,
              sourceDateEpoch: committedSourceDateEpoch(committed),
            }),
          );
        } catch (error) {
          if (!(error instanceof PayloadInputError)) throw error;
          for (const reason of error.reasons) {
            report({
              file: path,
              place: { start: { line: 1, column: 1 } },
              reason: `${reason} (the payload cannot be generated)`,
              hint: 'Fix the documents first; then run `pnpm generate`.',
            });
          }
          continue;
        }
        if (generated === committed) continue;
      }

      const parsed = parseJson(committed);
      for (const error of parsed.errors)
        report({ file: path, place: error.place, reason: error.reason, hint: hintFor(path) });
      if (parsed.errors.length) continue;
      const valid = parseWithSchema(payloadSchema, parsed.data, parsed.locate, 'handoff payload');
      if (!valid.ok) {
        for (const problem of valid.problems)
          report({ file: path, ...problem, hint: `${problem.hint} ${hintFor(path)}` });
        continue;
      }
      // An incomplete corpus would generate an incomplete payload: the load reports come first.
      if (generated === undefined) continue;

      const difference = firstDifference(committed, parsed.data, generated);
      if (!difference) continue;
      if (difference.kind === 'bytes') {
        report({
          file: path,
          place: { start: { line: difference.line ?? 1, column: 1 } },
          reason: `Unexpected formatting at line ${difference.line ?? 1} of the committed handoff payload (${difference.committed}), expected the generator's exact bytes (${difference.generated})`,
          hint: hintFor(path),
        });
        continue;
      }
      const field = formatDataPath(difference.path);
      const place = parsed.locate(difference.path);
      const changedSource = sourceChanged(parsed.data, difference.path);
      // The edit that made the payload stale is in a source file: point there, so the author sees why.
      const edited = firstChangedSource(parsed.data, generated);
      report({
        related: edited
          ? {
              file: edited,
              place: { start: { line: 1, column: 1 } },
              reason: 'This source changed since the payload was generated',
            }
          : undefined,
        file: path,
        place,
        reason: changedSource
          ? `Unexpected stale sha256 of \`${changedSource}\` at \`${field}\` of the committed handoff payload, expected the current file's \`${difference.generated.replace(/"/g, '')}\`: the source changed since the payload was generated`
          : difference.kind === 'missing'
            ? `Missing \`${field}\` in the committed handoff payload, expected ${difference.generated} as generated from the documents`
            : difference.kind === 'extra'
              ? `Unexpected \`${field}\` (${difference.committed}) in the committed handoff payload, expected no such ${typeof difference.path.at(-1) === 'number' ? 'item' : 'key'} in the generated payload`
              : difference.kind === 'order'
                ? `Unexpected ${difference.committed} of ${difference.path.length ? `\`${field}\`` : 'the top level'} in the committed handoff payload, expected ${difference.generated} (the schema's key order)`
                : `Unexpected \`${difference.committed}\` at \`${field}\` of the committed handoff payload, expected \`${difference.generated}\` as generated from the documents`,
        actual: difference.committed,
        expected: [difference.generated],
        hint: hintFor(path),
      });
    }

    // A generated payload no plan asks for would be published and never checked again.
    const bundleByDir = new Map(corpus.migrations.map((bundle) => [bundle.dir, bundle]));
    for (const file of corpus.texts.keys()) {
      const bundle = bundleByDir.get(file.slice(0, file.lastIndexOf('/')));
      if (
        !bundle ||
        listed.has(file) ||
        // Whether a plan that failed to load lists the payload is unknown: never advise deleting it.
        slotUnknown(corpus, bundle, 'plan') ||
        !isHandoffPayload(file) ||
        file.slice(bundle.dir.length + 1).includes('/')
      )
        continue;
      report({
        file,
        place: { start: { line: 1, column: 1 } },
        reason: `Unexpected handoff payload \`${file}\` that the plan does not list, expected every payload among the deliverables`,
        actual: file,
        hint: bundle.plan
          ? `Add a deliverable with \`path: ${file}\` to ${bundle.plan.file}, or delete the file.`
          : 'Delete the file, or add a plan that lists it.',
      });
    }
  },
);

/** The first source whose digest in the committed payload differs from the digest the generator records now. */
function firstChangedSource(committed: unknown, generated: string): string | undefined {
  const recorded = (committed as { sources?: { path: string; sha256: string }[] }).sources ?? [];
  const current = new Map(
    ((JSON.parse(generated) as { sources?: { path: string; sha256: string }[] }).sources ?? []).map((source) => [
      source.path,
      source.sha256,
    ]),
  );
  return recorded.find((source) => current.has(source.path) && current.get(source.path) !== source.sha256)?.path;
}

/** When the difference is a source digest, the path of that source. */
function sourceChanged(committed: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path.length !== 3 || path[0] !== 'sources' || path[2] !== 'sha256' || typeof path[1] !== 'number')
    return undefined;
  const source = (committed as { sources: { path: string }[] }).sources[path[1]];
  return source?.path;
}

/**
 * The check is a function of the files alone, never of the environment: a payload generated with
 * SOURCE_DATE_EPOCH records that, with its date, and is regenerated the same way here. Otherwise the
 * verdict of `pnpm check` would change with a variable set in one CI job and not in another.
 */
function committedSourceDateEpoch(committed: string): string | undefined {
  if (!/"sourceDateFrom":\s*"SOURCE_DATE_EPOCH"/.test(committed)) return undefined;
  const date = /"sourceDate":\s*"(\d{4})-(\d{2})-(\d{2})"/.exec(committed);
  if (!date) return undefined;
  return String(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) / 1000);
}
