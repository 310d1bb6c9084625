#!/usr/bin/env bash
# Passthrough benchmark: point SELECTs by primary key on one PostgreSQL table, measured through
#   direct    pgjdbc straight to PostgreSQL (the floor)
#   junction  Junction in passthrough (jdbc:junction://127.0.0.1:PORT/pg)
#   avatica   Avatica's standalone server (JdbcMeta over pgjdbc), the stock Avatica path
# at 8 and 64 client threads, each thread with its own connection. Targets are alternated within one
# invocation (round 1 in order, round 2 reversed, ...) so drift on a shared machine hits all of them,
# and the table reports the mean of each target's runs and the ratios junction/direct and
# junction/avatica. Everything the script starts is stopped when it ends, however it ends.
#
# Usage: benchmarks/run-passthrough.sh        (from anywhere; builds what is missing)
# Knobs (environment):
#   BENCH_SECONDS=20   measured seconds per run      BENCH_WARMUP=10   unmeasured seconds before each
#   BENCH_THREADS="8 64"                             BENCH_ROUNDS=2    runs per target and thread count
#   BENCH_TARGETS="direct junction avatica"          BENCH_POOL_SIZE=20  Junction's upstream pool
#   BENCH_ROWS=100000  rows in bench_accounts
#   BENCH_SERVER_WARMUP=15  seconds of unrecorded load on each freshly started server before round 1
#   PG_HOST=127.0.0.1 PG_PORT=5432 PG_DB=test PG_USER=postgres PG_PASSWORD=   the upstream
# PostgreSQL needs max_connections above the largest thread count plus Junction's pool.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/bench-common.sh"
readonly LOG_DIR=$ROOT/benchmarks/target/passthrough
readonly PEER_DIR=$ROOT/benchmarks/target/peers

readonly SECONDS_PER_RUN=${BENCH_SECONDS:-20}
readonly WARMUP=${BENCH_WARMUP:-10}
readonly THREAD_COUNTS=${BENCH_THREADS:-8 64}
readonly ROUNDS=${BENCH_ROUNDS:-2}
readonly ROWS=${BENCH_ROWS:-100000}
readonly SERVER_WARMUP=${BENCH_SERVER_WARMUP:-15}
read -r -a TARGETS <<<"${BENCH_TARGETS:-direct junction avatica}"

# The stock Avatica client pools 25 HTTP connections per route; 64 threads each holding "its own
# connection" must not queue for 25 sockets, or the Avatica-protocol targets are capped by the client.
readonly LOAD_JVM=(java -Xmx1g -Davatica.pooled.connections.per.route=256 -Davatica.pooled.connections.max=256)

has_target() { [[ " ${TARGETS[*]} " == *" $1 "* ]]; }

pom_property() {
    sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -n 1
}

fetch_peer_jars() {
    local standalone_version pgjdbc_version
    standalone_version=$(pom_property avatica-standalone.version)
    pgjdbc_version=$(pom_property postgresql.version)
    AVATICA_JAR=$PEER_DIR/avatica-standalone-server-$standalone_version.jar
    PGJDBC_JAR=$PEER_DIR/postgresql-$pgjdbc_version.jar
    local artifact
    for artifact in "org.apache.calcite.avatica:avatica-standalone-server:$standalone_version" \
                    "org.postgresql:postgresql:$pgjdbc_version"; do
        (cd "$ROOT" && mvn -B -ntp -q -N dependency:copy -Dartifact="$artifact" -DoutputDirectory="$PEER_DIR" \
            >>"$LOG_DIR/fetch.log" 2>&1) || die "could not fetch $artifact (log: $LOG_DIR/fetch.log)"
    done
}

start_junction() {
    start_junction_server pg <<YAML
$(pg_source_yaml pg)
YAML
    JUNCTION_ARGS=(--url "$JUNCTION_URL/pg" --user bench --password "$JUNCTION_PASSWORD")
}

start_avatica() {
    AVATICA_PORT=$(free_port "${JUNCTION_PORT:-}" "${ADMIN_PORT:-}")
    log "starting Avatica's standalone server on port $AVATICA_PORT, log in $LOG_DIR/avatica.log"
    "${SERVER_JVM[@]}" -cp "$AVATICA_JAR:$PGJDBC_JAR" org.apache.calcite.avatica.standalone.StandaloneServer \
        --url "$PG_URL" --port "$AVATICA_PORT" --serialization PROTOBUF >"$LOG_DIR/avatica.log" 2>&1 &
    STARTED_PIDS+=($!)
    wait_for_port "Avatica standalone server" "$!" "$AVATICA_PORT" "$LOG_DIR/avatica.log"
    # JdbcMeta opens its upstream connection with the client's user and password.
    AVATICA_ARGS=(--url "jdbc:avatica:remote:url=http://127.0.0.1:$AVATICA_PORT;serialization=protobuf"
                  --user "$PG_USER" --password "$PG_PASSWORD")
}

