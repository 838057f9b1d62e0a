import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/core/corpus.ts';
import type { Diagnostic } from '../../src/core/diagnostic.ts';
import {
  checkRegenerated,
  positionOf,
  producerManifestJson,
  replaceOnce,
  shippedWithManifest,
  textOf,
  where,
  withEdit,
} from '../helpers/content.ts';

/**
 * Issue 17: single-fact edits a careless author makes (each followed by `pnpm generate`) where a fact of
 * the data is restated in prose or another file. Each edit must fail naming the rule, file, line and
 * column, with a hint; each has a clean counterpart, the same text made consistent, that passes.
 */
const migration = 'content/migrations/service-v3';
/** The manifest's numbers and codes are read from the producer's manifest JSON (`source:`): edit them there. */
const manifest = producerManifestJson;
const rfc = `${migration}/rfc.mdx`;
const plan = `${migration}/plan.mdx`;
const gates = `${migration}/gates.mdx`;
const tracker = `${migration}/tracker.mdx`;

type Edit = [path: string, edit: (text: string) => string];

function edited(...edits: Edit[]): SourceFile[] {
  return edits.reduce((files, [path, edit]) => withEdit(files, path, edit), shippedWithManifest());
}

/** `file:line:column rule` of the n-th occurrence of `needle` in the edited file. */
function at(files: SourceFile[], path: string, needle: string, rule: string, occurrence = 1): string {
  const { line, column } = positionOf(textOf(files, path), needle, occurrence);
  return `${path}:${line}:${column} ${rule}`;
}

function reportsOf(files: SourceFile[]): Diagnostic[] {
  const diagnostics = checkRegenerated(files);
  for (const diagnostic of diagnostics) {
    // Every report says how to fix it.
    expect(diagnostic.note?.length ?? 0).toBeGreaterThan(20);
  }
  return diagnostics;
}

function expectClean(files: SourceFile[]): void {
  expect(checkRegenerated(files).map((diagnostic) => `${where(diagnostic)} ${diagnostic.reason}`)).toEqual([]);
}

