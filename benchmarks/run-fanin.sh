#!/usr/bin/env bash
# Fan-in and reconnect-storm benchmarks (issue 4), all against one PostgreSQL table:
#   fan-in     N concurrent client sessions, each its own JDBC connection, running point SELECTs, on
#              an upstream pool of 20: through Junction (jdbc:junction://.../pg, pool.max-size 20) and
#              through PgBouncer (Debian's package, transaction mode, default_pool_size 20) driven by
#              pgjdbc (prepareThreshold=0, as transaction mode requires); direct pgjdbc too when
#              PostgreSQL's free connection slots allow N once Junction and PgBouncer hold their pools
#              (the 50-client point exists for that comparison: max_connections is often 100).
#   reconnect  32 clients each looping connect -> SELECT 1 -> close: direct, Junction, PgBouncer.
# For Junction, each fan-in point also reports the gateway's live threads, heap in use, and the upstream
# connections it holds (its own /metrics). Ratios are within this one invocation; never asserted.
# Junction runs with server.max-queued-requests 8192: its default (1024) rightly refuses 5,000 clients
# all waiting at once (53300) instead of queueing them.
#
# Usage: benchmarks/run-fanin.sh   (builds what is missing; installs pgbouncer with apt-get if absent)
# Knobs: BENCH_SECONDS=10 BENCH_WARMUP=5 BENCH_CLIENTS="50 100 1000 5000" BENCH_RECONNECT_THREADS=32
#        BENCH_POOL_SIZE=20 BENCH_ROWS=100000; PG_HOST PG_PORT PG_DB PG_USER PG_PASSWORD as in run-passthrough.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
readonly ROOT
readonly BENCH_JAR=$ROOT/benchmarks/target/junction-benchmarks.jar
readonly SERVER_JAR=$ROOT/proxy-server/target/junction-server.jar
readonly LOG_DIR=$ROOT/benchmarks/target/fanin
readonly SECONDS_PER_RUN=${BENCH_SECONDS:-10}
readonly WARMUP=${BENCH_WARMUP:-5}
readonly CLIENTS=${BENCH_CLIENTS:-50 100 1000 5000}
readonly RECONNECT_THREADS=${BENCH_RECONNECT_THREADS:-32}
readonly POOL_SIZE=${BENCH_POOL_SIZE:-20}
readonly ROWS=${BENCH_ROWS:-100000}
readonly PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432} PG_DB=${PG_DB:-test}
readonly PG_USER=${PG_USER:-postgres} PG_PASSWORD=${PG_PASSWORD:-}
readonly PG_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB"
# Thousands of client threads: small stacks.
readonly LOAD_JVM=(java -Xmx2g -Xss256k)
readonly SERVER_JVM=(java -Xmx1g)

log() { printf '[fanin] %s\n' "$*" >&2; }
die() { printf '[fanin] FAILED: %s\n' "$*" >&2; exit 1; }

