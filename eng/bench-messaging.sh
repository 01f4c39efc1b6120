#!/usr/bin/env bash
#
# eng/bench-messaging.sh — the messaging benchmark (docs/benchmarks.md, "Messaging (issue 4)").
#
#   eng/bench-messaging.sh
#
# Runs bench/ModularShop.Bench.Messaging (Release), which uses the real BuildingBlocks.Infrastructure
# messaging code (ModuleDbContext.Publish, OutboxRelay, InboxDispatcher) with a one-table test module:
#   (1) throughput  BENCH_EVENTS (20 000) events pre-filled in the outbox, then BENCH_RELAYS (2) relays
#                   (separate service providers, as two host instances) deliver them; events/s from the first
#                   to the last effect (applied_at = clock_timestamp() in the handler's transaction);
#   (2) latency     BENCH_RATE (100) events/s for BENCH_SECONDS (20) s, one per transaction, with the relays
#                   on default settings (PollInterval 1 s, so only LISTEN/NOTIFY keeps latency low);
#                   latency = effect's applied_at - the event's OccurredAt (taken just before its commit).
# Budget: throughput >= 2 000 events/s; latency p95 <= 200 ms.
#
# Self-contained: starts a throwaway PostgreSQL cluster (eng/pg.sh) with PostgreSQL's DEFAULT, durable
# settings (fsync=on, synchronous_commit=on, full_page_writes=on: every commit waits for its WAL flush),
# builds Release, runs the app, prints a table and PASS/FAIL per budget. Exit code 0 when every budget is
# met, 1 when one is not, 2 on a setup error. BENCH_KEEP_LOGS=1 keeps the work folder.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export BENCH_EVENTS=${BENCH_EVENTS:-20000} BENCH_RATE=${BENCH_RATE:-100} BENCH_SECONDS=${BENCH_SECONDS:-20} BENCH_RELAYS=${BENCH_RELAYS:-2}

log() { echo "[bench] $*" >&2; }
die() { log "error: $*"; exit 2; }

WORK=$(mktemp -d /tmp/modularshop-bench-msg.XXXXXX)
chmod 755 "$WORK"
PG_DATA=$WORK/pg
PG_SOCK=$WORK/sock
PG_STARTED=""

# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
    if [ -n "$PG_STARTED" ]; then pg_stop "$PG_DATA" || true; fi
    if [ "${BENCH_KEEP_LOGS:-}" = 1 ]; then log "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck source=eng/pg.sh
source "$ROOT/eng/pg.sh"
pg_ensure_installed || die "no PostgreSQL"

log "building Release (bench/ModularShop.Bench.Messaging)"
dotnet build bench/ModularShop.Bench.Messaging -c Release -v q -nologo >"$WORK/build.log" 2>&1 ||
    { tail -n 30 "$WORK/build.log" >&2; die "build failed"; }
APP_DIR=$ROOT/bench/ModularShop.Bench.Messaging/bin/Release/net10.0

PG_PORT=$(pg_free_port)
log "starting a throwaway PostgreSQL on 127.0.0.1:$PG_PORT (default durable settings: fsync, synchronous_commit, full_page_writes on)"
pg_init "$PG_DATA" || die "initdb failed"
pg_start "$PG_DATA" "$PG_PORT" "$PG_SOCK" || die "PostgreSQL did not start"
PG_STARTED=1
pg_createdb "$PG_PORT" bench || die "createdb failed"
psql_q() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -XAtqc "$1"; }
PG_SERVER_VERSION=$(psql_q "SHOW server_version")
PG_DURABILITY="fsync=$(psql_q "SHOW fsync") synchronous_commit=$(psql_q "SHOW synchronous_commit") full_page_writes=$(psql_q "SHOW full_page_writes")"

log "running: $BENCH_EVENTS events with $BENCH_RELAYS relays, then $BENCH_RATE events/s for $BENCH_SECONDS s"
(cd "$APP_DIR" && ConnectionStrings__Shop="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench" \
    dotnet ModularShop.Bench.Messaging.dll) >"$WORK/bench.txt" 2>"$WORK/bench.err" ||
    { tail -n 40 "$WORK/bench.err" >&2; die "the benchmark app failed"; }
grep '^\[bench\]' "$WORK/bench.err" >&2 || true

declare -A R
while read -r _ key value; do R[$key]=$value; done < <(grep '^BENCH ' "$WORK/bench.txt")
[ -n "${R[throughput_eps]:-}" ] && [ -n "${R[latency_p95_ms]:-}" ] || die "no result from the benchmark app"

echo
echo "Messaging benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, PostgreSQL $PG_SERVER_VERSION ($PG_DURABILITY), $(dotnet --version | head -1) SDK"
echo "two relays = two service providers in one process; handler: one INSERT per event in the subscriber's schema"
echo
printf '| %-52s | %12s |\n' "measure" "value"
printf '|%s|%s|\n' "------------------------------------------------------" "-------------:"
printf '| %-52s | %12s |\n' "(1) events pre-filled, then delivered" "${R[throughput_events]}"
printf '| %-52s | %12s |\n' "(1) throughput, first to last effect (events/s)" "${R[throughput_eps]}"
printf '| %-52s | %12s |\n' "(1) throughput, relays started to all done (events/s)" "${R[throughput_wall_eps]}"
printf '| %-52s | %12s |\n' "(1) effects per relay" "${R[throughput_per_relay]}"
printf '| %-52s | %12s |\n' "(2) events, one per transaction" "${R[latency_events]}"
printf '| %-52s | %12s |\n' "(2) publish rate achieved (events/s)" "${R[latency_rate_achieved]}"
printf '| %-52s | %12s |\n' "(2) commit -> effect p50 (ms)" "${R[latency_p50_ms]}"
printf '| %-52s | %12s |\n' "(2) commit -> effect p95 (ms)" "${R[latency_p95_ms]}"
printf '| %-52s | %12s |\n' "(2) commit -> effect p99 (ms)" "${R[latency_p99_ms]}"
printf '| %-52s | %12s |\n' "(2) commit -> effect max (ms)" "${R[latency_max_ms]}"
echo

FAILED=0
check() { # check LABEL CONDITION-AWK-EXPR
    if awk "BEGIN { exit !($2) }"; then echo "PASS  $1"; else echo "FAIL  $1"; FAILED=1; fi
}
check "throughput >= 2000 events/s with $BENCH_RELAYS relays [${R[throughput_eps]}]" "${R[throughput_eps]} >= 2000"
check "latency p95 <= 200 ms at $BENCH_RATE events/s [${R[latency_p95_ms]} ms]" "${R[latency_p95_ms]} <= 200"
echo
if [ "$FAILED" -eq 0 ]; then echo "budget: met"; else echo "budget: NOT met"; fi
exit "$FAILED"