describe('restated numbers (numbers-agree)', () => {
  it('1. the overlap window changed in the manifest while the RFC keeps 14 days', () => {
    const files = edited([manifest, replaceOnce('"duration_days": 14', '"duration_days": 21')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([
      at(files, rfc, '14 days', 'numbers-agree'),
      at(files, rfc, '14-day', 'numbers-agree'),
      at(files, rfc, '14-day', 'numbers-agree', 2),
    ]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected overlap window of `14 days`, expected 21 days as `/migration_overlap/duration_days` in contracts/integration/v1/producer-contract-manifest.json',
    );
    expect(diagnostics[0]?.note).toContain('Restate the overlap window as the data holds it (21 days)');
  });

  it('1. clean: the overlap window changed everywhere, in digits, words and the hyphenated form', () => {
    expectClean(
      edited(
        [manifest, replaceOnce('"duration_days": 14', '"duration_days": 21')],
        [
          rfc,
          (text) =>
            text
              .replace('overlap window of 14 days', 'overlap window of twenty-one days')
              .replaceAll('14-day', '21-day'),
        ],
      ),
    );
  });

  it('2. the standard notice changed in the manifest while the plan and the RFC keep 10 business days', () => {
    const files = edited([manifest, replaceOnce('"standard_business_days": 10', '"standard_business_days": 5')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([
      at(files, plan, '10 business days', 'numbers-agree'),
      at(files, rfc, '10 business days', 'numbers-agree'),
    ]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected standard additive error-code notice of `10 business days`, expected 5 business days as `/additive_error_code_notice/standard_business_days` in contracts/integration/v1/producer-contract-manifest.json',
    );
  });

  it('2. clean: five business days everywhere', () => {
    expectClean(
      edited(
        [manifest, replaceOnce('"standard_business_days": 10', '"standard_business_days": 5')],
        [plan, replaceOnce('10 business days', 'five business days')],
        [rfc, replaceOnce('10 business days', '5 business days')],
      ),
    );
  });

  it('3. the emergency notice changed in the manifest while the plan and the RFC keep 24 hours', () => {
    const files = edited([manifest, replaceOnce('"emergency_hours": 24', '"emergency_hours": 48')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([
      at(files, plan, '24 hours', 'numbers-agree'),
      at(files, rfc, '24 hours', 'numbers-agree'),
    ]);
    expect(diagnostics[1]?.reason).toBe(
      'Unexpected emergency additive error-code notice of `24 hours`, expected 48 hours as `/additive_error_code_notice/emergency_hours` in contracts/integration/v1/producer-contract-manifest.json',
    );
  });

  it('3. clean: 48 hours everywhere, or two days', () => {
    expectClean(
      edited(
        [manifest, replaceOnce('"emergency_hours": 24', '"emergency_hours": 48')],
        [plan, replaceOnce('24 hours', '48 hours')],
        [rfc, replaceOnce('24 hours', 'two days')],
      ),
    );
  });

  it('4. the overlap window changed in the RFC prose only', () => {
    const files = edited([rfc, replaceOnce('overlap window of 14 days', 'overlap window of 21 days')]);
    expect(reportsOf(files).map(where)).toEqual([at(files, rfc, '21 days', 'numbers-agree')]);
  });

  it('4. clean: the same sentence with the number written out, or in weeks', () => {
    expectClean(edited([rfc, replaceOnce('overlap window of 14 days', 'overlap window of fourteen days')]));
    expectClean(edited([rfc, replaceOnce('overlap window of 14 days', 'overlap window of two weeks')]));
  });

  it('5. the standard notice changed in the plan prose only', () => {
    const files = edited([plan, replaceOnce('10 business days', '5 business days')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, plan, '5 business days', 'numbers-agree')]);
    expect(diagnostics[0]?.note).toContain('(10 business days)');
  });

  it('6. the emergency notice changed in the RFC prose only', () => {
    const files = edited([rfc, replaceOnce('shrink to 24 hours', 'shrink to 48 hours')]);
    expect(reportsOf(files).map(where)).toEqual([at(files, rfc, '48 hours', 'numbers-agree')]);
  });

  it('6. clean: the same notice as one day', () => {
    expectClean(edited([rfc, replaceOnce('shrink to 24 hours', 'shrink to one day')]));
  });

  it('18. a count of producer commands that no longer matches the plan', () => {
    const files = edited([plan, replaceOnce('runs these eight commands', 'runs these nine commands')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, plan, 'nine commands', 'numbers-agree')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected count `nine commands`, expected 8 producer commands or 11 commands as declared in content/migrations/service-v3/plan.mdx',
    );
    expect(diagnostics[0]?.note).toContain('8 (eight)');
  });

  it('18. a producer command removed from the data and every list, while the counts still say eight', () => {
    const run = './scripts/run_trilogy_smoke.sh --memorykernel-root /Users/d/Projects/MemoryKernel';
    const files = edited(
      [
        plan,
        (text) =>
          text
            .replace(/ {2}- id: run-trilogy-smoke\n(?: {4}.*\n)+/, '')
            .replace(`${run}\n`, '')
            .replace(/- `command:run-trilogy-smoke`.*\n/, ''),
      ],
      [
        gates,
        (text) => text.replace('        - run-trilogy-smoke\n', '').replace('- `command:run-trilogy-smoke`\n', ''),
      ],
      [tracker, replaceOnce(' `command:run-trilogy-smoke` and', ' and')],
    );
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([
      at(files, gates, 'eight producer verification', 'numbers-agree'),
      at(files, plan, 'eight commands', 'numbers-agree'),
      // The definition of done in the tracker frontmatter, then its restatement in the task section.
      at(files, tracker, 'All eight producer', 'numbers-agree'),
      at(files, tracker, 'eight producer verification', 'numbers-agree', 2),
    ]);
  });

  it('19. a count of prerequisites that does not match the data', () => {
    const files = edited([
      gates,
      replaceOnce(
        '## Producer prerequisites\n',
        '## Producer prerequisites\n\nMemoryKernel meets all six prerequisites.\n',
      ),
    ]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, gates, 'six prerequisites', 'numbers-agree')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected count `six prerequisites`, expected 4 producer prerequisites or 8 prerequisites as declared in content/migrations/service-v3/gates.mdx',
    );
  });

  it('19. clean: the four producer prerequisites, all eight prerequisites', () => {
    expectClean(
      edited([
        gates,
        replaceOnce(
          '## Producer prerequisites\n',
          '## Producer prerequisites\n\nMemoryKernel meets the four producer prerequisites; together the sides have eight prerequisites. The first two prerequisites come early.\n',
        ),
      ]),
    );
  });
});

describe('restated error codes (error-codes-agree)', () => {
  it('7. an error code removed from the manifest while the RFC still lists it', () => {
    const files = edited([manifest, replaceOnce('    "write_failed",\n', '')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, rfc, '`write_failed`', 'error-codes-agree')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected error-code list: unexpected `write_failed`, expected the 9 codes of contracts/integration/v1/producer-contract-manifest.json',
    );
  });

  it('7. clean: the code removed from the manifest and from the RFC', () => {
    expectClean(
      edited([manifest, replaceOnce('    "write_failed",\n', '')], [rfc, replaceOnce('`write_failed`, ', '')]),
    );
  });

  it('8. an error code dropped from the RFC list only', () => {
    const files = edited([rfc, replaceOnce('`write_failed`, ', '')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, rfc, 'The list of error codes', 'error-codes-agree')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected error-code list: missing `write_failed`, expected the 10 codes of contracts/integration/v1/producer-contract-manifest.json',
    );
  });

  it('8. clean: a sentence that samples a few codes, and a list of all of them', () => {
    const all =
      '`invalid_json`, `validation_error`, `context_package_not_found`, `write_conflict`, `write_failed`, `schema_unavailable`, `migration_failed`, `query_failed`, `context_lookup_failed`, `internal_error`';
    expectClean(
      edited([
        rfc,
        replaceOnce(
          '## Compatibility and overlap window\n',
          `## Error codes\n\nCodes such as \`write_conflict\`, \`write_failed\` and \`query_failed\` may carry details, e.g. \`write_conflict\`, \`query_failed\` and \`invalid_json\`.\n\n${all
            .split(', ')
            .map((code) => `- ${code}`)
            .join('\n')}\n\n## Compatibility and overlap window\n`,
        ),
      ]),
    );
  });
});

describe('restated error codes in a list', () => {
  it('a list under an “Error codes” heading that misses one code is reported at the list', () => {
    const files = edited([
      rfc,
      replaceOnce(
        '## Compatibility and overlap window\n',
        '## Error codes\n\n- `invalid_json`\n- `validation_error`\n- `write_conflict`\n\n## Compatibility and overlap window\n',
      ),
    ]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, rfc, '- `invalid_json`', 'error-codes-agree')]);
    expect(diagnostics[0]?.reason).toMatch(/^Unexpected error-code list: missing `context_package_not_found`, /);
  });
});

describe('restated names (parties)', () => {
  it('12. an approver team renamed in the RFC frontmatter only', () => {
    const files = edited([rfc, replaceOnce('  - team: AssistSupport\n', '  - team: AssistSupportTeam\n')]);
    const diagnostics = reportsOf(files).filter((diagnostic) => diagnostic.ruleId === 'parties');
    expect(diagnostics.map(where)).toEqual([at(files, rfc, 'team: AssistSupportTeam', 'parties')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected approver `AssistSupportTeam`, expected a declared party: `MemoryKernel`, `AssistSupport`',
    );
    expect(diagnostics[0]?.note).toMatch(/^Did you mean `AssistSupport`\?/);
  });

  it('12. clean: a new approving team declared as a party in the runtime pin, and named in the table', () => {
    expectClean(
      edited(
        [
          'content/runtime/pin.yaml',
          replaceOnce('consumer: AssistSupport\n', 'consumer: AssistSupport\nparties: [PlatformSecurity]\n'),
        ],
        [
          rfc,
          (text) =>
            text
              .replace('    role: consumer\n', '    role: consumer\n  - team: PlatformSecurity\n    role: producer\n')
              .replace(
                '| AssistSupport | consumer | pending |\n',
                '| AssistSupport | consumer | pending |\n| PlatformSecurity | producer | pending |\n',
              ),
        ],
      ),
    );
  });

  it("13. the migration's consumer differs from the pin's", () => {
    const path = `${migration}/migration.yaml`;
    const files = edited([path, replaceOnce('consumer: AssistSupport\n', 'consumer: AssistSupportX\n')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, path, 'consumer: AssistSupportX', 'parties')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected consumer `AssistSupportX`, expected `AssistSupport` as the runtime pin declares',
    );
  });

  it('14. prose says another team owns a gate', () => {
    const files = edited([gates, replaceOnce('is owned by MemoryKernel.', 'is owned by AssistSupport.')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, gates, 'AssistSupport. It passes', 'parties')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected owner `AssistSupport` for gate `producer-suite-green`, expected `MemoryKernel` (the producer) as in content/migrations/service-v3/gates.mdx',
    );
  });

  it('14. a misspelt team in an ownership sentence is no declared party', () => {
    const files = edited([gates, replaceOnce('is owned by MemoryKernel.', 'is owned by MemoryKernal.')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, gates, 'MemoryKernal', 'parties')]);
    expect(diagnostics[0]?.note).toMatch(/^Did you mean `MemoryKernel`\?/);
  });

  it('14. clean: ownership said with the role, both teams, or the other word order', () => {
    expectClean(
      edited([
        gates,
        (text) =>
          text
            .replace('is owned by MemoryKernel.', 'is owned by the producer.')
            .replace(
              '`gate:candidate-envelope-assertions` is owned jointly.',
              '`gate:candidate-envelope-assertions` is owned by MemoryKernel and AssistSupport.',
            )
            .replace(
              '`gate:consumer-suite-green` is owned by AssistSupport.',
              'AssistSupport owns `gate:consumer-suite-green`.',
            ),
      ]),
    );
  });

  it('a document owner that is no declared party', () => {
    const files = edited([tracker, replaceOnce('owner: MemoryKernel\n', 'owner: Memory Kernel\n')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, tracker, 'owner: Memory Kernel', 'parties')]);
  });
});

describe('approvals and stages (approvals, stages)', () => {
  it('9. the RFC set to accepted while its approvals are pending', () => {
    const files = edited([rfc, replaceOnce('status: draft\n', 'status: accepted\n')]);
    const diagnostics = reportsOf(files).filter((diagnostic) => diagnostic.ruleId === 'approvals');
    expect(diagnostics.map(where)).toEqual([at(files, rfc, 'status: accepted', 'approvals')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected RFC status `accepted` while 2 of 2 approvals are not recorded as approved (`MemoryKernel` pending, `AssistSupport` pending), expected every approver `approved`',
    );
  });

  it('9. clean: both approvals recorded in the frontmatter and the table, then accepted', () => {
    expectClean(
      edited([
        rfc,
        (text) =>
          text
            .replace('status: draft\n', 'status: accepted\n')
            .replace('    role: producer\n', '    role: producer\n    decision: approved\n')
            .replace('    role: consumer\n', '    role: consumer\n    decision: approved\n')
            .replace('| MemoryKernel | producer | pending |', '| MemoryKernel | producer | approved |')
            .replace('| AssistSupport | consumer | pending |', '| AssistSupport | consumer | approved |'),
      ]),
    );
  });

  it('9. the approvals table says approved while the frontmatter records nothing', () => {
    const files = edited([
      rfc,
      replaceOnce('| AssistSupport | consumer | pending |', '| AssistSupport | consumer | approved |'),
    ]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, rfc, 'approved |', 'approvals')]);
    expect(diagnostics[0]?.note).toContain('`decision: approved` under the approver `AssistSupport`');
  });

  it('12. an approver renamed in the frontmatter only: the table keeps the old name', () => {
    const files = edited([rfc, replaceOnce('  - team: AssistSupport\n', '  - team: AssistSupportTeam\n')]);
    expect(reportsOf(files).map(where)).toEqual([
      at(files, rfc, 'team: AssistSupportTeam', 'parties'),
      at(files, rfc, '| Team |', 'approvals'),
      at(files, rfc, 'AssistSupport | consumer', 'approvals'),
      // (the table row keeps the old name)
    ]);
  });

  it('10. two stages with the same number', () => {
    const files = edited([rfc, replaceOnce('    number: 2\n', '    number: 1\n')]);
    const diagnostics = reportsOf(files).filter((diagnostic) => diagnostic.ruleId === 'stages');
    expect(diagnostics.map(where)).toEqual([
      at(files, rfc, 'number: 1', 'stages', 2),
      // The prose "(stage 2, upcoming)" now names a number no stage has.
      at(files, rfc, 'stage 2, upcoming', 'stages'),
    ]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected stage number 1 for `stage-pre-release-artifacts`, already the number of `stage-rfc-finalization`, expected each stage to have its own number',
    );
  });

  it('10. a gap in the stage numbers', () => {
    const files = edited([rfc, replaceOnce('    number: 4\n', '    number: 5\n')]);
    const diagnostics = reportsOf(files).filter((diagnostic) => diagnostic.ruleId === 'stages');
    expect(diagnostics.map(where)[0]).toBe(at(files, rfc, 'number: 5', 'stages'));
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected stage number 5 for `stage-post-cutover-stabilization`, expected 4: stage numbers count up by one in the order the stages are listed',
    );
  });

  it('11. prose names stage 3 as current while the data says it is upcoming', () => {
    const files = edited([rfc, replaceOnce('(stage 3, upcoming)', '(stage 3, current)')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, rfc, 'stage 3, current', 'stages')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected status `current` for stage 3 (`stage-cutover`), expected `upcoming` as in content/migrations/service-v3/rfc.mdx; the current stage is 0 (`stage-preparation`)',
    );
  });

  it('11. clean: the stages moved on in the data and the prose together', () => {
    expectClean(
      edited([
        rfc,
        (text) =>
          text
            .replace(/(id: stage-preparation\n[^\n]*\n[^\n]*\n {4}status: )current/, '$1done')
            .replace(/(id: stage-rfc-finalization\n[^\n]*\n[^\n]*\n {4}status: )upcoming/, '$1current')
            .replace('(stage 0, current)', '(stage 0, done)')
            .replace('(stage 1, upcoming)', '(stage one, current)')
            .replace(
              '## Migration stages\n',
              '## Migration stages\n\nThe current stage is stage 1; stage 3 is done when its gates pass.\n',
            ),
      ]),
    );
  });

  it('11. a stage reference with the wrong number', () => {
    const files = edited([
      rfc,
      replaceOnce('`stage:stage-cutover` (stage 3, upcoming)', '`stage:stage-cutover` (stage 4, upcoming)'),
    ]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, rfc, 'stage 4, upcoming', 'stages')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected stage 4 for `stage:stage-cutover`, expected 3 as in content/migrations/service-v3/rfc.mdx',
    );
  });
});

