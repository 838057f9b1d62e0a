import type { DocumentKind } from '../../schemas/index.ts';
import { listConceptOf, type ListConcept } from '../conventions.ts';
import { numberPattern } from '../quantities.ts';

/**
 * The producer's markdown conventions, in one table: what the importer recognises and what the exporter
 * writes. Everything the adopt code knows about the producer's files is here; the parsers and renderers
 * only look things up.
 */

export { modeTexts, snapshotMarkerPattern, statusWords, taskHeadingPattern } from '../conventions.ts';

/** `Key: value` lines right under the H1. Which keys a document kind consumes into its frontmatter. */
export const headerKeys = {
  /** `Updated:`, `Last updated:`, `Last revised:`, `Revised:`: the day the document was last changed. */
  updated: /^(?:last )?(?:updated|revised|modified)$/i,
  owner: /^owner$/i,
  status: /^status$/i,
  summary: /^summary$/i,
  mode: /^(mode|scope)$/i,
  approvers: /^approvers?$/i,
  /** `Approved by: MemoryKernel (2026-02-20), AssistSupport`: the approvals recorded, in the RFC's header. */
  approvedBy: /^(approved by|signed off by|sign-?offs?|approvals?)$/i,
  rejectedBy: /^rejected by$/i,
} as const;
export type HeaderKey = keyof typeof headerKeys;

/** Header keys each document kind reads (and the exporter writes, in this order). */
export const headerKeysByKind = {
  plan: ['updated', 'owner', 'status', 'mode', 'summary'],
  tracker: ['updated', 'owner', 'status', 'summary'],
  rfc: ['updated', 'owner', 'status', 'approvers', 'approvedBy', 'rejectedBy', 'summary'],
  gates: ['updated', 'owner', 'status', 'summary'],
} as const satisfies Record<DocumentKind, readonly HeaderKey[]>;

/** Document status when the header has no `Status:` line. */
export const defaultDocumentStatus = {
  plan: 'active',
  tracker: 'active',
  rfc: 'draft',
  gates: 'active',
} as const satisfies Record<DocumentKind, string>;

/** A header line: `Updated: 2026-02-08` (a trailing Markdown hard break is allowed). */
export const headerLinePattern = /^([A-Z][A-Za-z /-]{0,40}):[ \t]*(.*?)[ \t]*$/;

/** Which headings hold a section: `test` is given the heading's text. */
export interface HeadingMatcher {
  test(heading: string): boolean;
}

/**
 * The headings of the fact lists the drift report compares (commands, prerequisites, rollback triggers and
 * actions, the evidence checklist) are the drift extraction's own (`listConceptOf`): one definition of
 * which heading holds which list, for the importer, the exporter and the drift report.
 */
function listHeading(concept: ListConcept): HeadingMatcher {
  return { test: (heading) => listConceptOf(heading) === concept };
}

/** Headings (level 2 and deeper) that hold a fact block, and the heading the exporter writes when one is missing. */
export const sectionHeadings = {
  objective: { pattern: /^objective$/i, title: 'Objective' },
  deliverables: { pattern: /deliverables/i, title: 'Producer Deliverables' },
  exitCriteria: { pattern: /exit criteri(a|on)/i, title: 'Rehearsal Exit Criteria' },
  producerCommands: { pattern: listHeading('producerCommands'), title: 'Verification Commands' },
  consumerCommands: { pattern: listHeading('consumerCommands'), title: 'Expected {consumer} Validation Signals' },
  tasks: { pattern: /^tasks$/i, title: 'Tasks' },
  baseline: { pattern: /baseline/i, title: 'Baseline' },
  stages: { pattern: /stages/i, title: 'Migration Stages' },
  nonNegotiables: { pattern: /non-negotiables?/i, title: 'Non-Negotiables' },
  gates: { pattern: /go\/no-go|^(cutover )?gates$/i, title: 'Go/No-Go Gates' },
  producerPrerequisites: { pattern: listHeading('producerPrerequisites'), title: 'Producer Prerequisites' },
  consumerPrerequisites: { pattern: listHeading('consumerPrerequisites'), title: 'Consumer Prerequisites' },
  rollbackTriggers: { pattern: listHeading('rollbackTriggers'), title: 'Rollback Triggers' },
  rollbackActions: { pattern: listHeading('rollbackActions'), title: 'Rollback Actions' },
  evidenceChecklist: { pattern: listHeading('evidenceChecklist'), title: 'Evidence Checklist' },
} as const satisfies Record<string, { pattern: HeadingMatcher; title: string }>;
export type SectionName = keyof typeof sectionHeadings;

/** `- Status: Done`, `- Owner: producer`, `- Definition of done:` ... bullets under a task or a gate. */
export const bulletKeys = {
  status: /^status$/i,
  owner: /^owners?$/i,
  definitionOfDone: /^definition of done$/i,
  waitsOn: /^(waits on|blocked by|depends on)$/i,
  deliverables: /^deliverables?$/i,
  satisfies: /^(satisfies|exit criteri(a|on))$/i,
  evidence: /^evidence$/i,
  requires: /^requires( gates)?$/i,
} as const;
export type BulletKey = keyof typeof bulletKeys;
export const bulletLinePattern = /^([A-Za-z][A-Za-z /-]{0,40}?):\s*(.*)$/;

/**
 * Evidence that names one side's whole command list: `All producer verification commands`, `the eight
 * producer verification commands`, `Output of the three consumer commands (1.1)`. Group 1 is the count as
 * written (the count is checked by `numbers-agree`), group 2 the side.
 */
export const allCommandsPattern = new RegExp(
  `^(?:(?:the\\s+)?(?:output|results?|logs?|runs?)\\s+of\\s+)?(?:all\\s+)?(?:the\\s+)?(?:(${numberPattern})\\s+)?(producer|consumer)\\s+(?:verification\\s+|validation\\s+)?(?:commands|checks|signals)(?:\\s*\\([^)]*\\))?\\.?$`,
  'i',
);
export const allCommandsText = {
  producer: 'All producer verification commands',
  consumer: 'All consumer validation signals',
} as const;
export const allGatesPattern = /^all(?:\s+(?:the\s+)?(?:cutover\s+|go\/no-go\s+)?gates)?\.?$/i;
export const allGatesText = 'all cutover gates';

/** A producer file's role, from its name. */
export const producerFileKinds = [
  { kind: 'tracker', pattern: /TRACKER/i },
  { kind: 'rfc', pattern: /(^|[_-])RFC([_.-]|$)/i },
  { kind: 'gates', pattern: /GATES|GO[_-]?NO[_-]?GO/i },
  { kind: 'plan', pattern: /PLAN/i },
] as const satisfies readonly { kind: DocumentKind; pattern: RegExp }[];
export const handoffFilePattern = /HANDOFF/i;

/** Words kept upper-case when a title is made from a file name such as `SERVICE_V3_RFC_DRAFT.md`. */
export const acronyms = new Set(['RFC', 'JSON', 'API', 'CI', 'SHA', 'URL']);
/** Words left out of ids made from titles. */
export const idStopWords = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'for',
  'with',
  'by',
  'is',
  'are',
  'be',
  'its',
  'it',
]);
/** At most this many words of a title make its id. */
export const idMaxWords = 6;
