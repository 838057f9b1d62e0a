import type { PinField } from '../schemas/index.ts';

/**
 * The producer-Markdown conventions the whole tool understands, in one place: the checker's prose rules,
 * the importer, `check --scan` and the drift report all look them up here, so a convention learned by one
 * is learned by all (test/conventions/agreement.test.ts runs the same inputs through every user).
 */

// ------------------------------------------------------------------------------------------ snapshots

/** `<!-- contract-docs: snapshot -->` in Markdown, `{/* contract-docs: snapshot *\/}` in MDX (its expression text). */
export const snapshotMarkerPattern =
  /^\s*(?:<!--\s*contract-docs:\s*snapshot\s*-->|\{?\s*\/\*\s*contract-docs:\s*snapshot\s*\*\/\s*\}?)\s*$/;

/** The smallest block shape the snapshot region needs, so Sätteri's and remark's trees both fit. */
interface Block {
  type: string;
  depth?: number;
  value?: unknown;
  position?: { start: { line: number }; end: { line: number } } | undefined;
}

/** A historical region: lines `start`..`end` (1-based, inclusive); `heading` is the section it covers. */
export interface SnapshotRegion {
  start: number;
  end: number;
  heading?: string | undefined;
  /** `marker`: a snapshot marker declared it; `heading`: its heading names history (`## History`). */
  by: 'marker' | 'heading';
}

/**
 * Line ranges a snapshot marker declares historical. A marker right before a heading covers that heading's
 * section, from the marker down to the next heading of the same or a higher level (before the H1: the
 * whole text). A marker followed by anything else covers the rest of the text. A section whose heading
 * names history (`## History`) is one too, marker or not. Values there are meant to
 * differ from the live facts: the rules check them against the declared snapshots, the importer declares
 * them as snapshots, and the drift report shows them as history.
 */
export function snapshotRegions(blocks: readonly Block[], lineCount = Number.MAX_SAFE_INTEGER): SnapshotRegion[] {
  const regions: SnapshotRegion[] = [];
  blocks.forEach((node, index) => {
    const value = typeof node.value === 'string' ? node.value : '';
    if ((node.type !== 'html' && node.type !== 'mdxFlowExpression') || !snapshotMarkerPattern.test(value)) return;
    const start = node.position?.start.line ?? 1;
    const next = blocks[index + 1];
    if (!next || next.type !== 'heading') {
      regions.push({ start, end: lineCount, by: 'marker' });
      return;
    }
    const depth = next.depth ?? 1;
    const after = blocks.slice(index + 2).find((block) => block.type === 'heading' && (block.depth ?? 1) <= depth);
    const end = after?.position ? after.position.start.line - 1 : lineCount;
    regions.push({ start: depth === 1 ? 1 : start, end, heading: headingText(next), by: 'marker' });
  });
  // A section whose heading names history (`## History`, `### Previous pin`) is a snapshot without a marker.
  blocks.forEach((node, index) => {
    if (node.type !== 'heading' || (node.depth ?? 1) < 2) return;
    const heading = headingText(node);
    if (!historyHeadingPattern.test(heading)) return;
    const start = node.position?.start.line ?? 1;
    if (regions.some((region) => start >= region.start && start <= region.end)) return;
    const depth = node.depth ?? 2;
    const after = blocks.slice(index + 1).find((block) => block.type === 'heading' && (block.depth ?? 1) <= depth);
    regions.push({ start, end: after?.position ? after.position.start.line - 1 : lineCount, heading, by: 'heading' });
  });
  return regions.sort((a, b) => a.start - b.start);
}

export function inRegions(regions: readonly SnapshotRegion[], line: number): boolean {
  return regions.some((region) => line >= region.start && line <= region.end);
}

function headingText(node: { value?: unknown; children?: unknown[] }): string {
  if (typeof node.value === 'string') return node.value;
  return ((node.children ?? []) as { value?: unknown; children?: unknown[] }[]).map(headingText).join('');
}

/** Headings of sections that record the past rather than state the present (shown as history by the drift report). */
export const historyHeadingPattern =
  /\b(history|historical|changelog|change log|archived?|superseded|previous|prior|snapshot|revision log)\b/i;

