import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writePayloadAtomic, type AtomicWriteIo } from '../../src/core/generate/write.ts';
import { readContentFiles } from '../../src/core/read.ts';
import { nodeBin, repoRoot } from './helpers.ts';

const realIo: AtomicWriteIo = {
  openSync: fs.openSync,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
};

let dir: string;
let target: string;
const oldText = '{\n  "old": true\n}\n';
const newText = `{\n  "new": "${'x'.repeat(100_000)}"\n}\n`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'contract-docs-write-'));
  target = join(dir, 'handoff-candidate.json');
  writeFileSync(target, oldText);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writePayloadAtomic', () => {
  it('replaces the file and leaves no temporary file behind', () => {
    writePayloadAtomic(target, newText);
    expect(readFileSync(target, 'utf8')).toBe(newText);
    expect(readdirSync(dir)).toEqual(['handoff-candidate.json']);
  });

  it('creates a file that did not exist', () => {
    rmSync(target);
    writePayloadAtomic(target, newText);
    expect(readFileSync(target, 'utf8')).toBe(newText);
  });

  it('leaves the old file intact and removes the temporary file when the rename fails', () => {
    const io = {
      ...realIo,
      renameSync: () => {
        throw Object.assign(new Error('EXDEV: simulated rename failure'), { code: 'EXDEV' });
      },
    };
    expect(() => writePayloadAtomic(target, newText, io)).toThrow('EXDEV: simulated rename failure');
    expect(readFileSync(target, 'utf8')).toBe(oldText);
    expect(readdirSync(dir)).toEqual(['handoff-candidate.json']);
  });

  it('leaves the old file intact when the write fails half way (disk full)', () => {
    let calls = 0;
    const io: AtomicWriteIo = {
      ...realIo,
      writeSync: (fd, buffer, offset, length) => {
        if (calls++ > 0) throw Object.assign(new Error('ENOSPC: simulated disk full'), { code: 'ENOSPC' });
        return fs.writeSync(fd, buffer, offset, Math.floor(length / 2));
      },
    };
    expect(() => writePayloadAtomic(target, newText, io)).toThrow('ENOSPC');
    expect(readFileSync(target, 'utf8')).toBe(oldText);
    expect(readdirSync(dir)).toEqual(['handoff-candidate.json']);
  });

  it('leaves the old file intact when the process is killed mid-write; the leftover is never read as content', () => {
    const result = spawnSync(
      nodeBin,
      [join(repoRoot, 'test/generate/fixtures/kill-mid-write.ts'), target, newText.slice(0, 50_000)],
      { encoding: 'utf8' },
    );
    expect(result.signal).toBe('SIGKILL');
    expect(readFileSync(target, 'utf8')).toBe(oldText);
    const leftovers = readdirSync(dir).filter((name) => name !== 'handoff-candidate.json');
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(/^\.handoff-candidate\.json\.\d+\.[0-9a-f]{12}\.tmp$/);
    expect(readFileSync(join(dir, leftovers[0]!), 'utf8').length).toBeLessThan(50_000);

    // A content folder holding such a leftover loads exactly as without it.
    const root = mkdtempSync(join(tmpdir(), 'contract-docs-leftover-'));
    try {
      fs.cpSync(dir, join(root, 'content/migrations/service-v3'), { recursive: true });
      expect(readContentFiles(root).files.map((file) => file.path)).toEqual([
        'content/migrations/service-v3/handoff-candidate.json',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is the writer behind writeFileAtomic for the schemas too', () => {
    writeFileAtomic(target, 'x\n');
    expect(readFileSync(target, 'utf8')).toBe('x\n');
  });
});
