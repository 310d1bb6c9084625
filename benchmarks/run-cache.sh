#!/usr/bin/env bash
# Result-cache benchmark on one PostgreSQL table of BENCH_ROWS (1,000,000) rows, measured through
#   direct      pgjdbc straight to PostgreSQL (the floor)
#   cache-off   Junction, source with the cache off
#   cache-on    Junction, source with the cache on
# for two shapes:
#   dashboard   an aggregate over the whole table (after the first run, every cache-on query is a hit)
#   point       a point SELECT by a random key in [1, rows] (almost every cache-on query is a miss:
#               the cost a miss adds)
# at 1 and 16 client threads (BENCH_THREADS). Targets alternate order per round so drift on a shared
# machine hits all of them; the table gives each target's mean and the ratios to direct and cache-off.
# Everything the script starts is stopped when it ends, however it ends.
#
# Usage: benchmarks/run-cache.sh        (from anywhere; builds what is missing)
# Knobs (environment): BENCH_SECONDS=15 BENCH_WARMUP=5 BENCH_THREADS="1 16" BENCH_ROUNDS=2
#   BENCH_ROWS=1000000 BENCH_POOL_SIZE=20 PG_HOST/PG_PORT/PG_DB/PG_USER/PG_PASSWORD as run-passthrough.sh
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/bench-common.sh"
readonly LOG_DIR=$ROOT/benchmarks/target/cache
readonly SECONDS_PER_RUN=${BENCH_SECONDS:-15}
readonly WARMUP=${BENCH_WARMUP:-5}
readonly THREAD_COUNTS=${BENCH_THREADS:-1 16}
readonly ROUNDS=${BENCH_ROUNDS:-2}
readonly ROWS=${BENCH_ROWS:-1000000}
readonly DASHBOARD_SQL="SELECT id % 10 AS bucket, count(*), sum(balance), avg(balance), max(balance) FROM bench_accounts GROUP BY id % 10 ORDER BY bucket"
readonly POINT_SQL="SELECT id, balance, filler FROM bench_accounts WHERE id = ?"
readonly TARGETS=(direct cache-off cache-on)

start_junction() {
    start_junction_server "pg_off, pg_on" <<YAML
$(pg_source_yaml pg_off)
$(pg_source_yaml pg_on)
    cache: { enabled: true, ttl: 10m }
cache: { max-bytes: 256MB, max-entry-bytes: 16MB }
YAML
}

load() {
    local target=$1 shape=$2 threads=$3 seconds=$4 warmup=$5 sql args
    [[ $shape == dashboard ]] && sql=$DASHBOARD_SQL || sql=$POINT_SQL
    case $target in
        direct) args=(--url "$PG_URL" --user "$PG_USER" --password "$PG_PASSWORD") ;;
        cache-off) args=(--url "$JUNCTION_URL/pg_off" --user bench --password "$JUNCTION_PASSWORD") ;;
        cache-on) args=(--url "$JUNCTION_URL/pg_on" --user bench --password "$JUNCTION_PASSWORD") ;;
    esac
    java -Xmx1g -cp "$BENCH_JAR" io.junction.bench.PointSelectLoad "${args[@]}" --sql "$sql" --rows "$ROWS" \
        --threads "$threads" --seconds "$seconds" --warmup "$warmup" --label "$shape.$target" \
        || die "the $target $shape run at $threads threads failed"
}

main() {
    mkdir -p "$LOG_DIR"
    require_postgres
    build_if_needed "$BENCH_JAR" "$SERVER_JAR"
    prepare_bench_table
    start_junction
    log "warming up Junction (not recorded)"
    load cache-off point 4 5 0 >/dev/null
    load cache-on dashboard 1 3 0 >/dev/null
    log "machine: $(machine_summary)"
    local shape threads round target line
    for shape in dashboard point; do
        for threads in $THREAD_COUNTS; do
            for ((round = 1; round <= ROUNDS; round++)); do
                for target in $(round_order "$round" "${TARGETS[@]}"); do
                    line=$(load "$target" "$shape" "$threads" "$SECONDS_PER_RUN" "$WARMUP")
                    printf '  round %s: %s\n' "$round" "$line" >&2
                    printf '%s %s %s %s\n' "$shape" "$threads" "$target" "$line" >>"$WORK/results"
                done
            done
        done
    done
    echo
    echo "bench_accounts, $ROWS rows; ${SECONDS_PER_RUN}s measured after ${WARMUP}s warm-up; mean of $ROUNDS runs."
    echo "dashboard: $DASHBOARD_SQL"
    echo "point:     $POINT_SQL (random key)"
    echo
    awk "$AWK_FIELD"'
        { key = $1 SUBSEP $2 SUBSEP $3; runs[key]++; ops[key] += field("ops_per_s"); p50[key] += field("p50_ms"); p99[key] += field("p99_ms")
          if (!(($1 SUBSEP $2) in seen)) { seen[$1 SUBSEP $2] = 1; order[++n] = $1 SUBSEP $2 } }
        END {
            printf "%-10s %-8s %-10s %12s %9s %9s\n", "shape", "threads", "target", "ops/s", "p50 ms", "p99 ms"
            for (i = 1; i <= n; i++) {
                split(order[i], sk, SUBSEP)
                split("direct cache-off cache-on", t, " ")
                for (j = 1; j <= 3; j++) { key = order[i] SUBSEP t[j]; r = runs[key]; if (!r) continue
                    printf "%-10s %-8s %-10s %12.1f %9.3f %9.3f\n", sk[1], sk[2], t[j], ops[key] / r, p50[key] / r, p99[key] / r }
                d = order[i] SUBSEP "direct"; off = order[i] SUBSEP "cache-off"; on = order[i] SUBSEP "cache-on"
                printf "  ratios (ops/s): cache-on/direct %.3f  cache-on/cache-off %.3f  cache-off/direct %.3f\n",
                    (ops[on] / runs[on]) / (ops[d] / runs[d]), (ops[on] / runs[on]) / (ops[off] / runs[off]), (ops[off] / runs[off]) / (ops[d] / runs[d])
            }
        }' "$WORK/results"
}

main "$@"
