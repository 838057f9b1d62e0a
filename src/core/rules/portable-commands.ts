import type { Span } from '../diagnostic.ts';
import { personalPathsIn } from '../personal-paths.ts';
import { defineRule } from '../rule.ts';

const declarationReason =
  "Quoted verbatim from the producer's rehearsal plan, which runs these on a maintainer's checkout; the producer's CI passes its own root.";

export const portableCommandsRule = defineRule(
  {
    id: 'portable-commands',
    description:
      'Declared commands run on any machine: no path into one person’s home folder unless it is declared with a reason.',
    docs: {
      checks:
        "Each command in a plan's `commands` is run by someone else, in their CI or on their checkout. An absolute path into a home folder (`/Users/<name>/…` on macOS, `/home/<name>/…` on Linux, `C:\\Users\\<name>\\…` on Windows) in `run` exists on one machine only, so the command is a warning. A command that must keep such a path (a verbatim quote of the producer's plan, say) declares it under `machineSpecificPath` with the path exactly as `run` writes it and a one-line reason; it then keeps its text and is not reported. A declared path that `run` does not contain is reported too, so a declaration cannot outlive the path it excuses. `import` and `export` carry the declaration: the producer's Markdown states it as a comment line (`# machine-specific path `…`: reason`) above the command in a shell block, or in parentheses after a listed command.",
      fix: 'Write the path relative to the repository (`../MemoryKernel`) or as a variable (`"$MEMORYKERNEL_ROOT"`) that each machine sets. If the text must stay as it is, declare it on the command: `machineSpecificPath: { path: /Users/d/Projects/MemoryKernel, reason: ... }`.',
      examples: [
        {
          title: 'A producer command with a path into a maintainer’s home folder, undeclared',
          file: 'content/migrations/service-v3/plan.mdx',
          ok: `    run: "./scripts/verify_contract_parity.sh --canonical-root /Users/d/Projects/MemoryKernel"\n    purpose: Mirrored contract files are identical to the canonical copies in the MemoryKernel repository.\n    machineSpecificPath:\n      path: /Users/d/Projects/MemoryKernel\n      reason: ${declarationReason}\n`,
          notOk:
            '    run: "./scripts/verify_contract_parity.sh --canonical-root /Users/d/Projects/MemoryKernel"\n    purpose: Mirrored contract files are identical to the canonical copies in the MemoryKernel repository.\n',
          reports: [
            'content/migrations/service-v3/plan.mdx:79:64 Unexpected machine-specific path `/Users/d/Projects/MemoryKernel` in command `verify-contract-parity`, expected a repository-relative path or a variable',
          ],
        },
        {
          title: 'A Windows home folder in a consumer command',
          file: 'content/migrations/service-v3/plan.mdx',
          ok: '    run: "pnpm run test:ci"\n',
          notOk: "    run: 'pnpm --dir C:\\Users\\sam\\assistsupport run test:ci'\n",
          reports: [
            'content/migrations/service-v3/plan.mdx:115:22 Unexpected machine-specific path `C:\\Users\\sam\\assistsupport` in command `test-ci`, expected a repository-relative path or a variable',
          ],
        },
        {
          title: 'A declared path the command does not contain',
          file: 'content/migrations/service-v3/plan.mdx',
          ok: `    run: "./scripts/run_trilogy_smoke.sh --memorykernel-root /Users/d/Projects/MemoryKernel"\n    purpose: A fast end-to-end smoke run across the integrated services succeeds.\n    machineSpecificPath:\n      path: /Users/d/Projects/MemoryKernel\n`,
          notOk: `    run: "./scripts/run_trilogy_smoke.sh --memorykernel-root /Users/d/Projects/MemoryKernel"\n    purpose: A fast end-to-end smoke run across the integrated services succeeds.\n    machineSpecificPath:\n      path: /Users/d/Projects/MemoryKrnel\n`,
          reports: [
            'content/migrations/service-v3/plan.mdx:93:62 Unexpected machine-specific path `/Users/d/Projects/MemoryKernel` in command `run-trilogy-smoke`, expected a repository-relative path or a variable',
            'content/migrations/service-v3/plan.mdx:96:7 Unexpected declared machine-specific path `/Users/d/Projects/MemoryKrnel` that command `run-trilogy-smoke` does not contain, expected the path as `run` writes it',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const plan = bundle.plan;
      if (!plan) continue;
      const lines = corpus.texts.get(plan.file)?.split('\n') ?? [];
      plan.data.commands.forEach((command, index) => {
        const declared = command.machineSpecificPath;
        // Located only when reported: locating a data path means parsing the plan's YAML again.
        const runPlace = () => plan.locate(['commands', index, 'run']);
        for (const { path } of personalPathsIn(command.run)) {
          if (declared && (path === declared.path || isUnder(path, declared.path))) continue;
          const name = lastSegment(path);
          report({
            severity: 'warning',
            file: plan.file,
            place: narrowTo(runPlace(), path, lines),
            reason: `Unexpected machine-specific path \`${path}\` in command \`${command.id}\`, expected a repository-relative path or a variable`,
            actual: path,
            hint: `No other machine has this folder: write it relative to the repository (e.g. \`../${name}\`) or as a variable each machine sets (e.g. \`"$${variableName(name)}_ROOT"\`). If the command must keep this text, declare it on the command: \`machineSpecificPath: { path: ${path}, reason: <why> }\`.`,
          });
        }
        if (declared && !command.run.includes(declared.path)) {
          report({
            severity: 'warning',
            file: plan.file,
            place: plan.locate(['commands', index, 'machineSpecificPath', 'path']),
            reason: `Unexpected declared machine-specific path \`${declared.path}\` that command \`${command.id}\` does not contain, expected the path as \`run\` writes it`,
            actual: declared.path,
            hint: 'Correct the declared path to the one in `run`, or remove `machineSpecificPath` if the command no longer needs it.',
            related: { file: plan.file, place: runPlace(), reason: "The command's `run` is here" },
          });
        }
      });
    }
  },
);

/** `path` lies inside the declared folder (either separator). */
function isUnder(path: string, folder: string): boolean {
  return path.startsWith(`${folder}/`) || path.startsWith(`${folder}\\`);
}

function lastSegment(path: string): string {
  return path.split(/[/\\]/).filter(Boolean).at(-1) ?? 'checkout';
}

function variableName(segment: string): string {
  return segment.toUpperCase().replace(/[^A-Z0-9]+/g, '_') || 'CHECKOUT';
}

/**
 * The span of `text` on the first line of `span`, when the source writes it verbatim there (a plain or
 * double-quoted scalar without escapes in it); otherwise `span` itself, the start of the value.
 */
function narrowTo(span: Span, text: string, lines: readonly string[]): Span {
  const line = lines[span.start.line - 1];
  const at = line?.indexOf(text, span.start.column - 1) ?? -1;
  if (at < 0) return span;
  return {
    start: { line: span.start.line, column: at + 1 },
    end: { line: span.start.line, column: at + 1 + text.length },
  };
}