# Prints the RESULT line of one PointSelectLoad run against a target.
load() {
    local target=$1 threads=$2 seconds=$3 warmup=$4
    local -a target_args
    case $target in
        direct) target_args=(--url "$PG_URL" --user "$PG_USER" --password "$PG_PASSWORD") ;;
        junction) target_args=("${JUNCTION_ARGS[@]}") ;;
        avatica) target_args=("${AVATICA_ARGS[@]}") ;;
    esac
    "${LOAD_JVM[@]}" -cp "$BENCH_JAR" io.junction.bench.PointSelectLoad "${target_args[@]}" \
        --threads "$threads" --seconds "$seconds" --warmup "$warmup" --rows "$ROWS" --label "$target" \
        || die "the $target run at $threads threads failed (see the message above)"
}

# A server JVM just started runs interpreted code for many seconds (Avatica's standalone server
# reached a tenth of its warm throughput after 2 s here); round 1 must not measure that.
warm_up_servers() {
    local target
    for target in "${TARGETS[@]}"; do
        [[ $target == direct ]] && continue
        log "warming up $target for ${SERVER_WARMUP}s (not recorded)"
        load "$target" 8 "$SERVER_WARMUP" 0 >/dev/null
    done
}

run_measured() {
    local target=$1 threads=$2 round=$3 line
    line=$(load "$target" "$threads" "$SECONDS_PER_RUN" "$WARMUP")
    printf '  round %s: %s\n' "$round" "$line" >&2
    printf '%s %s %s\n' "$threads" "$target" "$line" >>"$WORK/results"
}

# One row per (threads, target): the mean of its runs, then the ratios of mean throughput.
print_table() {
    awk -v targets="${TARGETS[*]}" "$AWK_FIELD"'
        {
            key = $1 SUBSEP $2; runs[key]++
            ops[key] += field("ops_per_s"); p50[key] += field("p50_ms"); p99[key] += field("p99_ms")
            p999[key] += field("p999_ms"); errors[key] += field("errors")
            if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
        }
        END {
            t = split(targets, names, " ")
            printf "%-8s %-9s %12s %9s %9s %9s %7s %5s\n", "threads", "target", "ops/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "runs"
            for (i = 1; i <= n; i++) {
                for (j = 1; j <= t; j++) {
                    key = order[i] SUBSEP names[j]; r = runs[key]
                    if (!r) continue
                    printf "%-8s %-9s %12.1f %9.3f %9.3f %9.3f %7d %5d\n", order[i], names[j], ops[key] / r, p50[key] / r, p99[key] / r, p999[key] / r, errors[key], r
                }
            }
            print ""
            for (i = 1; i <= n; i++) {
                j = order[i] SUBSEP "junction"; d = order[i] SUBSEP "direct"; a = order[i] SUBSEP "avatica"
                if (!runs[j]) continue
                line = sprintf("ratios at %s threads (ops/s):", order[i])
                if (runs[d] && ops[d] > 0) line = line sprintf("  junction/direct %.3f", (ops[j] / runs[j]) / (ops[d] / runs[d]))
                if (runs[a] && ops[a] > 0) line = line sprintf("  junction/avatica %.3f", (ops[j] / runs[j]) / (ops[a] / runs[a]))
                print line
            }
        }' "$WORK/results"
}

main() {
    local target
    for target in "${TARGETS[@]}"; do
        [[ $target =~ ^(direct|junction|avatica)$ ]] || die "unknown target '$target' in BENCH_TARGETS (direct, junction, avatica)"
    done
    (( ${#TARGETS[@]} > 0 )) || die "BENCH_TARGETS is empty"
    rm -rf "$LOG_DIR"
    mkdir -p "$LOG_DIR" "$PEER_DIR"

    require_postgres
    if has_target junction; then build_if_needed "$BENCH_JAR" "$SERVER_JAR"; else build_if_needed "$BENCH_JAR"; fi
    prepare_bench_table
    has_target avatica && fetch_peer_jars
    has_target junction && start_junction
    has_target avatica && start_avatica
    ((SERVER_WARMUP > 0)) && warm_up_servers

    log "machine: $(machine_summary)"
    local threads round
    for threads in $THREAD_COUNTS; do
        for ((round = 1; round <= ROUNDS; round++)); do
            for target in $(round_order "$round" "${TARGETS[@]}"); do
                log "$target, $threads threads, round $round/$ROUNDS: ${WARMUP}s warm-up + ${SECONDS_PER_RUN}s"
                run_measured "$target" "$threads" "$round"
            done
        done
    done

    echo
    echo "Point SELECT by primary key on $PG_URL, ${SECONDS_PER_RUN}s measured per run after ${WARMUP}s warm-up;"
    echo "each row is the mean of its runs. Junction pool: $POOL_SIZE connections."
    echo
    print_table
}

main "$@"
