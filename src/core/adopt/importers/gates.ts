import type { ListConcept } from '../../conventions.ts';
import { type Gates, type Owner } from '../../../schemas/index.ts';
import {
  IdSequence,
  parseChecklist,
  parseGates,
  parseTitledItems,
  resolveGates,
  type RawGate,
  type RawListItem,
} from '../blocks.ts';
import type { SectionName } from '../conventions.ts';
import { ownerFromSubject } from '../derive.ts';
import type { JsonItem } from '../handoff-json.ts';
import { resolveChecklist } from '../layout.ts';
import type { SourcePlace } from '../model.ts';

import { validId, type ImportContext } from './context.ts';
import { entitiesOf, fillRawGate, rawGateOf } from './entities.ts';
import { slugOf, type ExtractedEntity } from '../../drift/statement.ts';
import { hasEvidence } from '../../evidence.ts';
import { resolveReference } from '../blocks.ts';
import { evidenceTargets, evidenceWords } from './records.ts';

/** The gates document: the evidence checklist first (gates cite it), gates, prerequisites, rollback triggers and actions. One importer per document kind, over the explicit import context. */
export function importGates(ctx: ImportContext) {
  const {
    documents,
    handoff,
    teams,
    context,
    model,
    origins,
    note,
    inform,
    placeIn,
    issuesIn,
    listIn,
    firstListAnywhere,
    extractedItems,
    readDocumentBase,
    entities,
  } = ctx;
  const gatesDocument = documents.get('gates');
  let gates: Gates | undefined;
  let gateSatisfies: string[][] = [];
  if (gatesDocument) {
    gates = {
      kind: 'gates',
      ...readDocumentBase('gates', gatesDocument),
      gates: [],
      prerequisites: [],
      rollbackTriggers: [],
      rollbackActions: [],
      evidenceChecklist: [],
    };
    // The checklist first: gates cite its items as evidence.
    const checklistBlock = firstListAnywhere('evidenceChecklist');
    if (checklistBlock) {
      const parsed = parseChecklist(checklistBlock.list, checklistBlock.document.markdown, teams);
      issuesIn(checklistBlock.document, parsed.issues);
      gates.evidenceChecklist = resolveChecklist(checklistBlock.list, checklistBlock.document.markdown, context);
      parsed.items.forEach((item, index) =>
        origins.record(
          'gates',
          ['evidenceChecklist', index],
          placeIn(checklistBlock.document, item.line),
          `evidence checklist item \`${gates?.evidenceChecklist[index]?.id}\` (${gates?.evidenceChecklist[index]?.owner})`,
        ),
      );
    } else {
      const sequence = new IdSequence();
      for (const owner of ['producer', 'consumer', 'joint'] as const) {
        for (const item of handoff?.checklist[owner]?.items ?? []) {
          gates.evidenceChecklist.push({
            id: sequence.resolve(validId(item.id), item.title),
            title: item.title,
            owner,
          });
          origins.record(
            'gates',
            ['evidenceChecklist', gates.evidenceChecklist.length - 1],
            item.place,
            `evidence checklist item \`${gates.evidenceChecklist.at(-1)?.id}\` (from the handoff JSON)`,
          );
        }
      }
    }
    // Gates as the shared extraction reads them (`### Gate 1: …` headings with `**Status:**` and `Evidence:`
    // lines, numbered items with nested bullets, table rows); the list reader's items come first where there
    // is a gates list, since the exporter rewrites that list in place.
    const extracted = entitiesOf(entities, gatesDocument, 'gate').map((entity) => ({
      slug: entity.key,
      raw: rawGateOf(gatesDocument, entity),
    }));
    const gatesBlock = listIn(gatesDocument, 'gates');
    const listed = gatesBlock ? parseGates(gatesBlock.list, gatesDocument.markdown) : [];
    const raw: RawGate[] = listed.length
      ? listed.map((gate) => {
          const found = extracted.find((entry) => entry.slug === slugOf(gate.title));
          return found ? fillRawGate(gate, found.raw) : gate;
        })
      : extracted.map((entry) => entry.raw);
    if (raw.length) {
      const checklist = gates.evidenceChecklist;
      const prepared = raw.map((gate) => evidenceAsWords(gate, checklist));
      const resolved = resolveGates(prepared, context, checklist);
      // A gate its document gives no evidence for also stands on the checklist items a dated record names for it.
      resolved.gates.forEach((gate, index) => {
        if (raw[index]?.evidence.length) return;
        for (const id of recordedChecklist(gate.title, gatesDocument.file, entities, checklist))
          if (!gate.evidence.checklist.includes(id)) gate.evidence.checklist.push(id);
      });
      issuesIn(gatesDocument, resolved.issues);
      for (const entry of resolved.defaulted)
        inform(placeIn(gatesDocument, entry.line), `no bullet for the ${entry.what}; default used`);
      gates.gates = resolved.gates;
      gateSatisfies = resolved.satisfies;
      // A pass with nothing behind it is said at the producer's status line: the import never makes evidence up.
      resolved.gates.forEach((gate, index) => {
        const item = raw[index];
        if (gate.status !== 'passed' || hasEvidence(gate.evidence) || !item) return;
        note(
          placeIn(gatesDocument, item.status?.line ?? item.line),
          `gate \`${gate.id}\` is passed but names no evidence (a command, an evidence checklist item or an envelope assertion under \`Evidence:\`, here or in a dated checkpoint of the folder imported); state it, or set the status back to pending`,
        );
      });
      raw.forEach((item, index) => {
        const gate = resolved.gates[index];
        origins.record(
          'gates',
          ['gates', index],
          placeIn(gatesDocument, item.line),
          `gate \`${gate?.id}\` (${gate?.owner}, ${gate?.status})`,
        );
        if (item.status)
          origins.record(
            'gates',
            ['gates', index, 'status'],
            placeIn(gatesDocument, item.status.line),
            `status of gate \`${gate?.id}\``,
          );
        if (item.owner)
          origins.record(
            'gates',
            ['gates', index, 'owner'],
            placeIn(gatesDocument, item.owner.line),
            `owner of gate \`${gate?.id}\``,
          );
        const evidence = item.evidence[0];
        if (evidence)
          origins.record(
            'gates',
            ['gates', index, 'evidence'],
            placeIn(gatesDocument, evidence.line),
            `evidence of gate \`${gate?.id}\``,
          );
      });
    } else
      note(
        { file: gatesDocument.file, line: 1 },
        'no gates (a list under “Go/No-Go Gates”, `### Gate 1: title` headings under it, or a gates table)',
      );

    const prerequisiteSequence = new IdSequence();
    for (const owner of ['producer', 'consumer'] as const) {
      const name = owner === 'producer' ? 'producerPrerequisites' : 'consumerPrerequisites';
      const found = firstListAnywhere(name);
      const raw: (RawListItem & { place: SourcePlace })[] = found
        ? parseTitledItems(found.list, found.document.markdown, 'prereq').map((item) => ({
            ...item,
            place: placeIn(found.document, item.line),
          }))
        : handoff?.prerequisites[owner]?.items.length
          ? handoff.prerequisites[owner].items.map((item) => ({
              id: validId(item.id),
              title: item.title,
              line: 1,
              place: item.place,
            }))
          : extractedItems(name);
      for (const item of raw) {
        gates.prerequisites.push({ id: prerequisiteSequence.resolve(item.id, item.title), title: item.title, owner });
        origins.record(
          'gates',
          ['prerequisites', gates.prerequisites.length - 1],
          item.place,
          `${owner} prerequisite \`${gates.prerequisites.at(-1)?.id}\``,
        );
      }
    }
    if (!gates.prerequisites.length)
      note(
        { file: gatesDocument.file, line: 1 },
        'no producer or consumer prerequisites (a list or table under “Producer prerequisites” / “Consumer prerequisites” in any document, or the handoff JSON); the gates document needs at least one: state them',
      );
    const titledList = (name: SectionName, kind: 'trigger' | 'action', json: { items: JsonItem[] } | undefined) => {
      const found = firstListAnywhere(name);
      if (found)
        return parseTitledItems(found.list, found.document.markdown, kind).map((item) => ({
          ...item,
          place: placeIn(found.document, item.line),
        }));
      if (json?.items.length)
        return json.items.map((item) => ({
          id: validId(item.id),
          title: item.title,
          owner: item.owner,
          line: 1,
          place: item.place,
        }));
      return extractedItems(name as ListConcept).map((item) => ({ ...item, owner: undefined as Owner | undefined }));
    };
    const triggerSequence = new IdSequence();
    titledList('rollbackTriggers', 'trigger', handoff?.triggers).forEach((item, index) => {
      gates?.rollbackTriggers.push({ id: triggerSequence.resolve(item.id, item.title), title: item.title });
      origins.record(
        'gates',
        ['rollbackTriggers', index],
        item.place,
        `rollback trigger \`${gates?.rollbackTriggers[index]?.id}\``,
      );
    });
    const actionSequence = new IdSequence();
    titledList('rollbackActions', 'action', handoff?.actions).forEach((item, index) => {
      const owner: Owner = item.owner ?? ownerFromSubject(item.title, teams);
      gates?.rollbackActions.push({ id: actionSequence.resolve(item.id, item.title), title: item.title, owner });
      origins.record(
        'gates',
        ['rollbackActions', index],
        item.place,
        `rollback action \`${gates?.rollbackActions[index]?.id}\` (${owner})`,
      );
    });
    model.gates = gates;
  }
  return { gates, gateSatisfies };
}

