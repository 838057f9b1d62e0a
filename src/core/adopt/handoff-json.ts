import { pinFields, type Owner, type PinField } from '../../schemas/index.ts';
import type { DataPath } from '../parse/data-path.ts';
import { parseJson } from '../parse/json.ts';
import { renderEnvelopeStatement } from './blocks.ts';
import type { SourcePlace } from './model.ts';

/**
 * The producer's handoff JSON, read tolerantly: the payload this project generates, or the producer's
 * own variant of it (snake_case keys, items as plain strings). Every fact keeps its line, so a drift in
 * the JSON is reported at the JSON's own `file:line`.
 */

export interface JsonItem {
  id?: string | undefined;
  title: string;
  owner?: Owner | undefined;
  place: SourcePlace;
}

export interface JsonCommand {
  id?: string | undefined;
  run: string;
  place: SourcePlace;
}

export interface JsonPolicy {
  version: string;
  status?: string | undefined;
  required: string[];
  optional: string[];
  forbidden: string[];
  closed?: boolean | undefined;
  place: SourcePlace;
}

export interface HandoffFacts {
  file: string;
  producer?: string | undefined;
  consumer?: string | undefined;
  sourceDate?: string | undefined;
  pin?: {
    values: Partial<Record<PinField, string>>;
    places: Partial<Record<PinField, SourcePlace>>;
    place: SourcePlace;
  };
  candidate?: {
    contract?: string | undefined;
    from?: string | undefined;
    migration?: string | undefined;
    mode?: string | undefined;
    started?: string | undefined;
    /** The earliest day the runtime may cut over (`candidate.notBefore`), when the payload states one. */
    notBefore?: string | undefined;
    place: SourcePlace;
  };
  policies: JsonPolicy[];
  errorCodes?: { validation: 'set-equality' | 'subset'; codes: string[]; place: SourcePlace };
  additiveNotice?: {
    standardBusinessDays: number;
    emergencyHours: number;
    emergencyRequiresSameDay: string[];
    place: SourcePlace;
  };
  overlap?: { days: number; guarantees: JsonItem[]; place: SourcePlace };
  triggers?: { items: JsonItem[]; place: SourcePlace } | undefined;
  actions?: { items: JsonItem[]; place: SourcePlace } | undefined;
  prerequisites: Partial<Record<'producer' | 'consumer', { items: JsonItem[]; place: SourcePlace }>>;
  checklist: Partial<Record<Owner, { items: JsonItem[]; place: SourcePlace }>>;
  requiredChecks: Partial<Record<'producer' | 'consumer', { items: JsonCommand[]; place: SourcePlace }>>;
  /** Top-level keys that carry nothing the importer understands. */
  unknownKeys: { key: string; place: SourcePlace }[];
  errors: { place: SourcePlace; reason: string }[];
}

/** Top-level keys the importer reads, or knows to be derived (and so ignores without a report). */
const knownKeys = new Set([
  'payloadFormatVersion',
  'generator',
  'sourceDate',
  'sourceDateFrom',
  'sources',
  'producer',
  'consumer',
  'livePin',
  'candidate',
  'envelopePolicies',
  'errorCodes',
  'additiveNotice',
  'overlap',
  'gates',
  'prerequisites',
  'requiredChecks',
  'rollback',
  'rollbackTriggers',
  'rollbackActions',
  'evidenceChecklist',
]);

