import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { astroBuild, copyProject, lineOf, type CommandResult, type ProjectCopy } from './project-copy.ts';

/**
 * `astro build` is the consistency gate: each broken copy of the project must fail the build before any
 * page is generated, with a located diagnostic (file:line:column, rule id) and the summary line. The
 * three builds run concurrently; each fails at config time, in about a second.
 */

const rfc = 'content/migrations/service-v3/rfc.mdx';
const liveSha = 'cf331449e1589581a5dcbb3adecd3e9ae4509277';
const wrongSha = '0123456789abcdef0123456789abcdef01234567';

async function buildBroken(
  label: string,
  mutate: (copy: ProjectCopy) => void,
): Promise<{ copy: ProjectCopy; result: CommandResult }> {
  const copy = copyProject(label);
  mutate(copy);
  return { copy, result: await astroBuild(copy.dir) };
}

function expectGateFailure(result: CommandResult, copy: ProjectCopy): void {
  expect(result.code, result.output).not.toBe(0);
  expect(result.output).toMatch(/contract check failed: \d+ errors?/);
  // Nothing was built, and the failure reads as a content problem, not as a crash of our code.
  expect(existsSync(copy.path('dist/index.html'))).toBe(false);
  expect(result.output).not.toContain('Browser APIs are not available');
  // A failed check is the report and its summary, not "An unhandled error occurred while running the hook".
  expect(result.output).not.toContain('An unhandled error occurred');
  expect(result.output).not.toMatch(/^\s+at .+\(file:\/\//m);
}

describe('astro build fails on inconsistent content', () => {
  it.concurrent('a wrong commit sha restated in the RFC prose', async () => {
    let expectedLine = 0;
    const { copy, result } = await buildBroken('wrong-sha', (copy) => {
      const text = copy.read(rfc);
      const bodyStart = text.indexOf('\n---\n', 4) + 5;
      const restated = `\`commit_sha\`: \`${liveSha}\``;
      expectedLine = lineOf(text, restated, bodyStart);
      const at = text.indexOf(restated, bodyStart);
      copy.write(rfc, text.slice(0, at) + restated.replace(liveSha, wrongSha) + text.slice(at + restated.length));
    });
    try {
      expectGateFailure(result, copy);
      expect(result.output).toMatch(
        new RegExp(`${rfc.replace(/\./g, '\\.')}:${expectedLine}:\\d+\\s+error\\s+pins-agree`),
      );
      expect(result.output).toContain(wrongSha);
    } finally {
      copy.remove();
    }
  });

  it.concurrent('`legacy_error` dropped from the live service.v2 policy', async () => {
    const policy = 'content/contracts/service.v2.yaml';
    let expectedLine = 0;
    const { copy, result } = await buildBroken('legacy-error', (copy) => {
      expectedLine = lineOf(copy.read(policy), '  required:');
      copy.replaceOnce(policy, '    - error.message\n    - legacy_error\n', '    - error.message\n');
    });
    try {
      expectGateFailure(result, copy);
      expect(result.output).toMatch(
        new RegExp(`content/contracts/service\\.v2\\.yaml:${expectedLine}:\\d+\\s+error\\s+legacy-guard`),
      );
      // Prose that still restates the old policy is reported too, in the same run.
      expect(result.output).toMatch(/rfc\.mdx:\d+:\d+\s+error\s+envelope-policy/);
    } finally {
      copy.remove();
    }
  });

  it.concurrent('one value of the committed handoff payload edited by hand', async () => {
    const payload = 'content/migrations/service-v3/handoff-candidate.json';
    let expectedLine = 0;
    const { copy, result } = await buildBroken('payload-edit', (copy) => {
      const text = copy.read(payload);
      const at = text.indexOf('"status": "pending"', text.indexOf('"id": "consumer-suite-green"'));
      expectedLine = text.slice(0, at).split('\n').length;
      copy.write(payload, `${text.slice(0, at)}"status": "passed"${text.slice(at + '"status": "pending"'.length)}`);
    });
    try {
      expectGateFailure(result, copy);
      expect(result.output).toMatch(
        new RegExp(`${payload.replace(/\./g, '\\.')}:${expectedLine}:\\d+\\s+error\\s+payload-fresh`),
      );
      expect(result.output).toContain('`gates[1].status`');
      expect(result.output).toContain('pnpm generate');
    } finally {
      copy.remove();
    }
  });

  it.concurrent('malformed YAML frontmatter in the tracker', async () => {
    const tracker = 'content/migrations/service-v3/tracker.mdx';
    const { copy, result } = await buildBroken('bad-yaml', (copy) => {
      copy.replaceOnce(
        tracker,
        'title: service.v3 rehearsal execution tracker',
        'title: [service.v3 rehearsal execution tracker',
      );
    });
    try {
      expectGateFailure(result, copy);
      expect(result.output).toMatch(/content\/migrations\/service-v3\/tracker\.mdx:\d+:\d+\s+error\s+syntax/);
      // Our check fails the build first: Astro's own frontmatter parser never gets to print a stack trace.
      expect(result.output).not.toContain('[content] Syncing content');
    } finally {
      copy.remove();
    }
  });
});
