/**
 * One measurement in a fresh process, so peak memory (max RSS) belongs to that measurement alone.
 * Usage: node scripts/bench/measure.ts check|floor <root> [--without rule-id,rule-id]
 * Prints one JSON line: { ms, cpuMs, loadCpuMs, ruleCpuMs, maxRssMb, files, diagnostics, byRule }
 * (CPU in ms, git's share included; `ruleCpuMs` per rule id, `byRule` reports per rule id).
 */
import { readFileSync } from 'node:fs';
import { checkCorpus } from '../../src/core/check.ts';
import { LineIndex } from '../../src/core/parse/line-index.ts';
import { parseMarkdownBody, splitFrontmatter } from '../../src/core/parse/markdown.ts';
import { parseJson } from '../../src/core/parse/json.ts';
import { parseYaml } from '../../src/core/parse/yaml.ts';
import { loadCorpus, readContentFiles } from '../../src/core/read.ts';
import { rules } from '../../src/core/rules/index.ts';

const [mode, root, flag, list] = process.argv.slice(2);
if ((mode !== 'check' && mode !== 'floor') || !root || (flag !== undefined && (flag !== '--without' || !list))) {
  process.stderr.write('usage: measure.ts check|floor <root> [--without rule-id,rule-id]\n');
  process.exit(2);
}
const without = new Set(list?.split(',') ?? []);
const unknown = [...without].filter((id) => !rules.some((rule) => rule.id === id));
if (unknown.length) {
  process.stderr.write(`measure.ts: unknown rule id(s) ${unknown.join(', ')}\n`);
  process.exit(2);
}

/**
 * CPU time of this process and of the children it waited for (git), in ms. Node reports only its own
 * rusage; the children's comes from /proc/self/stat (cutime + cstime, in clock ticks of 10 ms), where there is one.
 */
function cpuMs(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // Fields after the command name in parentheses (which may hold spaces): cutime and cstime are fields 16 and 17.
    const fields = readFileSync('/proc/self/stat', 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    children = (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    // No procfs: the children's share is left out, and git's cost with it.
  }
  return (own.user + own.system) / 1000 + children;
}

// Warm the modules (and the native Markdown parser) outside the timed region, as a long-lived process would be.
parseMarkdownBody('# warm\n', true);

const start = performance.now();
const cpuStart = cpuMs();
let files: number;
let diagnostics = 0;
const byRule: Record<string, number> = {};
const ruleCpuMs: Record<string, number> = {};
let loadCpuMs = 0;
if (mode === 'check') {
  // `checkProject`, unrolled so each rule's CPU time is known: load, then every rule (minus `--without`) in order.
  const corpus = loadCorpus(root);
  corpus.checkDate = new Date().toISOString().slice(0, 10);
  loadCpuMs = cpuMs() - cpuStart;
  files = corpus.files.length;
  for (const rule of rules.filter((candidate) => !without.has(candidate.id))) {
    const before = cpuMs();
    const reported = checkCorpus(corpus, [rule]);
    ruleCpuMs[rule.id] = cpuMs() - before;
    diagnostics += reported.length;
    if (reported.length) byRule[rule.id] = reported.length;
  }
} else {
  // The floor: read every file, parse its YAML/JSON and its Markdown, nothing else.
  const read = readContentFiles(root);
  files = read.files.length;
  for (const file of read.files) {
    const lines = new LineIndex(file.text);
    if (file.path.endsWith('.json')) parseJson(file.text);
    else if (/\.ya?ml$/.test(file.path)) parseYaml(file.text, 0, lines);
    else {
      const split = splitFrontmatter(file.text, lines);
      if (split.yaml !== undefined) parseYaml(split.yaml, split.yamlOffset, lines);
      parseMarkdownBody(split.body, file.path.endsWith('.mdx'));
    }
  }
}
const ms = performance.now() - start;
const cpu = cpuMs() - cpuStart;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs: cpu, loadCpuMs, ruleCpuMs, maxRssMb, files, diagnostics, byRule })}\n`,
);
