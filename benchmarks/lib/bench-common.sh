# shellcheck shell=bash disable=SC2034  # sets variables for the scripts that source it
# Shell plumbing shared by the benchmark scripts (benchmarks/run-*.sh), which source it before anything
# else. Sourcing it sets ROOT, the jars, the upstream PostgreSQL (PG_*), the upstream pool size of the
# servers started (POOL_SIZE), a scratch folder WORK, and traps that stop every process recorded in
# STARTED_PIDS and remove WORK when the script ends, however it ends. The script sets LOG_DIR itself.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
readonly BENCH_JAR=$ROOT/benchmarks/target/junction-benchmarks.jar
readonly SERVER_JAR=$ROOT/proxy-server/target/junction-server.jar
readonly PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432} PG_DB=${PG_DB:-test}
readonly PG_USER=${PG_USER:-postgres} PG_PASSWORD=${PG_PASSWORD:-}
readonly PG_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB"
readonly POOL_SIZE=${BENCH_POOL_SIZE:-20}
readonly SERVER_JVM=(java -Xmx1g)

LOG_TAG=bench
STARTED_PIDS=()
WORK=$(mktemp -d)

# Progress and failures go to stderr, tagged with the script's LOG_TAG; stdout is left for the results.
log() { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }
die() { printf '[%s] FAILED: %s\n' "$LOG_TAG" "$*" >&2; exit 1; }

# Stops one started process: TERM, then KILL if it is still there after 30 s.
stop_process() {
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 30; i++)); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 1
    done
    log "process $pid ignored SIGTERM for 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# The EXIT trap: stops every process in STARTED_PIDS and removes WORK.
cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do
        stop_process "$pid"
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Whether something listens on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints a port below the kernel's ephemeral range that nothing listens on and that is not among "$@".
free_port() {
    local port i
    for ((i = 0; i < 200; i++)); do
        port=$((20000 + RANDOM % 12000))
        if ! port_open "$port" && [[ " $* " != *" $port "* ]]; then
            echo "$port"
            return 0
        fi
    done
    die "found no free port in 20000-31999"
}

# Waits up to 60 s for server $1 (pid $2) to listen on port $3; on failure shows the end of its log $4.
wait_for_port() {
    local name=$1 pid=$2 port=$3 logfile=$4 i
    for ((i = 0; i < 60; i++)); do
        port_open "$port" && return 0
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 40 "$logfile" >&2 || true
            die "$name exited before listening on port $port (full log: $logfile)"
        fi
        sleep 1
    done
    tail -n 40 "$logfile" >&2 || true
    die "$name did not listen on port $port within 60 s (full log: $logfile)"
}

# Fails early, with the address, when the upstream PostgreSQL does not answer.
require_postgres() {
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null || die "PostgreSQL is not answering on $PG_HOST:$PG_PORT"
}

# Builds the project (mvn -DskipTests package) when one of the jars "$@" is missing or the benchmarks
# jar is older than the benchmarks' sources, and fails unless the build produced them.
build_if_needed() {
    local jar missing=
    for jar in "$@"; do [[ -f $jar ]] || missing=yes; done
    if [[ -z $missing && -z $(find "$ROOT/benchmarks/src" -newer "$BENCH_JAR" -print -quit) ]]; then
        return 0
    fi
    log "building (mvn -DskipTests package), log in $LOG_DIR/build.log"
    (cd "$ROOT" && mvn -B -ntp -DskipTests package >"$LOG_DIR/build.log" 2>&1) \
        || { tail -n 40 "$LOG_DIR/build.log" >&2; die "the build failed (full log: $LOG_DIR/build.log)"; }
    for jar in "$@"; do
        [[ -f $jar ]] || die "the build did not produce $jar (log: $LOG_DIR/build.log)"
    done
}

# Creates (or refills) bench_accounts with $ROWS rows in the upstream PostgreSQL.
prepare_bench_table() {
    log "preparing bench_accounts ($ROWS rows) in $PG_URL"
    java -cp "$BENCH_JAR" io.junction.bench.BenchSetup --url "$PG_URL" --user "$PG_USER" --password "$PG_PASSWORD" \
        --rows "$ROWS" >&2
}

# Prints the machine's cores, load average and the commit measured, for the log of a run.
machine_summary() {
    printf '%s cores, load average %s; commit %s' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" \
        "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
}

# Prints the YAML of a source named $1 on the upstream PostgreSQL with a pool of POOL_SIZE; $2 adds pool settings.
pg_source_yaml() {
    # shellcheck disable=SC2016  # ${BENCH_PG_PASSWORD:-} is for Junction to expand, from its environment
    printf '  %s:\n    url: %s\n    user: %s\n    password: ${BENCH_PG_PASSWORD:-}\n    pool: { max-size: %s%s }\n' \
        "$1" "$PG_URL" "$PG_USER" "$POOL_SIZE" "${2:+, $2}"
}

# Starts Junction on free ports (JUNCTION_PORT, ADMIN_PORT) for user "bench" with a fresh password, allowed on
# the sources named in $1; $2 adds server settings; stdin is the rest of the config (the sources, other
# sections). Sets JUNCTION_URL (without a source) and JUNCTION_PASSWORD.
start_junction_server() {
    local source_names=$1 server_extra=${2:-} rest password hash
    rest=$(cat)
    password=bench-$RANDOM$RANDOM$RANDOM
    hash=$(printf '%s\n' "$password" | java -jar "$SERVER_JAR" hash-password 2>"$LOG_DIR/hash-password.log" \
        | sed '/^[[:space:]]*$/d' | tail -n 1) \
        || { cat "$LOG_DIR/hash-password.log" >&2; die "'java -jar $SERVER_JAR hash-password' failed"; }
    [[ -n $hash ]] || die "'hash-password' printed nothing (log: $LOG_DIR/hash-password.log)"

    JUNCTION_PORT=$(free_port)
    ADMIN_PORT=$(free_port "$JUNCTION_PORT")
    cat >"$WORK/junction.yaml" <<YAML
server: { host: 127.0.0.1, port: $JUNCTION_PORT${server_extra:+, $server_extra} }
admin:  { host: 127.0.0.1, port: $ADMIN_PORT }
users:
  - name: bench
    password-hash: "$hash"
    sources: [$source_names]
sources:
$rest
YAML
    log "starting Junction on 127.0.0.1:$JUNCTION_PORT (admin $ADMIN_PORT), log in $LOG_DIR/junction.log"
    BENCH_PG_PASSWORD=$PG_PASSWORD "${SERVER_JVM[@]}" -jar "$SERVER_JAR" --config "$WORK/junction.yaml" \
        >"$LOG_DIR/junction.log" 2>&1 &
    STARTED_PIDS+=($!)
    wait_for_port Junction "$!" "$JUNCTION_PORT" "$LOG_DIR/junction.log"
    JUNCTION_URL=jdbc:junction://127.0.0.1:$JUNCTION_PORT
    JUNCTION_PASSWORD=$password
}

# Prints the targets "${@:2}" in round $1's order: as given in odd rounds, reversed in even ones, so that
# drift on a shared machine hits all of them.
round_order() {
    local round=$1 k
    shift
    if ((round % 2 == 1)); then
        echo "$*"
    else
        for ((k = $#; k >= 1; k--)); do printf '%s ' "${!k}"; done
        echo
    fi
}

# awk function for the results tables: field("ops_per_s") is the value of that key=value field of the line.
# shellcheck disable=SC2016  # awk's $i, not the shell's
readonly AWK_FIELD='
    function field(name,   i, kv) {
        for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
        return 0
    }'