/** `live_pin` → `livePin`, so the producer's snake_case variant reads the same. */
function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function readHandoffJson(file: string, text: string): HandoffFacts {
  const parsed = parseJson(text);
  const facts: HandoffFacts = {
    file,
    policies: [],
    prerequisites: {},
    checklist: {},
    requiredChecks: {},
    unknownKeys: [],
    errors: [],
  };
  const placeOf = (path: DataPath): SourcePlace => {
    const start = parsed.locate(path).start;
    return { file, line: start.line, column: start.column };
  };
  for (const error of parsed.errors) facts.errors.push({ place: { file, ...error.place.start }, reason: error.reason });
  if (!isObject(parsed.data)) {
    if (!parsed.errors.length)
      facts.errors.push({ place: { file, line: 1 }, reason: 'Unexpected JSON value, expected an object' });
    return facts;
  }
  // Keys as written, by their camelCase name.
  const root = parsed.data;
  const keyOf = (object: Json, name: string) => Object.keys(object).find((key) => camel(key) === name);
  const get = (object: Json, name: string) => {
    const key = keyOf(object, name);
    return key === undefined ? undefined : object[key];
  };
  const path = (object: Json, base: DataPath, name: string): DataPath => [...base, keyOf(object, name) ?? name];
  const string = (value: unknown) => (typeof value === 'string' ? value : undefined);

  for (const key of Object.keys(root))
    if (!knownKeys.has(camel(key))) facts.unknownKeys.push({ key, place: placeOf([key]) });
  facts.producer = string(get(root, 'producer'));
  facts.consumer = string(get(root, 'consumer'));
  facts.sourceDate = string(get(root, 'sourceDate'));

  const pin = get(root, 'livePin');
  if (isObject(pin)) {
    const base = path(root, [], 'livePin');
    const values: Partial<Record<PinField, string>> = {};
    const places: Partial<Record<PinField, SourcePlace>> = {};
    for (const field of pinFields) {
      const value = string(pin[field]);
      if (value === undefined) continue;
      values[field] = value;
      places[field] = placeOf([...base, field]);
    }
    facts.pin = { values, places, place: placeOf(base) };
  }

  const candidate = get(root, 'candidate');
  if (isObject(candidate)) {
    facts.candidate = {
      contract: string(get(candidate, 'contract')),
      from: string(get(candidate, 'from')),
      migration: string(get(candidate, 'migration')),
      mode: string(get(candidate, 'mode')),
      started: string(get(candidate, 'started')),
      notBefore: string(get(candidate, 'notBefore')),
      place: placeOf(path(root, [], 'candidate')),
    };
  }

  const policies = get(root, 'envelopePolicies');
  if (isObject(policies)) {
    const base = path(root, [], 'envelopePolicies');
    for (const [version, policy] of Object.entries(policies)) {
      if (!isObject(policy)) continue;
      const fields = (name: string) => {
        const value =
          get(policy, name) ?? get(policy, name === 'forbidden' ? 'forbids' : name === 'required' ? 'requires' : name);
        return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
      };
      const closed = get(policy, 'closed');
      facts.policies.push({
        version,
        status: string(get(policy, 'status')),
        required: fields('required'),
        optional: fields('optional'),
        forbidden: fields('forbidden'),
        closed: typeof closed === 'boolean' ? closed : undefined,
        place: placeOf([...base, version]),
      });
    }
  }

  const errorCodes = get(root, 'errorCodes');
  if (isObject(errorCodes)) {
    const codes = get(errorCodes, 'codes');
    const validation = get(errorCodes, 'validation');
    if (Array.isArray(codes))
      facts.errorCodes = {
        validation: validation === 'subset' ? 'subset' : 'set-equality',
        codes: codes.filter((code): code is string => typeof code === 'string'),
        place: placeOf(path(root, [], 'errorCodes')),
      };
  }
  const notice = get(root, 'additiveNotice');
  if (isObject(notice)) {
    const days = get(notice, 'standardBusinessDays');
    const hours = get(notice, 'emergencyHours');
    const same = get(notice, 'emergencyRequiresSameDay');
    if (typeof days === 'number' && typeof hours === 'number')
      facts.additiveNotice = {
        standardBusinessDays: days,
        emergencyHours: hours,
        emergencyRequiresSameDay: Array.isArray(same)
          ? same.filter((item): item is string => typeof item === 'string')
          : [],
        place: placeOf(path(root, [], 'additiveNotice')),
      };
  }
  const overlap = get(root, 'overlap');
  if (isObject(overlap)) {
    const days = get(overlap, 'days');
    const base = path(root, [], 'overlap');
    if (typeof days === 'number')
      facts.overlap = {
        days,
        guarantees: items(get(overlap, 'guarantees'), [...base, keyOf(overlap, 'guarantees') ?? 'guarantees']),
        place: placeOf(base),
      };
  }

  const rollback = get(root, 'rollback');
  const listAt = (owner: Json, base: DataPath, name: string) => {
    const value = get(owner, name);
    return value === undefined
      ? undefined
      : { items: items(value, path(owner, base, name)), place: placeOf(path(owner, base, name)) };
  };
  if (isObject(rollback)) {
    facts.triggers = listAt(rollback, path(root, [], 'rollback'), 'triggers');
    facts.actions = listAt(rollback, path(root, [], 'rollback'), 'actions');
  }
  facts.triggers ??= listAt(root, [], 'rollbackTriggers');
  facts.actions ??= listAt(root, [], 'rollbackActions');

  const prerequisites = get(root, 'prerequisites');
  if (isObject(prerequisites)) {
    const base = path(root, [], 'prerequisites');
    for (const owner of ['producer', 'consumer'] as const) {
      const list = listAt(prerequisites, base, owner);
      if (list) facts.prerequisites[owner] = list;
    }
  }
  const checklist = get(root, 'evidenceChecklist');
  if (isObject(checklist)) {
    const base = path(root, [], 'evidenceChecklist');
    for (const owner of ['producer', 'consumer', 'joint'] as const) {
      const list = listAt(checklist, base, owner);
      if (list) facts.checklist[owner] = list;
    }
  }
  const checks = get(root, 'requiredChecks');
  if (isObject(checks)) {
    const base = path(root, [], 'requiredChecks');
    for (const owner of ['producer', 'consumer'] as const) {
      const value = get(checks, owner);
      if (!Array.isArray(value)) continue;
      const at = path(checks, base, owner);
      facts.requiredChecks[owner] = {
        place: placeOf(at),
        items: value.flatMap((item, index) => {
          const run = typeof item === 'string' ? item : isObject(item) ? string(get(item, 'run')) : undefined;
          if (!run) return [];
          return [{ id: isObject(item) ? string(get(item, 'id')) : undefined, run, place: placeOf([...at, index]) }];
        }),
      };
    }
  }
  return facts;

  function items(value: unknown, base: DataPath): JsonItem[] {
    if (!Array.isArray(value)) return [];
    return value.flatMap((item, index) => {
      const title = typeof item === 'string' ? item : isObject(item) ? string(get(item, 'title')) : undefined;
      if (!title) return [];
      const owner = isObject(item) ? string(get(item, 'owner')) : undefined;
      return [
        {
          id: isObject(item) ? string(get(item, 'id')) : undefined,
          title,
          owner: owner === 'producer' || owner === 'consumer' || owner === 'joint' ? owner : undefined,
          place: placeOf([...base, index]),
        },
      ];
    });
  }
}

