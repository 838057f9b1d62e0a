import type { EntityField, ExtractedEntity } from '../../drift/statement.ts';
import type { RawGate, RawTask } from '../blocks.ts';
import { bulletKeys, type BulletKey } from '../conventions.ts';
import { codeSpans } from '../markdown.ts';
import type { ProducerDocument } from './context.ts';

/**
 * The gates and tasks the shared extraction (`src/core/drift/markdown.ts`) found in a document, as the
 * importer's raw items: a gate written as a `### Gate 1: …` heading with a `**Status:**` line and an
 * `Evidence:` line under it, a task that exists only as a row of a `| Task | Title | Owner | Status |`
 * table. The drift report reads the same entities, so the importer reads what `drift` reads; the importer's
 * own list readers stay for the list forms (whose positions the exporter rewrites in place).
 */

/** The document's current (not historical) entities of one kind, in order. */
export function entitiesOf(
  entities: readonly ExtractedEntity[],
  document: ProducerDocument,
  kind: ExtractedEntity['kind'],
): ExtractedEntity[] {
  return entities.filter((entity) => entity.kind === kind && entity.place.file === document.file && !entity.history);
}

/** The body line of a line of the producer's file (the body drops the H1 and the header lines). */
export function bodyLineOf(document: ProducerDocument, fileLine: number): number {
  const index = document.body.origins.findIndex((origin) => origin?.line === fileLine);
  return index === -1 ? 1 : index + 1;
}

function keyOf(field: EntityField): BulletKey | undefined {
  return (Object.keys(bulletKeys) as BulletKey[]).find((key) => bulletKeys[key].test(field.label));
}

/**
 * A field's values: its nested items, else its inline value split at `;` (the list convention of a
 * bullet), and a single inline value holding commas split at them (`Evidence: a, b.`).
 */
function valuesOf(document: ProducerDocument, field: EntityField): { text: string; line: number }[] {
  if (field.items?.length)
    return field.items.map((item) => ({ text: item.text, line: bodyLineOf(document, item.line) }));
  const line = bodyLineOf(document, field.place.line);
  const parts = field.value.split(';').map((part) => part.trim());
  const split = parts.length === 1 && /,/.test(field.value) ? field.value.split(',') : parts;
  return split
    .map((part) => part.trim().replace(/\.$/, ''))
    .filter((text) => text && !/^(none|n\/a|-|\u2014)$/i.test(text))
    .map((text) => ({ text, line }));
}

function single(document: ProducerDocument, field: EntityField | undefined) {
  return field ? { value: field.value, line: bodyLineOf(document, field.place.line) } : undefined;
}

export function rawGateOf(document: ProducerDocument, entity: ExtractedEntity): RawGate {
  const field = (key: BulletKey) => entity.fields.find((candidate) => keyOf(candidate) === key);
  const evidence = field('evidence');
  const satisfies = field('satisfies');
  return {
    title: entity.title,
    line: bodyLineOf(document, entity.place.line),
    owner: single(document, field('owner')),
    status: single(document, field('status')),
    evidence: evidence ? valuesOf(document, evidence) : [],
    satisfies: satisfies ? valuesOf(document, satisfies) : [],
    issues: [],
  };
}

export function rawTaskOf(document: ProducerDocument, entity: ExtractedEntity): RawTask {
  const field = (key: BulletKey) => entity.fields.find((candidate) => keyOf(candidate) === key);
  const values = (key: BulletKey) => {
    const found = field(key);
    return found ? valuesOf(document, found) : [];
  };
  const deliverables = field('deliverables');
  return {
    id: entity.key,
    title: entity.title,
    headingLine: bodyLineOf(document, entity.place.line),
    status: single(document, field('status')),
    owner: single(document, field('owner')),
    definitionOfDone: (() => {
      const found = field('definitionOfDone');
      if (!found) return [];
      // A definition of done is one sentence, or several as nested items: commas are not separators.
      return found.items?.length
        ? valuesOf(document, found)
        : [{ text: found.value, line: bodyLineOf(document, found.place.line) }];
    })(),
    waitsOn: values('waitsOn'),
    deliverables: deliverables
      ? [deliverables.value, ...(deliverables.items ?? []).map((item) => item.text)].flatMap((text) =>
          codeSpans(text).map((code) => ({ text: code, line: bodyLineOf(document, deliverables.place.line) })),
        )
      : [],
    satisfies: values('satisfies'),
    issues: [],
  };
}

/** Fills what a list reader left unstated (a `**Status:**` paragraph under a task heading) from the entity. */
export function fillRawTask(raw: RawTask, from: RawTask): RawTask {
  return {
    ...raw,
    status: raw.status ?? from.status,
    owner: raw.owner ?? from.owner,
    definitionOfDone: raw.definitionOfDone.length ? raw.definitionOfDone : from.definitionOfDone,
    waitsOn: raw.waitsOn.length ? raw.waitsOn : from.waitsOn,
    deliverables: raw.deliverables.length ? raw.deliverables : from.deliverables,
    satisfies: raw.satisfies.length ? raw.satisfies : from.satisfies,
  };
}

export function fillRawGate(raw: RawGate, from: RawGate): RawGate {
  return {
    ...raw,
    status: raw.status ?? from.status,
    owner: raw.owner ?? from.owner,
    evidence: raw.evidence.length ? raw.evidence : from.evidence,
    satisfies: raw.satisfies.length ? raw.satisfies : from.satisfies,
  };
}
