import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCorpus } from '../../src/core/check.ts';
import type { SourceFile } from '../../src/core/corpus.ts';
import { withGeneratedPayloads } from '../../src/core/generate/files.ts';
import { loadCorpusFromFiles } from '../../src/core/load.ts';
import { loadCorpus, readContentFiles } from '../../src/core/read.ts';
import { payloadFreshRule } from '../../src/core/rules/payload-fresh.ts';
import { positionOf, replaceOnce, where, withEdit, loadOptionsFor } from '../helpers/content.ts';
import { payloadPath, repoRoot, tempRepo } from './helpers.ts';

const files = readContentFiles(repoRoot).files;
const committed = readFileSync(join(repoRoot, payloadPath), 'utf8');
/** The producer's manifest with a 21-day overlap: the content reads `overlap.days` from this file. */
const manifestPath = 'contracts/integration/v1/producer-contract-manifest.json';
const longerOverlap = [
  {
    path: manifestPath,
    text: replaceOnce('"duration_days": 14', '"duration_days": 21')(readFileSync(join(repoRoot, manifestPath), 'utf8')),
  },
];
const gateStatus = /("id": "consumer-suite-green",\n\s*"title": [^\n]*\n\s*"owner": [^\n]*\n\s*"status": )"pending"/;

/** `file:line:column payload-fresh reason` of every payload-fresh report. */
function reports(input: readonly SourceFile[], repositoryFiles: readonly SourceFile[] = []): string[] {
  return checkCorpus(loadCorpusFromFiles(input, loadOptionsFor(input, repositoryFiles)), [payloadFreshRule]).map(
    (diagnostic) => `${where(diagnostic)} ${diagnostic.reason}`,
  );
}

function at(text: string, needle: string, occurrence = 1): string {
  const { line, column } = positionOf(text, needle, occurrence);
  return `${payloadPath}:${line}:${column}`;
}

