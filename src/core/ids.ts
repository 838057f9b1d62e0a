import type { Root } from 'mdast';
import type { DocumentKind } from '../schemas/index.ts';
import type { Entry, MigrationBundle } from './corpus.ts';
import type { Span } from './diagnostic.ts';
import { nodesOfType } from './mdast-index.ts';
import type { DataPath } from './parse/data-path.ts';

import { referenceKinds, referencePattern, type ReferenceKind } from '../schemas/references.ts';

export { referenceKinds, referencePattern, type ReferenceKind };

/**
 * Which document kind defines each kind of id, and in which frontmatter list: the one table the
 * definitions index, the site's links to a definition and the "unknown, not absent" logic all read.
 * Listed in document order (plan, tracker, rfc, gates), which is the order definitions are collected in.
 */
export const idDefinitionLists = {
  deliverable: { document: 'plan', list: 'deliverables' },
  exit: { document: 'plan', list: 'exitCriteria' },
  command: { document: 'plan', list: 'commands' },
  task: { document: 'tracker', list: 'tasks' },
  stage: { document: 'rfc', list: 'stages' },
  principle: { document: 'rfc', list: 'nonNegotiables' },
  gate: { document: 'gates', list: 'gates' },
  prereq: { document: 'gates', list: 'prerequisites' },
  trigger: { document: 'gates', list: 'rollbackTriggers' },
  action: { document: 'gates', list: 'rollbackActions' },
  evidence: { document: 'gates', list: 'evidenceChecklist' },
  // Decisions, events and evidence records are data (records.yaml), shown on the migration's timeline page.
  decision: { document: 'records', list: 'decisions' },
  event: { document: 'records', list: 'events' },
  record: { document: 'records', list: 'evidence' },
} as const satisfies Record<ReferenceKind, { document: DocumentKind | 'records'; list: string }>;

/** The document kind whose frontmatter defines ids of a reference kind. */
export function definingKind(kind: ReferenceKind): DocumentKind | 'records' {
  return idDefinitionLists[kind].document;
}

/** Where an id is defined. */
export interface IdDefinition {
  kind: ReferenceKind;
  id: string;
  title: string;
  migration: string;
  file: string;
  path: DataPath;
}

/** A place that names an id: a frontmatter field or a prose reference. */
export interface IdReference {
  kind: ReferenceKind;
  id: string;
  migration: string;
  file: string;
  place: Span;
  /** The field that holds a frontmatter reference, e.g. `tasks[3].waitsOn[0]`; absent for prose. */
  path?: DataPath;
}

const definitionCache = new WeakMap<MigrationBundle, IdDefinition[]>();
const referenceCache = new WeakMap<MigrationBundle, IdReference[]>();

/** Every id a migration defines, in document order. */
export function collectDefinitions(bundle: MigrationBundle): IdDefinition[] {
  const cached = definitionCache.get(bundle);
  if (cached) return cached;
  const out: IdDefinition[] = [];
  for (const [kind, { document, list }] of Object.entries(idDefinitionLists) as [
    ReferenceKind,
    (typeof idDefinitionLists)[ReferenceKind],
  ][]) {
    const entry = bundle[document];
    if (!entry) continue;
    // A command's title is the command line itself.
    const items = (entry.data as unknown as Record<string, readonly { id: string; title?: string; run?: string }[]>)[
      list
    ];
    items?.forEach((item, index) =>
      out.push({
        kind,
        id: item.id,
        title: item.title ?? item.run ?? item.id,
        migration: bundle.id,
        file: entry.file,
        path: [list, index, 'id'],
      }),
    );
  }
  definitionCache.set(bundle, out);
  return out;
}

/** Definitions keyed by kind, then id (the first definition wins; duplicates are the unique-ids rule's job). */
export function indexDefinitions(bundle: MigrationBundle): Map<ReferenceKind, Map<string, IdDefinition>> {
  const index = new Map<ReferenceKind, Map<string, IdDefinition>>(referenceKinds.map((kind) => [kind, new Map()]));
  for (const definition of collectDefinitions(bundle)) {
    const byId = index.get(definition.kind);
    if (byId && !byId.has(definition.id)) byId.set(definition.id, definition);
  }
  return index;
}

