#!/usr/bin/env bash
# Mutation testing with Stryker.NET (the local tool pinned in .config/dotnet-tools.json): changes the code under test
# one small mutation at a time and checks that some test fails for each.
#
#   scripts/mutation.sh                                   # Crm.Domain, from tests/Crm.Domain.Tests (a few minutes)
#   scripts/mutation.sh tests/Crm.Domain.Tests --mutate '**/Sla/SlaClock.cs'   # one file while iterating
#   scripts/mutation.sh tests/Crm.Scoring.Tests           # any test project that has its own stryker-config.json
#
# The first argument is a test project's folder; it holds stryker-config.json (which project to mutate, and the
# thresholds: Stryker fails below "break") and, optionally, mutation-bars.json (higher bars for files that matter,
# checked here because Stryker has one project-wide threshold). Other arguments go to Stryker as they are.
# Reports: StrykerOutput/<test project>/reports/mutation-report.html (and .json); git ignores StrykerOutput/.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tests="${1:-tests/Crm.Domain.Tests}"
[ $# -gt 0 ] && shift
tests="$(cd "$root" && cd "$tests" 2>/dev/null && pwd)" || { echo "No such test project folder: $tests" >&2; exit 2; }
[ -f "$tests/stryker-config.json" ] || { echo "$tests has no stryker-config.json" >&2; exit 2; }

output="$root/StrykerOutput/$(basename "$tests")"
rm -rf "$output"
(cd "$root" && dotnet tool restore >/dev/null) || exit 1

started=$(date +%s)
(cd "$tests" && dotnet dotnet-stryker --output "$output" "$@")
status=$?
echo "Stryker took $(( $(date +%s) - started )) s; report: $output/reports/mutation-report.html"

report="$output/reports/mutation-report.json"
if [ -f "$tests/mutation-bars.json" ] && [ -f "$report" ]; then
  node "$root/scripts/mutation-check.mjs" "$report" "$tests/mutation-bars.json" || status=1
fi
exit "$status"
