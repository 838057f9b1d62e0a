import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/core/parse/json.ts';
import { parseWithSchema, unknownKeyWarnings } from '../../src/core/parse/schema.ts';
import { candidateOfHandoffMode, releaseHandoffSchema } from '../../src/schemas/index.ts';

const fixture = readFileSync(new URL('fixtures/producer-handoff-example.json', import.meta.url), 'utf8');

/** Parses the fixture after `edit` changed its data, returning errors and unknown-key warnings with lines. */
// The edits reach into nested JSON of a known fixture; typing each level would only restate the fixture.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EditableJson = Record<string, any>;

function check(edit: (data: EditableJson) => void = () => {}) {
  const data = JSON.parse(fixture) as EditableJson;
  edit(data);
  const text = JSON.stringify(data, null, 2);
  const parsed = parseJson(text);
  const result = parseWithSchema(releaseHandoffSchema, parsed.data, parsed.locate, 'release handoff');
  const warnings = unknownKeyWarnings(releaseHandoffSchema, parsed.data, parsed.locate, 'release handoff');
  return {
    /** 1-based line of the first line containing `needle`, so expectations do not hard-code layout. */
    lineOf: (needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1,
    result,
    errors: result.ok ? [] : result.problems.map((p) => `${p.place.start.line}: ${p.reason}`),
    warnings: warnings.map((p) => `${p.place.start.line}: ${p.reason} | ${p.hint}`),
  };
}

describe('release handoff schema', () => {
  it('accepts the producer format and types its fields', () => {
    const { result, errors, warnings } = check();
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    if (!result.ok) throw new Error('unreachable');
    expect(result.data.active_runtime_baseline.expected_service_contract_version).toBe('service.v2');
    expect(result.data.rehearsal_candidate?.overlap_window.duration_days).toBe(14);
  });

  it('reports unknown keys at any depth as warnings, keeping their values, with a rename hint for a typo', () => {
    const { result, errors, warnings, lineOf } = check((data) => {
      data['release_channel'] = 'beta';
      data['active_runtime_baseline']['expected_api_contract_verison'] = 'api.v1';
      data['rehearsal_candidate']['overlap_window']['extended_by_days'] = 3;
    });
    expect(errors).toEqual([]);
    expect(result.ok && (result.data as Record<string, unknown>)['release_channel']).toBe('beta');
    expect(warnings).toEqual([
      `${lineOf('"expected_api_contract_verison"')}: Unexpected key \`expected_api_contract_verison\` in \`active_runtime_baseline\` of the release handoff, expected one of \`release_tag\`, \`commit_sha\`, \`expected_service_contract_version\`, \`expected_api_contract_version\` | Did you mean \`expected_api_contract_version\`? Rename the key; as written, its value is not checked.`,
      expect.stringMatching(
        new RegExp(
          `^${lineOf('"extended_by_days"')}: Unexpected key \`extended_by_days\` in \`rehearsal_candidate.overlap_window\``,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^${lineOf('"release_channel"')}: Unexpected key \`release_channel\` in the top level of the release handoff, .*Nothing checks this key`,
        ),
      ),
    ]);
  });

  it('rejects wrong values of known keys as errors at their line', () => {
    const { errors, lineOf } = check((data) => {
      data['active_runtime_baseline']['commit_sha'] = 'cf33144';
      data['rehearsal_candidate']['overlap_window']['duration_days'] = '14';
    });
    expect(errors).toEqual([
      `${lineOf('"cf33144"')}: Unexpected \`cf33144\` at \`active_runtime_baseline.commit_sha\`, expected a commit sha of 40 lower-case hex digits`,
      `${lineOf('"duration_days"')}: Unexpected string \`14\` at \`rehearsal_candidate.overlap_window.duration_days\`, expected a number`,
    ]);
  });

  it('requires the candidate object to agree with the mode', () => {
    expect(
      check((data) => {
        data['handoff_mode'] = 'service-v4-candidate';
      }).errors,
    ).toEqual([
      '13: Unexpected `service.v3` at `rehearsal_candidate.target_service_contract_version`: expected service.v4, the candidate handoff_mode `service-v4-candidate` names',
    ]);
    const withoutCandidate = check((data) => {
      delete data['rehearsal_candidate'];
    });
    expect(withoutCandidate.errors).toEqual([
      `${withoutCandidate.lineOf('"handoff_mode"')}: Unexpected \`service-v3-candidate\` at \`handoff_mode\`: it names candidate service.v3, expected a rehearsal_candidate object for it (or handoff_mode stable)`,
    ]);
    expect(
      check((data) => {
        data['handoff_mode'] = 'stable';
        delete data['rehearsal_candidate'];
      }).errors,
    ).toEqual([]);
  });

  it('maps a handoff mode to the contract it names', () => {
    expect(candidateOfHandoffMode('service-v3-candidate')).toBe('service.v3');
    expect(candidateOfHandoffMode('stable')).toBeUndefined();
  });
});
