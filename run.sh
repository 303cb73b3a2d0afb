#!/usr/bin/env bash
# Runs the product on this machine: Azurite (data in .azurite/), the silo, the front end, and demo data.
# Ctrl+C stops all of it.
set -euo pipefail
cd "$(dirname "$0")"

CLIENT_URL="${CRM_URL:-http://127.0.0.1:5080}"
SILO_URL="${CRM_SILO_URL:-http://127.0.0.1:5081}"
mkdir -p .azurite
pids=()

stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "Stopped."
}
trap stop INT TERM EXIT

wait_for() { # url, name, seconds, pid
  for _ in $(seq 1 "$3"); do
    # Our own process must still be alive: another copy already on the port would answer the probe instead.
    if ! kill -0 "$4" 2>/dev/null; then echo "$2 exited; see .azurite/*.log (is another copy already running?)" >&2; exit 1; fi
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "$2 did not become ready at $1; see .azurite/*.log" >&2
  exit 1
}

scripts/ensure-azurite.sh
scripts/ensure-fonts.sh
echo "Building..."
dotnet build Crm.sln -c Release -v quiet -nologo -clp:ErrorsOnly

echo "Starting Azurite (tables on 127.0.0.1:10002, blobs on 127.0.0.1:10000, data in .azurite/)..."
node node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort 10002 \
  --location .azurite --silent --disableTelemetry --skipApiVersionCheck > .azurite/azurite.log 2>&1 &
pids+=($!)
# Finished reports are documents in the blob service of the same account (UseDevelopmentStorage=true reaches both).
node node_modules/azurite/dist/src/blob/main.js --blobHost 127.0.0.1 --blobPort 10000 \
  --location .azurite --silent --disableTelemetry --skipApiVersionCheck > .azurite/azurite-blob.log 2>&1 &
pids+=($!)

# CRM_SILOS=3 ./run.sh starts three silos in one cluster (membership in the same storage); silo i listens on
# 11111+i (silo), 30000+i (gateway) and 5081+i (health). One silo by default.
silos="${CRM_SILOS:-1}"
case "$silos" in ''|*[!0-9]*|0) echo "CRM_SILOS must be a positive whole number, not '$silos'" >&2; exit 1;; esac
silo_base_port="${SILO_URL##*:}"
for i in $(seq 0 $((silos - 1))); do
  echo "Starting silo $((i + 1)) of $silos..."
  # The personal-data key lives beside the data it encrypts here; in production keep it apart (see README, Security).
  # On the first start the silo writes the new platform operator's password to admin-password, once.
  silo_url="${SILO_URL%:*}:$((silo_base_port + i))"
  silo_log=".azurite/silo.log"; [ "$i" -gt 0 ] && silo_log=".azurite/silo-$((i + 1)).log"
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$silo_url" \
    dotnet silo/Crm.Silo/bin/Release/net10.0/Crm.Silo.dll --contentRoot "$PWD/silo/Crm.Silo" \
    --urls="$silo_url" --Orleans:SiloPort=$((11111 + i)) --Orleans:GatewayPort=$((30000 + i)) \
    --Crm:PersonalData:KeyFile="$PWD/.azurite/personal-data-keys.json" \
    --Crm:Bootstrap:PasswordFile="$PWD/.azurite/admin-password" > "$silo_log" 2>&1 &
  pids+=($!)
  # The first silo creates the key file and the operator; the others start once it is up, so they share its key.
  wait_for "$silo_url/health/ready" "Silo $((i + 1))" 60 "${pids[-1]}"
done

echo "Starting the front end..."
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$CLIENT_URL" \
  dotnet client/Crm.Client/bin/Release/net10.0/Crm.Client.dll --contentRoot "$PWD/client/Crm.Client" \
  --Crm:Security:DataProtectionKeysPath="$PWD/.azurite/sign-in-keys" > .azurite/client.log 2>&1 &
pids+=($!)
wait_for "$CLIENT_URL/health/ready" "The front end" 60 "${pids[-1]}"

admin_password=""
if [ -f .azurite/admin-password ]; then
  # First start: seed the demo tenant as the new operator, show the password once, and keep no copy of it.
  admin_password=$(cat .azurite/admin-password)
  dotnet client/Crm.Cli/bin/Release/net10.0/crm.dll demo seed --url "$CLIENT_URL" --tenant demo \
    --user admin --password-file .azurite/admin-password --credentials-file .azurite/demo-users.txt
  rm -f .azurite/admin-password
fi

echo
echo "Crm is running: $CLIENT_URL   (API reference: $CLIENT_URL/scalar, OpenAPI: $CLIENT_URL/openapi/v1.json)"
if [ -n "$admin_password" ]; then
  echo "Platform operator: admin / $admin_password   (shown once; write it down)"
fi
if [ -f .azurite/demo-users.txt ]; then
  echo "Demo users (demo data only, tenant 'demo'): see .azurite/demo-users.txt, e.g. $(head -1 .azurite/demo-users.txt)"
fi
echo "Logs: .azurite/silo*.log, .azurite/client.log. Press Ctrl+C to stop."
# Azurite is pids[0], the silos follow, the front end is last. With several silos the cluster outlives the loss of
# one (try: kill -9 a silo's pid), so only Azurite, the front end or the last silo ending stops everything.
silo_pids=("${pids[@]:1:$silos}")
while true; do
  live=(); for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && live+=("$pid"); done
  wait -n "${live[@]}" || true
  if ! kill -0 "${pids[0]}" 2>/dev/null || ! kill -0 "${pids[-1]}" 2>/dev/null; then break; fi
  alive=0; for pid in "${silo_pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done
  [ "$alive" -eq 0 ] && break
  echo "A silo exited; $alive of $silos still serve. See .azurite/silo*.log." >&2
done
echo "A process exited; see the logs in .azurite/." >&2
