import { commandsOfShellBlock, isTranscript, runLogRegions, shellLanguages } from '../conventions.ts';
import type { Command } from '../../schemas/index.ts';
import { restatesNamed } from '../drift/restated-blocks.ts';
import { nodesOfType } from '../mdast-index.ts';
import { spanOf } from '../prose.ts';
import { defineRule } from '../rule.ts';
import { closestMatch } from '../text/closest-match.ts';
import { plural } from '../text/plural.ts';

export const commandsAgreeRule = defineRule(
  {
    id: 'commands-agree',
    description:
      'Every command is declared once, cited by a gate, and every restated command list equals the declared list.',
    docs: {
      checks:
        "Commands are declared in the plan's `commands`. Every declared command must be cited as evidence by at least one gate (unknown citations are the `references` rule's job). A shell code block in prose that restates an owner's command list must contain exactly the declared commands of that owner, verbatim, order ignored. A block restates the list as the drift report decides it: at least two of its commands and most of the list (two thirds), or the whole list with lines added or edited; a block holding one or a few declared commands (\"the formatter alone is enough\") is an excerpt and requires nothing.",
      fix: 'Copy the command lines exactly as declared in the plan, add missing ones and remove unknown ones; or change the declaration if the command really changed.',
      examples: [
        {
          title: 'A restated command list misses one command',
          file: 'content/migrations/service-v3/plan.mdx',
          ok: 'cargo clippy --workspace --all-targets --all-features -- -D warnings\ncargo test --workspace --all-targets --all-features\n',
          notOk: 'cargo clippy --workspace --all-targets --all-features -- -D warnings\n',
          reports: [
            'content/migrations/service-v3/plan.mdx:196:1 Unexpected producer command list: missing `cargo test --workspace --all-targets --all-features`, expected the 8 producer commands declared in content/migrations/service-v3/plan.mdx',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const plan = bundle.plan;
      if (!plan) continue;
      const commands = plan.data.commands;
      const cited = new Set(bundle.gates?.data.gates.flatMap((gate) => gate.evidence.commands) ?? []);
      if (bundle.gates) {
        commands.forEach((command, index) => {
          if (cited.has(command.id)) return;
          report({
            file: plan.file,
            place: plan.locate(['commands', index, 'id']),
            reason: `Unexpected command \`${command.id}\` that no gate cites as evidence, expected every declared command to back a gate`,
            actual: command.id,
            hint: `Add \`${command.id}\` to the \`evidence.commands\` of the gate it proves, or remove the command.`,
          });
        });
      }
      const byRun = new Map(commands.map((command) => [command.run, command]));
      for (const document of bundle.documents) {
        const logs = runLogRegions(document.body.children);
        for (const node of nodesOfType(document.body, 'code')) {
          if (node.lang && !shellLanguages.has(node.lang)) continue;
          // A log of what ran (under `Commands executed`, or a `$ ` transcript with output) requires nothing.
          const line = node.position?.start.line ?? 0;
          if (isTranscript(node.value) || logs.some((region) => line >= region.start && line <= region.end)) continue;
          // Read as the importer and the drift report read a shell block (prompts, comments, continuations).
          const lines = commandsOfShellBlock(node.value);
          const owners = new Set(
            lines
              .map((line) => byRun.get(line)?.owner)
              .filter((owner): owner is Command['owner'] => owner !== undefined),
          );
          for (const owner of owners) {
            const declared = commands.filter((command) => command.owner === owner);
            const declaredRuns = new Set(declared.map((command) => command.run));
            const ownLines = lines.filter((line) => byRun.get(line)?.owner === owner || !byRun.has(line));
            // An excerpt (one or a few of the commands) is not the list: the drift report's definition.
            if (!restatesNamed(new Set(ownLines), declaredRuns)) continue;
            const missing = declared.filter((command) => !lines.includes(command.run)).map((command) => command.run);
            const unknown = ownLines.filter((line) => !declaredRuns.has(line));
            if (!missing.length && !unknown.length) continue;
            const parts: string[] = [];
            if (missing.length) parts.push(`missing ${missing.map((run) => `\`${run}\``).join(', ')}`);
            if (unknown.length) {
              parts.push(
                `unexpected ${unknown
                  .map((line) => {
                    const near = closestMatch(line, [...declaredRuns]);
                    return near ? `\`${line}\` (did you mean \`${near}\`?)` : `\`${line}\``;
                  })
                  .join(', ')}`,
              );
            }
            report({
              file: document.file,
              place: spanOf(node),
              reason: `Unexpected ${owner} command list: ${parts.join('; ')}, expected the ${plural(declared.length, `${owner} command`)} declared in ${plan.file}`,
              actual: lines.join('\n'),
              expected: declared.map((command) => command.run),
              hint: 'Restate the declared commands exactly, one per line, or remove the block and link to the plan.',
              related: { file: plan.file, place: plan.locate(['commands']), reason: 'Commands are declared here' },
            });
          }
        }
      }
    }
  },
);
