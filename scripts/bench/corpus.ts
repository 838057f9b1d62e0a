import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SourceFile } from '../../src/core/corpus.ts';
import { withGeneratedPayloads } from '../../src/core/generate/files.ts';
import { repositoryReaderFor } from '../../src/core/read.ts';

/**
 * A synthetic corpus of about `documents` files: the shipped runtime and contract files, plus copies of
 * the shipped migration (plan, tracker, RFC, gates, migration.yaml, a generated payload: six files with
 * real cross references) under new folder names. Real content, so every rule does real work.
 */
export function syntheticCorpus(shipped: readonly SourceFile[], documents: number, projectRoot?: string): SourceFile[] {
  const prefix = 'content/migrations/service-v3/';
  const shared = shipped.filter((file) => !file.path.startsWith(prefix));
  const migration = shipped.filter((file) => file.path.startsWith(prefix));
  const perMigration = migration.length + (migration.some((file) => file.path.endsWith('.json')) ? 0 : 1);
  const count = Math.max(1, Math.round((documents - shared.length) / perMigration));
  const files: SourceFile[] = [...shared];
  for (let index = 0; index < count; index++) {
    const id = `service-v3-copy-${String(index).padStart(5, '0')}`;
    for (const file of migration) {
      const text = file.text.replaceAll(prefix, `content/migrations/${id}/`).replace(/^id: service-v3$/m, `id: ${id}`);
      files.push({ path: file.path.replace(prefix, `content/migrations/${id}/`), text });
    }
  }
  // The shipped pin reads its values from the producer's manifest JSON (`source:`): the generator needs it too.
  return withGeneratedPayloads(files, projectRoot ? { readRepositoryFile: repositoryReaderFor(projectRoot) } : {});
}

export function writeCorpus(root: string, files: readonly SourceFile[], projectRoot?: string): void {
  for (const file of files) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  // Deliverables outside content/ (the generator script) must exist for the corpus to be clean.
  mkdirSync(join(root, 'scripts'), { recursive: true });
  writeFileSync(join(root, 'scripts/generate_service_v3_rehearsal_payload.sh'), '#!/bin/sh\n');
  // The producer's machine-readable files that `source:` declarations point at.
  if (projectRoot && existsSync(join(projectRoot, 'contracts')))
    cpSync(join(projectRoot, 'contracts'), join(root, 'contracts'), { recursive: true });
}
