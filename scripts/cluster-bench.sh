#!/usr/bin/env bash
# The scale run of a PostgreSQL cluster, on this machine, through scripts/cluster.sh:
#
#   scripts/cluster-bench.sh [--stores 14000] [--days 8] [--silos 3] [--data DIR] [--ingest-only] [--perf FILE]
#
# 1. generates the dataset with the project's generator (seed 42; cached under .cluster-bench/), unless --data, and
#    works on a copy of it (the new hour is appended to the copy);
# 2. brings up PostgreSQL, N silos and the API (scripts/cluster.sh up), which ingest the dataset at start;
# 3. runs a report over HTTP and times it; prints store grains per silo and memory per process (and, for the ingest,
#    the first report and the new hour, the CPU-seconds the silos, the API and PostgreSQL used);
# 4. appends a new hour to store_status.csv (the last hour's polls again, an hour later), times POST /ingestion until
#    that run is done, then runs a report as of the new latest poll and checks it against the engine on the files;
# 5. runs a third report (as of the first one's report time, so it is computed, not shared) and kill -9s the silo
#    that started it while it runs (with 2 silos or more);
# 6. checks the third report is byte-identical to the first, prints the figures and the database's size, and stops
#    everything (cluster.sh down).
# With --ingest-only it stops after step 2, printing the ingest and the memory of every process (their peaks are
# the ingest's). With --perf FILE it records the whole machine with `perf record -a -g` from the start until the
# start-up ingestion is done, the .NET hosts writing their JIT symbols for it (read it with `perf report -i FILE`;
# perf slows the run, so its figures are not the benchmark's). Exits 1 if a report fails or differs from what it must
# equal.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stores=14000 days=8 silos=3 data="" ingest_only="" perf_file=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --stores) stores="$2"; shift 2 ;;
        --days) days="$2"; shift 2 ;;
        --silos) silos="$2"; shift 2 ;;
        --data) data="$2"; shift 2 ;;
        --ingest-only) ingest_only=1; shift ;;
        --perf) perf_file="$2"; shift 2 ;;
        -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

