import type { ReferenceKind } from '../core/ids.ts';
import type { DocumentKind } from '../schemas/index.ts';

/**
 * Every site path in one place, without the deploy base (`PREVIEW_BASE`): Starlight adds the base to
 * sidebar links itself, and pages pass their paths through `withBase`.
 */

/** Order of a migration's documents in navigation and on the home page. */
export const documentKindOrder = ['plan', 'tracker', 'rfc', 'gates'] as const satisfies readonly DocumentKind[];

export const homePath = '/';
export const runtimePath = '/runtime/';
export const contractsPath = '/contracts/';
export const rulesPath = '/rules/';

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

/** Fragment id of a typed item on its page: `gate:producer-suite-green` → `gate-producer-suite-green`. */
export function anchorId(kind: ReferenceKind, id: string): string {
  return `${kind}-${id}`;
}

/** The document kind whose frontmatter defines ids of a reference kind. */
export const definingKind = {
  gate: 'gates',
  prereq: 'gates',
  trigger: 'gates',
  action: 'gates',
  evidence: 'gates',
  task: 'tracker',
  exit: 'plan',
  deliverable: 'plan',
  command: 'plan',
  stage: 'rfc',
  principle: 'rfc',
} as const satisfies Record<ReferenceKind, DocumentKind>;

/**
 * Link to where a typed id is defined, e.g. a gate's evidence command on the plan page. `documents` maps
 * a document kind to the file name of the migration's document of that kind (`{ plan: 'plan' }`).
 */
export function referenceHref(
  kind: ReferenceKind,
  id: string,
  migration: string,
  documents: Partial<Record<DocumentKind, string>>,
): string | undefined {
  const name = documents[definingKind[kind]];
  return name === undefined ? undefined : `${documentHref(migration, name)}#${anchorId(kind, id)}`;
}

/** Prefixes a site path with the deploy base, e.g. `/preview/rfc-x/` + `/rules/` → `/preview/rfc-x/rules/`. */
export function withBase(base: string, path: string): string {
  const trimmed = base.endsWith('/') ? base.slice(0, -1) : base;
  return `${trimmed}${path.startsWith('/') ? path : `/${path}`}`;
}
