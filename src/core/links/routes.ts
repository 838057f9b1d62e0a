import type { ReferenceKind } from '../ids.ts';
import type { DocumentKind } from '../../schemas/index.ts';

/**
 * Every site path in one place, without the deploy base (`PREVIEW_BASE`): Starlight adds the base to
 * sidebar links itself, pages pass their paths through `withBase`, and the cross-link plugins are given
 * the base when the integration registers them. Plain module: the `links` rule resolves content links
 * against the same paths the pages are built at.
 */

/** Order of a migration's documents in navigation and on the home page. */
export const documentKindOrder = ['plan', 'tracker', 'rfc', 'gates'] as const satisfies readonly DocumentKind[];

export const homePath = '/';
export const runtimePath = '/runtime/';
/** Every migration with its documents: the one page that lists them all (navigation lists only the page's own). */
export const migrationsPath = '/migrations/';
export const contractsPath = '/contracts/';
export const rulesPath = '/rules/';
export const consumersPath = '/consumers/';
export const linksReportPath = '/links/';
export const schemasPath = '/schemas/';

/** `/migrations/service-v3/gates/` for `content/migrations/service-v3/gates.mdx`. */
export function documentHref(migration: string, name: string): string {
  return `/migrations/${migration}/${name}/`;
}

export function contractHref(version: string): string {
  return `${contractsPath}${version}/`;
}

export function ruleHref(id: string): string {
  return `${rulesPath}${id}/`;
}

/** The readable page of a migration's handoff payload, e.g. `/handoff/service-v3/`. */
export function handoffHref(migration: string): string {
  return `/handoff/${migration}/`;
}

/**
 * The committed payload file itself, byte for byte, e.g. `/handoff/service-v3/handoff-candidate.json`.
 * A stable URL: a consumer's CI downloads it from here.
 */
export function payloadFileHref(migration: string, fileName: string): string {
  return `/handoff/${migration}/${fileName}`;
}

/** The dependency picture of a migration (prerequisites, gates, evidence, rollback), e.g. `/dependencies/service-v3/`. */
export function dependenciesHref(migration: string): string {
  return `/dependencies/${migration}/`;
}

/** The timeline of a migration (decisions, events, windows, evidence records), e.g. `/timeline/service-v3/`. */
export function timelineHref(migration: string): string {
  return `/timeline/${migration}/`;
}

/** A published JSON Schema, e.g. `/schemas/handoff-payload.schema.json` (files of `public/schemas/`). */
export function schemaHref(fileName: string): string {
  return `${schemasPath}${fileName}`;
}

/** Fragment id of a typed item on its page: `gate:producer-suite-green` → `gate-producer-suite-green`. */
export function anchorId(kind: ReferenceKind, id: string): string {
  return `${kind}-${id}`;
}

/**
 * Fragment id of the n-th (1-based) prose reference to `kind:id` within one document: the link the
 * cross-link plugin makes carries it, and the target's "Referenced by" list links back to it.
 * `ref-gate-producer-suite-green`, then `ref-gate-producer-suite-green-2`, ...
 */
export function citingAnchorId(kind: ReferenceKind, id: string, occurrence: number): string {
  return occurrence <= 1 ? `ref-${kind}-${id}` : `ref-${kind}-${id}-${occurrence}`;
}

/** Prefixes a site path with the deploy base, e.g. `/preview/rfc-x/` + `/rules/` → `/preview/rfc-x/rules/`. */
export function withBase(base: string, path: string): string {
  const trimmed = base.endsWith('/') ? base.slice(0, -1) : base;
  return `${trimmed}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Sections of the "Structured facts" block each document kind renders above its prose, as [fragment id, title]. */
export const factSections = {
  plan: [
    ['facts-objective', 'Objective'],
    ['facts-deliverables', 'Deliverables'],
    ['facts-exit-criteria', 'Exit criteria'],
    ['facts-commands', 'Commands'],
  ],
  tracker: [['facts-tasks', 'Tasks']],
  rfc: [
    ['facts-approvers', 'Approvers'],
    ['facts-baseline', 'Baseline pin'],
    ['facts-stages', 'Stages'],
    ['facts-non-negotiables', 'Non-negotiables'],
  ],
  gates: [
    ['facts-gates', 'Gates'],
    ['facts-prerequisites', 'Prerequisites'],
    ['facts-rollback-triggers', 'Rollback triggers'],
    ['facts-rollback-actions', 'Rollback actions'],
    ['facts-evidence-checklist', 'Evidence checklist'],
  ],
} as const satisfies Record<DocumentKind, readonly (readonly [string, string])[]>;

/** The fragment id of the "Structured facts" heading every document page has. */
export const factsAnchor = 'structured-facts';

/** Task statuses in the order the tracker groups them: open work first. */
export const taskStatusOrder = ['in-progress', 'blocked', 'ready', 'done'] as const;

/** Fragment id of a status group on the tracker page, e.g. `facts-tasks-ready`. */
export function taskGroupAnchor(status: string): string {
  return `facts-tasks-${status}`;
}

/** Fragment id of an owner's group of prerequisites on the gates page, e.g. `facts-prerequisites-producer`. */
export function prerequisiteGroupAnchor(owner: string): string {
  return `facts-prerequisites-${owner}`;
}
