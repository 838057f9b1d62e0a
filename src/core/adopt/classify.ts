import type { DocumentKind } from '../../schemas/index.ts';
import { releaseHandoffSchema } from '../../schemas/index.ts';
import { parseTaskHeading } from '../conventions.ts';
import { producerFileKinds } from './conventions.ts';
import { isCheckpointDocument, isDecisionRecordJson } from './cutover-records.ts';
import { looksLikeHandoff } from './handoff-json.ts';

/**
 * Sorts a producer folder into the package's slots: one plan, tracker, RFC and gates document, the
 * handoff payload and the release handoff JSON. A file named for a slot wins over a file that only reads
 * like one (a cutover-day checklist that mentions "go/no-go" never takes the gates slot from
 * `*_GATES.md`); two files competing for one slot on equal terms is an ambiguity reported with both
 * names, and the one taken is said, never chosen silently.
 */

export interface ClassifiedFile {
  path: string;
  text: string;
}

export interface Ambiguity {
  slot: DocumentKind | 'handoff payload';
  /** The file taken (first in path order among the equals) and the ones left out. */
  taken: string;
  others: string[];
  /** How they matched: by name, or by content. */
  by: 'name' | 'content';
}

export interface Classification {
  documents: Map<DocumentKind, ClassifiedFile>;
  /** The handoff payload (our camelCase format or the producer's own), when one is in the folder. */
  handoff?: ClassifiedFile | undefined;
  /** The producer's release handoff JSON (snake_case, `handoff_mode` ...): the machine-readable source. */
  releaseHandoff?: ClassifiedFile | undefined;
  /** Records of what happened: decision records (JSON with an outcome and a UTC moment) and dated checkpoints. */
  records: ClassifiedFile[];
  ambiguities: Ambiguity[];
  /** Files that fill no slot, with the reason. */
  others: { path: string; reason: string }[];
  /** Migration id from the file names (`SERVICE_V3_PLAN.md` → `service-v3`), when they agree on one. */
  migrationFromNames?: string | undefined;
}

/** The kind a file's content reads as, when its name says nothing. */
export function kindByContent(text: string): DocumentKind | undefined {
  const headings = [...text.matchAll(/^#{2,6}[ \t]+(.+?)[ \t#]*$/gm)].map((match) => match[1] ?? '');
  if (headings.filter((heading) => parseTaskHeading(heading)).length >= 2) return 'tracker';
  if (headings.some((heading) => /go\/no-go|^(cutover )?gates$/i.test(heading))) return 'gates';
  if (
    /^#[ \t]+.*\bRFC\b/m.test(text) ||
    headings.some((heading) => /^(migration )?stages$|^stage \d+\s*[:.]/i.test(heading))
  )
    return 'rfc';
  return undefined;
}

/** `SERVICE_V3_REHEARSAL_PLAN.md` → `service-v3`: a leading `<WORD>_V<N>` of a file name. */
export function migrationIdFromName(path: string): string | undefined {
  const name = path.split('/').at(-1) ?? path;
  const match = /^([A-Za-z][A-Za-z0-9]*)[_-]V(\d+)(?=[_.-])/i.exec(name);
  return match ? `${(match[1] ?? '').toLowerCase()}-v${match[2]}` : undefined;
}

function isReleaseHandoff(text: string): boolean {
  if (!/"handoff_mode"/.test(text)) return false;
  try {
    return releaseHandoffSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

export function classifyPackage(files: readonly ClassifiedFile[]): Classification {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const others: Classification['others'] = [];
  const ambiguities: Ambiguity[] = [];
  const byName = new Map<DocumentKind, ClassifiedFile[]>();
  const byContent = new Map<DocumentKind, ClassifiedFile[]>();
  const payloads: ClassifiedFile[] = [];
  const releaseHandoffs: ClassifiedFile[] = [];
  const records: ClassifiedFile[] = [];
  for (const file of sorted) {
    const name = file.path.split('/').at(-1) ?? file.path;
    if (/\.json$/i.test(name)) {
      if (isReleaseHandoff(file.text)) releaseHandoffs.push(file);
      else if (isDecisionRecordJson(file.text)) records.push(file);
      else if (looksLikeHandoff(file.text)) payloads.push(file);
      else
        others.push({
          path: file.path,
          reason: 'JSON file that is neither a handoff payload nor a release handoff; not imported',
        });
      continue;
    }
    if (!/\.(md|markdown)$/i.test(name)) continue;
    // A dated checkpoint restates gates, tasks and pins as they were that day: a record, never a slot's document.
    if (isCheckpointDocument(file.path, file.text)) {
      records.push(file);
      continue;
    }
    if (/^---[ \t]*\n/.test(file.text)) {
      others.push({ path: file.path, reason: 'has frontmatter, so it is content already; not imported' });
      continue;
    }
    const named = producerFileKinds.find((entry) => entry.pattern.test(name))?.kind;
    if (named) {
      byName.set(named, [...(byName.get(named) ?? []), file]);
      continue;
    }
    const read = kindByContent(file.text);
    if (read) byContent.set(read, [...(byContent.get(read) ?? []), file]);
    else
      others.push({
        path: file.path,
        reason: 'not a document of the package (plan, tracker, RFC, gates); check it with `contract-docs check --scan`',
      });
  }
  const documents = new Map<DocumentKind, ClassifiedFile>();
  for (const kind of ['plan', 'tracker', 'rfc', 'gates'] as const) {
    const named = byName.get(kind) ?? [];
    const read = byContent.get(kind) ?? [];
    const [first, ...rest] = named.length ? named : read;
    if (!first) continue;
    documents.set(kind, first);
    if (rest.length)
      ambiguities.push({
        slot: kind,
        taken: first.path,
        others: rest.map((file) => file.path),
        by: named.length ? 'name' : 'content',
      });
    // A file that reads like this kind but is named for none lost to the named one: say so.
    if (named.length)
      for (const file of read)
        others.push({
          path: file.path,
          reason: `reads like a ${kind} document, but ${first.path} is named as the ${kind}; not imported (check it with \`contract-docs check --scan\`)`,
        });
  }
  const [handoff, ...morePayloads] = payloads;
  if (handoff && morePayloads.length)
    ambiguities.push({
      slot: 'handoff payload',
      taken: handoff.path,
      others: morePayloads.map((file) => file.path),
      by: 'content',
    });
  const [releaseHandoff, ...moreReleases] = releaseHandoffs;
  for (const file of moreReleases)
    others.push({
      path: file.path,
      reason: `second release handoff JSON (the first is ${releaseHandoff?.path}); not read`,
    });
  const ids = new Set(
    [...documents.values()].map((file) => migrationIdFromName(file.path)).filter((id): id is string => Boolean(id)),
  );
  return {
    documents,
    handoff,
    releaseHandoff,
    records,
    ambiguities,
    others,
    migrationFromNames: ids.size === 1 ? [...ids][0] : undefined,
  };
}