describe('order where the data says it is ordered (list-order)', () => {
  const advisory = '2. `action:publish-rollback-advisory` (producer): publish a rollback advisory.\n';
  const reopen =
    '3. `action:reopen-overlap-window` (joint): reopen the overlap window until the issue is fixed and verified again.\n';
  const swapActions = (text: string) =>
    replaceOnce(advisory + reopen, reopen.replace('3.', '2.') + advisory.replace('2.', '3.'))(text);

  it('16. rollback actions reordered under “Carried out in this order”', () => {
    const files = edited([gates, swapActions]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, gates, '2. `action:reopen-overlap-window`', 'list-order')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected order of rollback actions: position 2 is `reopen-overlap-window`, expected `publish-rollback-advisory`, as content/migrations/service-v3/gates.mdx orders them',
    );
  });

  it('16. clean: the order changed in the data and every restatement; triggers (a set) in any order', () => {
    const triggers = [
      '- `trigger:consumer-suite-fails`: consumer contract suite fails after the candidate repin.\n',
      '- `trigger:envelope-shape-mismatch`: non-2xx envelope shape mismatch in integration tests.\n',
    ];
    expectClean(
      edited(
        [
          gates,
          (text) =>
            swapActions(text)
              .replace(
                /( {2}- id: publish-rollback-advisory\n(?: {4}.*\n){2})( {2}- id: reopen-overlap-window\n(?: {4}.*\n){2})/,
                '$2$1',
              )
              .replace(triggers.join(''), `${triggers[1]}${triggers[0]}`),
        ],
        [
          rfc,
          (text) =>
            text
              .replace('2. `action:publish-rollback-advisory`', '3. `action:publish-rollback-advisory`')
              .replace('3. `action:reopen-overlap-window`', '2. `action:reopen-overlap-window`')
              .replace(/(3\. `action:publish-rollback-advisory`.*\n)(2\. `action:reopen-overlap-window`.*\n)/, '$2$1'),
        ],
      ),
    );
  });

  it('17. producer commands reordered in the plan block that says “in this order”', () => {
    const clippy = 'cargo clippy --workspace --all-targets --all-features -- -D warnings\n';
    const test = 'cargo test --workspace --all-targets --all-features\n';
    const files = edited([plan, replaceOnce(clippy + test, test + clippy)]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([`${plan}:${positionOf(textOf(files, plan), test).line}:1 list-order`]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected order of producer commands: position 2 is `cargo-test`, expected `cargo-clippy`, as content/migrations/service-v3/plan.mdx orders them',
    );
  });

  it('17. clean: commands declared unordered (`ordered: []`) may be listed in any order', () => {
    const clippy = 'cargo clippy --workspace --all-targets --all-features -- -D warnings\n';
    const test = 'cargo test --workspace --all-targets --all-features\n';
    expectClean(
      edited([
        plan,
        (text) =>
          replaceOnce(clippy + test, test + clippy)(text).replace('status: active\n', 'status: active\nordered: []\n'),
      ]),
    );
  });
});

