import { describe, expect, it } from 'vitest';
import { formatPretty } from '../../src/core/report/pretty.ts';
import { checkFiles, checkRegenerated, replaceOnce, shippedFiles, withEdit } from '../helpers/content.ts';

/**
 * An invalid fact is reported once, where it is defined, and never copied into requests to other
 * files; an intended contract change is one change report plus the restatements that must follow.
 * Each test pins the complete report, every diagnostic in order.
 */
const v3 = 'content/contracts/service.v3.yaml';
const gates = 'content/migrations/service-v3/gates.mdx';

describe('never propagate an invalid fact', () => {
  it('an overlapping policy in the v3 contract is one report, with no restatement reports elsewhere', () => {
    const files = withEdit(
      shippedFiles(),
      v3,
      replaceOnce('  forbidden:\n    - legacy_error\n', '  forbidden:\n    - error.details\n    - legacy_error\n'),
    );
    expect(formatPretty(checkRegenerated(files))).toMatchInlineSnapshot(`
      "content/contracts/service.v3.yaml:14:7  error  envelope-policy
        Unexpected field \`error.details\` in both \`optional\` and \`forbidden\`, expected the three sets to be disjoint
        hint: Keep \`error.details\` in exactly one of required, optional and forbidden; the restatements of \`service.v3\` are checked once the policy is valid.

      ✖ 1 error, 0 warnings in 1 file"
    `);
  });

  it('one restated line that differs in several ways is one report with the complete line to write', () => {
    const files = withEdit(
      shippedFiles(),
      'content/migrations/service-v3/rfc.mdx',
      replaceOnce(
        '- `service.v3` candidate: requires `service_contract_version`, `error.code`, `error.message`; optional `error.details`; forbids `legacy_error`, `api_contract_version`.',
        '- `service.v3` candidate: requires `service_contract_version`, `error.code`; optional `error.message`; forbids `legacy_error`.',
      ),
    );
    expect(formatPretty(checkRegenerated(files))).toMatchInlineSnapshot(`
      "content/migrations/service-v3/rfc.mdx:92:3  error  envelope-policy
        Unexpected \`service.v3\` restatement: required: missing \`error.message\`; optional: missing \`error.details\`, unexpected \`error.message\`; forbidden: missing \`api_contract_version\`, expected the policy in content/contracts/service.v3.yaml
        hint: Write the line as: \`service.v3\` candidate: requires \`service_contract_version\`, \`error.code\`, \`error.message\`; optional \`error.details\`; forbids \`legacy_error\`, \`api_contract_version\`.
        see: content/contracts/service.v3.yaml:6:1 The policy is defined here

      ✖ 1 error, 0 warnings in 1 file"
    `);
  });

  it('a gate status flipped without its restatement points at the data line', () => {
    const files = withEdit(
      shippedFiles(),
      gates,
      replaceOnce(
        '  - id: producer-suite-green\n    title: Producer suite green\n    owner: producer\n    status: pending\n',
        '  - id: producer-suite-green\n    title: Producer suite green\n    owner: producer\n    status: failed\n',
      ),
    );
    expect(formatPretty(checkRegenerated(files))).toMatchInlineSnapshot(`
      "content/migrations/service-v3/gates.mdx:136:7  error  status-claims
        Unexpected count \`every gate is pending\`: 3 of the 4 gates are \`pending\` (\`consumer-suite-green\`, \`candidate-envelope-assertions\`, \`joint-signoff-recorded\`), expected the sentence to say 3
        expected: 3
        hint: Write the count the data has, or the live token \`count:gate:pending\`, which renders \`3 of 4\` and never goes stale.

      content/migrations/service-v3/gates.mdx:147:44  error  restated-fields
        Unexpected status \`pending\` for gate \`producer-suite-green\`, expected \`failed\` as in content/migrations/service-v3/gates.mdx
        expected: failed
        hint: Restate the status as the data has it; when the status changed, the prose has to change with it.
        see: content/migrations/service-v3/gates.mdx:12:5 The gate's status is defined here

      content/migrations/service-v3/tracker.mdx:55:77  error  status-claims
        Unexpected count \`all four gates are still pending\`: 3 of the 4 gates are \`pending\` (\`consumer-suite-green\`, \`candidate-envelope-assertions\`, \`joint-signoff-recorded\`), expected the sentence to say 3
        expected: 3
        hint: Write the count the data has, or the live token \`count:gate:pending\`, which renders \`3 of 4\` and never goes stale.

      ✖ 3 errors, 0 warnings in 2 files"
    `);
  });
});