/** Whether a parsed JSON file looks like a handoff payload (and not some other JSON the producer keeps). */
export function looksLikeHandoff(text: string): boolean {
  const parsed = parseJson(text);
  if (!isObject(parsed.data)) return false;
  return Object.keys(parsed.data).some((key) =>
    ['livePin', 'rollback', 'gates', 'candidate', 'envelopePolicies'].includes(camel(key)),
  );
}

/**
 * The facts a handoff JSON restates, written as Markdown in the producer's conventions, with the JSON
 * place of every line. The checker's prose rules check this text like any other restatement, and their
 * diagnostics map back to the JSON through `origins`.
 */
export function handoffRestatement(
  facts: HandoffFacts,
  options: { pin: boolean },
): { text: string; origins: (SourcePlace | undefined)[] } {
  const lines: string[] = [];
  const origins: (SourcePlace | undefined)[] = [];
  const push = (text: string, place: SourcePlace | undefined) => {
    lines.push(text);
    origins.push(place);
  };
  if (options.pin && facts.pin) {
    for (const field of pinFields) {
      const value = facts.pin.values[field];
      if (value !== undefined) push(`- \`${field}\`: \`${value}\``, facts.pin.places[field]);
    }
    push('', undefined);
  }
  for (const policy of facts.policies) {
    push(`- ${renderEnvelopeStatement(policy.version, policy, '')}`, policy.place);
    push('', undefined);
  }
  const list = (heading: string, source: { items: JsonItem[]; place: SourcePlace } | undefined) => {
    if (!source) return;
    push(`## ${heading}`, source.place);
    push('', source.place);
    // The list is reported at its first line: that is the JSON array's key.
    if (!source.items.length) push('- (none)', source.place);
    source.items.forEach((item, index) => push(`- ${item.title}`, index === 0 ? source.place : item.place));
    push('', undefined);
  };
  list('Rollback triggers', facts.triggers);
  list('Rollback actions', facts.actions);
  list('Producer prerequisites', facts.prerequisites.producer);
  list('Consumer prerequisites', facts.prerequisites.consumer);
  const owners = (['producer', 'consumer', 'joint'] as const).filter((owner) => facts.checklist[owner]);
  if (owners.length) {
    const first = facts.checklist[owners[0] ?? 'producer']?.place;
    push('## Evidence checklist', first);
    push('', first);
    owners.forEach((owner, index) => {
      const group = facts.checklist[owner];
      if (!group) return;
      push(`- ${owner}`, index === 0 ? first : group.place);
      for (const item of group.items) push(`  - ${item.title}`, item.place);
    });
    push('', undefined);
  }
  for (const owner of ['producer', 'consumer'] as const) {
    const checks = facts.requiredChecks[owner];
    if (!checks?.items.length) continue;
    push('```bash', checks.place);
    for (const check of checks.items) push(check.run, check.place);
    push('```', checks.place);
    push('', undefined);
  }
  return { text: lines.join('\n'), origins };
}
