import { parseJson } from '../parse/json.ts';
import type { DataPath } from '../parse/data-path.ts';
import type { SourcePlace } from './model.ts';

/**
 * What a producer's records say happened after the plan was written: go/no-go decisions (who, when, what
 * outcome), the cutover's execution, and the runtime the record was made on. A producer keeps these as a
 * JSON record (`cutover_record.json`, snake or camel case) or as dated checkpoint documents
 * (`CHECKPOINT_2026-03-02.md`) that say it in a sentence ("Go/no-go decision recorded
 * 2026-03-02T14:00:00Z by MemoryKernel and AssistSupport."), in labels (`Decision: Go`, `Decided at: …`,
 * `Approvers: …`) or in a decision-log table. This module only reads what is stated, with its place; the
 * records importer (`importers/records.ts`) turns it into `records.yaml`.
 */

/** A value with the producer place that states it. */
export interface Placed<T> {
  value: T;
  place: SourcePlace;
}

/** What a decision is about, as the record names it (`cutover`, `rollback` …), when it names it. */
export type StatedScope = 'runtime-cutover' | 'rollback' | 'rehearsal' | 'stabilization-close';

/** One go/no-go decision as one record states it. */
export interface StatedDecision {
  /** When it was taken, as a UTC timestamp `YYYY-MM-DDTHH:MM:SSZ`. */
  at: Placed<string>;
  outcome?: Placed<'go' | 'no-go'> | undefined;
  approvers?: Placed<string[]> | undefined;
  scope?: Placed<StatedScope> | undefined;
  /** When the decided change was carried out, where the record says so. */
  executedAt?: Placed<string> | undefined;
  /** The runtime's contract version the record states along with the decision (the pin it was made on or led to). */
  runtimeContract?: Placed<string> | undefined;
  /** The runtime's release tag stated along with it, for the event's title. */
  runtimeTag?: string | undefined;
  /** Gate statuses the record lists with the decision: what the decision relied on. */
  gates: {
    name: string;
    status: string;
    place: SourcePlace;
    /** Evidence the record gives for the gate (`"evidence": "https://…"`, a list, `evidence_url`), each at its line. */
    evidence?: Placed<string>[] | undefined;
  }[];
  /** The first place of the decision (its sentence, label or row). */
  place: SourcePlace;
}

/** A UTC moment as written: `2026-03-02T14:00:00Z`, `2026-03-02 14:00 UTC`, or with an offset `+01:00`. */
const momentPattern =
  /\b(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})(?![\w:])/i;
const datePattern = /\b(\d{4})-(\d{2})-(\d{2})\b/;

/** The first moment a text states, normalised to `YYYY-MM-DDTHH:MM:SSZ`; a time without a zone is not a moment. */
export function momentIn(text: string): { value: string; index: number } | undefined {
  const match = momentPattern.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, zone = 'Z'] = match;
  const offset = /^[+-]/.test(zone) ? `${zone.slice(0, 3)}:${zone.replace(/:/, '').slice(3)}` : 'Z';
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${offset}`);
  if (Number.isNaN(ms)) return undefined;
  return { value: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'), index: match.index };
}

/** `go` or `no-go` as a text states the outcome; the name of the checkpoint kind ("go/no-go") is not an outcome. */
export function outcomeIn(text: string): 'go' | 'no-go' | undefined {
  const plain = text
    .replace(/[`*_]/g, '')
    .replace(/\bgo\s*\/\s*no[\s_-]?go\b/gi, ' ')
    .toLowerCase();
  if (/\bno[\s_-]?go\b/.test(plain)) return 'no-go';
  if (/\bgo\b/.test(plain)) return 'go';
  return undefined;
}

/** What a record's words say the decision is about, when they say it. */
export function scopeIn(text: string): StatedScope | undefined {
  const plain = text.toLowerCase();
  if (/roll\s?back/.test(plain)) return 'rollback';
  if (/stabili[sz]ation/.test(plain) && /clos/.test(plain)) return 'stabilization-close';
  if (/cut\s?over/.test(plain)) return 'runtime-cutover';
  if (/rehears/.test(plain)) return 'rehearsal';
  return undefined;
}

