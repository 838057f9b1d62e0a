import {
  contractChanges,
  envelopeBuckets,
  invalidPolicies,
  policyRestatements,
  setDifference,
} from '../policy-restatements.ts';
import { defineRule } from '../rule.ts';
import { unloadedContractVersions } from '../unloaded.ts';

export const envelopePolicyRule = defineRule(
  {
    id: 'envelope-policy',
    description: 'Envelope policies are well formed, and every restatement of a policy equals the policy data as sets.',
    docs: {
      checks:
        'For each contract, the required, optional and forbidden field sets must be disjoint and free of repeats; a policy that is not is reported once, and its restatements are not compared with it (copying an invalid policy would spread the mistake). Gate evidence that asserts an envelope (`evidence.envelope`) and prose lines of the form `` `service.vN`: requires `a`, `b`; optional `c`; forbids `d` `` are restatements: each set must equal the policy data, order ignored. One restatement is one report, listing every set that differs and giving the complete line to write.',
      fix: 'Write the line the hint gives, or change the policy in `content/contracts/<version>.yaml` if the contract really changed (then every restatement follows it; see `contract-change`).',
      examples: [
        {
          title: 'A restated policy drops a required field',
          file: 'content/migrations/service-v3/plan.mdx',
          ok: '- `service.v2`: requires `service_contract_version`, `error.code`, `error.message`, `legacy_error`; forbids `api_contract_version`.\n',
          notOk:
            '- `service.v2`: requires `service_contract_version`, `error.code`, `error.message`; forbids `api_contract_version`.\n',
          reports: [
            'content/migrations/service-v3/plan.mdx:148:3 Unexpected `service.v2` restatement: required: missing `legacy_error`, expected the policy in content/contracts/service.v2.yaml',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const unloaded = unloadedContractVersions(corpus);
    const invalid = invalidPolicies(corpus.contracts);
    const policies = new Map(corpus.contracts.map((contract) => [contract.data.version, contract]));

    for (const contract of corpus.contracts) {
      const { envelope } = contract.data;
      const owner = new Map<string, (typeof envelopeBuckets)[number]>();
      for (const bucket of envelopeBuckets) {
        envelope[bucket].forEach((field, index) => {
          const first = owner.get(field);
          if (first === undefined) {
            owner.set(field, bucket);
            return;
          }
          report({
            file: contract.file,
            place: contract.locate(['envelope', bucket, index]),
            reason:
              first === bucket
                ? `Unexpected repeated field \`${field}\` in \`${bucket}\`, expected each field once`
                : `Unexpected field \`${field}\` in both \`${first}\` and \`${bucket}\`, expected the three sets to be disjoint`,
            actual: field,
            hint: `Keep \`${field}\` in exactly one of required, optional and forbidden; the restatements of \`${contract.data.version}\` are checked once the policy is valid.`,
          });
        });
      }
    }

    const restatements = policyRestatements(corpus);
    const changed = new Map(
      contractChanges(corpus, restatements).map((change) => [change.contract.data.version, change]),
    );
    for (const restatement of restatements) {
      const { version } = restatement;
      if (invalid.has(version)) continue;
      const policy = policies.get(version);
      if (!policy && unloaded.has(version)) continue;
      if (!policy) {
        report({
          file: restatement.file,
          place: restatement.place(),
          reason: `Unexpected envelope statement for \`${version}\`, expected a contract declared in content/contracts`,
          actual: version,
          expected: [...policies.keys()],
          hint: `Declare the contract in content/contracts/${version}.yaml or correct the version.`,
        });
        continue;
      }
      const differences = envelopeBuckets.flatMap((bucket) => {
        const difference = setDifference(restatement.sets[bucket], policy.data.envelope[bucket]);
        return difference ? [`${bucket}: ${difference}`] : [];
      });
      if (!differences.length) continue;
      const change = changed.get(version);
      report({
        file: restatement.file,
        place: restatement.place(),
        reason: `Unexpected \`${version}\` restatement${restatement.where}: ${differences.join('; ')}, expected the ${change ? 'changed ' : ''}policy in ${policy.file}`,
        hint: restatement.rewrite(policy.data.envelope),
        related: {
          file: policy.file,
          place: policy.locate(['envelope']),
          reason: change ? `The policy changed here (${change.changes.join('; ')})` : 'The policy is defined here',
        },
      });
    }
  },
);
