import { labelWords, type ListConcept } from '../conventions.ts';
import { compareCodeUnits } from '../text/compare.ts';
import { foldItem } from './markdown.ts';
import type { FactStatement, ListItemValue, StatementPlace } from './statement.ts';
import { plural } from '../text/plural.ts';

/**
 * Groups statements of the same fact and finds the facts that drift: more than one current value. A
 * statement in a history section or snapshot, or dated before a later statement of the same fact, is
 * history, not drift. Where the machine-readable source states the fact it is the reference; otherwise
 * no value is called wrong.
 */

export interface DriftValue {
  value: string;
  shown: string;
  items?: ListItemValue[] | undefined;
  places: StatementPlace[];
  /** A machine-readable source states this value. */
  reference: boolean;
}

export interface DriftFinding {
  fact: string;
  label: string;
  /** Every current value, most stated first (the reference's value first when there is one). */
  values: DriftValue[];
  /** How many current statements of the fact there are. */
  count: number;
  /** The value of the machine-readable source, when it states the fact with one value. */
  reference?: string | undefined;
}

export interface HistoryStatement {
  fact: string;
  label: string;
  shown: string;
  place: StatementPlace;
  reason: string;
}

export interface DriftAnalysis {
  findings: DriftFinding[];
  /** Statements kept as history (not drift) whose value differs from the fact's current value. */
  history: HistoryStatement[];
  /** How many statements were read, in how many facts. */
  statements: number;
  facts: number;
}

const sides = ['producer', 'consumer', 'joint'];

function groupKey(group: string | undefined): string {
  const words = labelWords(group ?? '');
  return sides.find((side) => words.split(' ').includes(side)) ?? words;
}

/** Fills `value` and `shown` of list statements: their folded item set, grouped only when every statement groups. */
function settleListValues(statements: FactStatement[]): void {
  const byFact = new Map<string, FactStatement[]>();
  for (const statement of statements)
    if (statement.items) byFact.set(statement.fact, [...(byFact.get(statement.fact) ?? []), statement]);
  for (const [fact, group] of byFact) {
    const itemFold = group[0]?.itemFold;
    const concept = (
      itemFold ? (itemFold === 'command' ? 'producerCommands' : undefined) : fact.replace(/^list:/, '')
    ) as ListConcept | undefined;
    const grouped = group.every((statement) => (statement.items ?? []).every((item) => item.group));
    for (const statement of group) {
      const keys = (statement.items ?? []).map((item) =>
        grouped ? `${groupKey(item.group)}: ${foldItem(item.text, concept)}` : foldItem(item.text, concept),
      );
      const unique = [...new Set(keys)].sort(compareCodeUnits);
      statement.value = unique.join('\n');
      statement.shown = plural(unique.length, 'item');
    }
  }
}

export function analyseStatements(input: FactStatement[]): DriftAnalysis {
  settleListValues(input);
  const byFact = new Map<string, FactStatement[]>();
  for (const statement of input) byFact.set(statement.fact, [...(byFact.get(statement.fact) ?? []), statement]);
  const findings: DriftFinding[] = [];
  const history: HistoryStatement[] = [];
  for (const [fact, statements] of byFact) {
    const marked = statements.filter((statement) => statement.history);
    let current = statements.filter((statement) => !statement.history);
    const dated = current.filter((statement) => statement.date);
    const latest = dated
      .map((statement) => statement.date as string)
      .sort(compareCodeUnits)
      .at(-1);
    const older: FactStatement[] = [];
    if (latest) {
      const newest = dated.find((statement) => statement.date === latest) as FactStatement;
      for (const statement of current)
        if (statement.date && statement.date < latest) {
          older.push(statement);
          statement.history = `dated ${statement.date}, before the statement dated ${latest} at ${where(newest.place)}`;
        }
      current = current.filter((statement) => !older.includes(statement));
    }
    const values = valuesOf(current);
    const currentValues = new Set(values.map((value) => value.value));
    for (const statement of [...marked, ...older])
      if (!currentValues.has(statement.value))
        history.push({
          fact,
          label: statement.label,
          shown: statement.shown,
          place: statement.place,
          reason: statement.history ?? '',
        });
    if (values.length < 2) continue;
    const references = new Set(values.filter((value) => value.reference).map((value) => value.value));
    const reference = references.size === 1 ? [...references][0] : undefined;
    values.sort(
      (a, b) =>
        Number(b.value === reference) - Number(a.value === reference) ||
        b.places.length - a.places.length ||
        comparePlaces(a.places[0], b.places[0]),
    );
    findings.push({ fact, label: statements[0]?.label ?? fact, values, count: current.length, reference });
  }
  findings.sort((a, b) => comparePlaces(firstPlace(a), firstPlace(b)));
  history.sort((a, b) => comparePlaces(a.place, b.place));
  return { findings, history, statements: input.length, facts: byFact.size };
}

function valuesOf(statements: readonly FactStatement[]): DriftValue[] {
  const values = new Map<string, DriftValue>();
  for (const statement of statements) {
    const value = values.get(statement.value) ?? {
      value: statement.value,
      shown: statement.shown,
      items: statement.items,
      places: [],
      reference: false,
    };
    value.places.push(statement.place);
    value.reference ||= Boolean(statement.reference);
    values.set(statement.value, value);
  }
  for (const value of values.values()) value.places.sort(comparePlaces);
  return [...values.values()];
}

function firstPlace(finding: DriftFinding): StatementPlace | undefined {
  return finding.values
    .flatMap((value) => value.places)
    .sort(comparePlaces)
    .at(0);
}

export function comparePlaces(a: StatementPlace | undefined, b: StatementPlace | undefined): number {
  if (!a || !b) return Number(Boolean(a)) - Number(Boolean(b));
  return compareCodeUnits(a.file, b.file) || a.line - b.line || a.column - b.column;
}

/**
 * The value a fact currently has: the machine-readable source's, else the one stated most often among
 * the current (not historical) statements; undefined when nothing states it.
 */
export function currentValueOf(statements: readonly FactStatement[], fact: string): DriftValue | undefined {
  const values = valuesOf(statements.filter((statement) => statement.fact === fact && !statement.history));
  values.sort(
    (a, b) =>
      Number(b.reference) - Number(a.reference) ||
      b.places.length - a.places.length ||
      comparePlaces(a.places[0], b.places[0]),
  );
  return values[0];
}

export function where(place: StatementPlace): string {
  return `${place.file}:${place.line}`;
}

/** For a list value: the items it lacks and adds compared with another value of the same list. */
export function listDifference(value: DriftValue, other: DriftValue): { missing: string[]; extra: string[] } {
  const mine = new Set(value.value.split('\n'));
  const theirs = new Set(other.value.split('\n'));
  return {
    missing: [...theirs].filter((item) => item && !mine.has(item)),
    extra: [...mine].filter((item) => item && !theirs.has(item)),
  };
}