/** Headings of sections that log what was run (output, transcripts): logs, never a required command set. */
export const runLogHeadingPattern =
  /\b(commands? (executed|run)|executed commands|run log|execution log|command log|transcript|output|what (we|was) ran)\b/i;

// ------------------------------------------------------------------------------------------ pin tokens

/** Version-like tokens: each names the pin field it restates. Prose may only use them with a declared value. */
export const pinTokenPatterns: readonly { field: PinField; label: string; pattern: RegExp }[] = [
  { field: 'commit_sha', label: 'commit sha', pattern: /(?<![0-9a-fA-F])[0-9a-f]{40}(?![0-9a-fA-F])/g },
  { field: 'release_tag', label: 'release tag', pattern: /(?<![\w.])v\d+\.\d+\.\d+(?![\w.-]*\d)/g },
  { field: 'service_contract_version', label: 'service contract version', pattern: /(?<![\w.])service\.v\d+(?!\w)/g },
  { field: 'api_contract_version', label: 'API contract version', pattern: /(?<![\w.])api\.v\d+(?!\w)/g },
  { field: 'integration_baseline', label: 'integration baseline', pattern: /(?<![\w/])integration\/v\d+(?!\w)/g },
];

/** Whether a UTF-16 code unit is a hex digit of either case (a sha's neighbour that would make it longer). */
function isHexUnit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/**
 * Every full commit sha of a text (the `commit_sha` token pattern's matches: exactly 40 lower-case hex
 * digits, no hex digit either side), in order. Same answer as the pattern, found by looking at every 40th
 * character: a run of 40 hex digits must cover it, and in prose most are not hex at all. The pattern
 * itself has to try a match at every letter a to f, which made it the dearest scan of a large corpus.
 */
export function fullShasIn(text: string): { sha: string; offset: number }[] {
  const found: { sha: string; offset: number }[] = [];
  for (let probe = 39; probe < text.length;) {
    if (!isHexUnit(text.charCodeAt(probe))) {
      probe += 40;
      continue;
    }
    let start = probe;
    while (start > 0 && isHexUnit(text.charCodeAt(start - 1))) start--;
    let end = probe + 1;
    while (end < text.length && isHexUnit(text.charCodeAt(end))) end++;
    if (end - start === 40) {
      const sha = text.slice(start, end);
      if (!/[A-F]/.test(sha)) found.push({ sha, offset: start });
    }
    // The next run starts after the character that ended this one, so its 40th digit is at end + 40 or later.
    probe = end + 40;
  }
  return found;
}

/** All token patterns as one alternation, so each text is scanned once rather than once per pattern. */
const anyPinToken = new RegExp(pinTokenPatterns.map((token) => `(${token.pattern.source})`).join('|'), 'g');

/** Every pin token in a text, in order, with the field it restates. */
export function* pinTokensIn(
  text: string,
): Generator<{ field: PinField; label: string; value: string; index: number }> {
  const pattern = new RegExp(anyPinToken.source, 'g');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    // The first defined group says which pattern matched; unnamed groups avoid an object per match.
    let which = 1;
    while (which < match.length && match[which] === undefined) which++;
    const token = pinTokenPatterns[which - 1];
    if (token) yield { field: token.field, label: token.label, value: match[0], index: match.index };
  }
}

/** The pin field a whole value restates by its shape (`v0.3.2` is a release tag), or undefined. */
export function pinFieldOfValue(value: string): PinField | undefined {
  const trimmed = value.trim();
  return pinTokenPatterns.find((token) => new RegExp(`^(?:${token.pattern.source})$`).test(trimmed))?.field;
}

/**
 * Labels that name a pin field, matched against a label folded to lower-case words (`releaseTag`,
 * `release_tag`, `Producer release baseline` and `Release tag` all fold to words). The value's shape still
 * has to fit the field, so `Baseline: integration/v1` is the integration baseline, not the tag.
 */
export const pinFieldLabels: readonly { field: PinField; pattern: RegExp }[] = [
  {
    field: 'release_tag',
    pattern: /\b(release tag|tag|release baseline|release|baseline release|pinned release|baseline)\b/,
  },
  { field: 'commit_sha', pattern: /\b(commit sha|commit|sha|baseline commit|git sha)\b/ },
  {
    field: 'service_contract_version',
    pattern: /\b((expected )?service contract version|service contract|contract version|contract)\b/,
  },
  { field: 'api_contract_version', pattern: /\b((expected )?api contract version|api contract|api version)\b/ },
  { field: 'integration_baseline', pattern: /\b(integration baseline|integration)\b/ },
];

