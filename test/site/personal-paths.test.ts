import { describe, expect, it } from 'vitest';
import { personalPathsIn, splitPersonalPaths } from '../../src/core/personal-paths.ts';

describe('personal paths in commands', () => {
  it("finds a path into someone's home folder, as the seed's commands carry it", () => {
    const command = './scripts/verify_contract_parity.sh --canonical-root /Users/d/Projects/MemoryKernel';
    expect(personalPathsIn(command)).toEqual([{ path: '/Users/d/Projects/MemoryKernel', start: 53 }]);
    expect(splitPersonalPaths(command)).toEqual([
      { text: './scripts/verify_contract_parity.sh --canonical-root ', personal: false },
      { text: '/Users/d/Projects/MemoryKernel', personal: true },
    ]);
    expect(personalPathsIn('run --root=/home/ci/work && ls C:\\Users\\d\\repo').map((found) => found.path)).toEqual([
      '/home/ci/work',
      'C:\\Users\\d\\repo',
    ]);
  });

  it('leaves portable commands alone: relative paths, system paths, a folder merely named Users', () => {
    for (const command of [
      'cargo test --workspace --all-targets --all-features',
      './scripts/run_trilogy_smoke.sh --memorykernel-root .',
      'ls /usr/share/doc /etc/home',
      'cat docs/Users/guide.md ./home/x',
      'pnpm run test:ci',
    ])
      expect(personalPathsIn(command), command).toEqual([]);
    expect(splitPersonalPaths('pnpm run test:ci')).toEqual([{ text: 'pnpm run test:ci', personal: false }]);
  });
});
