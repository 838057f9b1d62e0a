import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/core/corpus.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFiles, positionOf, repoRoot, replaceOnce, shippedFiles, withEdit } from '../helpers/content.ts';

/**
 * Every fact of the producer's release handoff JSON takes part in the agreement check (the
 * `release-handoff` rule): one disagreement per fact the issue lists (pins, envelope policies, command
 * lists, trigger lists, the overlap window, the mode), each reported at the handoff JSON's own line.
 */
const handoffPath = 'contracts/integration/v1/release-handoff.json';
const migrationPath = 'content/migrations/service-v3/migration.yaml';
const shippedHandoff = readFileSync(join(repoRoot, handoffPath), 'utf8');

/** `file:line:column reason` of the release-handoff reports, the shipped content with the handoff edited. */
function reportsWith(handoff: string, content: readonly SourceFile[] = shippedFiles()): string[] {
  const files: SourceFile[] = [...content, { path: handoffPath, text: handoff }];
  return checkFiles(files, [], true)
    .filter((diagnostic) => diagnostic.ruleId === 'release-handoff')
    .map((diagnostic) => `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.reason}`);
}

/** Where a key (or list item) of the edited handoff is: the report must point there. */
function at(text: string, needle: string, occurrence = 1): string {
  const { line, column } = positionOf(text, needle, occurrence);
  return `${handoffPath}:${line}:${column}`;
}

interface Fact {
  edit: (text: string) => string;
  /** The content the handoff is checked against, when not the shipped one. */
  content?: () => SourceFile[];
  /** The reports expected: the needle locating each in the edited text, and its reason. */
  expected: (text: string) => string[];
}

