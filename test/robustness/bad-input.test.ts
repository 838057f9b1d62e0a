import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../src/core/check.ts';
import { checkFiles, repoRoot, shippedFiles, where } from '../helpers/content.ts';

/** Each bad input gets a located diagnostic with a rule id, never an exception. */
const extra = (path: string, text: string) =>
  checkFiles([...shippedFiles(), { path, text }]).filter((d) => d.file === path);

describe('bad input catalogue', () => {
  it('an empty data file', () => {
    expect(extra('content/contracts/empty.yaml', '').map((d) => `${where(d)} ${d.reason}`)).toEqual([
      'content/contracts/empty.yaml:1:1 schema Unexpected empty content, expected a mapping with a `kind` key',
    ]);
  });

  it('an empty document', () => {
    expect(extra('content/notes.md', '').map((d) => `${where(d)} ${d.reason}`)).toEqual([
      'content/notes.md:1:1 schema Missing frontmatter, expected a `---` fenced YAML block with a `kind`',
    ]);
  });

  it('an unterminated frontmatter fence', () => {
    // Reported where the closing fence is missing: before the body's first line.
    expect(extra('content/notes.md', '---\nkind: plan\ntitle: x\n\n# Body\n').map(where)).toEqual([
      'content/notes.md:5:1 syntax',
    ]);
  });

  it('duplicate keys in YAML and in JSON', () => {
    expect(extra('content/contracts/dup.yaml', 'kind: contract-policy\nkind: contract-policy\n').map(where)).toEqual([
      'content/contracts/dup.yaml:2:1 syntax',
    ]);
    const json = extra('content/contracts/dup.json', '{\n  "kind": "contract-policy",\n  "kind": "migration"\n}\n');
    expect(json.map((d) => `${where(d)} ${d.reason}`)).toEqual([
      'content/contracts/dup.json:3:3 syntax Unexpected duplicate key `kind` in JSON object',
    ]);
  });

  it('two duplicate keys are two reports', () => {
    const text = 'kind: contract-policy\nversion: service.v4\nkind: contract-policy\nversion: service.v4\n';
    expect(extra('content/contracts/twice.yaml', text).map(where)).toEqual([
      'content/contracts/twice.yaml:3:1 syntax',
      'content/contracts/twice.yaml:4:1 syntax',
    ]);
  });

  it('a YAML alias bomb (billion laughs) is refused, not expanded', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const diagnostics = extra('content/contracts/bomb.yaml', `${levels.join('\n')}\n`);
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['syntax']);
    expect(diagnostics[0]?.reason).toMatch(/alias/i);
  });

  it('deeply nested YAML', () => {
    const deep = `kind: contract-policy\nx: ${'['.repeat(2000)}${']'.repeat(2000)}\n`;
    const diagnostics = extra('content/contracts/deep.yaml', deep);
    // The recursive parser gives up on absurd nesting: a located report that names the limit, not a crash.
    expect(diagnostics.map((d) => `${d.ruleId} line ${d.line}: ${d.reason}`)).toEqual([
      'content-limits line 2: Unexpected nesting deeper than 100 levels in YAML, expected at most 100 (the nesting limit)',
    ]);
  });

  it('a 20 MB file is refused with a located report, not parsed', () => {
    const huge = `---\nkind: plan\n---\n${'Lorem ipsum dolor sit amet. '.repeat(750_000)}`;
    expect(extra('content/dump.md', huge).map((d) => `${where(d)} ${d.reason}`)).toEqual([
      'content/dump.md:1:1 content-limits Unexpected file of 20.0 MB, expected at most 4 MB (the content file size limit)',
    ]);
  });

  it('CRLF line endings and a BOM keep positions right', () => {
    const files = shippedFiles().map((file) =>
      file.path === 'content/runtime/pin.yaml'
        ? {
            ...file,
            text: `\uFEFF${file.text.replace('updated: 2026-02-08', 'updated: someday').replace(/\n/g, '\r\n')}`,
          }
        : file,
    );
    const diagnostics = checkFiles(files).filter((d) => d.file === 'content/runtime/pin.yaml');
    expect(diagnostics.map(where)).toEqual(['content/runtime/pin.yaml:5:1 schema']);
  });

  it('invalid MDX in a body', () => {
    const tracker = shippedFiles().find((file) => file.path.endsWith('tracker.mdx'));
    const text = `${tracker?.text ?? ''}\nA stray { brace.\n`;
    const files = shippedFiles().map((file) => (file === tracker ? { ...file, text } : file));
    const diagnostics = checkFiles(files).filter((d) => d.ruleId === 'syntax');
    expect(diagnostics.map((d) => d.file)).toEqual([tracker?.path]);
    expect(diagnostics[0]?.line).toBe(text.split('\n').length - 1);
  });

  describe('on disk', () => {
    const root = mkdtempSync(join(tmpdir(), 'contract-docs-bad-'));
    const outside = mkdtempSync(join(tmpdir(), 'contract-docs-outside-'));
    afterAll(() => {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    });
    for (const file of shippedFiles()) {
      mkdirSync(join(root, dirname(file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.text);
    }

    it('a symlink cycle inside content/ and a FIFO are neither followed forever nor read', () => {
      const cycleRoot = mkdtempSync(join(tmpdir(), 'contract-docs-cycle-'));
      try {
        for (const file of shippedFiles()) {
          mkdirSync(join(cycleRoot, dirname(file.path)), { recursive: true });
          writeFileSync(join(cycleRoot, file.path), file.text);
        }
        cpSync(join(repoRoot, 'contracts'), join(cycleRoot, 'contracts'), { recursive: true });
        mkdirSync(join(cycleRoot, 'scripts'));
        writeFileSync(join(cycleRoot, 'scripts/generate_service_v3_rehearsal_payload.sh'), '#!/bin/sh\n');
        symlinkSync('..', join(cycleRoot, 'content/runtime/self'));
        execFileSync('mkfifo', [join(cycleRoot, 'content/contracts/pipe.yaml')]);
        const { corpus, diagnostics } = checkProject(cycleRoot);
        expect(diagnostics.map(where)).toEqual([]);
        expect(corpus.files.filter((file) => file.endsWith('pin.yaml'))).toEqual(['content/runtime/pin.yaml']);
      } finally {
        rmSync(cycleRoot, { recursive: true, force: true });
      }
    });

    it('`--content ./content/` is the same folder as `content`', () => {
      const { diagnostics, corpus } = checkProject(repoRoot, './content/');
      expect(diagnostics.map(where)).toEqual([]);
      expect(corpus.migrations.map((bundle) => bundle.id)).toEqual(['service-v3']);
    });

    it('a NUL byte far into a file and bytes that are not UTF-8, each at its line and column', () => {
      const long = `kind: contract-policy\n# ${'x'.repeat(9000)}\n`;
      writeFileSync(
        join(root, 'content/contracts/nul.yaml'),
        Buffer.concat([Buffer.from(`${long}title: a`), Buffer.from([0]), Buffer.from('b\n')]),
      );
      writeFileSync(
        join(root, 'content/contracts/latin1.yaml'),
        Buffer.concat([Buffer.from('kind: contract-policy\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
      );
      const { diagnostics } = checkProject(root);
      expect(diagnostics.filter((d) => /nul|latin1/.test(d.file)).map((d) => `${where(d)} ${d.reason}`)).toEqual([
        'content/contracts/latin1.yaml:2:11 syntax Unexpected byte 0xe9 that is not UTF-8, expected UTF-8 text',
        'content/contracts/nul.yaml:3:9 syntax Unexpected binary content (a NUL byte), expected UTF-8 text',
      ]);
      rmSync(join(root, 'content/contracts/nul.yaml'));
      rmSync(join(root, 'content/contracts/latin1.yaml'));
    });

    it('a binary file and a symlink leaving content/', () => {
      writeFileSync(join(root, 'content/contracts/blob.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
      writeFileSync(join(outside, 'secret.yaml'), 'kind: contract-policy\n');
      symlinkSync(join(outside, 'secret.yaml'), join(root, 'content/contracts/linked.yaml'));
      const { diagnostics } = checkProject(root);
      const mine = diagnostics.filter((d) => /blob|linked/.test(d.file));
      expect(mine.map((d) => `${where(d)} ${d.reason}`)).toEqual([
        // Located at the NUL itself (the fifth byte, after four characters).
        'content/contracts/blob.yaml:1:5 syntax Unexpected binary content (a NUL byte), expected UTF-8 text',
        'content/contracts/linked.yaml:1:1 syntax Unexpected symlink pointing outside the content folder, expected content to live inside it',
      ]);
    });
  });
});
