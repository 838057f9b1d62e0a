import { defineRule } from '../rule.ts';
import { closestMatch } from '../text/closest-match.ts';
import { unloadedContractVersions } from '../unloaded.ts';

export const migrationFileRule = defineRule(
  {
    id: 'migration-file',
    description:
      'Every migration folder has a `migration.yaml` whose `id` is the folder name and whose `from` and `to` are declared contracts.',
    docs: {
      checks:
        'A migration folder (`content/migrations/<id>/`) needs `migration.yaml` (`kind: migration`): the legacy guard, the site and the payload need to know what it moves between. Its `id` must equal the folder name, and `from` and `to` must name contracts declared in `content/contracts/` (a contract whose file failed to load is unknown, not missing).',
      fix: 'Add `migration.yaml`, make its `id` the folder name, or declare the contract it names (or correct the version).',
      history:
        'These checks were part of `references` until it was split; their reports now carry the id `migration-file`.',
      examples: [
        {
          title: 'A migration id that is not its folder name',
          file: 'content/migrations/service-v3/migration.yaml',
          ok: 'kind: migration\nid: service-v3\n',
          notOk: 'kind: migration\nid: service-v4\n',
          reports: [
            'content/migrations/service-v3/migration.yaml:2:1 Unexpected migration id `service-v4`, expected `service-v3` (the folder name)',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const contracts = corpus.contracts.map((contract) => contract.data.version);
    const unloadedContracts = unloadedContractVersions(corpus);
    for (const bundle of corpus.migrations) {
      const meta = bundle.meta;
      if (meta) {
        if (meta.data.id !== bundle.id) {
          report({
            file: meta.file,
            place: meta.locate(['id']),
            reason: `Unexpected migration id \`${meta.data.id}\`, expected \`${bundle.id}\` (the folder name)`,
            actual: meta.data.id,
            expected: [bundle.id],
            hint: 'Make the id equal to the folder name, or rename the folder.',
          });
        }
        for (const key of ['from', 'to'] as const) {
          const version = meta.data[key];
          if (!corpus.contracts.length || contracts.includes(version) || unloadedContracts.has(version)) continue;
          const suggestion = closestMatch(version, contracts);
          report({
            file: meta.file,
            place: meta.locate([key]),
            reason: `Unexpected contract \`${version}\` in \`${key}\`, expected a contract declared in content/contracts${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
            actual: version,
            expected: contracts,
            hint: `Declare the contract in content/contracts/${version}.yaml, or correct the version.`,
          });
        }
      } else if (!corpus.loadProblems.some((problem) => problem.file === `${bundle.dir}/migration.yaml`)) {
        report({
          file: `${bundle.dir}/migration.yaml`,
          place: { start: { line: 1, column: 1 } },
          reason: `Missing migration.yaml in \`${bundle.dir}\`, expected a \`kind: migration\` file naming from, to and mode`,
          hint: 'Add migration.yaml; the legacy guard and the site need to know what the migration moves between.',
        });
      }
    }
  },
);
