#!/usr/bin/env bash
# A local Store Monitor cluster on PostgreSQL: a throwaway PostgreSQL server, N silos and the API, all on loopback.
#
#   scripts/cluster.sh up [--silos N] [--no-build]   start everything (default 3 silos), print the API URL and pids
#   scripts/cluster.sh build                         build the hosts `up` runs (as `up` does unless --no-build)
#   scripts/cluster.sh status                        one line per process: pid, ports, alive or dead
#   scripts/cluster.sh down                          stop exactly what `up` started, by pid
#
# Run it from anywhere; state lives in .cluster/ at the repository root (ignored by git; STOREMONITOR_CLUSTER_DIR
# moves it): PostgreSQL's data, one log file per process (logs/), and the list of started processes (processes).
# STOREMONITOR_BUILD_CONFIGURATION picks the build the hosts run from (default Release).
# STOREMONITOR_POSTGRES_SETTINGS sets the server's settings beyond loopback and the connections the silos need
# (default "-c shared_buffers=1GB"; empty: initdb's defaults).
# The hosts read the same configuration as always, so e.g. StoreMonitor__DataDirectory=/path/to/csvs in the
# environment picks the data the API ingests. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${STOREMONITOR_CLUSTER_DIR:-$root/.cluster}"
processes="$state/processes"
configuration="${STOREMONITOR_BUILD_CONFIGURATION:-Release}"
startup_timeout="${STOREMONITOR_CLUSTER_TIMEOUT:-180}"

die() { echo "cluster.sh: $*" >&2; exit 1; }

usage() {
    sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

# --- processes ---------------------------------------------------------------------------------------------------

# The newest Debian PostgreSQL server binaries, installing the package when there are none.
postgres_bin() {
    local initdb
    initdb=$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z "$initdb" ]]; then
        [[ $EUID -eq 0 ]] || die "PostgreSQL is not installed; run: sudo apt-get install -y postgresql"
        echo "Installing PostgreSQL (apt-get install postgresql)..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
            || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
        initdb=$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
        [[ -n "$initdb" ]] || die "PostgreSQL installation did not provide initdb"
    fi
    dirname "$initdb"
}