describe('dependencies in prose (dependencies-agree)', () => {
  const after = 'evidence for `gate:producer-suite-green` at cutover.\n';

  it('15. prose says task P3 waits on a gate while its data waits on nothing', () => {
    const files = edited([
      tracker,
      replaceOnce(after, `${after}\n\`task:P3\` still waits on \`gate:producer-suite-green\`.\n`),
    ]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, tracker, '`gate:producer-suite-green`.', 'dependencies-agree')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected dependency: prose says `task:P3` waits on `gate:producer-suite-green`, but its `waitsOn` in content/migrations/service-v3/tracker.mdx is empty',
    );
  });

  it('15. clean: a task whose data waits on the gate, a denial that agrees, and a sentence with no subject', () => {
    expectClean(
      edited([
        tracker,
        (text) =>
          replaceOnce(
            /( {4}status: ready\n[\s\S]*? {4})waitsOn: \[\]/,
            '$1waitsOn: [joint-signoff-recorded]',
          )(text).replace(
            after,
            `${after}\n\`task:P3\` does not wait on \`gate:producer-suite-green\`. \`task:P4\` waits on \`gate:joint-signoff-recorded\`. Nothing here waits on \`gate:consumer-suite-green\`.\n`,
          ),
      ]),
    );
  });

  it('15. a denial that contradicts the data', () => {
    const files = edited([
      `${migration}/plan.mdx`,
      replaceOnce(
        '## Exit criteria\n',
        '## Exit criteria\n\n`exit:exit-producer-suite` does not depend on `task:P3`.\n',
      ),
    ]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, plan, '`task:P3`.', 'dependencies-agree')]);
    expect(diagnostics[0]?.reason).toMatch(
      /^Unexpected dependency denial: prose says `exit:exit-producer-suite` does not wait on `task:P3`/,
    );
  });
});