work="$root/.cluster-bench"
state="${STOREMONITOR_CLUSTER_DIR:-$root/.cluster}"
mkdir -p "$work"
cluster() { "$root/scripts/cluster.sh" "$@"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
json_field() { grep -oE "\"$1\":(\"[^\"]*\"|[^,}]*)" | head -n 1 | cut -d: -f2- | tr -d '"'; }

if [[ -z "$data" ]]; then
    data="$work/data-$stores-$days"
    if [[ ! -f "$data/store_status.csv" ]]; then
        echo "Generating $stores stores x $days days into $data..."
        dotnet run -c Release --project "$root/Bench" -- generate --out "$data" --stores "$stores" --days "$days" >/dev/null
    fi
fi

# The new hour is appended to a copy: the dataset (cached or the caller's) stays as it was.
run_data="$work/run-data"
rm -rf "$run_data"
mkdir -p "$run_data"
cp "$data"/*.csv "$run_data"/
dotnet build -c Release "$root/Bench" >/dev/null
bench() { dotnet "$root/Bench/bin/Release/net10.0/StoreMonitor.Bench.dll" "$@"; }

perf_pid="" up_options=()
trap '[[ -n "$perf_pid" ]] && kill -INT "$perf_pid" 2>/dev/null; cluster down >/dev/null 2>&1 || true' EXIT
if [[ -n "$perf_file" ]]; then
    command -v perf >/dev/null || { echo "--perf needs perf (apt-get install linux-perf)" >&2; exit 2; }
    # Built first, so that the profile holds the run and not the compiler.
    cluster build
    up_options=(--no-build)
    # JIT-compiled code is named in /tmp/perf-PID.map; write-xor-execute would hide it behind a double mapping.
    export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
    perf record -a -g -F 199 -o "$perf_file" >/dev/null 2>&1 &
    perf_pid=$!
fi
up_started=$(now)
StoreMonitor__DataDirectory="$run_data" cluster up --silos "$silos" "${up_options[@]}"
api="http://127.0.0.1:$(cat "$state/api-port")"

# Waits until ingestion is idle with a last run other than run $1 (none: any), asking every $2 s; sets $last_run to
# that run's JSON.
wait_for_run() {
    local before=$1 every=$2 ingestion
    while true; do
        ingestion=$(curl -s "$api/ingestion")
        last_run="${ingestion#*\"last_run\":}"
        if [[ $(json_field state <<<"$ingestion") == Idle && "$ingestion" == *'"last_run":{'* \
            && $(json_field run_id <<<"$last_run") != "$before" ]]; then return; fi
        sleep "$every"
    done
}

# The API ingests the data directory at start; wait for that run to finish.
wait_for_run "" 0.5
ready_seconds=$(seconds "$up_started" "$(now)")
if [[ -n "$perf_pid" ]]; then
    kill -INT "$perf_pid" && wait "$perf_pid" || true
    perf_pid=""
    echo "perf: the ingest's profile is in $perf_file"
fi
ingest_seconds=$(json_field elapsed_seconds <<<"$last_run")
ingest_error=$(json_field error <<<"$last_run")
ingest_stores=$(json_field stores_updated <<<"$last_run")

trigger() { curl -s -X POST "$api/trigger_report" | json_field report_id; }

# Waits for a report and writes its CSV to $2; prints Complete or the failure.
wait_report() {
    local id=$1 out=$2 headers
    while true; do
        headers=$(curl -s -D - -o "$out" --max-time 30 "$api/get_report?report_id=$id" || true)
        if grep -qi '^X-Report-Status: Complete' <<<"$headers"; then echo Complete; return; fi
        if grep -q '"status":"Failed"' "$out" 2>/dev/null; then echo "Failed: $(cat "$out")"; return; fi
        sleep 0.05
    done
}

memory() {
    local kind index pid a b rss peak
    while read -r kind index pid a b; do
        if [[ "$kind" == postgres ]]; then
            # The server is many processes sharing its buffers: their RSS sum counts the shared part many times,
            # so show the largest process and the proportional total (Pss) instead.
            local pids
            pids=$(ps -o pid= --ppid "$pid" -p "$pid" 2>/dev/null | tr '\n' ' ')
            # A backend can exit between the listing and the reading, which fails ps or cat: count the ones still there.
            rss=$( (ps -o rss= -p "$(echo $pids | tr " " ",")" 2>/dev/null || true) | sort -n | tail -n 1 | awk '{printf "%d", $1/1024}')
            peak=$(for p in $pids; do cat "/proc/$p/smaps_rollup" 2>/dev/null || true; done | awk '/^Pss:/ {s+=$2} END {printf "%d", s/1024}')
            printf '  %-9s pid %-7s largest RSS %5s MB  all %s processes Pss %5s MB\n' "$kind" "$pid" "$rss" "$(wc -w <<<"$pids")" "$peak"
        elif [[ -r "/proc/$pid/status" ]]; then
            rss=$(awk '/^VmRSS/ {printf "%d", $2/1024}' "/proc/$pid/status")
            peak=$(awk '/^VmHWM/ {printf "%d", $2/1024}' "/proc/$pid/status")
            printf '  %-4s %-4s pid %-7s RSS %5s MB  peak %5s MB\n' "$kind" "$index" "$pid" "$rss" "$peak"
        else
            printf '  %-4s %-4s pid %-7s gone\n' "$kind" "$index" "$pid"
        fi
    done <"$state/processes"
}

# CPU time used so far by the silos, the API and PostgreSQL, in clock ticks: "silos api postgres". A phase's CPU is
# the difference of two of these. PostgreSQL's backends come and go with connections; the postmaster's own counters
# include the exited ones (cutime, cstime), the live ones are added.
cpu_ticks() {
    local kind index pid a b silos=0 api_ticks=0 postgres=0 t
    while read -r kind index pid a b; do
        [[ -r "/proc/$pid/stat" ]] || continue
        if [[ "$kind" == postgres ]]; then
            t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")
            for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
                t=$((t + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
            done
            postgres=$((postgres + t))
        else
            t=$(awk '{print $14 + $15}' "/proc/$pid/stat")
            if [[ "$kind" == silo ]]; then silos=$((silos + t)); else api_ticks=$((api_ticks + t)); fi
        fi
    done <"$state/processes"
    echo "$silos $api_ticks $postgres"
}

# "silos X s, API Y s, PostgreSQL Z s" between two cpu_ticks readings.
cpu_used() {
    awk -v a="$1" -v b="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN {
        split(a, x, " "); split(b, y, " ");
        printf "silos %.1f, API %.1f, PostgreSQL %.1f CPU-s", (y[1] - x[1]) / hz, (y[2] - x[2]) / hz, (y[3] - x[3]) / hz }'
}

# Everything the processes used until the start-up ingestion was done (their start-up included).
ingest_cpu=$(cpu_used "0 0 0" "$(cpu_ticks)")

if [[ -n "$ingest_only" ]]; then
    echo
    echo "After the ingest:"
    cluster status
    memory
    echo
    echo "| run | value |"
    echo "|---|---|"
    echo "| dataset | $stores stores x $days days ($data) |"
    echo "| silos | $silos on PostgreSQL, API as client |"
    echo "| ingest (start-up run) | ${ingest_seconds} s, $ingest_stores stores updated${ingest_error:+, error: $ingest_error} |"
    echo "| CPU from start until ingested | $ingest_cpu |"
    exit 0
fi

first_started=$(now)
first_ticks=$(cpu_ticks)
first_id=$(trigger)
first_state=$(wait_report "$first_id" "$work/report-1.csv")
first_seconds=$(seconds "$first_started" "$(now)")
first_cpu=$(cpu_used "$first_ticks" "$(cpu_ticks)")
echo
echo "After the first report:"
cluster status
memory

# Report 1's time, for report 2 below (asked now: once the new hour's report is made, it is the latest listed).
first_as_of=$(curl -s "$api/reports?limit=1" | json_field as_of)
[[ -n "$first_as_of" && "$first_as_of" != null ]] || { echo "cluster-bench: report 1 has no as_of" >&2; exit 1; }

# The new hour: appended, then ingested through POST /ingestion, timed until that run is done.
before_run=$(curl -s "$api/ingestion" | sed 's/.*"last_run"://' | json_field run_id)
bench append-hour --data "$run_data"
hour_started=$(now)
hour_ticks=$(cpu_ticks)
curl -s -X POST "$api/ingestion" >/dev/null
wait_for_run "$before_run" 0.1
hour_seconds=$(seconds "$hour_started" "$(now)")
hour_cpu=$(cpu_used "$hour_ticks" "$(cpu_ticks)")
hour_run_seconds=$(json_field elapsed_seconds <<<"$last_run")
hour_stores=$(json_field stores_updated <<<"$last_run")
hour_error=$(json_field error <<<"$last_run")
hour_writes=$(awk -v n="$hour_stores" -v s="$hour_run_seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')

# A report as of the new latest poll, against the engine run on the same files.
refreshed_started=$(now)
refreshed_id=$(trigger)
refreshed_state=$(wait_report "$refreshed_id" "$work/report-refreshed.csv")
refreshed_seconds=$(seconds "$refreshed_started" "$(now)")
bench engine-report --data "$run_data" --out "$work/report-engine.csv" >/dev/null
if cmp -s "$work/report-refreshed.csv" "$work/report-engine.csv"; then refreshed_same="equal to the engine's"; else refreshed_same="DIFFERENT from the engine's"; fi
echo
echo "After the new hour and its report:"
memory

# The second report asks for the first one's report time explicitly: the same rows, but not an identical request,
# so it is computed again. A second "latest" trigger would share the first one's result (see docs/SECURITY.md) and
# finish before any silo could be killed.
second_started=$(now)
second_id=$(curl -s -X POST "$api/trigger_report?as_of=$first_as_of" | json_field report_id)
killed="no silo killed (one silo)"
if [[ "$silos" -gt 1 ]]; then
    while true; do
        host=$(grep -l "Report $second_id started" "$state"/logs/silo-*.log 2>/dev/null | head -n 1 || true)
        [[ -n "$host" ]] && break
        sleep 0.02
    done
    index=$(basename "$host" .log); index=${index#silo-}
    pid=$(awk -v i="$index" '$1 == "silo" && $2 == i {print $3}' "$state/processes")
    if curl -s "$api/get_report?report_id=$second_id" | grep -q '"status":"Running"'; then
        kill -9 "$pid"
        killed="silo $index (pid $pid) killed with kill -9 $(seconds "$second_started" "$(now)") s into the report"
    else
        killed="the report finished before its silo could be killed: fault run NOT exercised"
    fi
fi
second_state=$(wait_report "$second_id" "$work/report-2.csv")
second_seconds=$(seconds "$second_started" "$(now)")

echo
echo "After the second report:"
cluster status
memory

pg_port=$(awk '$1 == "postgres" {print $4}' "$state/processes")
database_bytes=$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -tAc "select pg_database_size('postgres')" 2>/dev/null || echo "")
database_size=$(awk -v b="$database_bytes" 'BEGIN { if (b == "") print "unknown (no psql)"; else printf "%.0f MB", b / 1048576 }')

if cmp -s "$work/report-1.csv" "$work/report-2.csv"; then same="byte-identical"; else same="DIFFERENT"; fi
rows=$(($(wc -l <"$work/report-1.csv") - 1))
echo
echo "| run | value |"
echo "|---|---|"
echo "| dataset | $stores stores x $days days ($data) |"
echo "| silos | $silos on PostgreSQL, API as client |"
echo "| cluster.sh up (incl. incremental build) until ingested | $ready_seconds s |"
echo "| ingest (start-up run) | ${ingest_seconds} s, $ingest_stores stores updated${ingest_error:+, error: $ingest_error} |"
echo "| CPU from start until ingested | $ingest_cpu |"
echo "| report 1 | $first_seconds s ($first_state, $rows rows; $first_cpu) |"
echo "| new hour, POST /ingestion until done | $hour_seconds s (the run's own ${hour_run_seconds} s, $hour_stores stores updated, $hour_writes store writes/s${hour_error:+, error: $hour_error}; $hour_cpu) |"
echo "| report after the new hour | $refreshed_seconds s ($refreshed_state, $refreshed_same) |"
echo "| report 2, as of report 1's time | $second_seconds s ($second_state; $killed) |"
echo "| report 1 vs report 2 | $same |"
echo "| PostgreSQL database | $database_size |"
sha256sum "$work/report-1.csv" "$work/report-2.csv" "$work/report-refreshed.csv" "$work/report-engine.csv" | sed 's/^/  /'

[[ "$first_state" == Complete && "$second_state" == Complete && "$same" == byte-identical
    && "$refreshed_state" == Complete && "$refreshed_same" == "equal to the engine's" ]]
