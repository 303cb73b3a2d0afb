// Checks a Stryker mutation-report.json against per-file minimums that Stryker's one project-wide "break"
// threshold cannot express (the SLA clock and the masking rules must stay above the project's bar).
// Usage: node scripts/mutation-check.mjs REPORT.json BARS.json
// BARS.json: { "bars": [ { "minimum": 95, "paths": ["Sla/", "Cases/CaseUrgency.cs"] } ] }; a path ending in '/'
// names every file below that folder, each of which must reach the minimum on its own.
// Prints each checked file's score; exits 1 when any is below its bar. Files with no mutants tested are skipped,
// so a run narrowed with --mutate checks only what it mutated.
import { readFileSync } from 'node:fs';

const [reportPath, barsPath] = process.argv.slice(2);
if (!reportPath || !barsPath) {
  console.error('usage: node scripts/mutation-check.mjs REPORT.json BARS.json');
  process.exit(2);
}

const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const { bars } = JSON.parse(readFileSync(barsPath, 'utf8'));
const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);

const normalise = (p) => p.replaceAll('\\', '/');
const scores = Object.entries(report.files).map(([file, { mutants }]) => {
  const killed = mutants.filter((m) => detected.has(m.status)).length;
  const missed = mutants.filter((m) => undetected.has(m.status)).length;
  return { file: normalise(file), killed, missed, total: killed + missed };
});

let failed = false;
for (const { minimum, paths } of bars) {
  for (const path of paths) {
    const matches = scores.filter(({ file, total }) =>
      total > 0 && (path.endsWith('/') ? file.includes(`/${path}`) || file.startsWith(path) : file === path || file.endsWith(`/${path}`)));
    for (const { file, killed, missed, total } of matches) {
      const score = (100 * killed) / total;
      const ok = score >= minimum;
      failed ||= !ok;
      console.log(`${ok ? 'ok  ' : 'LOW '} ${score.toFixed(2).padStart(6)}% (${killed}/${total}, bar ${minimum}%)  ${file}${missed ? `  ${missed} not killed` : ''}`);
    }
  }
}

if (failed) {
  console.error('Mutation score below a per-file bar (see LOW above).');
  process.exit(1);
}
