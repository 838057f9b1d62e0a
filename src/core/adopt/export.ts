import type { DocumentKind } from '../../schemas/index.ts';
import type { Corpus, MigrationBundle, SourceFile } from '../corpus.ts';
import { sourceDateEpochFromEnv } from '../generate/options.ts';
import { buildPayload, isPayloadDeliverable, serializePayload } from '../generate/payload.ts';
import type { ResolveContext } from './blocks.ts';
import { defaultDocumentStatus, headerKeysByKind, type HeaderKey } from './conventions.ts';
import { modeText } from './derive.ts';
import { recordsCheckpoints } from './export-records.ts';
import { ensureBlocks } from './layout.ts';
import { writeProducerMarkdown } from '../parse/producer-markdown.ts';
import { concatMarkdown, normaliseText, parseMarkdownText } from './markdown.ts';
import { mdxToMarkdown } from './mdx-text.ts';
import { modelFromCorpus, teamsOf, type PackageModel } from './model.ts';

/**
 * Writes a migration back in the producer's layout: each document of the plan's deliverables at its
 * `producerPath`, as Markdown in the producer's conventions (H1, header lines, fact blocks), and the
 * handoff payload as the generator makes it. Pure: the same corpus gives the same bytes (LF, one final
 * newline); the caller writes the files.
 */

export interface ExportedFile {
  /** Path in the producer's repository, from the deliverable's `producerPath`. */
  path: string;
  text: string;
  /** The content file it was made from. */
  from: string;
  /** Where `path` is declared (`content/.../plan.mdx:31:7 producerPath`), named when a write is refused. */
  origin: string;
}

export class ExportInputError extends Error {}

export function exportPackage(
  corpus: Corpus,
  options: { migration?: string | undefined; sourceDateEpoch?: string | undefined } = {},
): { migration: string; files: ExportedFile[] } {
  const bundle = pickMigration(corpus, options.migration);
  const model = modelFromCorpus(corpus, bundle);
  if (!model)
    throw new ExportInputError(
      `migration \`${bundle.id}\` needs a runtime pin, a migration.yaml and a plan to be exported`,
    );
  const byPath = new Map(model.plan.deliverables.map((deliverable) => [deliverable.producerPath, deliverable.path]));
  const context: ResolveContext = {
    teams: teamsOf(model),
    pin: model.pin.pin,
    contentPath: (producerPath) => byPath.get(producerPath) ?? producerPath,
    model,
  };
  const documents = new Map<string, DocumentKind>(
    (['plan', 'tracker', 'rfc', 'gates'] as const).flatMap((kind) => {
      const entry = bundle[kind];
      return entry ? [[entry.file, kind] as const] : [];
    }),
  );
  const files: ExportedFile[] = [];
  const originOf = (deliverable: { path: string }) => {
    const plan = bundle.plan;
    const index = plan?.data.deliverables.findIndex((each) => each.path === deliverable.path) ?? -1;
    const start = plan && index >= 0 ? plan.locate(['deliverables', index, 'producerPath']).start : undefined;
    return `${plan?.file ?? 'the plan'}${start ? `:${start.line}:${start.column}` : ''} producerPath`;
  };
  for (const deliverable of model.plan.deliverables) {
    const kind = documents.get(deliverable.path);
    if (kind) {
      const text = corpus.texts.get(deliverable.path) ?? '';
      files.push({
        path: deliverable.producerPath,
        text: renderDocument(kind, text, model, context),
        from: deliverable.path,
        origin: originOf(deliverable),
      });
    } else if (isPayloadDeliverable(bundle, deliverable.path)) {
      const sources: SourceFile[] = [...corpus.texts].map(([path, text]) => ({ path, text }));
      const payload = serializePayload(
        buildPayload(corpus, sources, {
          migration: bundle.id,
          sourceDateEpoch: options.sourceDateEpoch ?? sourceDateEpochFromEnv(),
        }),
      );
      files.push({
        path: deliverable.producerPath,
        text: payload,
        from: deliverable.path,
        origin: originOf(deliverable),
      });
    }
  }
  // The records (decisions, executions, evidence) as dated checkpoints next to the plan: the form the
  // importer reads them back from. A package without a records file has none to write.
  const records = bundle.records;
  const planPath = model.plan.deliverables.find((deliverable) => deliverable.path === bundle.plan?.file)?.producerPath;
  if (records && planPath) {
    const folder = planPath.includes('/') ? `${planPath.replace(/\/[^/]*$/, '')}/checkpoints` : 'checkpoints';
    const producerOf = new Map(
      model.plan.deliverables.map((deliverable) => [deliverable.path, deliverable.producerPath]),
    );
    for (const checkpoint of recordsCheckpoints(records.data, {
      folder,
      gates: model.gates,
      tracker: model.tracker,
      exitCriteria: model.plan.exitCriteria,
      recordsFile: records.file,
      producerPath: (contentPath) => producerOf.get(contentPath) ?? contentPath,
    }))
      files.push({ ...checkpoint, from: records.file, origin: `${records.file} (records)` });
  }
  return { migration: bundle.id, files };
}