// ------------------------------------------------------------------------------------------ tasks

/**
 * A task heading: `Task P1: Rehearsal planning package`, `Task P1 — …`, or an id alone such as
 * `P1: Rehearsal planning package` / `P1 — …`. Group 1 or 2 is the id, group 3 the title.
 */
export const taskHeadingPattern =
  /^(?:Task\s+([A-Za-z0-9][\w-]*?)|([A-Z]{1,3}\d+))(?:\s*[:.]|\s+[\u2013\u2014-])\s*(.+)$/;

/** The id and title of a task heading, or undefined when the heading is not one. */
export function parseTaskHeading(heading: string): { id: string; title: string } | undefined {
  const match = taskHeadingPattern.exec(heading.trim());
  if (!match) return undefined;
  return { id: match[1] ?? match[2] ?? '', title: (match[3] ?? '').trim() };
}

/** `## Stage 2: Pre-release artifacts` (also `Stage 2 — …`, `Stage 2.`): an RFC stage written as a heading. */
export const stageHeadingPattern = /^Stage\s+(\d+)\s*(?:[:.]|\s[\u2013\u2014-])\s*(.+)$/i;

/**
 * A task's or a stage's section: an "Exit criteria" list under it is that task's or stage's own, never a
 * restatement of the plan's exit criteria.
 */
export function ownsItsLists(heading: string): boolean {
  return parseTaskHeading(heading) !== undefined || stageHeadingPattern.test(heading.trim());
}

// ------------------------------------------------------------------------------------------ shell blocks

/** Fenced code languages that hold commands (a block without a language is a shell block too when it restates one). */
export const shellLanguages: ReadonlySet<string> = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'shell-session']);

/** A terminal transcript: prompts (`$ `) with output lines between them records a run, it requires nothing. */
export function isTranscript(code: string): boolean {
  const lines = code.split('\n').filter((line) => line.trim());
  const prompted = lines.filter((line) => /^\s*\$\s/.test(line)).length;
  return prompted > 0 && prompted < lines.length;
}

/**
 * Line ranges of sections that log what was run (`### Commands executed`, `## Run log`): a shell block
 * there is a log, never a restatement of the required commands.
 */
export function runLogRegions(
  blocks: readonly Block[],
  lineCount = Number.MAX_SAFE_INTEGER,
): { start: number; end: number }[] {
  const regions: { start: number; end: number }[] = [];
  blocks.forEach((node, index) => {
    if (node.type !== 'heading' || !runLogHeadingPattern.test(headingText(node))) return;
    const depth = node.depth ?? 1;
    const after = blocks.slice(index + 1).find((block) => block.type === 'heading' && (block.depth ?? 1) <= depth);
    regions.push({
      start: node.position?.start.line ?? 1,
      end: after?.position ? after.position.start.line - 1 : lineCount,
    });
  });
  return regions;
}

/** A command of a shell block, with the comment lines right above it (the importer's `# [id] purpose` annotations). */
export interface ShellCommand {
  command: string;
  /** Index of the command's first line in the block (0-based). */
  line: number;
  /** Comment lines directly above it (no blank line between), without their `#`. */
  comments: string[];
}

/**
 * The commands of a shell block: one per line, prompts (`$ `, `> `) dropped, `\` continuations joined,
 * comment lines kept for the command under them. The one reading of a shell block, for the importer, the
 * drift report and the checker's `commands-agree`.
 */
export function shellCommandsOf(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let pending = '';
  let start = 0;
  let comments: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/^\s*[$>]\s+/, '').trimEnd();
    if (!pending && !line.trim()) {
      comments = [];
      return;
    }
    if (!pending && line.trim().startsWith('#')) {
      comments.push(line.trim().replace(/^#+\s*/, ''));
      return;
    }
    if (!pending) start = index;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      return;
    }
    commands.push({ command: `${pending}${line.trim()}`.trim(), line: start, comments });
    pending = '';
    comments = [];
  });
  if (pending.trim()) commands.push({ command: pending.trim(), line: start, comments });
  return commands;
}

