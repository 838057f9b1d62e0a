import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { regularFilesPattern, specialFilesUnder } from '../../src/core/fs/special-files.ts';
import { anyDocumentSchema } from '../../src/schemas/index.ts';
import { checkFiles, positionOf, replaceOnce, shippedFiles, textOf, where, withEdit } from '../helpers/content.ts';

const tracker = 'content/migrations/service-v3/tracker.mdx';

/**
 * What the site build does with a document's frontmatter: Astro reads it with js-yaml's default schema
 * and validates it with the same zod schema. Undefined when the build accepts it, else why it fails.
 */
function buildRefusal(text: string): string | undefined {
  const yaml = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  let data: unknown;
  try {
    data = jsYaml.load(yaml); // Astro's frontmatter reader: js-yaml, default schema
  } catch (error) {
    return (error as Error).name;
  }
  const parsed = anyDocumentSchema.safeParse(data);
  return parsed.success ? undefined : 'schema';
}

function reports(edit: (text: string) => string) {
  const files = withEdit(shippedFiles(), tracker, edit);
  return {
    text: textOf(files, tracker),
    diagnostics: checkFiles(files)
      .filter((d) => d.file === tracker && (d.ruleId === 'syntax' || d.ruleId === 'schema'))
      .map((d) => `${where(d)} ${d.reason}`),
  };
}

describe('the check reads YAML as the build does, so they agree', () => {
  const cases: [string, (text: string) => string, string, string][] = [
    [
      'a date-like title',
      replaceOnce('\ntitle: service.v3 rehearsal execution tracker\n', '\ntitle: 2026-02-08\n'),
      'title: 2026-02-08',
      'schema Unexpected date `2026-02-08` at `title`, expected a string (YAML reads an unquoted date as a date)',
    ],
    [
      'a custom tag',
      replaceOnce('\nowner: MemoryKernel\n', '\nowner: !custom MemoryKernel\n'),
      '!custom',
      'syntax Unexpected YAML tag `!custom`, expected plain values (the site build cannot read custom tags)',
    ],
    [
      'a date that does not exist, unquoted',
      replaceOnce('\nupdated: 2026-02-08\n', `\nupdated: 2026-99-99\n`),
      '2026-99-99',
      'syntax Unexpected date `2026-99-99`, expected a real calendar date written YYYY-MM-DD',
    ],
  ];

  it.each(cases)('%s: the build refuses it, the check reports it at its position', (_name, edit, needle, message) => {
    const { text, diagnostics } = reports(edit);
    const { line, column } = positionOf(text, needle);
    expect(diagnostics).toEqual([`${tracker}:${line}:${column} ${message}`]);
  });

  it('the build refuses the date-like title and the custom tag (so the check is right to)', () => {
    expect(buildRefusal(textOf(withEdit(shippedFiles(), tracker, cases[0]![1]), tracker))).toBe('schema');
    expect(buildRefusal(textOf(withEdit(shippedFiles(), tracker, cases[1]![1]), tracker))).toBe('YAMLException');
    // The build would publish the impossible date rolled over: the check is the only one to see it.
    const rolled = jsYaml.load('updated: 2026-99-99') as { updated: Date };
    expect(rolled.updated.toISOString().slice(0, 10)).toBe('2034-06-07');
  });

  it('a quoted impossible date is a schema error; real dates, quoted or not, are fine', () => {
    expect(reports(replaceOnce('\nupdated: 2026-02-08\n', `\nupdated: '2026-02-30'\n`)).diagnostics).toEqual([
      expect.stringMatching(/schema Unexpected `2026-02-30` at `updated`: expected a real calendar date/),
    ]);
    expect(reports(replaceOnce('\nupdated: 2026-02-08\n', `\nupdated: 2028-02-29\n`)).diagnostics).toEqual([]);
    expect(reports(replaceOnce('\nupdated: 2026-02-08\n', `\nupdated: '2028-02-29'\n`)).diagnostics).toEqual([]);
    expect(
      buildRefusal(
        textOf(
          withEdit(shippedFiles(), tracker, replaceOnce('\nupdated: 2026-02-08\n', `\nupdated: 2028-02-29\n`)),
          tracker,
        ),
      ),
    ).toBe(undefined);
  });
});

describe('special files under content/ are left out of the build, as the check leaves them out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contract-docs-fifo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a FIFO is listed and excluded from the collection pattern; regular files are not', () => {
    mkdirSync(join(dir, 'migrations/x'), { recursive: true });
    writeFileSync(join(dir, 'migrations/x/plan.mdx'), '---\n---\n');
    execFileSync('mkfifo', [join(dir, 'migrations/x/notes.mdx')]);
    expect(specialFilesUnder(dir)).toEqual(['migrations/x/notes.mdx']);
    expect(regularFilesPattern(dir, '**/*.{md,mdx}')).toEqual(['**/*.{md,mdx}', '!migrations/x/notes.mdx']);
  });
});