function pickMigration(corpus: Corpus, id: string | undefined): MigrationBundle {
  const candidates = corpus.migrations.filter((bundle) => bundle.plan);
  if (id) {
    const found = candidates.find((bundle) => bundle.id === id);
    if (!found)
      throw new ExportInputError(
        `no migration \`${id}\` with a plan; expected one of ${candidates.map((bundle) => `\`${bundle.id}\``).join(', ') || '(none)'}`,
      );
    return found;
  }
  const [only, ...others] = candidates;
  if (!only) throw new ExportInputError('no migration with a plan in the content');
  if (others.length)
    throw new ExportInputError(
      `several migrations (${candidates.map((bundle) => `\`${bundle.id}\``).join(', ')}); pick one with --migration`,
    );
  return only;
}

/**
 * One document in the producer's conventions, written by remark-stringify from an mdast: the H1 and the
 * header lines built as nodes, then the body's blocks as parsed from the content's body once every fact
 * block states the model (`ensureBlocks`, the same renderers the importer uses, so exporting what was
 * imported changes nothing).
 */
export function renderDocument(
  kind: DocumentKind,
  contentText: string,
  model: PackageModel,
  context: ResolveContext,
): string {
  const text = normaliseText(contentText);
  const fence = /^---[ \t]*\n[\s\S]*?\n---[ \t]*(?:\n|$)/.exec(text);
  const bodyText = mdxToMarkdown(fence ? text.slice(fence[0].length) : text);
  const lines = bodyText.split('\n');
  if (lines[0] !== '') lines.unshift('');
  if (lines.at(-1) !== '') lines.push('');
  const stated = parseMarkdownText(lines.join('\n'));
  const body = ensureBlocks(kind, { lines, origins: lines.map(() => undefined) }, model, context, undefined, stated);
  // A body every block of which already stated the model is not parsed again.
  const ensured = body.lines.length === lines.length && body.lines.every((line, index) => line === lines[index]);
  const blocks = ensured ? stated : parseMarkdownText(body.lines.join('\n'));
  // The title and header values are Markdown as the producer writes them (the importer reads them as
  // written), so they are parsed, not escaped as plain text. The body starts with a blank line.
  const keys = headerLines(kind, model);
  const head = parseMarkdownText(
    [
      `# ${documentOf(kind, model)?.title ?? kind}`,
      '',
      ...keys.map((line, index) => (index < keys.length - 1 ? `${line}  ` : line)),
    ].join('\n'),
  );
  const tree = concatMarkdown(head, blocks);
  return writeProducerMarkdown(tree);
}

function documentOf(kind: DocumentKind, model: PackageModel) {
  return kind === 'plan' ? model.plan : model[kind];
}

/** The header lines a document kind carries, in the convention's order. */
export function headerLines(kind: DocumentKind, model: PackageModel): string[] {
  const document = documentOf(kind, model);
  if (!document) return [];
  const values: Record<HeaderKey, string | undefined> = {
    updated: `Updated: ${document.updated}`,
    owner: `Owner: ${document.owner}`,
    // An RFC always says where it stands; other documents only when they are not simply active.
    status:
      kind === 'rfc' || document.status !== defaultDocumentStatus[kind]
        ? `Status: ${document.status.charAt(0).toUpperCase()}${document.status.slice(1)}`
        : undefined,
    mode: `Mode: ${modeText(model.migration.mode)}`,
    approvers: model.rfc
      ? `Approvers: ${model.rfc.approvers.map((approver) => `${approver.team} (${approver.role})`).join(', ')}`
      : undefined,
    approvedBy: approvalLine('Approved by', 'approved', model),
    rejectedBy: approvalLine('Rejected by', 'rejected', model),
    summary: document.description ? `Summary: ${document.description}` : undefined,
  };
  return headerKeysByKind[kind].flatMap((key: HeaderKey) => values[key] ?? []);
}

/** `Approved by: MemoryKernel, AssistSupport`: the approvers whose recorded decision is `decision`, if any. */
function approvalLine(label: string, decision: 'approved' | 'rejected', model: PackageModel): string | undefined {
  const teams = (model.rfc?.approvers ?? []).filter((approver) => approver.decision === decision);
  return teams.length ? `${label}: ${teams.map((approver) => approver.team).join(', ')}` : undefined;
}
