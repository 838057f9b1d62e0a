import type { List } from 'mdast';
import { describe, expect, it } from 'vitest';
import {
  IdSequence,
  parseListedCommands,
  parseShellCommands,
  renderListedCommands,
  renderShellCommands,
  resolveCommands,
} from '../../src/core/adopt/blocks.ts';
import { importPackage } from '../../src/core/adopt/import.ts';
import { parseMarkdownText } from '../../src/core/adopt/markdown.ts';
import { readProducerFolder } from '../../src/core/adopt/run.ts';
import { checkCorpus } from '../../src/core/check.ts';
import { loadCorpusFromFiles } from '../../src/core/load.ts';
import type { Command } from '../../src/schemas/index.ts';
import { fixture } from './helpers.ts';

/**
 * A command's `machineSpecificPath` declaration (the `portable-commands` rule's way to keep a home-folder
 * path on purpose) survives export then import: the producer's Markdown states it next to the command.
 */
const declared = {
  path: '/Users/d/Projects/MemoryKernel',
  reason: 'The rehearsal runs on a maintainer’s checkout (CI passes its own root).',
};

describe('machine-specific path declarations in the producer’s Markdown', () => {
  it('a shell block states it as a comment line above the command, after the id and purpose', () => {
    const producer: Command[] = [
      {
        id: 'parity',
        owner: 'producer',
        run: './scripts/verify_contract_parity.sh --canonical-root /Users/d/Projects/MemoryKernel',
        purpose: 'Mirrored files equal the canonical copies.',
        machineSpecificPath: declared,
      },
      { id: 'cargo-test', owner: 'producer', run: 'cargo test', purpose: 'Runs `cargo test` green.' },
    ];
    const shell = renderShellCommands(producer, (command) => producer.indexOf(command), new IdSequence()).map(
      (line) => line.text,
    );
    expect(shell).toEqual([
      '```bash',
      '# [parity] Mirrored files equal the canonical copies.',
      '# machine-specific path `/Users/d/Projects/MemoryKernel`: The rehearsal runs on a maintainer’s checkout (CI passes its own root).',
      './scripts/verify_contract_parity.sh --canonical-root /Users/d/Projects/MemoryKernel',
      'cargo test',
      '```',
    ]);
    const code = parseMarkdownText(shell.join('\n')).tree.children[0];
    if (code?.type !== 'code') throw new Error('no code');
    expect(resolveCommands(parseShellCommands(code), 'producer', new IdSequence())).toEqual(producer);
  });

  it('a numbered list states it in parentheses after the command and its purpose', () => {
    const consumer: Command[] = [
      {
        id: 'test-ci',
        owner: 'consumer',
        run: 'pnpm --dir /home/ci/assistsupport run test:ci',
        purpose: 'stays green.',
        machineSpecificPath: { path: '/home/ci/assistsupport', reason: 'The CI image mounts the checkout there.' },
      },
      {
        id: 'pnpm-run-check-pin',
        owner: 'consumer',
        run: 'pnpm --dir C:\\Users\\sam\\x run check:pin',
        purpose: 'Runs `pnpm --dir C:\\Users\\sam\\x run check:pin` green.',
        machineSpecificPath: { path: 'C:\\Users\\sam\\x', reason: 'A Windows runner (the only one with the licence).' },
      },
    ];
    const listed = renderListedCommands(consumer, (command) => consumer.indexOf(command), new IdSequence()).map(
      (line) => line.text,
    );
    expect(listed).toEqual([
      '1. `command:test-ci` `pnpm --dir /home/ci/assistsupport run test:ci` stays green. (machine-specific path `/home/ci/assistsupport`: The CI image mounts the checkout there.)',
      '2. `command:pnpm-run-check-pin` `pnpm --dir C:\\Users\\sam\\x run check:pin` (machine-specific path `C:\\Users\\sam\\x`: A Windows runner (the only one with the licence).)',
    ]);
    const markdown = parseMarkdownText(listed.join('\n'));
    const list = markdown.tree.children.find((node): node is List => node.type === 'list');
    if (!list) throw new Error('no list');
    expect(resolveCommands(parseListedCommands(list, markdown).items, 'consumer', new IdSequence())).toEqual(consumer);
  });

  it('a comment that only looks like one is still the purpose', () => {
    const code = parseMarkdownText(
      '```bash\n# machine-specific path /home/ci/x without backticks or reason\n./run.sh --root /home/ci/x\n```',
    ).tree.children[0];
    if (code?.type !== 'code') throw new Error('no code');
    expect(
      parseShellCommands(code).map(({ purpose, machineSpecificPath }) => ({ purpose, machineSpecificPath })),
    ).toEqual([
      { purpose: 'machine-specific path /home/ci/x without backticks or reason', machineSpecificPath: undefined },
    ]);
  });

  it('the producer’s plan with the comment lines imports the declarations, and checks clean', () => {
    const result = importPackage(readProducerFolder(fixture('clean')));
    const corpus = loadCorpusFromFiles(result.files, { exists: () => true });
    const commands = corpus.migrations[0]?.plan?.data.commands ?? [];
    expect(commands.filter((command) => command.machineSpecificPath).map((command) => command.id)).toEqual([
      'verify-service-contract-alignment',
      'verify-contract-parity',
      'verify-trilogy-compatibility-artifacts',
      'run-trilogy-smoke',
      'run-trilogy-compliance-suite',
    ]);
    expect(checkCorpus(corpus)).toEqual([]);
  });

  it('without them the import keeps the commands as written and the check warns about each home-folder path', () => {
    const files = readProducerFolder(fixture('clean')).map((file) => ({
      ...file,
      text: file.text.replace(/^# machine-specific path .*\n/gm, ''),
    }));
    const corpus = loadCorpusFromFiles(importPackage(files).files, { exists: () => true });
    const diagnostics = checkCorpus(corpus);
    expect(
      diagnostics.map(
        (diagnostic) => `${diagnostic.ruleId} ${diagnostic.fatal === false ? 'warning' : 'error'} ${diagnostic.actual}`,
      ),
    ).toEqual(Array.from({ length: 5 }, () => 'portable-commands warning /Users/d/Projects/MemoryKernel'));
    expect(diagnostics.map((diagnostic) => diagnostic.reason)).toEqual([
      'Unexpected machine-specific path `/Users/d/Projects/MemoryKernel` in command `verify-service-contract-alignment`, expected a repository-relative path or a variable',
      'Unexpected machine-specific path `/Users/d/Projects/MemoryKernel` in command `verify-contract-parity`, expected a repository-relative path or a variable',
      'Unexpected machine-specific path `/Users/d/Projects/MemoryKernel` in command `verify-trilogy-compatibility-artifacts`, expected a repository-relative path or a variable',
      'Unexpected machine-specific path `/Users/d/Projects/MemoryKernel` in command `run-trilogy-smoke`, expected a repository-relative path or a variable',
      'Unexpected machine-specific path `/Users/d/Projects/MemoryKernel` in command `run-trilogy-compliance-suite`, expected a repository-relative path or a variable',
    ]);
  });
});
