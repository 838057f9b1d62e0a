import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../src/core/check.ts';
import { removeTemporaryFolders, tempRoot } from '../adopt/helpers.ts';

afterAll(removeTemporaryFolders);

/** Which `release-handoff*.json` files the check validates when the config names none (src/core/read.ts). */
describe('release handoff files found by their default name', () => {
  const schemaProblems = (json: unknown) => {
    const root = tempRoot('contract-docs-handoff-discovery-');
    mkdirSync(join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'docs/release-handoff.json'), `${JSON.stringify(json, null, 2)}\n`);
    return checkProject(root)
      .diagnostics.filter((d) => d.file === 'docs/release-handoff.json')
      .map((d) => `${d.ruleId} ${d.reason}`);
  };

  it('a JSON stating none of a release handoff’s keys is another file of the producer’s: not validated', () => {
    expect(schemaProblems({ schemaVersion: 1, livePin: { releaseTag: 'v0.3.1' }, candidate: {} })).toEqual([]);
  });

  it('a release handoff with keys missing is still one: the schema names each missing key', () => {
    const problems = schemaProblems({ handoff_mode: 'stable', release_tag: 'v0.3.1' });
    expect(problems).toContain(
      'schema Missing required key `active_runtime_baseline` in the top level, expected an object',
    );
    expect(problems.length).toBeGreaterThan(3);
  });
});
