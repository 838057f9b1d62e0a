import type { Span } from '../diagnostic.ts';
import { defineRule } from '../rule.ts';
import { unloadedContractVersions } from '../unloaded.ts';

const buckets = ['required', 'optional', 'forbidden'] as const;
type Bucket = (typeof buckets)[number];
type Statement = Record<Bucket, string[]>;

/** "`service.v3` candidate: requires `a`, `b`; optional `c`; forbids `d`." on one line. */
const statementLine = /`(service\.v\d+)`[^:\n`]*:\s*((?:requires|required|optional|forbids|forbidden)\b[^\n]*)/g;
const clause = /^(requires|required|optional|forbids|forbidden)\b(.*)$/;

export const envelopePolicyRule = defineRule(
  {
    id: 'envelope-policy',
    description: 'Envelope policies are well formed, and every restatement of a policy equals the policy data as sets.',
    docs: {
      checks:
        'For each contract, the required, optional and forbidden field sets must be disjoint and free of repeats. Gate evidence that asserts an envelope (`evidence.envelope`) and prose lines of the form `` `service.vN`: requires `a`, `b`; optional `c`; forbids `d` `` are restatements: each set must equal the policy data, order ignored. The report lists what is missing and what is unexpected.',
      fix: 'Make the restatement match the policy in `content/contracts/<version>.yaml`, or change the policy there if the contract really changed.',
      examples: [
        {
          title: 'A restated policy drops a required field',
          file: 'content/migrations/service-v3/plan.mdx',
          ok: '- `service.v2`: requires `service_contract_version`, `error.code`, `error.message`, `legacy_error`;',
          notOk: '- `service.v2`: requires `service_contract_version`, `error.code`, `error.message`;',
          reports: [
            'content/migrations/service-v3/plan.mdx:133:3 Unexpected `service.v2` required fields: missing `legacy_error`, expected the policy in content/contracts/service.v2.yaml',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const unloaded = unloadedContractVersions(corpus);
    const policies = new Map(corpus.contracts.map((contract) => [contract.data.version, contract]));

    for (const contract of corpus.contracts) {
      const { envelope } = contract.data;
      const owner = new Map<string, Bucket>();
      for (const bucket of buckets) {
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
            hint: `Keep \`${field}\` in exactly one of required, optional and forbidden.`,
          });
        });
      }
    }

    const compare = (version: string, statement: Statement, file: string, place: () => Span, where: string) => {
      const policy = policies.get(version);
      if (!policy && unloaded.has(version)) return;
      if (!policy) {
        report({
          file,
          place: place(),
          reason: `Unexpected envelope statement for \`${version}\`, expected a contract declared in content/contracts`,
          actual: version,
          expected: [...policies.keys()],
          hint: `Declare the contract in content/contracts/${version}.yaml or correct the version.`,
        });
        return;
      }
      for (const bucket of buckets) {
        const difference = setDifference(statement[bucket], policy.data.envelope[bucket]);
        if (!difference) continue;
        report({
          file,
          place: place(),
          reason: `Unexpected \`${version}\` ${bucket} fields${where}: ${difference}, expected the policy in ${policy.file}`,
          actual: statement[bucket].join(', '),
          expected: policy.data.envelope[bucket],
          hint: `Restate exactly: ${bucket} ${formatFields(policy.data.envelope[bucket])}.`,
          related: {
            file: policy.file,
            place: policy.locate(['envelope', bucket]),
            reason: 'The policy is defined here',
          },
        });
      }
    };

    for (const bundle of corpus.migrations) {
      const gates = bundle.gates;
      if (!gates) continue;
      gates.data.gates.forEach((gate, index) => {
        const assertion = gate.evidence.envelope;
        if (!assertion) return;
        compare(
          assertion.contract,
          assertion,
          gates.file,
          () => gates.locate(['gates', index, 'evidence', 'envelope']),
          ` in gate \`${gate.id}\``,
        );
      });
    }

    for (const document of corpus.documents) {
      for (const match of document.bodyText.matchAll(statementLine)) {
        const statement = parseStatement(match[2] ?? '');
        if (!statement) continue;
        const start = document.lines.point(match.index ?? 0);
        compare(match[1] ?? '', statement, document.file, () => ({ start }), '');
      }
    }
  },
);

function parseStatement(text: string): Statement | undefined {
  const statement: Statement = { required: [], optional: [], forbidden: [] };
  let seen = false;
  for (const part of text.split(';')) {
    const match = clause.exec(part.trim());
    if (!match) continue;
    seen = true;
    const bucket: Bucket = match[1]?.startsWith('requ')
      ? 'required'
      : match[1] === 'optional'
        ? 'optional'
        : 'forbidden';
    statement[bucket].push(...[...(match[2] ?? '').matchAll(/`([^`]+)`/g)].map((field) => field[1] ?? ''));
  }
  return seen ? statement : undefined;
}

function setDifference(stated: readonly string[], policy: readonly string[]): string | undefined {
  const statedSet = new Set(stated);
  const policySet = new Set(policy);
  const missing = [...policySet].filter((field) => !statedSet.has(field));
  const unexpected = [...statedSet].filter((field) => !policySet.has(field));
  if (!missing.length && !unexpected.length) return undefined;
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${formatFields(missing)}`);
  if (unexpected.length) parts.push(`unexpected ${formatFields(unexpected)}`);
  return parts.join('; ');
}

function formatFields(fields: readonly string[]): string {
  return fields.length ? fields.map((field) => `\`${field}\``).join(', ') : '(none)';
}