STARTED_PIDS=()
WORK=$(mktemp -d)
chmod 755 "$WORK"
cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local port i
    for ((i = 0; i < 200; i++)); do
        port=$((20000 + RANDOM % 12000))
        if ! port_open "$port" && [[ " $* " != *" $port "* ]]; then echo "$port"; return 0; fi
    done
    die "found no free port"
}
wait_for_port() {
    local name=$1 port=$2 logfile=$3 i
    for ((i = 0; i < 60; i++)); do port_open "$port" && return 0; sleep 1; done
    tail -n 30 "$logfile" >&2 || true
    die "$name did not listen on port $port within 60 s (log: $logfile)"
}
psql_value() { PGPASSWORD=$PG_PASSWORD psql -qAt -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$PG_DB" -c "$1"; }

build_if_needed() {
    [[ -f $BENCH_JAR && -f $SERVER_JAR && $BENCH_JAR -nt $ROOT/benchmarks/src/main/java/io/junction/bench/ReconnectLoad.java ]] && return 0
    log "building (mvn -DskipTests package), log in $LOG_DIR/build.log"
    (cd "$ROOT" && mvn -B -ntp -o -DskipTests package >"$LOG_DIR/build.log" 2>&1) \
        || { tail -n 30 "$LOG_DIR/build.log" >&2; die "the build failed"; }
}

start_junction() {
    local password=bench-$RANDOM$RANDOM hash
    hash=$(printf '%s\n' "$password" | java -jar "$SERVER_JAR" hash-password 2>/dev/null | sed '/^[[:space:]]*$/d' | tail -n 1)
    JUNCTION_PORT=$(free_port)
    ADMIN_PORT=$(free_port "$JUNCTION_PORT")
    cat >"$WORK/junction.yaml" <<YAML
server: { host: 127.0.0.1, port: $JUNCTION_PORT, max-queued-requests: 8192 }
admin:  { host: 127.0.0.1, port: $ADMIN_PORT }
users:
  - name: bench
    password-hash: "$hash"
    sources: [pg]
sources:
  pg:
    url: $PG_URL
    user: $PG_USER
    password: \${BENCH_PG_PASSWORD:-}
    pool: { max-size: $POOL_SIZE, acquire-timeout: 60s }
YAML
    log "starting Junction on 127.0.0.1:$JUNCTION_PORT (admin $ADMIN_PORT)"
    BENCH_PG_PASSWORD=$PG_PASSWORD "${SERVER_JVM[@]}" -jar "$SERVER_JAR" --config "$WORK/junction.yaml" \
        >"$LOG_DIR/junction.log" 2>&1 &
    STARTED_PIDS+=($!)
    wait_for_port Junction "$JUNCTION_PORT" "$LOG_DIR/junction.log"
    JUNCTION_ARGS=(--url "jdbc:junction://127.0.0.1:$JUNCTION_PORT/pg" --user bench --password "$password")
}

start_pgbouncer() {
    if ! command -v pgbouncer >/dev/null && [[ ! -x /usr/sbin/pgbouncer ]]; then
        log "installing pgbouncer (apt-get)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q pgbouncer >"$LOG_DIR/apt.log" 2>&1 \
            || die "could not install pgbouncer (log: $LOG_DIR/apt.log)"
        # The package starts its own instance; this script runs its own.
        systemctl stop pgbouncer 2>/dev/null || service pgbouncer stop 2>/dev/null || true
    fi
    BOUNCER_PORT=$(free_port "${JUNCTION_PORT:-}" "${ADMIN_PORT:-}")
    printf '"%s" "%s"\n' "$PG_USER" "$PG_PASSWORD" >"$WORK/userlist.txt"
    cat >"$WORK/pgbouncer.ini" <<INI
[databases]
$PG_DB = host=$PG_HOST port=$PG_PORT dbname=$PG_DB
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $WORK/userlist.txt
pool_mode = transaction
default_pool_size = $POOL_SIZE
max_client_conn = 6000
max_db_connections = $POOL_SIZE
ignore_startup_parameters = extra_float_digits,options
INI
    chmod 644 "$WORK/pgbouncer.ini" "$WORK/userlist.txt"
    local -a as_user=()
    [[ $(id -u) == 0 ]] && as_user=(-u postgres)  # PgBouncer refuses to run as root
    log "starting PgBouncer on 127.0.0.1:$BOUNCER_PORT (transaction mode, pool $POOL_SIZE)"
    /usr/sbin/pgbouncer "${as_user[@]}" "$WORK/pgbouncer.ini" >"$LOG_DIR/pgbouncer.out" 2>&1 &
    STARTED_PIDS+=($!)
    wait_for_port PgBouncer "$BOUNCER_PORT" "$LOG_DIR/pgbouncer.out"
    BOUNCER_ARGS=(--url "jdbc:postgresql://127.0.0.1:$BOUNCER_PORT/$PG_DB?prepareThreshold=0" --user "$PG_USER"
                  --password "$PG_PASSWORD")
}

target_args() {
    case $1 in
        direct) TARGET_ARGS=(--url "$PG_URL" --user "$PG_USER" --password "$PG_PASSWORD") ;;
        junction) TARGET_ARGS=("${JUNCTION_ARGS[@]}") ;;
        pgbouncer) TARGET_ARGS=("${BOUNCER_ARGS[@]}") ;;
    esac
}