/** The commands of a shell block as written (see `shellCommandsOf`). */
export function commandsOfShellBlock(text: string): string[] {
  return shellCommandsOf(text).map((entry) => entry.command);
}

// ------------------------------------------------------------------------------------------ statuses

/** Words the producer uses for each status, mapped to the schema's value (matched after lower-casing). */
export const statusWords = {
  task: {
    done: ['done', 'complete', 'completed', 'finished', 'closed', 'delivered'],
    ready: ['ready', 'todo', 'to do', 'not started', 'open', 'planned'],
    'in-progress': ['in progress', 'in-progress', 'wip', 'started', 'ongoing', 'active'],
    blocked: ['blocked', 'waiting', 'on hold'],
  },
  gate: {
    pending: ['pending', 'open', 'not yet', 'todo', 'not started', 'not met'],
    passed: ['passed', 'pass', 'green', 'met', 'done'],
    failed: ['failed', 'fail', 'red'],
  },
  stage: {
    current: ['current', 'in progress', 'active', 'now'],
    done: ['done', 'complete', 'completed'],
    upcoming: ['upcoming', 'next', 'planned', 'later'],
  },
  document: {
    active: ['active', 'living'],
    draft: ['draft'],
    review: ['review', 'in review'],
    accepted: ['accepted', 'approved'],
    implemented: ['implemented', 'shipped', 'in production'],
    superseded: ['superseded'],
    historical: ['historical', 'archived'],
  },
  /** An RFC approver's recorded decision (`Approved on 2026-02-20`, `Signed off`, `✅ yes`). */
  approval: {
    approved: ['approved', 'approve', 'signed off', 'signed', 'yes', 'lgtm', 'accepted', 'x'],
    rejected: ['rejected', 'reject', 'declined', 'vetoed'],
    pending: ['pending', 'awaiting', 'requested', 'open', 'not yet'],
  },
} as const;
export type StatusKind = keyof typeof statusWords;