const facts: Record<string, Fact> = {
  'pin: active_runtime_baseline.release_tag': {
    edit: replaceOnce('"release_tag": "v0.3.2",\n    "commit_sha"', '"release_tag": "v0.3.1",\n    "commit_sha"'),
    expected: (text) => [
      `${at(text, '"release_tag": "v0.3.1"')} Unexpected \`active_runtime_baseline.release_tag\` \`v0.3.1\` in the release handoff, expected \`v0.3.2\` as the live pin (content/runtime/pin.yaml) states`,
    ],
  },
  'pin: active_runtime_baseline.commit_sha': {
    edit: replaceOnce(
      '"commit_sha": "cf331449e1589581a5dcbb3adecd3e9ae4509277",\n    "expected',
      '"commit_sha": "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",\n    "expected',
    ),
    expected: (text) => [
      `${at(text, '"commit_sha": "a1b2')} Unexpected \`active_runtime_baseline.commit_sha\` \`a1b2c3d4e5f60718293a4b5c6d7e8f9012345678\` in the release handoff, expected \`cf331449e1589581a5dcbb3adecd3e9ae4509277\` as the live pin (content/runtime/pin.yaml) states`,
    ],
  },
  'pin: active_runtime_baseline.expected_service_contract_version': {
    edit: replaceOnce(
      '"expected_service_contract_version": "service.v2"',
      '"expected_service_contract_version": "service.v3"',
    ),
    expected: (text) => [
      `${at(text, '"expected_service_contract_version"')} Unexpected \`active_runtime_baseline.expected_service_contract_version\` \`service.v3\` in the release handoff, expected \`service.v2\` as the live pin (content/runtime/pin.yaml) states`,
    ],
  },
  'pin: active_runtime_baseline.expected_api_contract_version': {
    edit: replaceOnce('"expected_api_contract_version": "api.v1"', '"expected_api_contract_version": "api.v2"'),
    expected: (text) => [
      `${at(text, '"expected_api_contract_version"')} Unexpected \`active_runtime_baseline.expected_api_contract_version\` \`api.v2\` in the release handoff, expected \`api.v1\` as the live pin (content/runtime/pin.yaml) states`,
    ],
  },
  'pin: integration_baseline': {
    edit: replaceOnce('"integration_baseline": "integration/v1"', '"integration_baseline": "integration/v2"'),
    expected: (text) => [
      `${at(text, '"integration_baseline"')} Unexpected \`integration_baseline\` \`integration/v2\` in the release handoff, expected \`integration/v1\` as the live pin (content/runtime/pin.yaml) states`,
    ],
  },
  'envelope policy: the live contract’s required fields': {
    edit: replaceOnce(
      '"required_fields": ["service_contract_version", "error.code", "error.message", "legacy_error"]',
      '"required_fields": ["service_contract_version", "error.code", "error.message"]',
    ),
    expected: (text) => [
      `${at(text, '"required_fields"', 2)} Unexpected \`service.v2\` required fields in the release handoff: missing \`legacy_error\`, expected the 4 items of content/contracts/service.v2.yaml`,
    ],
  },
  'envelope policy: the candidate’s forbidden fields': {
    edit: replaceOnce(
      '"forbidden_fields": ["legacy_error", "api_contract_version"]',
      '"forbidden_fields": ["api_contract_version"]',
    ),
    expected: (text) => [
      `${at(text, '"forbidden_fields"')} Unexpected \`service.v3\` forbidden fields in the release handoff: missing \`legacy_error\`, expected the 2 items of content/contracts/service.v3.yaml`,
    ],
  },
  'command list: verification_commands': {
    edit: (text) => {
      const [head, rest] = text.split('"required_producer_checks"') as [string, string];
      return `${replaceOnce('    "cargo test --workspace --all-targets --all-features",\n', '')(head)}"required_producer_checks"${rest}`;
    },
    expected: (text) => [
      `${at(text, '"verification_commands"')} Unexpected verification commands in the release handoff: missing \`cargo test --workspace --all-targets --all-features\`, expected the 8 items of content/migrations/service-v3/plan.mdx`,
    ],
  },
  'command list: required_consumer_checks': {
    edit: replaceOnce('"pnpm run test:ci"\n', '"pnpm run test:ci",\n    "pnpm run lint"\n'),
    expected: (text) => [
      `${at(text, '"required_consumer_checks"')} Unexpected consumer checks in the release handoff: unexpected \`pnpm run lint\`, expected the 3 items of content/migrations/service-v3/plan.mdx`,
    ],
  },
  'command list: required_producer_checks': {
    edit: (text) => {
      const [head, rest] = text.split('"required_producer_checks"') as [string, string];
      return `${head}"required_producer_checks"${replaceOnce('--skip-baseline"\n  ],\n', '--skip-baseline",\n    "cargo bench --workspace"\n  ],\n')(rest)}`;
    },
    expected: (text) => [
      `${at(text, '"cargo bench --workspace"')} Unexpected required producer check \`cargo bench --workspace\` in the release handoff, expected \`one of the producer commands\` as content/migrations/service-v3/plan.mdx states`,
    ],
  },
  'trigger list: rollback_policy.triggers': {
    edit: replaceOnce('"Deterministic fallback regression in the consumer."', '"Latency regression in the consumer."'),
    expected: (text) => [
      `${at(text, '"triggers"')} Unexpected rollback triggers in the release handoff: missing \`Deterministic fallback regression in the consumer.\`, unexpected \`Latency regression in the consumer.\`, expected the 4 items of content/migrations/service-v3/gates.mdx`,
    ],
  },
  'overlap window: duration_days': {
    edit: replaceOnce('"duration_days": 14', '"duration_days": 10'),
    expected: (text) => [
      `${at(text, '"duration_days"')} Unexpected overlap window \`10 days\` in the release handoff, expected \`14 days\` as \`overlap.days\` in content/runtime/producer-manifest.yaml states`,
    ],
  },
  'overlap window: not_before (against the migration’s declared notBefore)': {
    // The shipped migration declares no not-before day; here it declares the handoff's, then the handoff moves.
    content: () =>
      withEdit(
        shippedFiles(),
        migrationPath,
        replaceOnce('started: 2026-02-08\n', 'started: 2026-02-08\nnotBefore: 2026-02-22\n'),
      ),
    edit: replaceOnce('"not_before": "2026-02-22"', '"not_before": "2026-02-25"'),
    expected: (text) => [
      `${at(text, '"not_before"')} Unexpected not-before day \`2026-02-25\` in the release handoff, expected \`2026-02-22\` as \`notBefore\` in ${migrationPath} states`,
    ],
  },
  'mode: handoff_mode (and, in stable mode, the release it hands off)': {
    edit: (text) =>
      replaceOnce(
        '"release_tag": "v0.3.2",\n  "commit_sha"',
        '"release_tag": "v0.3.3",\n  "commit_sha"',
      )(replaceOnce('"handoff_mode": "service-v3-candidate"', '"handoff_mode": "stable"')(text)),
    expected: (text) => [
      `${at(text, '"handoff_mode"')} Unexpected \`handoff_mode\` \`stable\` in the release handoff, expected \`service-v3-candidate\` as migration service-v3 in rehearsal states`,
      `${at(text, '"release_tag": "v0.3.3"')} Unexpected \`release_tag\` \`v0.3.3\` in the release handoff, expected \`v0.3.2\` as the live pin (content/runtime/pin.yaml) states`,
    ],
  },
};

describe('release-handoff: every fact of the handoff is compared with the content', () => {
  it('the shipped handoff agrees with the shipped content', () => {
    const files: SourceFile[] = [...shippedFiles(), { path: handoffPath, text: shippedHandoff }];
    expect(checkFiles(files, [], true).map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.reason}`)).toEqual([]);
  });

  for (const [name, fact] of Object.entries(facts))
    it(`${name}: a disagreement is reported at the handoff JSON's line`, () => {
      const edited = fact.edit(shippedHandoff);
      expect(edited).not.toBe(shippedHandoff);
      expect(reportsWith(edited, fact.content?.()).sort()).toEqual(fact.expected(edited).sort());
    });

  it('a not-before day only the handoff states is the producer’s own: nothing to disagree with', () => {
    expect(
      reportsWith(replaceOnce('"not_before": "2026-02-22"', '"not_before": "2026-02-25"')(shippedHandoff)),
    ).toEqual([]);
  });
});
