#!/usr/bin/env bash
# A CPU profile of the API host's cold report, as `Bench host` times it:
#
#   scripts/profile-cold-report.sh --data DIR [--out DIR] [--as-of 2023-01-25T15:00:00Z] [--jit-list]
#
# 1. starts the Release host (Api/bin/Release/net10.0, built beforehand) on a copy of DIR and a fresh database, and
#    waits until its start-up ingestion is done;
# 2. kill -9s it and starts it again on the same database, with perf maps on, and waits for its warm-up report;
# 3. records `perf record -g` of the host while one report (a report time not asked before) computes, and prints how
#    long it took and the host's log lines about the warm-up and the report;
# 4. prints the samples by library and the heaviest managed frames (inclusive). The data stays in OUT/perf.data for
#    `perf report -i OUT/perf.data`.
# With --jit-list the restarted host also lists every method it compiles (DOTNET_JitDisasmSummary), and the script
# prints how many were compiled while the report computed, by type. Needs perf (apt-get install linux-perf) and curl.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="" out="/tmp/storemonitor-cold-profile" as_of="2023-01-25T15:00:00Z" jit_list=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --data) data="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --as-of) as_of="$2"; shift 2 ;;
        --jit-list) jit_list=1; shift ;;
        -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
[[ -n "$data" ]] || { echo "--data DIR is required (e.g. a dataset from: Bench generate --out DIR --stores 14000 --days 8)" >&2; exit 2; }
api="$root/Api/bin/Release/net10.0/StoreMonitor.Api.dll"
[[ -f "$api" ]] || { echo "no Release build at $api: run dotnet build -c Release first" >&2; exit 2; }
command -v perf > /dev/null || { echo "perf is missing (apt-get install linux-perf)" >&2; exit 2; }

rm -rf "$out"; mkdir -p "$out"; cp -r "$data" "$out/data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
args=(--urls="$base" "--StoreMonitor:DataDirectory=$out/data" "--ConnectionStrings:StoreMonitor=Data Source=$out/db.sqlite"
      --StoreMonitor:ScanInterval=00:00:00 --StoreMonitor:RateLimit:IngestionPerMinute=0)
host=""
trap '[[ -n "$host" ]] && kill -9 "$host" 2> /dev/null || true' EXIT

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
    local deadline=$((SECONDS + $1)) what="$2"; shift 2
    until "$@"; do
        (( SECONDS < deadline )) || { echo "timed out waiting for $what" >&2; exit 1; }
        sleep 0.1
    done
}
ingested() { curl -s "$base/ingestion" 2> /dev/null | grep -q '"state":"Idle".*"last_run":{'; }
warmed_up() { grep -q "Report warm-up" "$out/host2.log"; }
complete() { curl -s -o /dev/null -D "$out/headers.txt" "$base/get_report?report_id=$1" && grep -q "X-Report-Status: Complete" "$out/headers.txt"; }

cd "$(dirname "$api")"
dotnet "$api" "${args[@]}" > "$out/host1.log" 2>&1 & host=$!
wait_for 300 "the start-up ingestion" ingested
kill -9 "$host"; wait "$host" 2> /dev/null || true

profile_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
[[ -n "$jit_list" ]] && profile_env+=(DOTNET_JitDisasmSummary=1 "DOTNET_JitStdOutFile=$out/jit.txt")
env "${profile_env[@]}" dotnet "$api" "${args[@]}" > "$out/host2.log" 2>&1 & host=$!
wait_for 300 "the warm-up report" warmed_up
sleep 2
perf record -F 999 -g -p "$host" -o "$out/perf.data" 2> /dev/null & recorder=$!
sleep 0.5
jit_before=$([[ -n "$jit_list" ]] && wc -l < "$out/jit.txt" || echo 0)
started=$(date +%s.%N)
id=$(curl -s -X POST "$base/trigger_report?as_of=$as_of" | sed 's/.*"report_id":"\([^"]*\)".*/\1/')
wait_for 600 "report $id" complete "$id"
finished=$(date +%s.%N)
jit_after=$([[ -n "$jit_list" ]] && wc -l < "$out/jit.txt" || echo 0)
kill -INT "$recorder"; wait "$recorder" 2> /dev/null || true

echo "cold report as of $as_of: $(python3 -c "print(f'{$finished - $started:.3f}')") s from trigger to complete"
grep -h "warm-up\|computed" "$out/host2.log" | sed 's/^ *//' || true
echo
echo "samples by library:"
perf report -i "$out/perf.data" --no-children --sort dso --stdio -g none 2> /dev/null | grep -E '^ +[0-9]' | head -10 || true
echo
echo "heaviest managed frames (inclusive):"
perf report -i "$out/perf.data" --children --sort sym --stdio -g none 2> /dev/null | grep -E '^ +[0-9]' \
    | grep -E 'StoreMonitor|Orleans' | grep -vE 'AsyncMethodBuilderCore|AsyncStateMachineBox' | head -25 | cut -c1-200 || true
if [[ -n "$jit_list" ]]; then
    echo
    echo "methods compiled while the report computed: $((jit_after - jit_before)), by type:"
    sed -n "$((jit_before + 1)),${jit_after}p" "$out/jit.txt" | sed 's/^ *[0-9]*: JIT compiled //' \
        | awk -F'::' '{print $1}' | sed 's/\[.*//; s/:[^:]*$//' | sort | uniq -c | sort -rn | head -25 || true
fi