describe('single live contract and dates (single-live-contract, dates-not-future)', () => {
  const v3 = 'content/contracts/service.v3.yaml';

  it('20. two contracts of one family marked live at once', () => {
    const files = edited([v3, replaceOnce('status: candidate\n', 'status: live\n')]);
    const diagnostics = reportsOf(files).filter((diagnostic) => diagnostic.ruleId === 'single-live-contract');
    expect(diagnostics.map(where)).toEqual([at(files, v3, 'status: live', 'single-live-contract')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected second live `service` contract `service.v3`, expected at most one live version of a family (`service.v2` is live)',
    );
  });

  it('20. clean: the old version retired when the new one goes live is one live contract', () => {
    const files = edited(
      [v3, replaceOnce('status: candidate\n', 'status: live\n')],
      ['content/contracts/service.v2.yaml', replaceOnce('status: live\n', 'status: retired\n')],
    );
    expect(checkRegenerated(files).filter((diagnostic) => diagnostic.ruleId === 'single-live-contract')).toEqual([]);
  });

  it('21. a pin `updated` date in the future', () => {
    const pin = 'content/runtime/pin.yaml';
    const files = edited([pin, replaceOnce('updated: 2026-02-08\n', 'updated: 2027-02-08\n')]);
    const diagnostics = reportsOf(files);
    expect(diagnostics.map(where)).toEqual([at(files, pin, 'updated: 2027-02-08', 'dates-not-future')]);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected `updated` date 2027-02-08 after the check date, expected a day no later than today',
    );
    expect(diagnostics[0]?.note).toContain('2026-11-30 or earlier');
  });

  it('21. clean: a pin updated on the check date itself', () => {
    expectClean(edited(['content/runtime/pin.yaml', replaceOnce('updated: 2026-02-08\n', 'updated: 2026-11-30\n')]));
  });

  it('22. an RFC `updated` in the future', () => {
    const files = edited([rfc, replaceOnce('updated: 2026-02-08\n', 'updated: 2026-12-01\n')]);
    expect(reportsOf(files).map(where)).toEqual([at(files, rfc, 'updated: 2026-12-01', 'dates-not-future')]);
  });
});