# Runs a PostgreSQL program as the postgres user when we are root (the server refuses root).
as_postgres() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A loopback TCP port no socket uses and that this run has not handed out yet. It comes from below the kernel's
# ephemeral range: ports in that range are handed to outgoing connections at any moment, so one free now may be
# some client's local port by the time a server binds it.
# Sets the variable named by $1, in this shell (not a $(...) subshell), so taken_ports remembers every pick.
taken_ports=" "
free_port() {
    local -n chosen=$1
    local port in_use low=20000 high
    high=$(awk '{print $1 - 1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32767)
    [[ "$high" -gt "$low" ]] || high=32767
    in_use=$(ss -Htan 2>/dev/null | awk '{print $4}' | sed -E 's/.*:([0-9]+)$/\1/' | tr '\n' ' ')
    for _ in $(seq 1 200); do
        port=$((low + RANDOM % (high - low + 1)))
        if [[ " $in_use " != *" $port "* && "$taken_ports" != *" $port "* ]] \
            && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            taken_ports+="$port "
            chosen=$port
            return
        fi
    done
    die "no free loopback port found"
}

# Whether pid is alive and still the process we started (a recycled pid belongs to someone else).
is_ours() {
    local pid=$1 marker=$2
    [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$marker"
}

record() { echo "$*" >>"$processes"; }

# --- build / up --------------------------------------------------------------------------------------------------

# Builds the hosts `up` runs, in $configuration.
build() {
    command -v dotnet >/dev/null || die "dotnet is not on PATH"
    echo "Building Silo and Api ($configuration)..."
    local build_log
    build_log=$(mktemp)
    dotnet build "$root/Silo/Silo.csproj" -c "$configuration" -v quiet -nologo >"$build_log" 2>&1 \
        && dotnet build "$root/Api/Api.csproj" -c "$configuration" -v quiet -nologo >>"$build_log" 2>&1 \
        || { cat "$build_log" >&2; die "build failed"; }
    rm -f "$build_log"
}

up() {
    local silos=3 build_first=1
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --silos) silos="${2:?--silos needs a number}"; shift 2 ;;
            --silos=*) silos="${1#*=}"; shift ;;
            --no-build) build_first=0; shift ;;
            -h|--help) usage ;;
            *) die "unknown option for up: $1" ;;
        esac
    done
    [[ "$silos" =~ ^[1-9][0-9]*$ ]] || die "--silos must be a positive number, not '$silos'"
    if [[ -f "$processes" ]] && any_alive; then
        die "a cluster from $state is still running; run: scripts/cluster.sh down"
    fi

    local bin
    bin=$(postgres_bin)
    command -v dotnet >/dev/null || die "dotnet is not on PATH"
    command -v curl >/dev/null || die "curl is not on PATH"

    if [[ $build_first -eq 1 ]]; then
        build
    fi
    local silo_dll="$root/Silo/bin/$configuration/net10.0/StoreMonitor.Silo.dll"
    local api_dll="$root/Api/bin/$configuration/net10.0/StoreMonitor.Api.dll"
    [[ -f "$silo_dll" && -f "$api_dll" ]] || die "built hosts not found ($silo_dll); run without --no-build"

    # A fresh cluster every time: the previous run's data and logs go.
    rm -rf "$state"
    mkdir -p "$state/logs" "$state/pg"
    : >"$processes"
    [[ $EUID -eq 0 ]] && chown postgres:postgres "$state/pg"

    as_postgres "$bin/initdb" -D "$state/pg/data" -A trust -U postgres -E UTF8 >"$state/logs/postgres-init.log" 2>&1 \
        || { cat "$state/logs/postgres-init.log" >&2; die "initdb failed"; }
    # A buffer pool the size of a 1M-store database, instead of initdb's 128 MB: each store write otherwise reads its
    # row's pages from the kernel's cache and evicts others (docs/BENCHMARKS.md, "A cluster on PostgreSQL").
    local pg_settings="${STOREMONITOR_POSTGRES_SETTINGS--c shared_buffers=1GB}"
    # Another process may bind the chosen port between the check and the server's start: then try another one.
    local pg_port attempt
    for attempt in 1 2 3 4 5; do
        free_port pg_port
        if as_postgres "$bin/pg_ctl" -D "$state/pg/data" -l "$state/pg/server.log" -w -t 60 start \
            -o "-p $pg_port -k $state/pg -c listen_addresses=127.0.0.1 -c max_connections=300 $pg_settings" >/dev/null; then
            break
        fi
        grep -q "could not bind" "$state/pg/server.log" && [[ $attempt -lt 5 ]] \
            || { cat "$state/pg/server.log" >&2; die "PostgreSQL did not start"; }
        echo "PostgreSQL could not bind port $pg_port; trying another" >&2
        : >"$state/pg/server.log"
    done
    local pg_pid
    pg_pid=$(head -n 1 "$state/pg/data/postmaster.pid")
    record "postgres 0 $pg_pid $pg_port 0"

    # Several .NET processes share this machine's cores: a thread pool that spins waiting for work burns CPU another
    # process needs (measured: 50k stores ingested in 48 s instead of 72 s without the spinning). A deployment that
    # gives each silo its own machine can leave it at the default.
    export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}"
    export ConnectionStrings__StoreMonitor="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Maximum Pool Size=100"
    export StoreMonitor__Storage=postgres
    export StoreMonitor__Cluster__AdvertisedAddress=127.0.0.1
    export DOTNET_gcServer="${DOTNET_gcServer:-0}"
    # The GC compacts the old generation (and the large object heap) when much of it is free space, instead of letting
    # the process grow; the higher the level (1-9), the less free space it leaves. At 1M stores, a silo that took over
    # half of a dead silo's stores ended at 2.2-2.9 GB instead of 3.0-3.1 GB (the bound is 3 GB), and the API peaked at
    # 829-898 MB while it read the files instead of 1,012 MB (bound 1 GB); the ingest took 325-375 s against 338 s,
    # within the runs' spread (docs/BENCHMARKS.md, "Conserving memory").
    export DOTNET_GCConserveMemory="${DOTNET_GCConserveMemory:-7}"
    # A silo holds hundreds of thousands of store grains, and each store update allocates about 15 KB that dies young.
    # Workstation GC's youngest generation of a few megabytes then collects very often, each collection also scanning
    # the cards of the large old generation; a 64 MB one collects an order of magnitude less often. Silos only: the
    # API's peak during an ingestion has a bound (docs/BENCHMARKS.md), and a larger youngest generation raises it.
    local silo_gen0="${STOREMONITOR_SILO_GEN0_SIZE:-0x4000000}"

    local i silo_port gateway_port metrics_port pid
    for i in $(seq 1 "$silos"); do
        free_port silo_port
        free_port gateway_port
        free_port metrics_port
        # setsid: the silos belong to no terminal, so closing this shell does not stop them; `down` does.
        # From its own folder, so the silo reads its appsettings.json (logging levels among them).
        (cd "$(dirname "$silo_dll")" && StoreMonitor__Cluster__SiloPort=$silo_port StoreMonitor__Cluster__GatewayPort=$gateway_port \
            StoreMonitor__Cluster__MetricsPort=$metrics_port DOTNET_GCgen0size="${DOTNET_GCgen0size:-$silo_gen0}" \
            exec setsid dotnet "$silo_dll" >"$state/logs/silo-$i.log" 2>&1 </dev/null) &
        pid=$!
        record "silo $i $pid $silo_port $gateway_port $metrics_port"
    done

    # The API starts once every silo can place on every silo: active in its own view, with that silo's manifest. It
    # ingests at start, and the index partitions it wakes are placed over the silos the placing silo counts and stay there.
    echo "Waiting for $silos silo(s) to join the cluster..."
    local deadline=$((SECONDS + startup_timeout))
    while true; do
        if all_silos_see "$silos"; then
            break
        fi
        if [[ $SECONDS -ge $deadline ]] || ! all_alive; then
            status >&2 || true
            for log in "$state"/logs/silo-*.log; do echo "--- $log" >&2; tail -n 20 "$log" >&2; done
            die "the silos did not all join within ${startup_timeout}s; run scripts/cluster.sh down"
        fi
        sleep 0.5
    done

    local api_port
    free_port api_port
    (cd "$root" && StoreMonitor__Cluster__Mode=client \
        exec setsid dotnet "$api_dll" --urls "http://127.0.0.1:$api_port" >"$state/logs/api.log" 2>&1 </dev/null) &
    pid=$!
    record "api 0 $pid $api_port 0"
    echo "$api_port" >"$state/api-port"

    echo "Waiting for the API to answer (logs in $state/logs)..."
    local body active
    deadline=$((SECONDS + startup_timeout))
    while true; do
        body=$(curl -s --max-time 5 "http://127.0.0.1:$api_port/cluster" || true)
        active=$(grep -o '"status":"Active"' <<<"$body" | wc -l || true)
        if [[ "$active" -ge "$silos" ]]; then
            break
        fi
        if [[ $SECONDS -ge $deadline ]] || ! all_alive; then
            status >&2 || true
            for log in "$state"/logs/*.log; do echo "--- $log" >&2; tail -n 20 "$log" >&2; done
            die "the cluster did not come up within ${startup_timeout}s; run scripts/cluster.sh down"
        fi
        sleep 1
    done

    echo "API http://127.0.0.1:$api_port"
    status
}

# Whether every silo counts at least N silos it can place on (its storemonitor_cluster_placement_silos gauge).
all_silos_see() {
    local kind index pid a b c seen
    while read -r kind index pid a b c; do
        [[ "$kind" == silo ]] || continue
        seen=$(curl -s --max-time 2 "http://127.0.0.1:$c/metrics" | grep -E '^storemonitor_cluster_placement_silos' | awk '{print $NF}' | head -n 1)
        [[ "$seen" =~ ^[0-9]+$ && "$seen" -ge "$1" ]] || return 1
    done <"$processes"
}

# --- status / down -----------------------------------------------------------------------------------------------

marker_of() {
    case "$1" in
        postgres) echo "postgres" ;;
        silo) echo "StoreMonitor.Silo.dll" ;;
        api) echo "StoreMonitor.Api.dll" ;;
    esac
}

any_alive() {
    local kind index pid a b
    while read -r kind index pid a b; do
        is_ours "$pid" "$(marker_of "$kind")" && return 0
    done <"$processes"
    return 1
}

all_alive() {
    local kind index pid a b
    while read -r kind index pid a b; do
        is_ours "$pid" "$(marker_of "$kind")" || return 1
    done <"$processes"
    return 0
}

status() {
    [[ -f "$processes" ]] || { echo "no cluster started from $state"; return 1; }
    local kind index pid a b c state_word cluster_json="" grains
    local api_port
    api_port=$(cat "$state/api-port" 2>/dev/null || true)
    if [[ -n "$api_port" ]]; then
        cluster_json=$(curl -s --max-time 5 "http://127.0.0.1:$api_port/cluster" || true)
    fi
    while read -r kind index pid a b c; do
        if is_ours "$pid" "$(marker_of "$kind")"; then state_word=alive; else state_word=dead; fi
        case "$kind" in
            postgres) printf 'postgres  pid %-7s port %-5s  %s\n' "$pid" "$a" "$state_word" ;;
            silo)
                # Store grains on this silo, from the API's GET /cluster (the live row for this silo port).
                grains=$(grep -oE "\{\"address\":\"[^\"]*:$a@[^}]*\"status\":\"Active\"[^}]*\"store_grains\":[0-9]+" <<<"$cluster_json" \
                    | grep -oE '"store_grains":[0-9]+' | tail -n 1 | cut -d: -f2 || true)
                printf 'silo %-3s  pid %-7s silo port %-5s  gateway %-5s  metrics http://127.0.0.1:%s/metrics  %s%s\n' \
                    "$index" "$pid" "$a" "$b" "$c" "$state_word" "${grains:+  store grains $grains}" ;;
            api) printf 'api       pid %-7s url http://127.0.0.1:%s  %s\n' "$pid" "$a" "$state_word" ;;
        esac
    done <"$processes"
}

down() {
    [[ -f "$processes" ]] || { echo "no cluster started from $state"; return 0; }
    local kind index pid a b
    # The API and the silos first (they write to PostgreSQL on the way out), PostgreSQL last.
    while read -r kind index pid a b; do
        [[ "$kind" == postgres ]] && continue
        is_ours "$pid" "$(marker_of "$kind")" && kill -TERM "$pid" 2>/dev/null || true
    done <"$processes"
    local deadline=$((SECONDS + 20))
    while read -r kind index pid a b; do
        [[ "$kind" == postgres ]] && continue
        while is_ours "$pid" "$(marker_of "$kind")" && [[ $SECONDS -lt $deadline ]]; do sleep 0.2; done
        if is_ours "$pid" "$(marker_of "$kind")"; then kill -KILL "$pid" 2>/dev/null || true; fi
    done <"$processes"
    while read -r kind index pid a b; do
        [[ "$kind" == postgres ]] || continue
        if is_ours "$pid" postgres; then
            as_postgres "$(postgres_bin)/pg_ctl" -D "$state/pg/data" -w -t 60 stop -m fast >/dev/null 2>&1 \
                || kill -KILL "$pid" 2>/dev/null || true
        fi
    done <"$processes"
    while read -r kind index pid a b; do
        is_ours "$pid" "$(marker_of "$kind")" && die "process $kind $index (pid $pid) is still running"
    done <"$processes"
    rm -f "$processes" "$state/api-port"
    echo "stopped; logs kept in $state/logs"
}

case "${1:-}" in
    up) shift; up "$@" ;;
    build) shift; build ;;
    status) shift; status ;;
    down) shift; down ;;
    -h|--help|help) usage ;;
    *) usage 1 ;;
esac
