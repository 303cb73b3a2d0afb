#!/usr/bin/env bash
# Runs every test: installs the pinned Azurite and Debian's Chromium if missing (each test collection starts its
# own Azurite on a free port and stops it), builds, runs all test projects, and prints
# "N passed, N failed, N skipped" counted from the results.
set -uo pipefail
cd "$(dirname "$0")"

scripts/ensure-azurite.sh || exit 1
scripts/ensure-chromium.sh || exit 1
scripts/ensure-fonts.sh || exit 1

results=TestResults
rm -rf "$results"
# Category=OrleansProviders is the one-off comparison with Orleans' own table providers (docs/storage.md), run by hand.
dotnet test Crm.sln -c Release --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5m --filter "Category!=OrleansProviders" -- RunConfiguration.TreatNoTestsAsError=false "$@"
status=$?

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # xunit's skipped tests are counted in total but not in executed (notExecuted stays 0).
  skipped=$((skipped + $(get total) - $(get executed)))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # No failed test, yet dotnet test failed: the build broke or a test host aborted. Never report that as green.
  echo "dotnet test exited with $status without a failed test: the build failed or a test host aborted (see above)." >&2
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
