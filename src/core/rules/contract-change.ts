import { contractChanges, formatStatement, policyRestatements } from '../policy-restatements.ts';
import { defineRule } from '../rule.ts';
import { plural } from '../text/plural.ts';

export const contractChangeRule = defineRule(
  {
    id: 'contract-change',
    description:
      'A contract policy that changed against all of its (agreeing) restatements is reported once, as a change, with the diff.',
    docs: {
      checks:
        'When every restatement of a contract’s envelope policy (gate evidence and prose lines, at least two) agrees with the others but not with the policy in `content/contracts/<version>.yaml`, the policy file is what changed: an intended contract change such as an RFC moving a field. That is reported once, as a warning at the policy, with the field-by-field diff; the restatements that must follow are `envelope-policy` errors that point back here. One restatement differing from the others is drift, and only `envelope-policy` reports it.',
      fix: 'If the change is intended, write the line each `envelope-policy` report gives and run `pnpm generate`; the warning goes away when the restatements follow. If it is not, restore the policy the restatements give.',
      examples: [
        {
          title: 'The candidate policy changes while its restatements still say the old one',
          file: 'content/contracts/service.v3.yaml',
          ok: '  optional:\n    - error.details\n  forbidden:\n    - legacy_error\n',
          notOk: '  optional:\n    - error.details\n    - legacy_error\n  forbidden:\n',
          reports: [
            'content/contracts/service.v3.yaml:6:1 Changed `service.v3` envelope policy (`legacy_error`: forbidden \u2192 optional), expected its 4 restatements to follow the change',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const change of contractChanges(corpus, policyRestatements(corpus))) {
      const { contract } = change;
      const files = [...new Set(change.restatements.map((restatement) => restatement.file))];
      const count = change.restatements.length;
      report({
        severity: 'warning',
        file: contract.file,
        place: contract.locate(['envelope']),
        reason: `Changed \`${contract.data.version}\` envelope policy (${change.changes.join('; ')}), expected its ${plural(count, 'restatement')} to follow the change`,
        actual: formatStatement(contract.data.envelope),
        hint: `If this contract change is intended, update the restatements in ${files.join(', ')} (each has an \`envelope-policy\` report with the line to write) and run \`pnpm generate\`; if not, restore the policy: ${formatStatement(change.before)}.`,
      });
    }
  },
);