/**
 * A gate's evidence as words the resolver reads: a link whose text names a checklist item names that item
 * (its target becomes an evidence record, see `importers/records.ts`); any other link is a record only.
 */
function evidenceAsWords(gate: RawGate, checklist: readonly { id: string; title: string }[]): RawGate {
  return {
    ...gate,
    evidence: gate.evidence.flatMap((value) => {
      if (!evidenceTargets(value.text).length) return [value];
      const words = evidenceWords(value.text);
      return words && resolveReference('evidence', words, checklist) ? [{ ...value, text: words }] : [];
    }),
  };
}

/** The checklist items the current records of other files (a dated checkpoint) name as a gate's evidence. */
function recordedChecklist(
  title: string,
  gatesFile: string,
  entities: readonly ExtractedEntity[],
  checklist: readonly { id: string; title: string }[],
): string[] {
  const slug = slugOf(title);
  return entities
    .filter(
      (entity) => entity.kind === 'gate' && entity.key === slug && !entity.history && entity.place.file !== gatesFile,
    )
    .flatMap((entity) => entity.fields.filter((field) => field.label === 'evidence'))
    .flatMap((field) => (field.items?.length ? field.items.map((item) => item.text) : [field.value]))
    .flatMap((text) => resolveReference('evidence', evidenceWords(text), checklist) ?? []);
}
