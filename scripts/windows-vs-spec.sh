#!/usr/bin/env bash
# A report with other windows against the SPEC report, through the real API host, as a client times them.
#
#   dotnet run -c Release --project Bench -- host --stores 14000 --days 8 --work /tmp/hostbench   # data and database
#   scripts/windows-vs-spec.sh /tmp/hostbench '["month"]'
#
# Starts the host's Release build on the work directory of a `Bench host` run, activates every store with one report,
# then alternates five SPEC reports and five reports with the given windows, each at a report time not asked before
# (identical reports share one computation), each timed from POST /trigger_report to its downloaded file.
set -euo pipefail
work=${1:?usage: windows-vs-spec.sh WORK_DIR [WINDOWS_JSON]}
windows=${2:-'["month"]'}
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-5078}
cd "$root/Api/bin/Release/net10.0"
dotnet StoreMonitor.Api.dll --urls="http://127.0.0.1:$port" --StoreMonitor:DataDirectory="$work/data" \
  "--ConnectionStrings:StoreMonitor=Data Source=$work/host.db" --StoreMonitor:ScanInterval=00:00:00 \
  --StoreMonitor:Cluster:SiloPort=$((port + 16000)) --StoreMonitor:Cluster:GatewayPort=$((port + 16001)) > "$work/windows-vs-spec.log" 2>&1 &
host=$!
trap 'kill -9 $host 2>/dev/null' EXIT
deadline=$((SECONDS + 120))
until curl -sf "localhost:$port/health/ready" >/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "the host was not ready within 120 s; see $work/windows-vs-spec.log" >&2; exit 1; }
    sleep 0.1
done

report() { # body → "seconds bytes"
    local start id
    start=$(date +%s.%N)
    id=$(curl -sf -X POST "localhost:$port/trigger_report" -H 'Content-Type: application/json' -d "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["report_id"])')
    while curl -s "localhost:$port/get_report?report_id=$id" | head -c 300 | grep -q '"Running"'; do sleep 0.02; done
    local bytes
    bytes=$(curl -sf "localhost:$port/get_report?report_id=$id" | wc -c)
    echo "$(echo "$(date +%s.%N) - $start" | bc) $bytes"
}

at() { python3 -c "import datetime,sys; print((datetime.datetime(2023,1,26,18) - datetime.timedelta(minutes=int(sys.argv[1]))).strftime('%Y-%m-%dT%H:%M:%SZ'))" "$1"; }
echo "load $(cut -d' ' -f1 /proc/loadavg); windows $windows"
echo "every store activated: $(report "{\"as_of\":\"$(at 0)\"}" | cut -d' ' -f1) s"
for i in 1 2 3 4 5; do
    echo "SPEC          $(report "{\"as_of\":\"$(at $((i * 20)))\"}") (s, bytes)"
    echo "with windows  $(report "{\"as_of\":\"$(at $((i * 20 + 10)))\",\"windows\":$windows}") (s, bytes)"
done
