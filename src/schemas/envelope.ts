import { z } from 'zod';
import type { EnvelopePolicy } from './contract-policy.ts';

/** Where the envelope names its contract version and its error code: both have fixed values. */
export const contractVersionField = 'service_contract_version';
export const errorCodeField = 'error.code';

/**
 * The non-2xx error envelope of one contract version as a zod schema, derived from its policy data
 * (`content/contracts/<version>.yaml`) and the producer's error codes, never written by hand. It is the
 * one definition of a conforming body: the consumer CLI (`verify-envelope`) evaluates bodies with it and
 * the published JSON Schema is generated from it, so the two cannot disagree.
 *
 * Dotted paths become nested objects: `error.code` required means `error` is a required object with a
 * required `code`. A required field may hold any value; a forbidden field must be absent (even as
 * `null`); an optional field may be present. When the policy lists `service_contract_version`, its value
 * must be `version` itself; when it lists `error.code` and `errorCodes` are given, the value must be one
 * of them (a number, `null` or a list is not). When the policy is closed, no other field is allowed at
 * any level; otherwise other fields are tolerated.
 */
export function envelopeSchemaFor(
  version: string,
  policy: Pick<EnvelopePolicy, 'required' | 'optional' | 'forbidden' | 'closed'>,
  errorCodes?: readonly string[],
) {
  const values = new Map<string, z.ZodType>([[contractVersionField, z.literal(version)]]);
  if (errorCodes?.length) values.set(errorCodeField, z.enum(errorCodes as [string, ...string[]]));
  return (buildLevel(toTree(policy), policy.closed, values, '') as z.ZodObject).meta({
    title: `${version} non-2xx error envelope`,
    description:
      `A non-2xx response body under ${version}. ` +
      `Requires ${list(policy.required)}; optional ${list(policy.optional)}; forbids ${list(policy.forbidden)}; ` +
      `\`${contractVersionField}\` is \`${version}\` when present` +
      // Spelled out rather than with core's `plural`: schemas import only zod.
      (errorCodes?.length
        ? `; \`${errorCodeField}\` is ${errorCodes.length === 1 ? "the producer's one error code" : `one of the producer's ${errorCodes.length} error codes`}; `
        : '; ') +
      (policy.closed ? 'closed: no other field is allowed.' : 'open: other fields are tolerated.'),
  });
}

type Presence = 'required' | 'optional' | 'forbidden';

interface Node {
  /** How this field is constrained; `undefined` for a field only named as the parent of others. */
  presence?: Presence;
  children: Map<string, Node>;
}

function toTree(policy: Pick<EnvelopePolicy, 'required' | 'optional' | 'forbidden'>): Node {
  const root: Node = { children: new Map() };
  const add = (path: string, presence: Presence) => {
    let node = root;
    const segments = path.split('.');
    segments.forEach((segment, index) => {
      let child = node.children.get(segment);
      if (!child) {
        child = { children: new Map() };
        node.children.set(segment, child);
      }
      if (index === segments.length - 1) child.presence = strongest(child.presence, presence);
      // The parent of a required field must be there; the parent of an optional or forbidden one may be.
      else if (presence === 'required') child.presence = 'required';
      node = child;
    });
  };
  for (const presence of ['required', 'optional', 'forbidden'] as const)
    for (const path of policy[presence]) add(path, presence);
  return root;
}

function strongest(current: Presence | undefined, next: Presence): Presence {
  if (current === 'required' || next === 'required') return 'required';
  if (current === 'forbidden' || next === 'forbidden') return 'forbidden';
  return 'optional';
}

function buildLevel(node: Node, closed: boolean, values: ReadonlyMap<string, z.ZodType>, prefix: string): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, child] of node.children) {
    if (child.presence === 'forbidden') {
      shape[key] = z.never().optional();
      continue;
    }
    const path = prefix ? `${prefix}.${key}` : key;
    const value = child.children.size ? buildLevel(child, closed, values, path) : (values.get(path) ?? z.unknown());
    shape[key] = child.presence === 'required' ? value : value.optional();
  }
  return closed ? z.strictObject(shape) : z.looseObject(shape);
}

function list(fields: readonly string[]): string {
  return fields.length ? fields.map((field) => `\`${field}\``).join(', ') : 'nothing';
}
