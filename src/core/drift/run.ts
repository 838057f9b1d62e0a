import { isAbsolute, relative, resolve, sep } from 'node:path';
import { releaseHandoffSchema } from '../../schemas/index.ts';
import { parseProducerMarkdown, type ParsedProducerMarkdown } from '../parse/producer-markdown.ts';
import { listContentFiles, readListedFiles } from '../read.ts';
import { analyseStatements, type DriftAnalysis } from './analyse.ts';
import { extractJson } from './json.ts';
import { extractMarkdown, type LooseBlock } from './markdown.ts';
import { gateIdPattern, gateKeyOf, joinGateAliases, type GateAlias } from './gates.ts';
import { partiesOf } from './parties.ts';
import { extractYaml } from './yaml.ts';
import { restatedBlocks } from './restated-blocks.ts';
import type { ExtractedEntity, FactStatement, StatementPlace } from './statement.ts';

/**
 * `contract-docs drift <folder>`: reads every Markdown, JSON and YAML file under a folder (with the content
 * reader's safety: symlinks stay inside, no FIFOs, text only), extracts every fact statement, and reports
 * the facts stated with more than one value. Zero configuration: nothing needs to be imported first.
 */

export interface DriftReport extends DriftAnalysis {
  /** The folder read, relative to the root (`.` for the root itself). */
  folder: string;
  /** Files read, relative to the root. */
  files: string[];
  /** Machine-readable sources found (the reference for the facts they state). */
  references: string[];
  /** Every statement read, history marked: what the importer takes its values from. */
  read: FactStatement[];
  /** Every gate and task the Markdown files state (headings, list items, table rows), history marked. */
  entities: ExtractedEntity[];
  /** Files that could not be read or parsed: what they state is unknown, not absent. */
  problems: (StatementPlace & { reason: string })[];
}

export class DriftInputError extends Error {}

/** The data files read besides Markdown: JSON, and YAML as producers' repositories hold it. */
const dataFile = /\.(json|ya?ml)$/i;

/**
 * A producer file that is a machine-readable source: a contract manifest or a release handoff by its name
 * (`release-handoff.json`, `RELEASE_HANDOFF.json`, whatever its shape), or a JSON the release handoff schema
 * accepts.
 */
function isReference(path: string, text: string): boolean {
  const name = path.split('/').at(-1) ?? path;
  if (/manifest/i.test(name) || /release[-_ ]?handoff/i.test(name)) return true;
  if (!/\.json$/i.test(name) || !/handoff_mode/.test(text)) return false;
  try {
    return releaseHandoffSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

export interface DriftFile {
  path: string;
  text: string;
  /** A Markdown file's parse, when the caller already has it (the importer parses each file once, for both). */
  markdown?: ParsedProducerMarkdown | undefined;
}

/** The analysis of files already read (the in-process entry point the benchmark measures). */
export function driftOfFiles(folder: string, files: readonly DriftFile[]): DriftReport {
  const statements: FactStatement[] = [];
  const entities: ExtractedEntity[] = [];
  const loose: LooseBlock[] = [];
  const references: string[] = [];
  const problems: DriftReport['problems'] = [];
  // Who the producer and the consumer are, as the package says: their names in headings name their lists.
  const parties = partiesOf(files.map((file) => file.text));
  const gateAliases: GateAlias[] = [];
  for (const file of files) {
    const syntaxProblem = (format: string, error: { line: number; column: number; reason: string } | undefined) => {
      if (error)
        problems.push({
          file: file.path,
          line: error.line,
          column: error.column,
          reason: `Unexpected ${format} syntax (${error.reason}); its facts are unknown, expected valid ${format}`,
        });
    };
    if (dataFile.test(file.path)) {
      const reference = isReference(file.path, file.text);
      if (reference) references.push(file.path);
      const json = /\.json$/i.test(file.path);
      const extraction = json
        ? extractJson(file.path, file.text, reference)
        : extractYaml(file.path, file.text, { reference });
      syntaxProblem(json ? 'JSON' : 'YAML', extraction.error);
      gateAliases.push(...(extraction.gateAliases ?? []));
      statements.push(...extraction.statements);
    } else {
      const parsed = file.markdown ?? parseProducerMarkdown(file.text);
      if (parsed.problem) {
        problems.push({ file: file.path, ...parsed.problem });
        continue;
      }
      const extraction = extractMarkdown(file.path, file.text, parsed.tree, parties);
      syntaxProblem('YAML', extraction.frontMatterError);
      statements.push(...extraction.statements);
      entities.push(...extraction.entities);
      loose.push(...extraction.looseBlocks);
    }
  }
  // Gates said with their short id in one place and by name only in another are one gate.
  joinGateAliases(statements, [
    ...gateAliases,
    ...entities.flatMap((entity) =>
      entity.kind === 'gate' && gateIdPattern.test(entity.key.toUpperCase())
        ? [
            entity.title,
            ...entity.fields.filter((field) => /^(name|title)$/.test(field.label)).map((field) => field.value),
          ].map((title) => ({ name: gateKeyOf(title), key: entity.key }))
        : [],
    ),
  ]);
  const read = restatedBlocks(statements, loose);
  const analysis = analyseStatements(read);
  return { ...analysis, read, entities, folder, files: files.map((file) => file.path), references, problems };
}

export function runDrift(options: {
  folder: string;
  root?: string | undefined;
  cwd?: string | undefined;
}): DriftReport {
  const cwd = options.cwd ?? process.cwd();
  const folderPath = resolve(cwd, options.folder);
  const root = resolve(cwd, options.root ?? options.folder);
  const inside = relative(root, folderPath);
  if (inside.startsWith('..') || isAbsolute(inside))
    throw new DriftInputError(
      `Unexpected folder \`${options.folder}\` outside the root \`${options.root ?? '.'}\`, expected a folder inside the repository given by --root`,
    );
  const folder = inside === '' ? '.' : inside.split(sep).join('/');
  const listing = listContentFiles(root, folder);
  const paths = listing.paths.filter((path) => /\.md$/i.test(path) || dataFile.test(path));
  const read = readListedFiles(root, paths);
  const report = driftOfFiles(
    folder,
    read.files.map((file) => ({ path: file.path, text: file.text.replace(/\r\n?/g, '\n') })),
  );
  const loadProblems = [...listing.problems, ...read.problems].map((problem) => ({
    file: problem.file,
    line: problem.place.start.line,
    column: problem.place.start.column,
    reason: problem.reason,
  }));
  return { ...report, problems: [...loadProblems, ...report.problems] };
}