/** Every reference in a migration: typed frontmatter fields and `kind:id` inline code in prose. */
export function collectReferences(bundle: MigrationBundle): IdReference[] {
  const cached = referenceCache.get(bundle);
  if (cached) return cached;
  const out: IdReference[] = [];
  const field = (entry: Entry, kind: ReferenceKind, ids: readonly string[], path: DataPath) =>
    ids.forEach((id, index) => {
      const at = [...path, index];
      out.push({
        kind,
        id,
        migration: bundle.id,
        file: entry.file,
        path: at,
        // Positions of frontmatter are computed on demand (see parseYaml): only a report or a backlink needs one.
        get place() {
          return entry.locate(at);
        },
      });
    });
  const { plan, tracker, rfc, gates } = bundle;
  if (plan) {
    plan.data.exitCriteria.forEach((criterion, index) => {
      field(plan, 'gate', criterion.gates, ['exitCriteria', index, 'gates']);
      field(plan, 'task', criterion.tasks, ['exitCriteria', index, 'tasks']);
    });
  }
  if (tracker) {
    tracker.data.tasks.forEach((task, index) => {
      field(tracker, 'gate', task.waitsOn, ['tasks', index, 'waitsOn']);
      field(tracker, 'deliverable', task.deliverables, ['tasks', index, 'deliverables']);
    });
  }
  if (rfc) {
    rfc.data.stages.forEach((stage, index) =>
      field(rfc, 'gate', stage.requiresGates, ['stages', index, 'requiresGates']),
    );
  }
  if (gates) {
    gates.data.gates.forEach((gate, index) => {
      field(gates, 'command', gate.evidence.commands, ['gates', index, 'evidence', 'commands']);
      field(gates, 'evidence', gate.evidence.checklist, ['gates', index, 'evidence', 'checklist']);
    });
  }
  const records = bundle.records;
  if (records) {
    const typed = (values: readonly string[], path: DataPath) =>
      values.forEach((value, index) => {
        const match = referencePattern.exec(value);
        if (!match) return;
        const at = [...path, index];
        out.push({
          kind: match[1] as ReferenceKind,
          id: match[2] ?? '',
          migration: bundle.id,
          file: records.file,
          path: at,
          get place() {
            return records.locate(at);
          },
        });
      });
    records.data.decisions.forEach((decision, index) => {
      typed(decision.evidence, ['decisions', index, 'evidence']);
      field(records, 'decision', decision.supersedes, ['decisions', index, 'supersedes']);
    });
    records.data.events.forEach((event, index) => {
      if (event.authorisedBy === undefined) return;
      const at = ['events', index, 'authorisedBy'];
      out.push({
        kind: 'decision',
        id: event.authorisedBy,
        migration: bundle.id,
        file: records.file,
        path: at,
        get place() {
          return records.locate(at);
        },
      });
    });
    records.data.evidence.forEach((record, index) => typed(record.for, ['evidence', index, 'for']));
  }
  for (const document of bundle.documents) {
    for (const reference of proseReferences(document.body))
      out.push({ ...reference, migration: bundle.id, file: document.file });
  }
  referenceCache.set(bundle, out);
  return out;
}

/** `kind:id` inline code in a Markdown tree. Shared by the checker and the site's link plugin. */
export function proseReferences(tree: Root): { kind: ReferenceKind; id: string; place: Span }[] {
  const out: { kind: ReferenceKind; id: string; place: Span }[] = [];
  for (const node of nodesOfType(tree, 'inlineCode')) {
    const match = referencePattern.exec(node.value);
    if (!match || !node.position) continue;
    out.push({
      kind: match[1] as ReferenceKind,
      id: match[2] ?? '',
      place: { start: node.position.start, end: node.position.end },
    });
  }
  return out;
}