/** Folds a status as written (`**Completed**`, `✅ Done.`, `In Progress`) to lower-case words. */
function foldStatus(text: string): string {
  return (
    text
      .replace(/[`*]/g, '')
      // `_Done_` is emphasis, `not_started` a snake_case status: both fold to words.
      .replace(/_/g, ' ')
      .replace(/\([^)]*\)/g, '')
      .replace(/[^\p{L}\p{N} /-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
  );
}

/** The schema value a producer's status word stands for (`Completed` → `done`), or undefined. */
export function canonicalStatus<K extends StatusKind>(
  kind: K,
  written: string,
): keyof (typeof statusWords)[K] | undefined {
  const folded = foldStatus(written);
  const table = statusWords[kind] as Record<string, readonly string[]>;
  for (const [status, words] of Object.entries(table)) {
    if (words.some((word) => folded === word || folded.startsWith(`${word} `)))
      return status as keyof (typeof statusWords)[K];
  }
  return undefined;
}

/** The other direction: whether a status as written states the schema value (a scan accepts `Completed` for `done`). */
export function statusStates(kind: StatusKind, written: string, value: string): boolean {
  return foldStatus(written) === value.toLowerCase() || canonicalStatus(kind, written) === value;
}

// ------------------------------------------------------------------------------------------ modes

/** The migration mode, both ways: the exporter writes `text`, readers match `pattern` in order. */
export const modeTexts = [
  { mode: 'rehearsal', pattern: /rehears|planning/i, text: 'Planning/rehearsal only (no runtime cutover)' },
  { mode: 'stabilization', pattern: /stabili[sz]/i, text: 'Post-cutover stabilization' },
  { mode: 'complete', pattern: /complete|closed/i, text: 'Complete' },
  { mode: 'cutover', pattern: /cutover/i, text: 'Cutover (the go/no-go gates decide)' },
] as const;

/** The mode a `Mode:` text states, or undefined. */
export function modeOfText(text: string): (typeof modeTexts)[number]['mode'] | undefined {
  return modeTexts.find((entry) => entry.pattern.test(text))?.mode;
}

// ------------------------------------------------------------------------------------------ list concepts

/** The fact lists that every restatement must agree on, and how a heading, a bold label or a JSON key names each. */
export const listConcepts = {
  producerCommands: {
    title: 'producer verification commands',
    pattern:
      /\b(verification (commands|suite)|producer (verification )?commands|producer verification checks|required checks producer)\b/,
  },
  consumerCommands: {
    title: 'consumer validation commands',
    pattern:
      /\b(validation signals|consumer (validation |verification )?(commands|checks|signals)|required consumer checks|required checks consumer)\b/,
  },
  // "Roll back" is the verb, "rollback" the noun: both spellings, and the runbook phrasings "when to roll back"
  // (the conditions) and "how to roll back" (the steps).
  rollbackTriggers: {
    title: 'rollback triggers',
    pattern:
      /\b(roll ?back triggers?|roll ?back policy triggers|roll ?back (criteria|conditions)|when to roll ?back)\b/,
  },
  rollbackActions: {
    title: 'rollback actions',
    pattern: /\b(roll ?back actions?|roll ?back policy actions|roll ?back (steps|procedure)|how to roll ?back)\b/,
  },
  evidenceChecklist: {
    title: 'evidence checklist',
    pattern:
      /\b(evidence checklist|sign ?off evidence|evidence to (collect|gather|attach)|evidence (required|needed))\b/,
  },
  // The words in any order: "Producer prerequisites", "Prerequisites, producer side".
  producerPrerequisites: {
    title: 'producer prerequisites',
    pattern: /^(?=.*\bprerequisites?\b)(?=.*\bproducer\b)/,
  },
  consumerPrerequisites: {
    title: 'consumer prerequisites',
    pattern: /^(?=.*\bprerequisites?\b)(?=.*\bconsumer\b)/,
  },
} as const satisfies Record<string, { title: string; pattern: RegExp }>;
export type ListConcept = keyof typeof listConcepts;

/**
 * Folds a label (a heading, a bold label, a JSON key path) to lower-case words: `rollbackTriggers`,
 * `rollback_triggers` and `**Rollback Triggers:**` all become `rollback triggers`.
 */
export function labelWords(label: string): string {
  return label
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[`*_:.,;\-/#()[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Whether a list item that holds a nested list is a group label (`Producer`, `Consumer evidence:`) rather
 * than an item with details under it: it ends with a colon, or is at most three words. One definition for
 * the drift report's lists and the importer's grouped lists (the evidence checklist).
 */
export function isListGroupLabel(text: string): boolean {
  const plain = text.replace(/[*_`]/g, '').trim();
  return /:$/.test(plain) || plain.split(/\s+/).length <= 3;
}

/**
 * The fact list a label names, or undefined. The first concept that matches wins (commands before checklists),
 * except that a label naming only the other side never names a side's list: "Consumer verification commands"
 * is the consumer's list, though it contains "verification commands".
 */
export function listConceptOf(label: string): ListConcept | undefined {
  const words = labelWords(label);
  const named = (side: string) => new RegExp(`\\b${side}\\b`).test(words);
  for (const [concept, { pattern }] of Object.entries(listConcepts)) {
    if (!pattern.test(words)) continue;
    const side = /^(producer|consumer)/.exec(concept)?.[1];
    const other = side === 'producer' ? 'consumer' : 'producer';
    if (side && named(other) && !named(side)) continue;
    return concept as ListConcept;
  }
  return undefined;
}

/**
 * An approvals table: a column naming the team (`Team`, `Approver`) and one naming its decision
 * (`Decision`, `Approval`, `Status`, `Sign-off`), matched against the folded column name. The importer reads
 * such a table as the RFC's approvals; the `approvals` rule checks it against them.
 */
export const approvalsTableColumns = {
  team: /^(?:team|approver|approving team)s?$/,
  decision: /^(?:decision|approval|status|sign-?off)$/,
} as const;

/**
 * A lead-in that introduces an excerpt of a list, not the list: "two rollback triggers show up here first,
 * for example:". The items after it are examples; they restate nothing.
 */
export const excerptLeadInPattern =
  /\b(for example|for instance|e\.g\.|such as|some of|a few of|two of|among them|excerpt|examples?)\b/i;

/** Folds a sentence for comparison: case, backticks, emphasis, spacing and trailing punctuation do not count. */
export function foldSentence(text: string): string {
  return text
    .replace(/[`*]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;:,]+$/, '')
    .toLowerCase();
}
