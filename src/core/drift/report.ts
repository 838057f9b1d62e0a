import { listDifference, where, type DriftFinding, type DriftValue } from './analyse.ts';
import type { DriftReport } from './run.ts';
import { agreeing, plural } from '../text/plural.ts';

/** Reporters of a drift report: terminal text, JSON and one self-contained HTML page. Each takes the same data. */

function valueLine(finding: DriftFinding, value: DriftValue, index: number): string {
  const count = plural(value.places.length, 'place');
  const role = value.reference && finding.reference === value.value ? ' (reference: machine-readable source)' : '';
  if (!value.items) return `  ${JSON.stringify(value.shown)}${role}, ${count}`;
  const other = finding.values[index === 0 ? 1 : 0];
  const difference = other && index > 0 ? listDifference(value, other) : undefined;
  const compared = finding.reference ? 'the reference' : 'the first value';
  const parts = difference
    ? [
        difference.missing.length ? `lacks ${difference.missing.map((item) => JSON.stringify(item)).join(', ')}` : '',
        difference.extra.length ? `adds ${difference.extra.map((item) => JSON.stringify(item)).join(', ')}` : '',
      ].filter(Boolean)
    : [];
  const diff = parts.length ? `; compared with ${compared}: ${parts.join('; ')}` : '';
  return `  ${value.shown}${role}, ${count}${diff}`;
}

/** `1 fact drifts`, `3 facts drift`. */
function driftSummary(findings: number): string {
  return `${plural(findings, 'fact')} ${agreeing(findings, 'drifts', 'drift')}`;
}

export function formatDriftText(report: DriftReport): string {
  const out: string[] = [];
  for (const problem of report.problems)
    out.push(`${problem.file}:${problem.line}:${problem.column}  ${problem.reason}`);
  for (const finding of report.findings) {
    const verdict = finding.reference
      ? `the machine-readable source says ${JSON.stringify(shownOf(finding, finding.reference))}`
      : 'no machine-readable source states it, so no value is called wrong';
    out.push(
      `${finding.label}: ${plural(finding.values.length, 'value')} in ${plural(finding.count, 'statement')} (${verdict})`,
    );
    finding.values.forEach((value, index) => {
      out.push(valueLine(finding, value, index));
      for (const place of value.places) out.push(`    ${where(place)}`);
    });
    out.push('');
  }
  if (report.history.length) {
    out.push(`History (not drift): ${plural(report.history.length, 'older value')}`);
    for (const entry of report.history)
      out.push(`  ${where(entry.place)}  ${entry.label} ${JSON.stringify(entry.shown)}: ${entry.reason}`);
    out.push('');
  }
  const scope = `${plural(report.statements, 'statement')} of ${plural(report.facts, 'fact')} in ${plural(report.files.length, 'file')}`;
  out.push(
    report.findings.length
      ? `✖ ${driftSummary(report.findings.length)} (${scope} under ${report.folder})`
      : `✔ no drift (${scope} under ${report.folder})`,
  );
  return out.join('\n');
}

function shownOf(finding: DriftFinding, value: string): string {
  return finding.values.find((entry) => entry.value === value)?.shown ?? value;
}

export function formatDriftJson(report: DriftReport): string {
  return `${JSON.stringify(
    {
      folder: report.folder,
      files: report.files,
      references: report.references,
      statements: report.statements,
      facts: report.facts,
      drift: report.findings.map((finding) => ({
        fact: finding.fact,
        label: finding.label,
        count: finding.count,
        reference: finding.reference ?? null,
        values: finding.values.map((value) => ({
          value: value.items ? value.value.split('\n') : value.shown,
          reference: value.reference,
          places: value.places,
        })),
      })),
      history: report.history,
      problems: report.problems,
    },
    null,
    2,
  )}\n`;
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char);
}

/** One self-contained page (no script, no external resource): a table per drifting fact, usable as a CI artifact. */
export function formatDriftHtml(report: DriftReport): string {
  const e = escapeHtml;
  const tables = report.findings.map((finding) => {
    const rows = finding.values.map((value) => {
      const shown = value.items
        ? `<ul>${value.value
            .split('\n')
            .map((item) => `<li>${e(item)}</li>`)
            .join('')}</ul>`
        : `<code>${e(value.shown)}</code>`;
      const role = value.reference && finding.reference === value.value ? '<strong>reference</strong>' : '';
      return `<tr><td>${shown}</td><td>${role}</td><td>${value.places.length}</td><td>${value.places
        .map((place) => `<code>${e(where(place))}</code>`)
        .join('<br>')}</td></tr>`;
    });
    return `<section><h2>${e(finding.label)}</h2><p>${plural(finding.values.length, 'value')} in ${plural(finding.count, 'statement')}${
      finding.reference ? '; the machine-readable source is the reference' : '; no value is called wrong'
    }.</p><table><thead><tr><th>Value</th><th>Source</th><th>Count</th><th>Places</th></tr></thead><tbody>${rows.join(
      '',
    )}</tbody></table></section>`;
  });
  const history = report.history.length
    ? `<section><h2>History (not drift)</h2><table><thead><tr><th>Place</th><th>Fact</th><th>Value</th><th>Why</th></tr></thead><tbody>${report.history
        .map(
          (entry) =>
            `<tr><td><code>${e(where(entry.place))}</code></td><td>${e(entry.label)}</td><td><code>${e(entry.shown)}</code></td><td>${e(entry.reason)}</td></tr>`,
        )
        .join('')}</tbody></table></section>`
    : '';
  const problems = report.problems.length
    ? `<section><h2>Unreadable files</h2><ul>${report.problems
        .map(
          (problem) =>
            `<li><code>${e(`${problem.file}:${problem.line}:${problem.column}`)}</code> ${e(problem.reason)}</li>`,
        )
        .join('')}</ul></section>`
    : '';
  const summary = report.findings.length ? driftSummary(report.findings.length) : 'No drift';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Drift report: ${e(report.folder)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}code{font-size:.9em;overflow-wrap:anywhere}ul{margin:0;padding-left:1.2rem}
</style>
</head>
<body>
<h1>Drift report: <code>${e(report.folder)}</code></h1>
<p>${summary}: ${plural(report.statements, 'statement')} of ${plural(report.facts, 'fact')} in ${plural(report.files.length, 'file')}.</p>
${problems}${tables.join('\n')}${history}
</body>
</html>
`;
}
