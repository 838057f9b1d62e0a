import type { List } from 'mdast';
import { idSchema, type DocumentKind, type Pin, type Plan, type Rfc } from '../../../schemas/index.ts';
import type { ListConcept } from '../../conventions.ts';
import type { ExtractedEntity } from '../../drift/statement.ts';
import type { BlockIssue, ResolveContext } from '../blocks.ts';
import type { HeaderKey, SectionName } from '../conventions.ts';
import type { Teams } from '../derive.ts';
import type { HandoffFacts } from '../handoff-json.ts';
import { inCode, type BodyLines } from '../layout.ts';
import { inSnapshot, type BodySection, type MarkdownText } from '../markdown.ts';
import type { OriginTable, SourcePlace } from '../model.ts';
import type { DocumentBase } from '../model.ts';

/**
 * What every per-kind importer (plan, gates, tracker, RFC) is given: the producer's documents sorted into
 * their slots, the facts already settled (teams, live pin, approvers), where to record origins and
 * findings, and the shared ways to find a block. Adding a convention to one document kind touches that
 * kind's importer only.
 */

/** A producer Markdown file, split into its H1, its header lines and its body (with the source line of every body line). */
export interface ProducerDocument {
  kind: DocumentKind;
  file: string;
  title?: { value: string; line: number } | undefined;
  header: Partial<Record<HeaderKey, { value: string; line: number }>>;
  body: BodyLines;
  markdown: MarkdownText;
}

export interface ImportContext {
  documents: ReadonlyMap<DocumentKind, ProducerDocument>;
  planDocument: ProducerDocument;
  rfcDocument: ProducerDocument | undefined;
  handoff: HandoffFacts | undefined;
  teams: Teams;
  /** The live pin as settled (the reference's or the most stated value). */
  pin: Pin;
  approvers: Rfc['approvers'];
  /** What the block resolvers need (teams, pin, content paths, the model so far). */
  context: ResolveContext;
  model: ResolveContext['model'];
  origins: OriginTable;
  /** Records a part that could not be mapped, at the producer's line. */
  note(source: SourcePlace, reason: string): void;
  /** Records what the import used where the producer states nothing (a default): a note, not a finding. */
  inform(source: SourcePlace, reason: string): void;
  /** The producer place of a body line of a document. */
  placeIn(document: ProducerDocument, line: number): SourcePlace;
  issuesIn(document: ProducerDocument, issues: readonly BlockIssue[]): void;
  block(
    document: ProducerDocument | undefined,
    name: SectionName,
  ): { document: ProducerDocument; section: BodySection } | undefined;
  listIn(
    document: ProducerDocument | undefined,
    name: SectionName,
  ): { document: ProducerDocument; list: List } | undefined;
  /** The first list under a heading, the owner document first (the producer's precedence). */
  firstListAnywhere(name: SectionName): { document: ProducerDocument; list: List } | undefined;
  /** The gates and tasks the shared extraction read in every file (headings, list items, table rows). */
  entities: readonly ExtractedEntity[];
  /** A fact list as the shared extraction reads it, from any file: the fallback when no block is found. */
  extractedItems(concept: ListConcept): { id?: string; title: string; line: number; place: SourcePlace }[];
  /** Where a producer path lives in this project (a document of the package: its content file). */
  contentPath(producerPath: string): string;
  readDocumentBase(kind: DocumentKind, document: ProducerDocument): DocumentBase;
  readPlanBase(document: ProducerDocument): Plan;
}

/** An id the producer wrote, when it is a valid id. */
export function validId(id: string | undefined): string | undefined {
  return id !== undefined && idSchema.safeParse(id).success ? id : undefined;
}

/** Lines that state no live fact: inside a fenced code block or a snapshot section. */
export function skipLine(markdown: MarkdownText): (line: number) => boolean {
  return (line) => inSnapshot(markdown, line) || inCode(markdown, line);
}
