import { isHandoffPayload } from '../handoff-file.ts';
import type { SourceFile } from '../corpus.ts';
import { loadCorpusFromFiles, type LoadOptions } from '../load.ts';
import { buildPayload, payloadTargets, PayloadInputError, serializePayload, type PayloadOptions } from './payload.ts';

/**
 * The files as they would be after `pnpm generate`: every handoff payload the plans ask for replaced by
 * (or added as) what the generator produces from the other files. Files that cannot be generated from
 * (load problems, unresolved ids) are returned unchanged. Pure; for tests and previews that edit a
 * document and want to see every report except "the payload is stale".
 */
export function withGeneratedPayloads(
  files: readonly SourceFile[],
  options: LoadOptions & Pick<PayloadOptions, 'sourceDateEpoch'> = {},
): SourceFile[] {
  const corpus = loadCorpusFromFiles(files, options);
  if (corpus.loadProblems.length) return [...files];
  const generated = new Map<string, string>();
  for (const target of payloadTargets(corpus)) {
    if (!isHandoffPayload(target.path)) continue;
    try {
      generated.set(
        target.path,
        serializePayload(
          buildPayload(corpus, files, { migration: target.bundle.id, sourceDateEpoch: options.sourceDateEpoch }),
        ),
      );
    } catch (error) {
      if (!(error instanceof PayloadInputError)) throw error;
    }
  }
  const out = files.map((file) =>
    generated.has(file.path) ? { path: file.path, text: generated.get(file.path) ?? file.text } : file,
  );
  for (const [path, text] of generated) if (!files.some((file) => file.path === path)) out.push({ path, text });
  return out;
}
