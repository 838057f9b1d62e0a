import type { Root } from 'mdast';
import { checkCorpus } from '../check.ts';
import type { Corpus, DocumentEntry, MigrationBundle } from '../corpus.ts';
import { createDiagnostic, sortDiagnostics, type Diagnostic } from '../diagnostic.ts';
import { LineIndex } from '../parse/line-index.ts';
import type { Rule } from '../rule.ts';
import { commandsAgreeRule } from '../rules/commands-agree.ts';
import { envelopePolicyRule } from '../rules/envelope-policy.ts';
import { listsAgreeRule } from '../rules/lists-agree.ts';
import { pinsAgreeRule } from '../rules/pins-agree.ts';
import { referencesRule } from '../rules/references.ts';
import { restatedFieldsRule } from '../rules/restated-fields.ts';
import type { ProducerParseProblem } from '../parse/producer-markdown.ts';
import { inSnapshot, parseMarkdownText, withoutSnapshots, type MarkdownText } from './markdown.ts';
import type { SourcePlace } from './model.ts';

/**
 * Checks Markdown that is not content (no frontmatter: the producer's other documents, or facts restated
 * by a handoff JSON) against the content's facts. No rule logic lives here: the text is added to the
 * corpus as a prose-only document of the migration, and the checker's own prose rules run over it, so a
 * restatement in a plain file is judged exactly like one in a content document, with the same rule ids,
 * messages and docs pages. Snapshot sections are blanked first, so historical values are not judged.
 */

/** The rules that judge prose restatements (pins, contract versions, policies, commands, lists, task and table fields, references). */
export const proseRules: readonly Rule[] = [
  pinsAgreeRule,
  envelopePolicyRule,
  commandsAgreeRule,
  listsAgreeRule,
  restatedFieldsRule,
  referencesRule,
];

export interface ProseInput {
  /** The path diagnostics name. */
  file: string;
  text: string;
  /** For generated text: the place each line (index = line - 1) stands for; diagnostics are moved there. */
  origins?: readonly (SourcePlace | undefined)[] | undefined;
}

export interface ProseCheckOptions {
  /** Migration whose facts the text is checked against; by default the only one, or the one whose target contract the text names first. */
  migration?: string | undefined;
}

export function checkProse(
  corpus: Corpus,
  inputs: readonly ProseInput[],
  options: ProseCheckOptions = {},
): Diagnostic[] {
  if (!inputs.length || !corpus.migrations.length) return [];
  const added = new Map<MigrationBundle, DocumentEntry[]>();
  const unparsed: Diagnostic[] = [];
  const entries = inputs.map((input) => {
    const bundle = pickBundle(corpus, input.text, options.migration);
    const markdown = parseMarkdownText(input.text);
    if (markdown.problem) unparsed.push(unparsedDiagnostic(input, markdown.problem));
    const entry = proseEntry(markdown, input.file, bundle?.id);
    if (bundle) added.set(bundle, [...(added.get(bundle) ?? []), entry]);
    return entry;
  });
  const extended: Corpus = {
    ...corpus,
    documents: [...corpus.documents, ...entries],
    migrations: corpus.migrations.map((bundle) => {
      const extra = added.get(bundle);
      return extra ? { ...bundle, documents: [...bundle.documents, ...extra] } : bundle;
    }),
  };
  const byFile = new Map(inputs.map((input) => [input.file, input]));
  const diagnostics = checkCorpus(extended, proseRules).filter((diagnostic) => byFile.has(diagnostic.file));
  return sortDiagnostics(
    dedupe([
      ...unparsed,
      ...diagnostics.map((diagnostic) => relocate(diagnostic, byFile.get(diagnostic.file)?.origins)),
    ]),
  );
}

/** A scanned file that could not be parsed: nothing in it was checked, which is said, never passed over. */
function unparsedDiagnostic(input: ProseInput, problem: ProducerParseProblem): Diagnostic {
  return relocate(
    createDiagnostic(
      'syntax',
      {
        file: input.file,
        place: { start: { line: problem.line, column: problem.column } },
        reason: problem.reason,
        hint: 'Nothing in this file was checked against the content; fix the structure at this place and scan again.',
      },
      '/rules/syntax/',
    ),
    input.origins,
  );
}

/** Unknown migrations are a usage error the caller reports; here they just match nothing. */
export function pickBundle(corpus: Corpus, text: string, migration: string | undefined): MigrationBundle | undefined {
  if (migration) return corpus.migrations.find((bundle) => bundle.id === migration);
  if (corpus.migrations.length === 1) return corpus.migrations[0];
  let best: { bundle: MigrationBundle; at: number } | undefined;
  for (const bundle of corpus.migrations) {
    const target = bundle.meta?.data.to;
    const at = target ? text.indexOf(target) : -1;
    if (at !== -1 && (!best || at < best.at)) best = { bundle, at };
  }
  return best?.bundle ?? corpus.migrations[0];
}

function proseEntry(markdown: MarkdownText, file: string, migration: string | undefined): DocumentEntry {
  // Snapshot regions are blanked in the text (line numbers and columns kept) and their blocks left out of
  // the tree: the one parse serves both, a region being whole top-level blocks (a marker or a heading to
  // the next heading).
  const text = withoutSnapshots(markdown);
  const body: Root = {
    type: 'root',
    children: markdown.tree.children.filter((node) => !inSnapshot(markdown, node.position?.start.line ?? 1)),
  };
  // A prose-only document: no frontmatter data, so only the prose checks of the rules see it.
  return {
    kind: 'plan',
    file,
    data: {} as DocumentEntry['data'],
    locate: () => ({ start: { line: 1, column: 1 } }),
    migration,
    body,
    bodyText: text,
    lines: new LineIndex(text),
  };
}

/** Moves a diagnostic on generated text to the place its line stands for. */
export function relocate(
  diagnostic: Diagnostic,
  origins: readonly (SourcePlace | undefined)[] | undefined,
): Diagnostic {
  const origin = origins ? originAt(origins, diagnostic.line) : undefined;
  if (!origin) return diagnostic;
  return withPlace(diagnostic, origin.file, { line: origin.line, column: origin.column ?? 1 });
}

/** The origin of a line, or of the nearest line above it that has one. */
export function originAt(origins: readonly (SourcePlace | undefined)[], line: number): SourcePlace | undefined {
  for (let index = Math.min(line, origins.length) - 1; index >= 0; index--) {
    const found = origins[index];
    if (found) return found;
  }
  return undefined;
}

/** The same diagnostic (rule, message, hint, related place) at another place. */
export function withPlace(diagnostic: Diagnostic, file: string, start: { line: number; column: number }): Diagnostic {
  const cause = diagnostic.cause as { file?: string; line?: number; column?: number; reason?: string } | undefined;
  return createDiagnostic(
    diagnostic.ruleId,
    {
      file,
      place: { start },
      reason: diagnostic.reason,
      actual: diagnostic.actual ?? undefined,
      expected: diagnostic.expected ?? undefined,
      hint: diagnostic.note ?? '',
      related: cause?.file
        ? {
            file: cause.file,
            place: { start: { line: cause.line ?? 1, column: cause.column ?? 1 } },
            reason: cause.reason ?? '',
          }
        : undefined,
      severity: diagnostic.fatal ? 'error' : diagnostic.fatal === false ? 'warning' : 'info',
    },
    diagnostic.url ?? undefined,
  );
}

/** One report per rule, message and place: two restatements of one source line say the same thing once. */
export function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = `${diagnostic.file}:${diagnostic.line}:${diagnostic.ruleId}:${diagnostic.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
