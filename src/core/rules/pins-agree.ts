import { pinFields, type Pin, type PinField, type RuntimePin } from '../../schemas/index.ts';
import type { Corpus, Entry } from '../corpus.ts';
import type { DataPath } from '../parse/data-path.ts';
import { pinTokensIn as tokensIn } from '../conventions.ts';
import { snapshotRegions } from '../prose.ts';
import { unloadedContractVersions } from '../unloaded.ts';
import { defineRule } from '../rule.ts';
import { sourcedValueAt } from '../sources.ts';

/**
 * A pin restated as `` `field`: `value` `` (the producer's bullet convention) or `field: value` in plain text.
 * Quoted JSON keys are left to the token scan: they appear in envelope examples, whose
 * `service_contract_version` is the example's contract, not the live pin.
 */
const restatedField = new RegExp(`(?<!["'\\w])\`?(${pinFields.join('|')})\`?\\s*[:=]\\s*\`?([^\`"'\\s,;)]+)`, 'g');

/** What a value of each pin field looks like, loosely, so a malformed restatement is still caught. */
const valueShape: Record<PinField, RegExp> = {
  release_tag: /^v?\d/,
  commit_sha: /^[0-9a-f]{7,}$/i,
  service_contract_version: /^service\./,
  api_contract_version: /^api\./,
  integration_baseline: /^integration\//,
};

/** Document statuses that describe the past: their restated pins may be declared snapshots. */
const pastStatuses = new Set(['implemented', 'superseded', 'historical']);

const hintSnapshot =
  'If the value is meant to differ (a historical snapshot or a rollback target), declare it under `snapshots` in the runtime pin file; if it names a future release or contract, declare it under `planned` with a reason; otherwise use the live pin value.';

