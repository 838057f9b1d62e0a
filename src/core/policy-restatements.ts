import type { Corpus, Entry } from './corpus.ts';
import type { Span } from './diagnostic.ts';

/**
 * Every place that restates a contract's envelope policy: gate evidence (`evidence.envelope`) and
 * prose lines such as "`service.v3` candidate: requires `a`, `b`; optional `c`; forbids `d`.". The
 * `envelope-policy` rule compares each with the policy; `contract-change` looks at them together.
 */

export const envelopeBuckets = ['required', 'optional', 'forbidden'] as const;
export type EnvelopeBucket = (typeof envelopeBuckets)[number];
export type EnvelopeSets = Record<EnvelopeBucket, readonly string[]>;

export interface PolicyRestatement {
  version: string;
  sets: EnvelopeSets;
  file: string;
  place: () => Span;
  /** `in gate \`id\`` for gate evidence, empty for prose. */
  where: string;
  /** How to make it equal `policy`, complete: the whole prose line to write, or the evidence's YAML keys. */
  rewrite: (policy: EnvelopeSets) => string;
}

/** "`service.v3` candidate: requires `a`, `b`; optional `c`; forbids `d`." on one line. */
const statementLine = /`(service\.v\d+)`([^:\n`]*):\s*((?:requires|required|optional|forbids|forbidden)\b[^\n]*)/g;
const clause = /^(requires|required|optional|forbids|forbidden)\b(.*)$/;

export function policyRestatements(corpus: Corpus): PolicyRestatement[] {
  const restatements: PolicyRestatement[] = [];
  for (const bundle of corpus.migrations) {
    const gates = bundle.gates;
    if (!gates) continue;
    gates.data.gates.forEach((gate, index) => {
      const assertion = gate.evidence.envelope;
      if (!assertion) return;
      restatements.push({
        version: assertion.contract,
        sets: assertion,
        file: gates.file,
        place: () => gates.locate(['gates', index, 'evidence', 'envelope']),
        where: ` in gate \`${gate.id}\``,
        rewrite: (policy) =>
          `Set \`evidence.envelope\` of gate \`${gate.id}\` to ${envelopeBuckets.map((bucket) => `\`${bucket}: [${policy[bucket].join(', ')}]\``).join(', ')}.`,
      });
    });
  }
  for (const document of corpus.documents) {
    for (const match of document.bodyText.matchAll(statementLine)) {
      const text = match[3] ?? '';
      const sets = parseStatement(text);
      if (!sets) continue;
      const start = document.lines.point(match.index ?? 0);
      const version = match[1] ?? '';
      const label = match[2] ?? '';
      const period = /\.\s*$/.test(text) ? '.' : '';
      restatements.push({
        version,
        sets,
        file: document.file,
        place: () => ({ start }),
        where: '',
        rewrite: (policy) => `Write the line as: \`${version}\`${label}: ${formatStatement(policy)}${period}`,
      });
    }
  }
  return restatements;
}

/** "requires `a`, `b`; optional `c`; forbids `d`": the prose form, empty sets left out (required always shown). */
export function formatStatement(policy: EnvelopeSets): string {
  const parts = [`requires ${formatFields(policy.required)}`];
  if (policy.optional.length) parts.push(`optional ${formatFields(policy.optional)}`);
  if (policy.forbidden.length) parts.push(`forbids ${formatFields(policy.forbidden)}`);
  return parts.join('; ');
}

export function formatFields(fields: readonly string[]): string {
  return fields.length ? fields.map((field) => `\`${field}\``).join(', ') : '(none)';
}

/** Same sets, order ignored. */
export function sameSets(a: EnvelopeSets, b: EnvelopeSets): boolean {
  return envelopeBuckets.every((bucket) => setDifference(a[bucket], b[bucket]) === undefined);
}

