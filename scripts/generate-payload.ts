import { isHandoffPayload } from '../src/core/handoff-file.ts';
/**
 * `pnpm generate [--check] [--root <dir>]`: writes each migration's handoff payload from `content/`.
 *
 *   --check       write nothing; exit 1 with a one-line summary if a committed payload is missing or stale
 *   --root <dir>  repository to work on (default: the repository this script belongs to, whatever the cwd)
 *
 * Exit codes: 0 up to date / written, 1 stale (with --check), 2 usage error or content the payload
 * cannot be generated from. Messages, never stack traces.
 */
import { readFileSync } from 'node:fs';
import type { LoadProblem } from '../src/core/corpus.ts';
import { describeDifference, firstDifference } from '../src/core/generate/diff.ts';
import { sourceDateEpochFromEnv } from '../src/core/generate/options.ts';
import { buildPayload, payloadTargets, PayloadInputError, serializePayload } from '../src/core/generate/payload.ts';
import { confinedPath, writeConfined } from '../src/core/fs/confined-write.ts';
import { loadCorpusFromFiles } from '../src/core/load.ts';
import { parseJson } from '../src/core/parse/json.ts';
import { readContentFiles, repositoryReaderFor } from '../src/core/read.ts';
import { plural } from '../src/core/text/plural.ts';
import { parseGeneratorArgs, UsageError } from './lib/generator-args.ts';

const usage = 'usage: generate-payload [--check] [--root <dir>]';
const name = 'generate-payload';

function formatProblem(problem: LoadProblem): string {
  return `${problem.file}:${problem.place.start.line}:${problem.place.start.column}: ${problem.reason}`;
}

function run(argv: readonly string[]): number {
  const options = parseGeneratorArgs(argv, usage);
  const { files, problems } = readContentFiles(options.root);
  const corpus = loadCorpusFromFiles(files, { readRepositoryFile: repositoryReaderFor(options.root) });
  const loadProblems = [...problems, ...corpus.loadProblems];
  if (loadProblems.length) {
    process.stderr.write(
      `${name}: cannot generate from content with ${plural(loadProblems.length, 'load problem')}; run \`pnpm check\` for all of them.\n`,
    );
    for (const problem of loadProblems.slice(0, 5)) process.stderr.write(`  ${formatProblem(problem)}\n`);
    return 2;
  }
  const targets = payloadTargets(corpus);
  if (!targets.length) {
    process.stderr.write(
      `${name}: no migration plan lists a handoff payload deliverable (a .json file in the migration folder); nothing to generate.\n`,
    );
    return 2;
  }
  const sourceDateEpoch = sourceDateEpochFromEnv();
  let stale = 0;
  for (const target of targets) {
    if (!isHandoffPayload(target.path)) {
      process.stderr.write(
        `${name}: the payload deliverable ${target.path} must be named handoff-<name>.json, so the loader treats it as generated; rename it in the plan.\n`,
      );
      return 2;
    }
    const text = serializePayload(buildPayload(corpus, files, { migration: target.bundle.id, sourceDateEpoch }));
    // The path is data (a plan deliverable): it must stay inside the repository before it is read or written.
    const origin = `the plan deliverable \`${target.path}\``;
    const absolute = confinedPath(options.root, target.path, origin);
    const committed = readIfExists(absolute);
    if (committed === text) {
      process.stdout.write(`${target.path} is up to date (${Buffer.byteLength(text)} bytes)\n`);
      continue;
    }
    if (options.check) {
      stale++;
      const difference =
        committed === undefined ? undefined : firstDifference(committed, committedData(committed), text);
      const summary = difference ? `stale: ${describeDifference(difference)}` : 'missing';
      process.stderr.write(`${target.path} is ${summary}. Run \`pnpm generate\` to update it.\n`);
      continue;
    }
    writeConfined(options.root, [{ path: target.path, text, origin }]);
    process.stdout.write(`wrote ${target.path} (${Buffer.byteLength(text)} bytes)\n`);
  }
  return stale ? 1 : 0;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function committedData(text: string): unknown {
  const parsed = parseJson(text);
  return parsed.errors.length ? undefined : parsed.data;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${name}: ${error.message}\n${usage}\n`);
  } else if (error instanceof PayloadInputError) {
    process.stderr.write(
      `${name}: cannot generate the payload:\n${error.reasons.map((reason) => `  ${reason}\n`).join('')}`,
    );
  } else {
    process.stderr.write(`${name}: ${(error as Error)?.message ?? String(error)}\n`);
  }
  process.exitCode = 2;
}