describe('an intended contract change', () => {
  it('legacy_error moved from forbidden to optional in the candidate is one change report plus its restatements', () => {
    const files = withEdit(
      shippedFiles(),
      v3,
      replaceOnce(
        '  optional:\n    - error.details\n  forbidden:\n    - legacy_error\n',
        '  optional:\n    - error.details\n    - legacy_error\n  forbidden:\n',
      ),
    );
    // As after `pnpm generate`; without it, the stale payload is one more report, listed last.
    expect(formatPretty(checkRegenerated(files))).toMatchInlineSnapshot(`
      "content/contracts/service.v3.yaml:6:1  warning  contract-change
        Changed \`service.v3\` envelope policy (\`legacy_error\`: forbidden → optional), expected its 4 restatements to follow the change
        hint: If this contract change is intended, update the restatements in content/migrations/service-v3/gates.mdx, content/migrations/service-v3/plan.mdx, content/migrations/service-v3/rfc.mdx (each has an \`envelope-policy\` report with the line to write) and run \`pnpm generate\`; if not, restore the policy: requires \`service_contract_version\`, \`error.code\`, \`error.message\`; optional \`error.details\`; forbids \`legacy_error\`, \`api_contract_version\`.

      content/migrations/service-v3/gates.mdx:41:7  error  envelope-policy
        Unexpected \`service.v3\` restatement in gate \`candidate-envelope-assertions\`: optional: missing \`legacy_error\`; forbidden: unexpected \`legacy_error\`, expected the changed policy in content/contracts/service.v3.yaml
        hint: Set \`evidence.envelope\` of gate \`candidate-envelope-assertions\` to \`required: [service_contract_version, error.code, error.message]\`, \`optional: [error.details, legacy_error]\`, \`forbidden: [api_contract_version]\`.
        see: content/contracts/service.v3.yaml:6:1 The policy changed here (\`legacy_error\`: forbidden → optional)

      content/migrations/service-v3/gates.mdx:187:3  error  envelope-policy
        Unexpected \`service.v3\` restatement: optional: missing \`legacy_error\`; forbidden: unexpected \`legacy_error\`, expected the changed policy in content/contracts/service.v3.yaml
        hint: Write the line as: \`service.v3\` candidate: requires \`service_contract_version\`, \`error.code\`, \`error.message\`; optional \`error.details\`, \`legacy_error\`; forbids \`api_contract_version\`.
        see: content/contracts/service.v3.yaml:6:1 The policy changed here (\`legacy_error\`: forbidden → optional)

      content/migrations/service-v3/plan.mdx:149:3  error  envelope-policy
        Unexpected \`service.v3\` restatement: optional: missing \`legacy_error\`; forbidden: unexpected \`legacy_error\`, expected the changed policy in content/contracts/service.v3.yaml
        hint: Write the line as: \`service.v3\` candidate: requires \`service_contract_version\`, \`error.code\`, \`error.message\`; optional \`error.details\`, \`legacy_error\`; forbids \`api_contract_version\`.
        see: content/contracts/service.v3.yaml:6:1 The policy changed here (\`legacy_error\`: forbidden → optional)

      content/migrations/service-v3/rfc.mdx:92:3  error  envelope-policy
        Unexpected \`service.v3\` restatement: optional: missing \`legacy_error\`; forbidden: unexpected \`legacy_error\`, expected the changed policy in content/contracts/service.v3.yaml
        hint: Write the line as: \`service.v3\` candidate: requires \`service_contract_version\`, \`error.code\`, \`error.message\`; optional \`error.details\`, \`legacy_error\`; forbids \`api_contract_version\`.
        see: content/contracts/service.v3.yaml:6:1 The policy changed here (\`legacy_error\`: forbidden → optional)

      ✖ 4 errors, 1 warning in 4 files"
    `);
    expect(
      checkFiles(files)
        .map((diagnostic) => diagnostic.ruleId)
        .at(-1),
    ).toBe('payload-fresh');
  });

  it('one restatement that differs from the others is drift, not a contract change', () => {
    const files = withEdit(
      shippedFiles(),
      'content/migrations/service-v3/plan.mdx',
      replaceOnce(
        'optional `error.details`; forbids `legacy_error`, `api_contract_version`.',
        'optional `error.details`, `legacy_error`; forbids `api_contract_version`.',
      ),
    );
    expect(checkRegenerated(files).map((diagnostic) => diagnostic.ruleId)).toEqual(['envelope-policy']);
  });
});