# Junction's own figures right now: live threads, heap in use (MB), upstream connections open.
junction_figures() {
    curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" | awk '
        /^jvm_threads_live_threads / { threads = $2 }
        index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 { heap += $NF }
        /^junction_upstream_connections / { upstream = $2 }
        END { printf "gateway_threads=%d gateway_heap_mb=%.0f upstream_connections=%d", threads, heap / 1048576, upstream }'
}

run() {
    local shape=$1 target=$2 threads=$3 line extra="" figures_pid=""
    target_args "$target"
    log "$shape, $target, $threads clients: ${WARMUP}s warm-up + ${SECONDS_PER_RUN}s"
    if [[ $target == junction && $shape == fanin ]]; then
        ( sleep $((WARMUP + SECONDS_PER_RUN / 2)); junction_figures >"$WORK/figures" ) &
        figures_pid=$!
    fi
    line=$("${LOAD_JVM[@]}" -cp "$BENCH_JAR" "io.junction.bench.$([[ $shape == fanin ]] && echo PointSelectLoad || echo ReconnectLoad)" \
        "${TARGET_ARGS[@]}" --threads "$threads" --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" \
        $([[ $shape == fanin ]] && echo --rows "$ROWS") --label "$target" 2>>"$LOG_DIR/load.err") \
        || { tail -n 5 "$LOG_DIR/load.err" >&2; line="FAILED"; }
    if [[ -n $figures_pid ]]; then
        wait "$figures_pid" || true
        extra=" $(cat "$WORK/figures" 2>/dev/null)"
    fi
    printf '%s %s %s %s%s\n' "$shape" "$threads" "$target" "$line" "$extra" | tee -a "$WORK/results" >&2
}

main() {
    rm -rf "$LOG_DIR"
    mkdir -p "$LOG_DIR"
    build_if_needed
    java -cp "$BENCH_JAR" io.junction.bench.BenchSetup --url "$PG_URL" --user "$PG_USER" --password "$PG_PASSWORD" \
        --rows "$ROWS" >&2
    start_junction
    start_pgbouncer
    local free clients target
    # Junction's and PgBouncer's pools stay open between points: count them as taken.
    free=$(psql_value "SELECT current_setting('max_connections')::int - count(*) - 5 - 2 * $POOL_SIZE FROM pg_stat_activity")
    log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL free connection slots: $free"
    run fanin junction 8 >/dev/null 2>&1 || true   # JIT warm-up of the gateway, not recorded
    : >"$WORK/results"
    for clients in $CLIENTS; do
        for target in junction pgbouncer direct; do
            if [[ $target == direct ]] && ((clients > free)); then
                log "direct at $clients clients skipped: PostgreSQL has $free free connection slots"
                continue
            fi
            run fanin "$target" "$clients"
        done
    done
    for target in direct junction pgbouncer; do
        run reconnect "$target" "$RECONNECT_THREADS"
    done
    echo
    echo "Fan-in (point SELECT, pool $POOL_SIZE) and reconnect storm ($RECONNECT_THREADS clients), ${SECONDS_PER_RUN}s per point:"
    cat "$WORK/results"
    echo
    awk '
        function field(name,   i, kv) { for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] } return 0 }
        { ops[$1 SUBSEP $2 SUBSEP $3] = field("ops_per_s"); keys[$1 SUBSEP $2] = 1 }
        END {
            for (k in keys) {
                split(k, p, SUBSEP); j = ops[k SUBSEP "junction"]; b = ops[k SUBSEP "pgbouncer"]; d = ops[k SUBSEP "direct"]
                line = sprintf("%s %s clients:", p[1], p[2])
                if (b > 0) line = line sprintf("  junction/pgbouncer %.3f", j / b)
                if (d > 0) line = line sprintf("  junction/direct %.3f", j / d)
                print line
            }
        }' "$WORK/results" | sort
}

main "$@"
