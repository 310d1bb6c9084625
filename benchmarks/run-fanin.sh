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

source "$(dirname "${BASH_SOURCE[0]}")/lib/bench-common.sh"
LOG_TAG=fanin
readonly LOG_DIR=$ROOT/benchmarks/target/fanin
readonly SECONDS_PER_RUN=${BENCH_SECONDS:-10}
readonly WARMUP=${BENCH_WARMUP:-5}
readonly CLIENTS=${BENCH_CLIENTS:-50 100 1000 5000}
readonly RECONNECT_THREADS=${BENCH_RECONNECT_THREADS:-32}
readonly ROWS=${BENCH_ROWS:-100000}
# Thousands of client threads: small stacks.
readonly LOAD_JVM=(java -Xmx2g -Xss256k)

# PgBouncer runs as the postgres user and reads its config from WORK.
chmod 755 "$WORK"

psql_value() { PGPASSWORD=$PG_PASSWORD psql -qAt -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$PG_DB" -c "$1"; }

start_junction() {
    start_junction_server pg "max-queued-requests: 8192" <<YAML
$(pg_source_yaml pg "acquire-timeout: 60s")
YAML
    JUNCTION_ARGS=(--url "$JUNCTION_URL/pg" --user bench --password "$JUNCTION_PASSWORD")
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
    wait_for_port PgBouncer "$!" "$BOUNCER_PORT" "$LOG_DIR/pgbouncer.out"
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
    require_postgres
    build_if_needed "$BENCH_JAR" "$SERVER_JAR"
    prepare_bench_table
    start_junction
    start_pgbouncer
    local free clients target
    # Junction's and PgBouncer's pools stay open between points: count them as taken.
    free=$(psql_value "SELECT current_setting('max_connections')::int - count(*) - 5 - 2 * $POOL_SIZE FROM pg_stat_activity")
    log "machine: $(machine_summary); PostgreSQL free connection slots: $free"
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
    awk "$AWK_FIELD"'
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
