#!/usr/bin/env bash
#
# eng/crash-drill.sh — the checkout crash drill (issue 12; docs/checkout.md → "Crash drill").
#
#   eng/crash-drill.sh [CHECKOUTS] [CLIENTS] [KILLS]      defaults: 300 8 2
#
# While CLIENTS shoppers place CHECKOUTS checkouts through the real host (Release build, its own throwaway
# PostgreSQL), each retrying with the SAME Idempotency-Key until it gets a final answer, the host is killed with
# `kill -9` KILLS times at random moments and restarted. Afterwards the script checks, from the clients' records
# and the database, and prints the counts:
#   1. every key that got an order holds exactly one (all 201 answers for a key name the same order, and the
#      orders table has one order per such key), and no order exists that no client was told about;
#   2. stock = initial − units sold (units of the orders that are not cancelled);
#   3. no stock reservation is left unconfirmed past its expiry;
#   4. no payment is captured without an order;
#   5. no checkout is left half-way (after the resume timer had its turn).
# Exit code 0 when all hold, 1 when one does not, 2 on a setup error. BENCH-like settings shorten the timers so
# the drill finishes in a few minutes: Checkout:ResumeAfter 20 s, Idempotency:InFlightTimeout 5 s.
# Environment: DRILL_KEEP=1 keeps the work folder (host logs, client records).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CHECKOUTS=${1:-300}
CLIENTS=${2:-8}
KILLS=${3:-2}
INITIAL_STOCK=5000
RESUME_AFTER_SECONDS=20

log() { echo "[drill] $*" >&2; }
die() { log "error: $*"; exit 2; }
for tool in curl jq; do command -v "$tool" >/dev/null || die "$tool is required (apt-get install $tool)"; done

WORK=$(mktemp -d /tmp/modularshop-drill-XXXXXX)
chmod 755 "$WORK"
PG_DATA=$WORK/pg/data
PG_SOCK=$WORK/pg/sock
mkdir -p "$WORK/pg" "$WORK/clients"
chmod 755 "$WORK/pg"
HOST_PID=""
PG_STARTED=0

# shellcheck source=eng/pg.sh
source "$ROOT/eng/pg.sh"

# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
    if [ -n "$HOST_PID" ]; then kill -9 "$HOST_PID" 2>/dev/null || true; fi
    jobs -p | xargs -r kill 2>/dev/null || true
    if [ "$PG_STARTED" = 1 ]; then pg_stop "$PG_DATA" >/dev/null 2>&1 || true; fi
    if [ "${DRILL_KEEP:-0}" = 1 ]; then log "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

pg_ensure_installed || die "no PostgreSQL"
log "building the host (Release)"
dotnet build src/Host/ModularShop.Host -c Release -v q -nologo >"$WORK/build.log" 2>&1 ||
    { tail -n 30 "$WORK/build.log" >&2; die "host build failed"; }
HOST_DIR=$ROOT/src/Host/ModularShop.Host/bin/Release/net10.0

PG_PORT=$(pg_free_port)
pg_init "$PG_DATA" || die "initdb failed"
pg_start "$PG_DATA" "$PG_PORT" "$PG_SOCK" max_connections=300 || die "PostgreSQL did not start"
PG_STARTED=1
pg_createdb "$PG_PORT" modularshop || die "createdb failed"
export ConnectionStrings__Shop="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=modularshop"
sql() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d modularshop -XAtqc "$1"; }

HOST_PORT=$(pg_free_port)
URL=http://127.0.0.1:$HOST_PORT
SIGNING_KEY="drill-only-signing-key-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADMIN_EMAIL=drill-admin@drill.example.com
ADMIN_PASSWORD="Drill-admin-1-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
STARTS=0

start_host() {
    STARTS=$((STARTS + 1))
    (cd "$HOST_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$URL" \
        Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.Hosting.Lifetime=Information \
        Auth__SigningKey="$SIGNING_KEY" Users__Admin__Email="$ADMIN_EMAIL" Users__Admin__Password="$ADMIN_PASSWORD" \
        Users__HashesPerSecond=200 Users__RateLimit__PermitLimit=100000000 Users__AccessTokenLifetime=02:00:00 \
        Cart__CreateRateLimit__AnonymousPermitLimit=100000000 Cart__CreateRateLimit__UserPermitLimit=100000000 \
        Checkout__RateLimit__PermitLimit=100000000 Checkout__ResumeAfter=00:00:$RESUME_AFTER_SECONDS \
        Idempotency__InFlightTimeout=00:00:05 \
        dotnet ModularShop.Host.dll) >>"$WORK/host-$STARTS.log" 2>&1 &
    HOST_PID=$!
    local _
    for _ in $(seq 1 240); do
        if curl -fsS -o /dev/null "$URL/health/ready" 2>/dev/null; then return 0; fi
        kill -0 "$HOST_PID" 2>/dev/null || { tail -n 40 "$WORK/host-$STARTS.log" >&2; die "the host exited while starting"; }
        sleep 0.25
    done
    die "the host was not ready after 60 s"
}