/** "missing `a`; unexpected `b`" between a stated set and the policy's, or undefined when equal. */
export function setDifference(stated: readonly string[], policy: readonly string[]): string | undefined {
  const statedSet = new Set(stated);
  const policySet = new Set(policy);
  const missing = [...policySet].filter((field) => !statedSet.has(field));
  const unexpected = [...statedSet].filter((field) => !policySet.has(field));
  if (!missing.length && !unexpected.length) return undefined;
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${formatFields(missing)}`);
  if (unexpected.length) parts.push(`unexpected ${formatFields(unexpected)}`);
  return parts.join(', ');
}

/**
 * The contracts whose own policy is invalid (a field in two sets, or twice in one). Their restatements
 * are not compared: asking other files to copy an invalid policy spreads the mistake.
 */
export function invalidPolicies(contracts: readonly Entry<'contract-policy'>[]): Set<string> {
  const invalid = new Set<string>();
  for (const contract of contracts) {
    const seen = new Set<string>();
    for (const bucket of envelopeBuckets) {
      for (const field of contract.data.envelope[bucket]) {
        if (seen.has(field)) invalid.add(contract.data.version);
        seen.add(field);
      }
    }
  }
  return invalid;
}

/**
 * Field moves between two versions of a policy, one line per field: "`legacy_error`: forbidden →
 * optional", "`error.hint`: added as optional", "`error.details`: no longer listed (was optional)".
 */
export function policyChanges(before: EnvelopeSets, after: EnvelopeSets): string[] {
  const bucketOf = (sets: EnvelopeSets, field: string) =>
    envelopeBuckets.find((bucket) => sets[bucket].includes(field));
  const fields = [...new Set(envelopeBuckets.flatMap((bucket) => [...before[bucket], ...after[bucket]]))];
  const changes: string[] = [];
  for (const field of fields) {
    const was = bucketOf(before, field);
    const now = bucketOf(after, field);
    if (was === now) continue;
    changes.push(
      !was
        ? `\`${field}\`: added as ${now}`
        : !now
          ? `\`${field}\`: no longer listed (was ${was})`
          : `\`${field}\`: ${was} → ${now}`,
    );
  }
  return changes;
}

function parseStatement(text: string): EnvelopeSets | undefined {
  const statement: Record<EnvelopeBucket, string[]> = { required: [], optional: [], forbidden: [] };
  let seen = false;
  for (const part of text.split(';')) {
    const match = clause.exec(part.trim());
    if (!match) continue;
    seen = true;
    const bucket: EnvelopeBucket = match[1]?.startsWith('requ')
      ? 'required'
      : match[1] === 'optional'
        ? 'optional'
        : 'forbidden';
    statement[bucket].push(...[...(match[2] ?? '').matchAll(/`([^`]+)`/g)].map((field) => field[1] ?? ''));
  }
  return seen ? statement : undefined;
}

/** A contract whose policy differs from every restatement, all of which still agree with each other. */
export interface ContractChange {
  contract: Entry<'contract-policy'>;
  /** The policy as the restatements give it: what the contract said before the edit. */
  before: EnvelopeSets;
  restatements: PolicyRestatement[];
  changes: string[];
}

/**
 * Tells an intended contract change from drift. When at least two restatements of a policy agree with
 * each other and all differ from the policy, the policy is what changed (an edit to the contract
 * file, e.g. an RFC moving a field), and the restatements must follow it: that is one change with its
 * follow-ups, not one error per restated set. A single restatement that differs is ordinary drift.
 */
export function contractChanges(corpus: Corpus, restatements: readonly PolicyRestatement[]): ContractChange[] {
  const invalid = invalidPolicies(corpus.contracts);
  const changes: ContractChange[] = [];
  for (const contract of corpus.contracts) {
    const version = contract.data.version;
    if (invalid.has(version)) continue;
    const own = restatements.filter((restatement) => restatement.version === version);
    const first = own[0];
    if (own.length < 2 || !first) continue;
    if (!own.every((restatement) => sameSets(restatement.sets, first.sets))) continue;
    if (sameSets(first.sets, contract.data.envelope)) continue;
    changes.push({
      contract,
      before: first.sets,
      restatements: own,
      changes: policyChanges(first.sets, contract.data.envelope),
    });
  }
  return changes;
}
