import { loadProblemRule } from './load-problems.ts';

export const contractFileNameRule = loadProblemRule({
  id: 'contract-file-name',
  description: 'A contract policy file is named after the version it declares (`content/contracts/<version>.yaml`).',
  docs: {
    checks:
      'Contracts are found by version: the site publishes `content/contracts/service.v3.yaml` at `/contracts/service.v3/`, and rules look a version up by its file. A policy whose `version` differs from its file name is refused while loading, so no rule reads a contract under the wrong name.',
    fix: 'Rename the file to the version it declares, or correct `version`.',
    history:
      'Until this rule existed, this report carried the rule id `schema`; the file matches its schema, the problem is its name, so it has its own id.',
    examples: [
      {
        title: 'A policy declares another version than its file name',
        file: 'content/contracts/service.v3.yaml',
        ok: 'kind: contract-policy\nversion: service.v3\n',
        notOk: 'kind: contract-policy\nversion: service.v4\n',
        reports: [
          'content/contracts/service.v3.yaml:2:1 Unexpected contract version `service.v4` in a file named `service.v3`, expected the file name to be the version',
        ],
      },
    ],
  },
});
