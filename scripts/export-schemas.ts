/**
 * `pnpm schemas [--check] [--root <dir>]`: writes the JSON Schemas (draft 2020-12) the site publishes
 * at `/schemas/`: the handoff payload, the consumer pin file, and the non-2xx envelope of each contract.
 *
 *   --check       write nothing; exit 1 naming the first missing, stale or orphaned schema file
 *   --root <dir>  repository to work on (default: the repository this script belongs to, whatever the cwd)
 *
 * Exit codes: 0 up to date / written, 1 stale (with --check), 2 usage error or unloadable content.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchemaFiles, exportedSchemaName, schemaDir } from '../src/core/generate/schemas.ts';
import { writeConfined } from '../src/core/fs/confined-write.ts';
import { loadCorpusFromFiles } from '../src/core/load.ts';
import { readContentFiles, repositoryReaderFor } from '../src/core/read.ts';
import { plural } from '../src/core/text/plural.ts';
import { parseGeneratorArgs, UsageError } from './lib/generator-args.ts';

const name = 'export-schemas';
const usage = 'usage: export-schemas [--check] [--root <dir>]';

function run(argv: readonly string[]): number {
  const options = parseGeneratorArgs(argv, usage);
  const { files, problems } = readContentFiles(options.root);
  const corpus = loadCorpusFromFiles(files, { readRepositoryFile: repositoryReaderFor(options.root) });
  const contractProblems = [...problems, ...corpus.loadProblems].filter((problem) =>
    problem.file.startsWith('content/contracts/'),
  );
  if (contractProblems.length || !corpus.contracts.length) {
    process.stderr.write(
      `${name}: cannot derive envelope schemas: ${contractProblems.length ? `${plural(contractProblems.length, 'problem')} in content/contracts; run \`pnpm check\`` : 'no contract in content/contracts'}.\n`,
    );
    for (const problem of contractProblems.slice(0, 5)) {
      process.stderr.write(
        `  ${problem.file}:${problem.place.start.line}:${problem.place.start.column}: ${problem.reason}\n`,
      );
    }
    return 2;
  }
  const wanted = buildSchemaFiles(corpus);
  const dir = join(options.root, schemaDir);
  const present = listDir(dir).filter((file) => exportedSchemaName.test(file));
  const orphans = present.filter((file) => !wanted.some((schema) => schema.path === `${schemaDir}/${file}`));
  const stale = wanted.filter((schema) => readIfExists(join(options.root, schema.path)) !== schema.text);

  if (options.check) {
    const first = stale[0];
    if (first) {
      const missing = readIfExists(join(options.root, first.path)) === undefined;
      process.stderr.write(
        `${first.path} is ${missing ? 'missing' : 'stale'}${stale.length > 1 ? ` (and ${stale.length - 1} more)` : ''}. Run \`pnpm schemas\` to update it.\n`,
      );
      return 1;
    }
    if (orphans.length) {
      process.stderr.write(
        `${schemaDir}/${orphans[0]} belongs to no contract in content/contracts. Run \`pnpm schemas\` to remove it.\n`,
      );
      return 1;
    }
    process.stdout.write(`${wanted.length} schemas in ${schemaDir} are up to date\n`);
    return 0;
  }
  mkdirSync(dir, { recursive: true });
  for (const schema of stale) {
    writeConfined(options.root, [{ path: schema.path, text: schema.text }]);
    process.stdout.write(`wrote ${schema.path} (${Buffer.byteLength(schema.text)} bytes)\n`);
  }
  for (const orphan of orphans) {
    rmSync(join(dir, orphan));
    process.stdout.write(`removed ${schemaDir}/${orphan}\n`);
  }
  if (!stale.length && !orphans.length)
    process.stdout.write(`${wanted.length} schemas in ${schemaDir} are up to date\n`);
  return 0;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `${name}: ${error instanceof UsageError ? `${error.message}\n${usage}` : ((error as Error)?.message ?? String(error))}\n`,
  );
  process.exitCode = 2;
}
