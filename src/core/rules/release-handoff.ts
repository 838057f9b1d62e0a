import { candidateOfHandoffMode } from '../../schemas/index.ts';
import type { ReleaseHandoffEntry } from '../corpus.ts';
import type { DataPath } from '../parse/data-path.ts';
import { foldSentence } from '../prose.ts';
import { defineRule, type Report } from '../rule.ts';
import { plural } from '../text/plural.ts';

/** Commands compare with their spacing normalised: the producer's JSON and the plan may wrap differently. */
const foldCommand = (command: string) => command.replace(/\s+/g, ' ').trim();

export const releaseHandoffRule = defineRule(
  {
    id: 'release-handoff',
    description:
      'The producer’s release handoff JSON agrees with the content: baseline pin, envelope policies, commands, rollback triggers, overlap window and mode.',
    docs: {
      checks: [
        'Release handoff JSON files (found by `releaseHandoffs` in `contract-docs.config.json`, default `**/release-handoff*.json`) are read with their own schema (src/schemas/release-handoff.ts); a key the schema does not know is a warning, since producers add fields. Then every fact they state must agree with the content: `active_runtime_baseline` with the live pin (tag, commit, contract versions), `integration_baseline` with the pin’s, and in `stable` mode `release_tag`/`commit_sha` too; `non_2xx_envelope_policy` with the live contract’s policy and `rehearsal_candidate.non_2xx_envelope_policy` with the candidate’s (as sets); `verification_commands` with the producer’s commands and `required_consumer_checks` with the consumer’s (as sets, spacing normalised); `required_producer_checks` must be producer commands; `rollback_policy.triggers` with the rollback triggers; `rehearsal_candidate.overlap_window.duration_days` with the manifest’s overlap and its `not_before` with the `notBefore` day of the migration to the candidate when the migration declares one; `handoff_mode` with the migrations (`service-vN-candidate` while a migration to `service.vN` is in rehearsal, `stable` otherwise).',
        'The tag and commit it states take part in the git rules (`tag-commit`, `commit-exists`).',
      ].join('\n\n'),
      fix: 'The release handoff JSON is the producer’s release output: regenerate or correct it so it states the same facts as the content, or, if the content is behind the release, update the content (the pin reads its values from the producer’s manifest).',
      examples: [
        {
          title: 'The candidate contract drops an optional field the producer’s handoff still states',
          file: 'content/contracts/service.v3.yaml',
          ok: '  optional:\n    - error.details\n',
          notOk: '  optional: []\n',
          reports: [
            'contracts/integration/v1/release-handoff.json:16:7 Unexpected `service.v3` optional fields in the release handoff: unexpected `error.details`, expected none, as in content/contracts/service.v3.yaml',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const pin = corpus.runtimePin?.data.pin;
    for (const handoff of corpus.releaseHandoffs) {
      for (const unknown of handoff.unknownKeys)
        report({
          file: handoff.file,
          place: unknown.place,
          reason: unknown.reason,
          hint: unknown.hint,
          severity: 'warning',
        });
      const data = handoff.data;
      const say = (path: DataPath, what: string, actual: string, expected: string, source: string) =>
        mismatch(report, handoff, path, what, actual, expected, source);
      if (pin) {
        const baseline = data.active_runtime_baseline;
        const pinFile = corpus.runtimePin?.file ?? 'the runtime pin';
        const checks: [DataPath, string, string][] = [
          [['active_runtime_baseline', 'release_tag'], baseline.release_tag, pin.release_tag],
          [['active_runtime_baseline', 'commit_sha'], baseline.commit_sha, pin.commit_sha],
          [
            ['active_runtime_baseline', 'expected_service_contract_version'],
            baseline.expected_service_contract_version,
            pin.service_contract_version,
          ],
          [
            ['active_runtime_baseline', 'expected_api_contract_version'],
            baseline.expected_api_contract_version,
            pin.api_contract_version,
          ],
          [['integration_baseline'], data.integration_baseline, pin.integration_baseline],
        ];
        if (data.handoff_mode === 'stable')
          checks.push(
            [['release_tag'], data.release_tag, pin.release_tag],
            [['commit_sha'], data.commit_sha, pin.commit_sha],
          );
        for (const [path, actual, expected] of checks)
          if (actual !== expected) say(path, `\`${path.join('.')}\``, actual, expected, `the live pin (${pinFile})`);
      }
      const live = corpus.contracts.find((contract) => contract.data.status === 'live');
      if (live)
        comparePolicy(
          report,
          handoff,
          ['non_2xx_envelope_policy'],
          data.non_2xx_envelope_policy,
          live.data.envelope,
          live.file,
          live.data.version,
        );
      const candidate = data.rehearsal_candidate;
      if (candidate) {
        const target = corpus.contracts.find(
          (contract) => contract.data.version === candidate.target_service_contract_version,
        );
        if (target)
          comparePolicy(
            report,
            handoff,
            ['rehearsal_candidate', 'non_2xx_envelope_policy'],
            candidate.non_2xx_envelope_policy,
            target.data.envelope,
            target.file,
            target.data.version,
          );
        const days = corpus.manifest?.data.overlap.days;
        if (days !== undefined && candidate.overlap_window.duration_days !== days)
          say(
            ['rehearsal_candidate', 'overlap_window', 'duration_days'],
            'overlap window',
            `${candidate.overlap_window.duration_days} days`,
            `${days} days`,
            `\`overlap.days\` in ${corpus.manifest?.file}`,
          );
        // The not-before day: the migration to the candidate declares it (`notBefore`), and the payload publishes that.
        for (const bundle of corpus.migrations) {
          const meta = bundle.meta;
          if (!meta || meta.data.to !== candidate.target_service_contract_version) continue;
          const stated = candidate.overlap_window.not_before;
          const declared = meta.data.notBefore;
          if (declared === stated) continue;
          // A day the content does not declare is the producer's own statement: nothing to disagree with.
          if (declared === undefined) continue;
          say(
            ['rehearsal_candidate', 'overlap_window', 'not_before'],
            'not-before day',
            stated,
            declared,
            `\`notBefore\` in ${meta.file}`,
          );
        }
      }
      // The mode: a rehearsal in the content means a candidate handoff, and the same candidate.
      const rehearsing = corpus.migrations.filter((bundle) => bundle.meta?.data.mode === 'rehearsal');
      const named = candidateOfHandoffMode(data.handoff_mode);
      const expectedModes = rehearsing.map((bundle) => `${(bundle.meta?.data.to ?? '').replace('.', '-')}-candidate`);
      if (rehearsing.length ? !named || !rehearsing.some((bundle) => bundle.meta?.data.to === named) : named)
        say(
          ['handoff_mode'],
          '`handoff_mode`',
          data.handoff_mode,
          expectedModes.join(' or ') || 'stable',
          rehearsing.length
            ? `migration ${rehearsing.map((bundle) => bundle.id).join(', ')} in rehearsal`
            : 'no migration in rehearsal',
        );
      // Commands and triggers, per migration that declares them.
      for (const bundle of corpus.migrations) {
        const commands = bundle.plan?.data.commands ?? [];
        const producer = commands.filter((command) => command.owner === 'producer').map((command) => command.run);
        const consumer = commands.filter((command) => command.owner === 'consumer').map((command) => command.run);
        const planFile = bundle.plan?.file ?? 'the plan';
        if (producer.length)
          compareSet(
            report,
            handoff,
            ['verification_commands'],
            'verification commands',
            data.verification_commands,
            producer,
            planFile,
            foldCommand,
          );
        if (consumer.length)
          compareSet(
            report,
            handoff,
            ['required_consumer_checks'],
            'consumer checks',
            data.required_consumer_checks,
            consumer,
            planFile,
            foldCommand,
          );
        const known = new Set(producer.map(foldCommand));
        (data.required_producer_checks ?? []).forEach((command, index) => {
          if (producer.length && !known.has(foldCommand(command)))
            say(
              ['required_producer_checks', index],
              'required producer check',
              command,
              'one of the producer commands',
              planFile,
            );
        });
        const triggers = bundle.gates?.data.rollbackTriggers.map((trigger) => trigger.title) ?? [];
        if (triggers.length)
          compareSet(
            report,
            handoff,
            ['rollback_policy', 'triggers'],
            'rollback triggers',
            data.rollback_policy.triggers,
            triggers,
            bundle.gates?.file ?? 'the gates',
            foldSentence,
          );
      }
    }
  },
);

function mismatch(
  report: Report,
  handoff: ReleaseHandoffEntry,
  path: DataPath,
  what: string,
  actual: string,
  expected: string,
  source: string,
) {
  report({
    file: handoff.file,
    place: handoff.locate(path),
    reason: `Unexpected ${what} \`${actual}\` in the release handoff, expected \`${expected}\` as ${source} states`,
    actual,
    expected: [expected],
    hint: 'The handoff JSON and the content must state the same release: correct the one that is behind (the producer’s release tooling writes the handoff; the pin reads the producer’s manifest).',
  });
}

function compareSet(
  report: Report,
  handoff: ReleaseHandoffEntry,
  path: DataPath,
  what: string,
  actual: readonly string[],
  expected: readonly string[],
  source: string,
  fold: (text: string) => string,
) {
  const have = new Set(actual.map(fold));
  const want = new Set(expected.map(fold));
  const missing = expected.filter((item) => !have.has(fold(item)));
  const extra = actual.filter((item) => !want.has(fold(item)));
  if (!missing.length && !extra.length) return;
  const parts = [...missing.map((item) => `missing \`${item}\``), ...extra.map((item) => `unexpected \`${item}\``)];
  report({
    file: handoff.file,
    place: handoff.locate(path),
    reason: `Unexpected ${what} in the release handoff: ${parts.join(', ')}, expected ${expected.length ? `the ${plural(expected.length, 'item')} of ${source}` : `none, as in ${source}`}`,
    actual: actual.join(', '),
    expected: [...expected],
    hint: `List exactly the ${what} of ${source} (any order), or change them there first.`,
  });
}

function comparePolicy(
  report: Report,
  handoff: ReleaseHandoffEntry,
  path: DataPath,
  stated: {
    required_fields: string[];
    optional_fields?: string[] | undefined;
    forbidden_fields?: string[] | undefined;
  },
  policy: { required: string[]; optional: string[]; forbidden: string[] },
  file: string,
  version: string,
) {
  const sets: [string, string[], string[]][] = [
    ['required_fields', stated.required_fields, policy.required],
    ['optional_fields', stated.optional_fields ?? [], policy.optional],
    ['forbidden_fields', stated.forbidden_fields ?? [], policy.forbidden],
  ];
  for (const [key, actual, expected] of sets)
    compareSet(
      report,
      handoff,
      [...path, key],
      `\`${version}\` ${key.replace('_', ' ')}`,
      actual,
      expected,
      file,
      (text) => text,
    );
}
