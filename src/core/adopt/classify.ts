import type { DocumentKind } from '../../schemas/index.ts';
import { documentSchemas, releaseHandoffSchema } from '../../schemas/index.ts';
import { listConcepts, parseTaskHeading, type ListConcept } from '../conventions.ts';
import { extractMarkdown } from '../drift/markdown.ts';
import { frontMatterOf } from '../drift/yaml.ts';
import { producerFileKinds } from './conventions.ts';
import { isCheckpointDocument, isDecisionRecordJson } from './cutover-records.ts';
import { looksLikeHandoff } from './handoff-json.ts';

/**
 * Sorts a producer folder into the package's slots: one plan, tracker, RFC and gates document, the
 * handoff payload and the release handoff JSON. A file the user names (`--plan`) or named for a slot wins
 * over a file that only reads like one (a cutover-day checklist that mentions "go/no-go" never takes the
 * gates slot from `*_GATES.md`); two files competing for one slot on equal terms is an ambiguity reported
 * with both names, and the one taken is said, never chosen silently.
 *
 * By content, a plan is the file that states the most of the plan's facts as the drift extraction reads
 * them (the live pin's fields, the candidate contract, the mode, the fact lists): a runbook README with a
 * pin table and rollback triggers, whatever it is called. The reason is reported as a note.
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
  /** Files that fill a slot by their content or by the user's word, with the reason (a note of the import). */
  chosen: { path: string; kind: DocumentKind; reason: string }[];
  /** Markdown files read in search of a plan, for the message when none is found. */
  markdownFiles: string[];
}

export interface ClassifyOptions {
  /** The plan, as the user names it (`--plan`): a path relative to the folder. */
  plan?: string | undefined;
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

/** The plan's facts a file states, as the drift extraction reads them (history left out), in words. */
export function planFactsOf(path: string, text: string): string[] {
  const facts = new Set<string>();
  for (const statement of extractMarkdown(path, text).statements) {
    if (statement.history) continue;
    if (statement.fact.startsWith('pin:live:')) facts.add(`live ${statement.fact.slice('pin:live:'.length)}`);
    else if (statement.fact === 'contract:candidate') facts.add('candidate contract');
    else if (statement.fact === 'mode') facts.add('mode');
    else if (statement.fact.startsWith('list:'))
      facts.add(listConcepts[statement.fact.slice('list:'.length) as ListConcept].title);
  }
  return [...facts];
}

/** A plan by content states the live pin or the candidate, and at least this many of the plan's facts. */
export const planFactsNeeded = 3;

/** Front matter that makes a Markdown file content of ours already: a `kind:` naming one of our document kinds. */
function isContentFrontMatter(text: string): boolean {
  const frontMatter = frontMatterOf(text);
  if (!frontMatter) return false;
  const kind = /^kind:[ \t]*['"]?([\w-]+)/m.exec(frontMatter.yaml)?.[1];
  return kind !== undefined && Object.hasOwn(documentSchemas, kind);
}

function isReleaseHandoff(text: string): boolean {
  if (!/"handoff_mode"/.test(text)) return false;
  try {
    return releaseHandoffSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

export function classifyPackage(files: readonly ClassifiedFile[], options: ClassifyOptions = {}): Classification {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const others: Classification['others'] = [];
  const ambiguities: Ambiguity[] = [];
  const chosen: Classification['chosen'] = [];
  const markdownFiles: string[] = [];
  const byName = new Map<DocumentKind, ClassifiedFile[]>();
  const byContent = new Map<DocumentKind, ClassifiedFile[]>();
  /** Unnamed Markdown files that read like no other kind, with the plan's facts each states. */
  const planCandidates: { file: ClassifiedFile; facts: string[] }[] = [];
  const payloads: ClassifiedFile[] = [];
  const releaseHandoffs: ClassifiedFile[] = [];
  const userPlan = options.plan?.replace(/\\/g, '/').replace(/^\.\//, '');
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
    if (isContentFrontMatter(file.text)) {
      others.push({
        path: file.path,
        reason: 'has frontmatter with a `kind:`, so it is content already; not imported',
      });
      continue;
    }
    markdownFiles.push(file.path);
    if (userPlan !== undefined && file.path === userPlan) {
      chosen.push({ path: file.path, kind: 'plan', reason: 'the plan, as named by --plan' });
      continue;
    }
    const named = producerFileKinds.find((entry) => entry.pattern.test(name))?.kind;
    if (named) {
      byName.set(named, [...(byName.get(named) ?? []), file]);
      continue;
    }
    const read = kindByContent(file.text);
    if (read) {
      byContent.set(read, [...(byContent.get(read) ?? []), file]);
      continue;
    }
    const facts = planFactsOf(file.path, file.text);
    const statesPin = facts.some((fact) => fact.startsWith('live ') || fact === 'candidate contract');
    if (statesPin && facts.length >= planFactsNeeded) planCandidates.push({ file, facts });
    else
      others.push({
        path: file.path,
        reason: 'not a document of the package (plan, tracker, RFC, gates); check it with `contract-docs check --scan`',
      });
  }
  const documents = new Map<DocumentKind, ClassifiedFile>();
  const planByUser = userPlan === undefined ? undefined : sorted.find((file) => file.path === userPlan);
  if (planByUser) documents.set('plan', planByUser);
  // By content, the file stating the most of the plan's facts is the plan; equals are an ambiguity.
  planCandidates.sort((a, b) => b.facts.length - a.facts.length);
  const namedPlan = planByUser ?? byName.get('plan')?.[0];
  const [bestPlan] = planCandidates;
  for (const candidate of planCandidates) {
    const states = `states ${candidate.facts.length} of the plan's facts (${candidate.facts.join(', ')})`;
    if (namedPlan)
      others.push({
        path: candidate.file.path,
        reason: `reads like a plan (${states.slice('states '.length)}), but ${namedPlan.path} is ${planByUser ? 'named by --plan' : 'named as the plan'}; not imported (check it with \`contract-docs check --scan\`)`,
      });
    else if (candidate === bestPlan) {
      documents.set('plan', candidate.file);
      chosen.push({
        path: candidate.file.path,
        kind: 'plan',
        reason: `no file is named like a plan (\`*_PLAN.md\`): taken as the plan by its content, it ${states}; pass --plan <file> to take another`,
      });
    } else if (candidate.facts.length < (bestPlan?.facts.length ?? 0))
      others.push({
        path: candidate.file.path,
        reason: `reads like a plan too (${states.slice('states '.length)}), but ${bestPlan?.file.path} states more (${bestPlan?.facts.length}); not imported as the plan (check it with \`contract-docs check --scan\`; --plan <file> takes it instead)`,
      });
  }
  const tied = planCandidates.filter((candidate) => candidate.facts.length === bestPlan?.facts.length);
  if (!namedPlan && bestPlan && tied.length > 1)
    ambiguities.push({
      slot: 'plan',
      taken: bestPlan.file.path,
      others: tied.slice(1).map((entry) => entry.file.path),
      by: 'content',
    });
  // Files named like a plan while --plan names another: listed, never dropped silently.
  if (planByUser)
    for (const file of byName.get('plan') ?? [])
      others.push({
        path: file.path,
        reason: `named like a plan, but --plan names ${planByUser.path}; not imported (check it with \`contract-docs check --scan\`)`,
      });
  for (const kind of ['plan', 'tracker', 'rfc', 'gates'] as const) {
    if (documents.has(kind)) continue;
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
    chosen,
    markdownFiles,
  };
}
