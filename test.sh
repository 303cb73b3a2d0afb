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
# Build once, then run the end-to-end project (the long pole, about 10 min) beside the others instead of after them:
# built by one `dotnet test Crm.sln`, it was the last project built and started about 7 minutes in.
dotnet build Crm.sln -c Release
status=$?
# Category=OrleansProviders is the one-off comparison with Orleans' own table providers (docs/storage.md), run by hand.
run_tests() {
  # One results file per project, named for it: two runs at once could otherwise pick the same timestamped name.
  dotnet test "$1" -c Release --no-build --logger "trx;LogFileName=$(basename "$1" .csproj).trx" --results-directory "$results" \
    --blame-hang-timeout 5m --filter "Category!=OrleansProviders" -- RunConfiguration.TreatNoTestsAsError=false "${@:2}"
}
if [ "$status" -eq 0 ]; then
  e2e_log=$(mktemp)
  run_tests tests/Crm.EndToEnd.Tests "$@" > "$e2e_log" 2>&1 &
  e2e=$!
  trap 'kill "$e2e" 2>/dev/null' EXIT
  for project in tests/*.Tests/*.Tests.csproj; do
    case "$project" in */Crm.EndToEnd.Tests.csproj) continue ;; esac
    run_tests "$project" "$@" || status=1
  done
  wait "$e2e" || status=1
  trap - EXIT
  # Its output after the others', whole, so a failure's details read in one piece.
  cat "$e2e_log"; rm -f "$e2e_log"
fi

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
