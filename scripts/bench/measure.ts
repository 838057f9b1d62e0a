/**
 * One measurement in a fresh process, so peak memory (max RSS) belongs to that measurement alone.
 * Usage: node scripts/bench/measure.ts check|floor <root>
 * Prints one JSON line: { ms, maxRssMb, files, diagnostics }.
 */
import { checkProject } from '../../src/core/check.ts';
import { LineIndex } from '../../src/core/parse/line-index.ts';
import { parseMarkdownBody, splitFrontmatter } from '../../src/core/parse/markdown.ts';
import { parseJson } from '../../src/core/parse/json.ts';
import { parseYaml } from '../../src/core/parse/yaml.ts';
import { readContentFiles } from '../../src/core/read.ts';

const [mode, root] = process.argv.slice(2);
if ((mode !== 'check' && mode !== 'floor') || !root) {
  process.stderr.write('usage: measure.ts check|floor <root>\n');
  process.exit(2);
}

// Warm the modules (and the native Markdown parser) outside the timed region, as a long-lived process would be.
parseMarkdownBody('# warm\n', true);

const start = performance.now();
let files: number;
let diagnostics = 0;
if (mode === 'check') {
  const result = checkProject(root);
  files = result.corpus.files.length;
  diagnostics = result.diagnostics.length;
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
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ms, maxRssMb, files, diagnostics })}\n`);