export const pinsAgreeRule = defineRule(
  {
    id: 'pins-agree',
    description:
      'Every restated pin value (tag, sha, contract versions, baseline) equals the live runtime pin or a declared snapshot.',
    docs: {
      checks:
        'The runtime pin file is the one source of the live pin. Pin fields restated in frontmatter or data (such as the RFC `baseline`) must equal it, except in a document whose status is `implemented`, `superseded` or `historical`, where they may equal a declared snapshot (the pin it was written against). Prose and data strings are scanned for 40-hex shas, `vX.Y.Z` tags, `service.vN`, `api.vN` and `integration/vN` tokens: each must be a declared value (the live pin, a declared contract version, or a snapshot declared with a reason). A restatement such as `` `release_tag`: `v0.3.2` `` must equal the live pin exactly, except in a section marked as a snapshot (`{/* contract-docs: snapshot */}` in MDX, `<!-- contract-docs: snapshot -->` in Markdown, before its heading), where it must equal a declared value.',
      fix: 'Use the live pin value. If the value is meant to differ, declare it as a snapshot (historical or rollback target) in the runtime pin file.',
      examples: [
        {
          title: 'Prose restates a commit sha that is not the live pin',
          file: 'content/migrations/service-v3/plan.mdx',
          ok: '- `commit_sha`: `cf331449e1589581a5dcbb3adecd3e9ae4509277`\n',
          notOk: '- commit `0000000000000000000000000000000000000000`\n',
          reports: [
            'content/migrations/service-v3/plan.mdx:129:11 Unexpected commit sha `0000000000000000000000000000000000000000`, expected a declared value: the live pin `cf331449e1589581a5dcbb3adecd3e9ae4509277`',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const runtime = corpus.runtimePin;
    if (!runtime) {
      if (!corpus.loadProblems.some((problem) => problem.file.endsWith('runtime/pin.yaml'))) {
        report({
          file: 'content/runtime/pin.yaml',
          place: { start: { line: 1, column: 1 } },
          reason: 'Missing runtime pin, expected a `kind: runtime-pin` data file',
          hint: 'Create content/runtime/pin.yaml with the live pin; every restatement is checked against it.',
        });
      }
      return;
    }
    const declared = declaredValues(corpus, runtime.data);
    const pin = runtime.data.pin;
    const pinPlace = (field: PinField) => {
      // A sourced pin value is defined in the producer's file: point there, not at the pointer.
      const sourced = sourcedValueAt(runtime.sourced ?? [], ['pin', field]);
      return sourced
        ? {
            file: sourced.file,
            place: sourced.place,
            reason: `The live pin is read from here (${runtime.file} points at ${sourced.pointer})`,
          }
        : { file: runtime.file, place: runtime.locate(['pin', field]), reason: 'The live pin is declared here' };
    };

    const checkToken = (
      field: PinField,
      label: string,
      value: string,
      file: string,
      place: () => ReturnType<Entry['locate']>,
    ) => {
      if (declared[field].has(value)) return;
      report({
        file,
        place: place(),
        reason: `Unexpected ${label} \`${value}\`, expected a declared value: ${describeDeclared(field, pin, declared[field])}`,
        actual: value,
        expected: [...declared[field]],
        hint: hintSnapshot,
        related: pinPlace(field),
      });
    };
    const checkRestated = (field: PinField, value: string, file: string, place: () => ReturnType<Entry['locate']>) => {
      if (value === pin[field]) return;
      report({
        file,
        place: place(),
        reason: `Unexpected \`${field}\` \`${value}\`, expected the live pin's \`${pin[field]}\``,
        actual: value,
        expected: [pin[field]],
        hint: `Restate the live pin exactly, or refer to the runtime pin page instead of restating it.`,
        related: pinPlace(field),
      });
    };

    // Structured data: every value under a pin-named key, and every string scanned for tokens.
    for (const entry of [...corpus.data, ...corpus.documents]) {
      if (entry === runtime) continue;
      walkStrings(entry.data, [], (value, path) => {
        const key = path.at(-1);
        const inExample = entry.kind === 'contract-policy' && path[0] === 'example';
        if (!inExample && typeof key === 'string' && (pinFields as readonly string[]).includes(key)) {
          // A document of the past (an implemented RFC, a historical plan) keeps the pin it was written
          // against: after a cutover that is a declared snapshot, not the live pin.
          if (pastStatuses.has((entry.data as { status?: string }).status ?? ''))
            checkToken(key as PinField, `\`${key}\``, value, entry.file, () => entry.locate(path));
          else checkRestated(key as PinField, value, entry.file, () => entry.locate(path));
          return;
        }
        if (entry.kind === 'contract-policy' && key === 'version') return;
        if (entry.kind === 'migration' && (key === 'from' || key === 'to')) return;
        for (const token of tokensIn(value))
          checkToken(token.field, token.label, token.value, entry.file, () => entry.locate(path));
      });
    }

    // Prose: raw text of the body, so code spans, code blocks and link text are all covered.
    for (const document of corpus.documents) {
      const text = document.bodyText;
      const restatedAt = new Set<number>();
      const snapshots = snapshotRegions(document.body);
      for (const match of text.matchAll(restatedField)) {
        const value = match[2] ?? '';
        // `commit_sha`: the 40-hex commit ... is a glossary line, not a restatement.
        if (!valueShape[match[1] as PinField].test(value)) continue;
        const valueOffset = (match.index ?? 0) + match[0].lastIndexOf(value);
        restatedAt.add(valueOffset);
        const start = document.lines.point(valueOffset);
        if (snapshots.some((region) => region.start <= start.line && start.line <= region.end)) {
          // A marked snapshot restates an old pin: its values must be declared, not live.
          checkToken(match[1] as PinField, `snapshot \`${match[1]}\``, value, document.file, () => ({ start }));
          continue;
        }
        checkRestated(match[1] as PinField, value, document.file, () => ({
          start,
          end: { line: start.line, column: start.column + value.length },
        }));
      }
      for (const token of tokensIn(text)) {
        if (restatedAt.has(token.index)) continue;
        checkToken(token.field, token.label, token.value, document.file, () => {
          const start = document.lines.point(token.index);
          return { start, end: { line: start.line, column: start.column + token.value.length } };
        });
      }
    }
  },
);

type Declared = Record<PinField, Set<string>>;

function declaredValues(corpus: Corpus, runtime: RuntimePin): Declared {
  const declared = Object.fromEntries(
    pinFields.map((field) => [field, new Set<string>([runtime.pin[field]])]),
  ) as Declared;
  for (const snapshot of runtime.snapshots) {
    for (const field of pinFields) {
      const value = snapshot[field];
      if (value) declared[field].add(value);
    }
  }
  // Planned values (a release to be tagged) may be named in prose because the pin declares them, with a reason.
  for (const planned of runtime.planned ?? []) {
    for (const field of pinFields) {
      const value = (planned as Partial<Record<PinField, string>>)[field];
      if (value) declared[field].add(value);
    }
  }
  for (const contract of corpus.contracts) declared.service_contract_version.add(contract.data.version);
  // A contract whose file failed to load is still declared: its own report says what is wrong with it.
  for (const version of unloadedContractVersions(corpus)) declared.service_contract_version.add(version);
  return declared;
}

function describeDeclared(field: PinField, pin: Pin, values: Set<string>): string {
  const others = [...values].filter((value) => value !== pin[field]);
  const extra = others.length ? `, or one of ${others.map((value) => `\`${value}\``).join(', ')}` : '';
  return `the live pin \`${pin[field]}\`${extra}`;
}

function walkStrings(value: unknown, path: PropertyKey[], visit: (value: string, path: DataPath) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => walkStrings(item, [...path, index], visit));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walkStrings(item, [...path, key], visit);
  }
}