/**
 * Team names of a list as written: `MemoryKernel and AssistSupport`, `MemoryKernel (2026-02-20),
 * AssistSupport`, `["MemoryKernel", "AssistSupport"]`. Parentheticals (roles, dates) are dropped.
 */
export function teamsIn(text: string): string[] {
  return text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[`*_]/g, '')
    .split(/,|;|&|\band\b|\bplus\b/)
    .map((part) =>
      part
        .replace(/\b(on|at)\s+\d{4}-\d{2}-\d{2}\S*/gi, '')
        .replace(/[.\s]+$/, '')
        .trim(),
    )
    .filter((part) => part && !/^\d{4}-\d{2}-\d{2}/.test(part));
}

// ------------------------------------------------------------------------------------------ recognising

/** Normalised JSON key: `recorded_at`, `recordedAt` and `Recorded-At` are one key. */
const keyOf = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The keys a decision record uses for each part, normalised (see `keyOf`). */
const jsonKeys = {
  outcome: ['decision', 'outcome', 'gonogo', 'gonogodecision', 'result', 'verdict'],
  at: ['recordedat', 'decidedat', 'decisionat', 'decisiontime', 'timestamp', 'at', 'decidedon', 'recordedon', 'time'],
  approvers: ['approvers', 'approvedby', 'signedoffby', 'signoff', 'signoffs', 'decidedby', 'signedby', 'by'],
  executedAt: ['executedat', 'cutoverat', 'cutoverexecutedat', 'executedon', 'cutovercompletedat', 'completedat'],
  scope: ['scope', 'about', 'subject'],
  pin: ['runtimepin', 'livepin', 'pin', 'runtime', 'activeruntime', 'currentpin', 'runtimeafter', 'pinafter'],
  gates: ['gates', 'gonogogates', 'cutovergates'],
} as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function memberOf(object: Record<string, Json>, part: keyof typeof jsonKeys): [string, Json] | undefined {
  const names: readonly string[] = jsonKeys[part];
  return Object.entries(object).find(([key]) => names.includes(keyOf(key)));
}

/** The objects of a JSON value that state a decision: an outcome and a moment. */
function decisionObjects(data: unknown): { object: Record<string, Json>; path: DataPath }[] {
  const states = (object: Record<string, Json>) => {
    const outcome = memberOf(object, 'outcome')?.[1];
    const at = memberOf(object, 'at')?.[1];
    return typeof outcome === 'string' && outcomeIn(outcome) !== undefined && typeof at === 'string' && !!momentIn(at);
  };
  if (isObject(data) && states(data)) return [{ object: data, path: [] }];
  const lists: [Json, DataPath][] = Array.isArray(data)
    ? [[data, []]]
    : isObject(data)
      ? Object.entries(data)
          .filter(([, value]) => Array.isArray(value))
          .map(([key, value]): [Json, DataPath] => [value, [key]])
      : [];
  return lists.flatMap(([list, path]) =>
    (list as Json[]).flatMap((item, index) =>
      isObject(item) && states(item) ? [{ object: item, path: [...path, index] }] : [],
    ),
  );
}

/** A JSON file that records go/no-go decisions (an outcome and a UTC moment), at the top or in a list. */
export function isDecisionRecordJson(text: string): boolean {
  const parsed = parseJson(text);
  return parsed.errors.length === 0 && decisionObjects(parsed.data).length > 0;
}

/** A dated checkpoint document: named `*checkpoint*`, or whose first H1 is “Checkpoint …”. */
export function isCheckpointDocument(path: string, text: string): boolean {
  const name = path.split('/').at(-1) ?? path;
  if (!/\.(md|markdown)$/i.test(name)) return false;
  const title = /^#[ \t]+(.*)$/m.exec(text)?.[1] ?? '';
  return /checkpoint/i.test(name) || /^checkpoint\b/i.test(title.trim());
}

// --------------------------------------------------------------------------------------------- reading

/** The decisions a JSON record states, each part at its key's line. */
export function decisionsInJson(file: string, text: string): StatedDecision[] {
  const parsed = parseJson(text);
  if (parsed.errors.length) return [];
  const placeOf = (path: DataPath): SourcePlace => ({ file, line: parsed.locate(path).start.line });
  const nameHint = scopeIn(file.split('/').at(-1) ?? '');
  return decisionObjects(parsed.data).map(({ object, path }) => {
    const at = memberOf(object, 'at');
    const outcome = memberOf(object, 'outcome');
    const approvers = memberOf(object, 'approvers');
    const executed = memberOf(object, 'executedAt');
    const scope = memberOf(object, 'scope');
    const pin = memberOf(object, 'pin');
    const gates = memberOf(object, 'gates');
    const place = placeOf(path);
    const atValue = momentIn(String(at?.[1]))?.value ?? '';
    const teams = Array.isArray(approvers?.[1])
      ? approvers[1].flatMap((entry) => (typeof entry === 'string' ? teamsIn(entry) : []))
      : typeof approvers?.[1] === 'string'
        ? teamsIn(approvers[1])
        : [];
    const pinObject = pin && isObject(pin[1]) ? pin[1] : undefined;
    const contractKey = pinObject
      ? Object.keys(pinObject).find((key) =>
          ['servicecontractversion', 'servicecontract', 'contract'].includes(keyOf(key)),
        )
      : undefined;
    const tagKey = pinObject
      ? Object.keys(pinObject).find((key) => ['releasetag', 'tag'].includes(keyOf(key)))
      : undefined;
    const contract = contractKey && pinObject ? pinObject[contractKey] : undefined;
    const scopeText = typeof scope?.[1] === 'string' ? scopeIn(scope[1]) : undefined;
    const executedAt = typeof executed?.[1] === 'string' ? momentIn(executed[1])?.value : undefined;
    return {
      at: { value: atValue, place: at ? placeOf([...path, at[0]]) : place },
      outcome:
        outcome && typeof outcome[1] === 'string' && outcomeIn(outcome[1])
          ? { value: outcomeIn(outcome[1]) ?? 'go', place: placeOf([...path, outcome[0]]) }
          : undefined,
      approvers: teams.length && approvers ? { value: teams, place: placeOf([...path, approvers[0]]) } : undefined,
      scope:
        scopeText && scope
          ? { value: scopeText, place: placeOf([...path, scope[0]]) }
          : nameHint
            ? { value: nameHint, place }
            : undefined,
      executedAt: executedAt && executed ? { value: executedAt, place: placeOf([...path, executed[0]]) } : undefined,
      runtimeContract:
        typeof contract === 'string' && pin && contractKey
          ? { value: contract, place: placeOf([...path, pin[0], contractKey]) }
          : undefined,
      runtimeTag: tagKey && pinObject && typeof pinObject[tagKey] === 'string' ? pinObject[tagKey] : undefined,
      gates:
        gates && Array.isArray(gates[1])
          ? gates[1].flatMap((gate, index) => {
              if (!isObject(gate)) return [];
              const name = Object.entries(gate).find(([key]) =>
                ['name', 'title', 'gate', 'id'].includes(keyOf(key)),
              )?.[1];
              const status = Object.entries(gate).find(([key]) =>
                ['status', 'state', 'result'].includes(keyOf(key)),
              )?.[1];
              const evidenceKey = Object.keys(gate).find((key) =>
                [
                  'evidence',
                  'evidenceurl',
                  'evidenceurls',
                  'evidencelink',
                  'evidencelinks',
                  'ci',
                  'ciurl',
                  'run',
                ].includes(keyOf(key)),
              );
              const stated = evidenceKey === undefined ? undefined : gate[evidenceKey];
              const evidence = (Array.isArray(stated) ? stated : [stated]).flatMap((value, at) =>
                typeof value === 'string' && evidenceKey !== undefined
                  ? [
                      {
                        value,
                        place: placeOf(
                          Array.isArray(stated)
                            ? [...path, gates[0], index, evidenceKey, at]
                            : [...path, gates[0], index, evidenceKey],
                        ),
                      },
                    ]
                  : [],
              );
              return typeof name === 'string' && typeof status === 'string'
                ? [
                    {
                      name,
                      status,
                      place: placeOf([...path, gates[0], index]),
                      ...(evidence.length ? { evidence } : {}),
                    },
                  ]
                : [];
            })
          : [],
      place,
    };
  });
}

/** `Label: value` in a line: a header line, a bullet or numbered item, with or without bold. */
const labelLine =
  /^\s*(?:[-*+]|\d+[.)])?\s*(?:\*\*|__)?([A-Za-z][A-Za-z /-]{0,40}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*?)\s*$/;
const labelParts = {
  outcome: /^(decision|outcome|go\/no-go|go\/no-go decision|result|verdict)$/,
  at: /^(decided at|decision time|recorded at|decided|decided on|time)$/,
  approvers: /^(approvers|approved by|signed off by|sign-?off|signed by|decided by)$/,
  executedAt: /^(executed at|cut ?over at|cutover executed|cut over|executed|cutover completed)$/,
  scope: /^(scope|about)$/,
} as const;
type LabelPart = keyof typeof labelParts;

const sentenceMaxLength = 1000;

/** A sentence that records a decision: it names a decision (or a sign-off) and a UTC moment. */
const decisionSentence = /\b(decision|decided|signed off|sign-off)\b/i;
/** A sentence that records a cutover's or rollback's execution (`The cutover ran at …`, `Rolled back at …`): with a moment, and no decision word. */
const executionSentence =
  /\b(?:cut\s?over|roll\s?back)\b.*\b(?:ran|executed|completed|performed|carried out|done|happened|took place|finished)\b|\bcut over (?:at|on)\b|\brolled back\b/i;

/**
 * The decisions a checkpoint document states. A sentence with a decision word and a UTC moment is one
 * decision (its outcome from a `go`/`no-go` word in it, its approvers from `by A and B`); the file's labels
 * (`Decision: Go`, `Decided at:`, `Approvers:`) state one more or complete the one at the same moment; a
 * table with a moment column and a decision column states one per row.
 */
export function decisionsInMarkdown(file: string, text: string): StatedDecision[] {
  const lines = text.split('\n');
  const decisions: StatedDecision[] = [];
  const labels: Partial<Record<LabelPart, Placed<string>>> = {};
  let executed: Placed<string> | undefined;
  let fence = false;
  const at = (line: number): SourcePlace => ({ file, line });
  lines.forEach((raw, index) => {
    if (/^\s*(```|~~~)/.test(raw)) fence = !fence;
    if (fence) return;
    const line = index + 1;
    if (/^\s*\|/.test(raw)) return;
    const labelled = labelLine.exec(raw);
    const label = labelled?.[1]?.toLowerCase().trim();
    const part = label
      ? (Object.keys(labelParts) as LabelPart[]).find((key) => labelParts[key].test(label))
      : undefined;
    if (part && labelled?.[2]) {
      labels[part] ??= { value: labelled[2], place: at(line) };
      return;
    }
    // A decision or execution is stated in a sentence; a longer line is not read as one (and a pathological
    // line cannot make the sentence patterns backtrack for long).
    if (raw.length > sentenceMaxLength) return;
    const moment = momentIn(raw);
    if (!moment) return;
    if (decisionSentence.test(raw)) {
      const after = raw.slice(moment.index);
      const by = /\bby\s+(.+?)\s*$/.exec(after)?.[1];
      const teams = by ? teamsIn(by) : [];
      const outcome = outcomeIn(raw.slice(0, moment.index).replace(decisionSentence, ' '));
      decisions.push({
        at: { value: moment.value, place: at(line) },
        outcome: outcome ? { value: outcome, place: at(line) } : undefined,
        approvers: teams.length ? { value: teams, place: at(line) } : undefined,
        scope: scopeIn(raw) ? { value: scopeIn(raw) ?? 'runtime-cutover', place: at(line) } : undefined,
        gates: [],
        place: at(line),
      });
    } else if (executionSentence.test(raw)) executed ??= { value: moment.value, place: at(line) };
  });
  const labelMoment = labels.at ? momentIn(labels.at.value) : undefined;
  const labelOutcome = labels.outcome ? outcomeIn(labels.outcome.value) : undefined;
  const labelTeams = labels.approvers ? teamsIn(labels.approvers.value) : [];
  const labelScope = labels.scope ? scopeIn(labels.scope.value) : undefined;
  const sentences = decisions.length;
  decisions.push(...decisionsInTables(file, lines));
  // Labels complete the decision they sit with: the one at their moment, else the file's only sentence decision.
  const withLabels = labelMoment
    ? decisions.find((decision) => decision.at.value === labelMoment.value)
    : sentences === 1
      ? decisions[0]
      : undefined;
  if (withLabels) {
    if (labelOutcome && labels.outcome) withLabels.outcome ??= { value: labelOutcome, place: labels.outcome.place };
    if (labelTeams.length && labels.approvers)
      withLabels.approvers ??= { value: labelTeams, place: labels.approvers.place };
    if (labelScope && labels.scope) withLabels.scope ??= { value: labelScope, place: labels.scope.place };
  } else if (labelMoment && labels.at) {
    decisions.push({
      at: { value: labelMoment.value, place: labels.at.place },
      outcome: labelOutcome && labels.outcome ? { value: labelOutcome, place: labels.outcome.place } : undefined,
      approvers:
        labelTeams.length && labels.approvers ? { value: labelTeams, place: labels.approvers.place } : undefined,
      scope: labelScope && labels.scope ? { value: labelScope, place: labels.scope.place } : undefined,
      gates: [],
      place: labels.outcome?.place ?? labels.at.place,
    });
  }
  const executedLabel = labels.executedAt ? momentIn(labels.executedAt.value) : undefined;
  const execution =
    executedLabel && labels.executedAt ? { value: executedLabel.value, place: labels.executedAt.place } : executed;
  // The execution a checkpoint states belongs to its go decision (the only one, or the last go before it).
  if (execution) {
    const go = decisions
      .filter((decision) => decision.outcome?.value !== 'no-go' && decision.at.value <= execution.value)
      .at(-1);
    if (go) go.executedAt ??= execution;
  }
  return decisions;
}