# call METHOD PATH TOKEN [BODY] [KEY] → prints "STATUS BODY" (status 000 when the host did not answer)
call() {
    local args=(-sS -o - -w '\n%{http_code}' --max-time 30 -X "$1" "$URL$2" -H 'Content-Type: application/json')
    [ -n "$3" ] && args+=(-H "Authorization: Bearer $3")
    [ -n "${5:-}" ] && args+=(-H "Idempotency-Key: $5")
    [ -n "${4:-}" ] && args+=(--data "$4")
    local out
    out=$(curl "${args[@]}" 2>/dev/null) || out=$'\n000'
    printf '%s %s\n' "$(tail -n 1 <<<"$out")" "$(head -n -1 <<<"$out" | tr -d '\n')"
}

log "starting the host on $URL (PostgreSQL on $PG_PORT)"
start_host

login() { call POST /api/users/login "" "{\"email\":\"$1\",\"password\":\"$2\"}" | cut -d' ' -f2- | jq -r .accessToken; }
ADMIN=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
[ -n "$ADMIN" ] && [ "$ADMIN" != null ] || die "admin login failed"
CATEGORY=$(call POST /api/admin/catalog/categories "$ADMIN" '{"name":"Drill"}' | cut -d' ' -f2- | jq -r .id)
PRODUCT_JSON=$(call POST /api/admin/catalog/products "$ADMIN" \
    "{\"name\":\"Drill mug\",\"description\":\"For the crash drill\",\"price\":12.5,\"categoryId\":\"$CATEGORY\",\"stock\":$INITIAL_STOCK}" | cut -d' ' -f2-)
PRODUCT=$(jq -r .id <<<"$PRODUCT_JSON")
[ "${#PRODUCT}" = 36 ] || die "creating the product failed: $PRODUCT_JSON"

TOKENS=()
for c in $(seq 1 "$CLIENTS"); do
    email="drill-$c-$RANDOM@drill.example.com"
    call POST /api/users/register "" "{\"email\":\"$email\",\"password\":\"Drill-pass-$c-x\",\"name\":\"Drill $c\"}" >/dev/null
    TOKENS+=("$(login "$email" "Drill-pass-$c-x")")
done

ADDRESS='{"fullName":"Drill Shopper","line1":"1 Drill Street","city":"Springfield","region":"CA","postalCode":"94105","country":"US"}'

# One shopper: PER checkouts, each with its own cart and key, retried until the answer is final.
shopper() {
    local c=$1 token=$2 per=$3 records=$WORK/clients/$1.txt
    local k n answer status body cart key quantity attempts
    for k in $(seq 1 "$per"); do
        quantity=$((RANDOM % 3 + 1))
        # The cart and its line: idempotent by their own keys, retried through the crashes.
        cart=""
        until [ -n "$cart" ]; do
            answer=$(call POST /api/carts "$token" "" "drill-cart-$c-$k")
            [ "${answer%% *}" = 201 ] && cart=$(jq -r .id <<<"${answer#* }") || sleep 0.3
        done
        until [ "$(call POST "/api/carts/$cart/items" "$token" "{\"productId\":\"$PRODUCT\",\"quantity\":$quantity}" "drill-line-$c-$k" | cut -d' ' -f1)" = 200 ]; do
            sleep 0.3
        done
        key="drill-$c-$k"
        attempts=0
        while true; do
            attempts=$((attempts + 1))
            answer=$(call POST /api/checkout "$token" \
                "{\"cartId\":\"$cart\",\"shippingAddress\":$ADDRESS,\"shippingMethod\":\"standard\",\"payment\":{\"provider\":\"test-card\",\"details\":{\"cardNumber\":\"4242424242424242\",\"expiry\":\"12/30\",\"cvc\":\"123\"}}}" \
                "$key")
            status=${answer%% *}
            body=${answer#* }
            case "$status" in
                201) echo "$key 201 $(jq -r .id <<<"$body") $quantity $attempts" >>"$records" ;;
                402 | 404 | 422) echo "$key $status - $quantity $attempts" >>"$records"; break ;;
                409)
                    n=$(jq -r .code <<<"$body" 2>/dev/null || echo "")
                    if [ "$n" = idempotency.in_flight ] || [ "$n" = checkout.in_progress ]; then sleep 1; continue; fi
                    echo "$key 409:$n - $quantity $attempts" >>"$records"; break ;;
                *) sleep 0.5; continue ;; # no answer (the host is down) or a 5xx: retry with the same key
            esac
            # A 201: ask once more with the same key (a client that lost the first answer) — must be the same order.
            [ "$(grep -c "^$key 201 " "$records")" -ge 2 ] && break
        done
    done
}