describe('payload-fresh', () => {
  it('reports nothing on the shipped content', () => {
    expect(reports(files)).toEqual([]);
  });

  it('fails `checkCorpus` when one value of the committed payload is edited by hand, at that field', () => {
    const repo = tempRepo();
    try {
      const target = join(repo.root, payloadPath);
      const edited = committed.replace(gateStatus, '$1"passed"');
      writeFileSync(target, edited);
      const diagnostics = checkCorpus(loadCorpus(repo.root)).filter(
        (diagnostic) => diagnostic.ruleId === 'payload-fresh',
      );
      const line = positionOf(edited, '"status": "passed"').line;
      expect(diagnostics.map(where)).toEqual([`${payloadPath}:${line}:7 payload-fresh`]);
      expect(diagnostics[0]?.reason).toMatchInlineSnapshot(
        `"Unexpected \`"passed"\` at \`gates[1].status\` of the committed handoff payload, expected \`"pending"\` as generated from the documents"`,
      );
      expect(diagnostics[0]?.note).toBe(
        `Run \`pnpm generate\` to rewrite ${payloadPath} from the documents; never edit it by hand.`,
      );
      expect(diagnostics[0]?.fatal).toBe(true);
    } finally {
      repo.cleanup();
    }
  });

  it('matches the documented example', () => {
    const edited = withEdit(files, payloadPath, replaceOnce(gateStatus, '$1"passed"'));
    const documented = payloadFreshRule.docs.examples[0].reports.map((line) => line.replace(/^\S+ /, ''));
    expect(reports(edited).map((line) => line.replace(/^\S+ \S+ /, ''))).toEqual(documented);
  });

  it('names the source document that changed since the payload was generated', () => {
    const edited = withEdit(files, 'content/migrations/service-v3/rfc.mdx', (text) => `${text}\nOne more sentence.\n`);
    expect(reports(edited)).toEqual([
      `${at(committed, '"sha256"', 8)} payload-fresh Unexpected stale sha256 of \`content/migrations/service-v3/rfc.mdx\` at \`sources[6].sha256\` of the committed handoff payload, expected the current file's \`${
        withGeneratedPayloads(edited, loadOptionsFor(edited))
          .find((file) => file.path === payloadPath)!
          .text.match(/"path": "content\/migrations\/service-v3\/rfc.mdx",\n\s*"sha256": "([0-9a-f]{64})"/)![1]
      }\`: the source changed since the payload was generated`,
    ]);
  });

  it('reports a fact that changed in a source file at the payload field that carries it', () => {
    expect(reports(files, longerOverlap)[0]).toBe(
      `${at(committed, '"days": 14')} payload-fresh Unexpected \`14\` at \`overlap.days\` of the committed handoff payload, expected \`21\` as generated from the documents`,
    );
  });

  it('reports schema violations and JSON syntax errors at their position', () => {
    const extraKey = withEdit(
      files,
      payloadPath,
      replaceOnce('"producer": "MemoryKernel",', '"producer": "MemoryKernel",\n  "extra": 1,'),
    );
    expect(reports(extraKey)).toEqual([
      `${payloadPath}:7:3 payload-fresh Unexpected key \`extra\` in the top level, expected one of \`payloadFormatVersion\`, \`generator\`, \`sourceDate\`, \`sourceDateFrom\`, \`producer\`, \`consumer\`, \`livePin\`, \`candidate\`, \`envelopePolicies\`, \`errorCodes\`, \`additiveNotice\`, \`overlap\`, \`gates\`, \`prerequisites\`, \`requiredChecks\`, \`rollback\`, \`evidenceChecklist\`, \`digests\`, \`sources\``,
    ]);
    const wrongType = withEdit(files, payloadPath, replaceOnce('"days": 14', '"days": "14"'));
    expect(reports(wrongType)).toEqual([
      `${at(committed, '"days": 14')} payload-fresh Unexpected string \`14\` at \`overlap.days\`, expected a number`,
    ]);
    const badJson = withEdit(
      files,
      payloadPath,
      replaceOnce('"producer": "MemoryKernel",', '"producer": "MemoryKernel"'),
    );
    expect(reports(badJson)).toEqual([
      `${payloadPath}:7:3 payload-fresh Unexpected token String found in JSON, expected a \`,\` between members or a \`:\` after a key`,
    ]);
    expect(reports(withEdit(files, payloadPath, () => ''))).toEqual([
      `${payloadPath}:1:1 payload-fresh Unexpected end of input found in JSON, expected the closing \`}\` or \`]\` of an open object or array`,
    ]);
  });

  it('reports formatting that differs only in bytes: CRLF, a missing final newline, another indent, another key order', () => {
    expect(reports(withEdit(files, payloadPath, (text) => text.replace(/\n/g, '\r\n')))).toEqual([
      `${payloadPath}:1:1 payload-fresh Unexpected formatting at line 1 of the committed handoff payload (line 1 "{\\r"), expected the generator's exact bytes (line 1 "{")`,
    ]);
    expect(reports(withEdit(files, payloadPath, (text) => text.trimEnd()))).toHaveLength(1);
    expect(reports(withEdit(files, payloadPath, (text) => `${JSON.stringify(JSON.parse(text), null, 4)}\n`))).toEqual([
      `${payloadPath}:2:1 payload-fresh Unexpected formatting at line 2 of the committed handoff payload (line 2 "    \\"payloadFormatVersion\\": \\"2\\","), expected the generator's exact bytes (line 2 "  \\"payloadFormatVersion\\": \\"2\\",")`,
    ]);
    const swapped = withEdit(
      files,
      payloadPath,
      replaceOnce(
        '"producer": "MemoryKernel",\n  "consumer": "AssistSupport",',
        '"consumer": "AssistSupport",\n  "producer": "MemoryKernel",',
      ),
    );
    expect(reports(swapped)).toEqual([
      `${payloadPath}:1:1 payload-fresh Unexpected key \`consumer\` in position 5 of the top level in the committed handoff payload, expected key \`producer\` in position 5 (the schema's key order)`,
    ]);
  });

  it('reports a removed list item at the list', () => {
    const removed = withEdit(
      files,
      payloadPath,
      replaceOnce(/,\n\s*\{\n\s*"id": "unresolved-incident",\n[^\n]*\n\s*\}/, ''),
    );
    expect(reports(removed)[0]).toMatch(
      new RegExp(
        `^${payloadPath}:\\d+:5 payload-fresh Missing \`rollback\\.triggers\\[3\\]\` in the committed handoff payload, expected \\{"id":"unresolved-incident",`,
      ),
    );
  });

  it('leaves freshness to later while files fail to load, and reports inputs the payload cannot be made from', () => {
    const malformed = withEdit(
      files,
      'content/migrations/service-v3/tracker.mdx',
      replaceOnce('owner: MemoryKernel\n', 'owner: [MemoryKernel\n'),
    );
    expect(reports(malformed)).toEqual([]);
    const unknownCommand = withEdit(
      files,
      'content/migrations/service-v3/gates.mdx',
      replaceOnce('        - cargo-clippy\n', '        - cargo-clipy\n'),
    );
    expect(reports(unknownCommand)).toEqual([
      `${payloadPath}:1:1 payload-fresh Unexpected command \`cargo-clipy\` in gate \`producer-suite-green\`, expected a command declared in content/migrations/service-v3/plan.mdx (the payload cannot be generated)`,
    ]);
  });

  it('reports a payload the plan does not list, and a payload deliverable the loader would not treat as generated', () => {
    const orphan = [...files, { path: 'content/migrations/service-v3/handoff-old.json', text: '{}\n' }];
    expect(reports(orphan)).toEqual([
      'content/migrations/service-v3/handoff-old.json:1:1 payload-fresh Unexpected handoff payload `content/migrations/service-v3/handoff-old.json` that the plan does not list, expected every payload among the deliverables',
    ]);
    const plan = 'content/migrations/service-v3/plan.mdx';
    const renamed = withEdit(
      files,
      plan,
      replaceOnce(
        '    path: content/migrations/service-v3/handoff-candidate.json\n',
        '    path: content/migrations/service-v3/payload.json\n',
      ),
    );
    const planText = renamed.find((file) => file.path === plan)!.text;
    const place = positionOf(planText, 'path: content/migrations/service-v3/payload.json');
    expect(reports(renamed)).toContain(
      `${plan}:${place.line}:${place.column} payload-fresh Unexpected payload file name \`payload.json\`, expected \`handoff-<name>.json\` so the loader treats it as generated`,
    );
  });

  it('is satisfied again once the payload is regenerated', () => {
    const regenerated = withGeneratedPayloads(files, loadOptionsFor(files, longerOverlap));
    expect(reports(regenerated, longerOverlap)).toEqual([]);
    expect(regenerated.find((file) => file.path === payloadPath)!.text).toContain('"days": 21');
  });
});
