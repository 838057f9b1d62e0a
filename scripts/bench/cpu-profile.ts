/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. of `astro build`): where the time went, as self
 * time and as inclusive time, by function and by owner (a package, a file of this project, Node itself).
 * Not a test and not part of `pnpm bench`: a tool for finding what a build spends its CPU on.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof node_modules/astro/bin/astro.mjs build
 *   node scripts/bench/cpu-profile.ts /tmp/prof/CPU.*.cpuprofile [--top 25] [--json out.json]
 *
 * Inclusive time counts a sample once per function (or owner) on its stack, so recursion is not counted
 * twice. Project files are named relative to the `src/` or `scripts/` folder they come from, wherever the
 * profiled copy of the project lives.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** The parts of the `.cpuprofile` format (Chrome DevTools' `Profiler.Profile`) this script reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** Who owns a frame: an npm package (`@astrojs/starlight`), a project file (`src/astro/site.ts`), Node, or V8. */
export function ownerOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return '(node)';
  const path = decodeURIComponent(url.replace(/^file:\/\//, ''));
  const modules = path.lastIndexOf('/node_modules/');
  if (modules !== -1) {
    const [scope = '', name = ''] = path.slice(modules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const own = /\/((?:src|scripts|bin)\/.*)$/.exec(path);
  return own?.[1] ?? path;
}

function frameName(frame: CallFrame): string {
  const owner = ownerOf(frame);
  const name = frame.functionName || '(anonymous)';
  return owner.startsWith('(') && owner === name ? name : `${name} ${owner}:${frame.lineNumber + 1}`;
}

export interface ProfileSummary {
  totalMs: number;
  byOwnerSelf: [string, number][];
  byOwnerInclusive: [string, number][];
  byFunctionSelf: [string, number][];
  byFunctionInclusive: [string, number][];
}

export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const ownerSelf = new Map<string, number>();
  const ownerInclusive = new Map<string, number>();
  const functionSelf = new Map<string, number>();
  const functionInclusive = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  let totalMs = 0;
  profile.samples.forEach((id, index) => {
    // A sample's delta is the time since the previous sample; it belongs to the sampled stack.
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(id);
    if (!leaf) return;
    add(ownerSelf, ownerOf(leaf.callFrame), ms);
    add(functionSelf, frameName(leaf.callFrame), ms);
    const owners = new Set<string>();
    const functions = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)?.callFrame;
      if (!frame || frame.functionName === '(root)') continue;
      owners.add(ownerOf(frame));
      functions.add(frameName(frame));
    }
    for (const owner of owners) add(ownerInclusive, owner, ms);
    for (const name of functions) add(functionInclusive, name, ms);
  });
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    totalMs,
    byOwnerSelf: sorted(ownerSelf),
    byOwnerInclusive: sorted(ownerInclusive),
    byFunctionSelf: sorted(functionSelf),
    byFunctionInclusive: sorted(functionInclusive),
  };
}

function table(title: string, rows: [string, number][], totalMs: number, top: number): string {
  const lines = rows
    .slice(0, top)
    .map(([name, ms]) => `| ${(ms / 1000).toFixed(2)} | ${((100 * ms) / totalMs).toFixed(1)} | ${name} |`);
  return [`### ${title}`, '', '| s | % | what |', '| ---: | ---: | --- |', ...lines, ''].join('\n');
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string' }, json: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('usage: cpu-profile.ts <file.cpuprofile> [--top N] [--json out.json]\n');
    process.exit(2);
  }
  const top = Number(values.top ?? 25);
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  process.stdout.write(
    [
      `profile: ${file}`,
      `sampled: ${(summary.totalMs / 1000).toFixed(1)} s (main thread; a child process such as Pagefind's is not in it)`,
      '',
      table('Self time by owner', summary.byOwnerSelf, summary.totalMs, top),
      table('Inclusive time by owner', summary.byOwnerInclusive, summary.totalMs, top),
      table('Self time by function', summary.byFunctionSelf, summary.totalMs, top),
      table('Inclusive time by function', summary.byFunctionInclusive, summary.totalMs, top),
    ].join('\n'),
  );
  if (values.json) writeFileSync(values.json, `${JSON.stringify(summary, null, 2)}\n`);
}