PER=$(((CHECKOUTS + CLIENTS - 1) / CLIENTS))
log "$CLIENTS shoppers × $PER checkouts (one cart and key each, 1–3 units), $KILLS kill -9 of the host on the way"
STARTED_AT=$(date +%s)
PIDS=()
for c in $(seq 1 "$CLIENTS"); do
    shopper "$c" "${TOKENS[$((c - 1))]}" "$PER" &
    PIDS+=($!)
done

for kill_no in $(seq 1 "$KILLS"); do
    sleep $((4 + RANDOM % 8))
    log "kill -9 #$kill_no of the host (pid $HOST_PID) after $(($(date +%s) - STARTED_AT)) s; $(cat "$WORK"/clients/*.txt 2>/dev/null | grep -c ' 201 ' || true) answers so far"
    kill -9 "$HOST_PID"
    wait "$HOST_PID" 2>/dev/null || true
    sleep 1
    start_host
    log "host restarted (pid $HOST_PID)"
done
for pid in "${PIDS[@]}"; do wait "$pid"; done
log "the shoppers are done after $(($(date +%s) - STARTED_AT)) s; letting the resume timers and messages settle"

# Interrupted checkouts that nobody will retry any more are finished or undone by the resume timer.
for _ in $(seq 1 $((RESUME_AFTER_SECONDS * 4 + 60))); do
    open=$(sql "SELECT count(*) FROM checkout.checkouts WHERE step NOT IN ('Completed','Declined','Abandoned','Refused')")
    [ "$open" = 0 ] && break
    sleep 1
done

# ---- checks -------------------------------------------------------------------
cat "$WORK"/clients/*.txt >"$WORK/records.txt"
FAILED=0
check() { if [ "$2" = "$3" ]; then echo "PASS  $1: $2"; else echo "FAIL  $1: $2, expected $3"; FAILED=1; fi; }

keys=$(cut -d' ' -f1 "$WORK/records.txt" | sort -u | wc -l)
keys_with_order=$(awk '$2 == 201 { print $1 }' "$WORK/records.txt" | sort -u | wc -l)
keys_with_two_orders=$(awk '$2 == 201 { print $1, $3 }' "$WORK/records.txt" | sort -u | cut -d' ' -f1 | uniq -d | wc -l)
orders_told=$(awk '$2 == 201 { print $3 }' "$WORK/records.txt" | sort -u | wc -l)
orders_db=$(sql "SELECT count(*) FROM orders.orders")
units_told=$(awk '$2 == 201 && !seen[$1]++ { s += $4 } END { print s + 0 }' "$WORK/records.txt")
units_sold=$(sql "SELECT coalesce(sum(i.quantity), 0) FROM orders.order_items i JOIN orders.orders o ON o.id = i.order_id WHERE o.status <> 'Cancelled'")
stock=$(sql "SELECT stock FROM catalog.products WHERE id = '$PRODUCT'")
stale_reservations=$(sql "SELECT count(*) FROM catalog.stock_reservations WHERE status = 'Reserved' AND expires_at < now()")
held_reservations=$(sql "SELECT count(*) FROM catalog.stock_reservations WHERE status = 'Reserved'")
orphan_payments=$(sql "SELECT count(*) FROM payments.payments p WHERE p.status IN ('Captured','PartiallyRefunded') AND NOT EXISTS (SELECT 1 FROM orders.orders o WHERE o.id = p.order_id)")
captured=$(sql "SELECT count(*) FROM payments.payments WHERE status = 'Captured'")
open=$(sql "SELECT count(*) FROM checkout.checkouts WHERE step NOT IN ('Completed','Declined','Abandoned','Refused')")
retried=$(awk '!seen[$1]++ { if ($5 > 1) n++ } END { print n + 0 }' "$WORK/records.txt")
other=$(awk '$2 != 201 && !seen[$1]++' "$WORK/records.txt" | wc -l)

echo
echo "Crash drill — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores: $CLIENTS shoppers, $keys checkouts (keys), $KILLS × kill -9 + restart"
echo "answers: $keys_with_order keys with an order, $other keys with another final answer ($(awk '$2 != 201 { print $2 }' "$WORK/records.txt" | sort | uniq -c | tr '\n' ' ')), $retried keys were answered only on a retry (the first attempt hit a dead host)"
echo "orders: $orders_db in the database, $orders_told told to clients; payments captured: $captured; reservations still held: $held_reservations"
echo "stock: initial $INITIAL_STOCK, now $stock, units sold $units_sold (clients were told $units_told)"
echo
check "keys with more than one order" "$keys_with_two_orders" 0
check "orders in the database = orders the clients were told about" "$orders_db" "$orders_told"
check "stock = initial − units sold" "$stock" "$((INITIAL_STOCK - units_sold))"
check "units sold = units in the orders the clients hold" "$units_sold" "$units_told"
check "reservations left unconfirmed past their expiry" "$stale_reservations" 0
check "payments captured without an order" "$orphan_payments" 0
check "checkouts left half-way" "$open" 0
echo
if [ "$FAILED" = 0 ]; then echo "drill: every check holds"; else echo "drill: a check FAILED"; fi
exit "$FAILED"