const tableColumns = {
  at: /^(decided at|decision time|recorded at|when|time|timestamp|at|date)$/,
  outcome: /^(decision|outcome|go\/no-go|result|verdict)$/,
  approvers: /^(approvers|approved by|signed off by|sign-?off|signed by|decided by|by|who)$/,
  scope: /^(scope|about|subject|what)$/,
} as const;

/** A decision-log table: a moment column and an outcome column, one decision per row. */
function decisionsInTables(file: string, lines: readonly string[]): StatedDecision[] {
  const out: StatedDecision[] = [];
  const cells = (row: string) =>
    row
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim());
  for (let index = 0; index < lines.length; index++) {
    const header = lines[index] ?? '';
    const rule = lines[index + 1] ?? '';
    if (!/^\s*\|/.test(header) || !/^\s*\|?\s*:?-{3,}/.test(rule)) continue;
    const names = cells(header).map((cell) => cell.replace(/[`*_]/g, '').toLowerCase());
    const column = (pattern: RegExp) => names.findIndex((name) => pattern.test(name));
    const atColumn = column(tableColumns.at);
    const outcomeColumn = column(tableColumns.outcome);
    if (atColumn === -1 || outcomeColumn === -1) continue;
    const approversColumn = column(tableColumns.approvers);
    const scopeColumn = column(tableColumns.scope);
    for (let row = index + 2; row < lines.length && /^\s*\|/.test(lines[row] ?? ''); row++) {
      const values = cells(lines[row] ?? '');
      const moment = momentIn(values[atColumn] ?? '');
      const outcome = outcomeIn(values[outcomeColumn] ?? '');
      if (!moment) continue;
      const place = { file, line: row + 1 };
      const teams = approversColumn === -1 ? [] : teamsIn(values[approversColumn] ?? '');
      const scope = scopeIn(scopeColumn === -1 ? '' : (values[scopeColumn] ?? ''));
      out.push({
        at: { value: moment.value, place },
        outcome: outcome ? { value: outcome, place } : undefined,
        approvers: teams.length ? { value: teams, place } : undefined,
        scope: scope ? { value: scope, place } : undefined,
        gates: [],
        place,
      });
    }
  }
  return out;
}

/** The day a checkpoint is dated by: its `Date:` (or `Updated:`) line, else a date in its name. */
export function checkpointDate(file: string, text: string): Placed<string> | undefined {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const labelled = labelLine.exec(lines[index] ?? '');
    if (!labelled || !/^(date|updated|last updated|as of|recorded|dated)$/i.test(labelled[1]?.trim() ?? '')) continue;
    const date = datePattern.exec(labelled[2] ?? '');
    if (date) return { value: date[0], place: { file, line: index + 1 } };
  }
  const named = datePattern.exec(file.split('/').at(-1) ?? '');
  return named ? { value: named[0], place: { file, line: 1 } } : undefined;
}
