#!/usr/bin/env bash
#
# eng/bench.sh — the catalog read and cart benchmark, the login-flood check and the checkout row
# (docs/benchmarks.md).
#
#   eng/bench.sh [DURATION] [CONNECTIONS]      e.g. eng/bench.sh 15s 32   (defaults: 15s, 32)
#   BENCH_ONLY=checkout eng/bench.sh           only the Checkout section (after the same build, start-up and checks)
#   BENCH_ONLY=shop eng/bench.sh               only the Catalog, Cart and Users sections
#   BENCH_HOST_CONNECTION="Max Auto Prepare=0" appended to the host's connection string only (compare a driver setting)
#
# In one run, with wrk -t2 -c<CONNECTIONS> --latency, after a warm-up of every endpoint:
#   (c)  raw baseline  GET /api/catalog/products?page=1&pageSize=20 on bench/ModularShop.Bench.RawBaseline
#                      (plain NpgsqlDataSource, same JSON) — measured first and again last; (c) is the mean
#   (a)  host          the same URL, uncached   (header `Authorization: Basic bench`, see below)
#   (a)  host          the same URL, from the output cache
#   (b)  host          GET /api/catalog/products/{slug}, uncached
#   info host          the list with a unique query per request: a cache miss that is also stored
#   info host          GET /api/catalog/products/{slug} from the output cache
#   info both apps     page 3 of the list, uncached (a second page shape; page 1 holds most of the variants)
#   (d)  host          POST /api/carts/{id}/items {productId, variantId?, quantity: 1}   (Cart, issue 5)
#   (e)  host          GET /api/carts/{id}                                                (Cart, issue 5)
# and checks the budget: (a) uncached >= 0.6x (c) with p99 <= 1.5x (c)'s p99; (b) >= 0.7x (c); (a) cached >= 3x (c);
# (d) >= 0.35x (c) with p99 <= 2.4x (c)'s p99; (e) >= 0.6x (c). (c)'s p99 is the mean of its two runs' p99. The
# latency budgets were 25 ms and 40 ms; on a shared 2-core box the raw baseline's own p99 is 60-110 ms, so they
# are ratios to it measured in the same run (issue 11), keeping their proportion (40/25 x 1.5 = 2.4).
#
# Cart rows: before measuring, the script sets up data through the host's public API — BENCH_CARTS (1000)
# anonymous carts (POST /api/carts), a pool of items (the demo's simple products with stock >=
# BENCH_CART_MIN_STOCK (50), and the first variant of every product with variants, whose stock the bench admin
# (Users:Admin:*, set here) raises to BENCH_CART_STOCK (500) with PUT /api/admin/catalog/.../stock).
# bench/wrk/cart.lua sends every request to a different cart (round-robin; each wrk thread its own carts, so
# no request waits for another's cart row lock) and gives every cart BENCH_CART_LINES (4) lines of the pool;
# the GET row reads the carts the POST warm-up and row filled. The cart rows are measured after the catalog
# rows and before the baseline's second run, so (c) brackets them; the Users flood comes after (c)'s second
# run. Up to 1 in 1000 non-2xx answers is tolerated (and reported) on the cart rows, none elsewhere; the
# lines and largest quantity the carts hold afterwards are read from the database and printed.
#
# Uncached: ASP.NET Core's output cache never looks up nor stores a request that carries an
# Authorization header. `Basic` is not a scheme the host authenticates (JWT bearer ignores it), so the
# request is served anonymously, exactly as a cache miss, without filling the cache.
#
# Self-contained: installs wrk if missing, starts a throwaway PostgreSQL cluster (eng/pg.sh; default,
# durable settings — the catalog rows only read, the cart POST row commits every request), builds Release,
# runs the host with the demo seed and the baseline app on free ports, checks that both answer the same
# JSON (jq -S), sets up the cart data, then measures. Exit code 0 when every budget is met, 1 when one is
# not, 2 on a setup error (including more than 1 in 1000 failed cart requests).
# Environment: BENCH_WARMUP (default 10s), BENCH_THREADS (default 2), BENCH_KEEP_LOGS=1 keeps the work folder;
# BENCH_CARTS, BENCH_CART_LINES, BENCH_CART_STOCK, BENCH_CART_MIN_STOCK (above); BENCH_SHOP_CONNECTIONS,
# BENCH_FLOOD_CONNECTIONS (the Users section).
#
# Checkout section (issue 12; eng/bench-checkout.sh, sourced), last, after the Users section: POST /api/checkout
# (a bench customer's token, test card 4242, one line, a fresh cart and Idempotency-Key per request;
# bench/wrk/checkout.lua) against its
# own raw baseline, POST /bench/checkout on bench/ModularShop.Bench.RawBaseline (one Npgsql transaction: the
# conditional stock UPDATE, then an order, its line and a captured payment in its own `bench` schema) measured
# before and after the host row (the mean), at BENCH_CHECKOUT_CONNECTIONS (16), same DURATION and warm-up.
# Setup through the host's API: a customer is registered and signed in, the admin raises the stock of every
# demo product without variants (the pool) to BENCH_CHECKOUT_STOCK (1000000), and the customer gets
# BENCH_CHECKOUT_CARTS (2000) carts for the measured row, BENCH_CHECKOUT_WARMUP_CARTS (1200) for the warm-up
# and a few for the statement sample, cart i holding one unit of pool product i mod pool size; the baseline
# takes the same pool round-robin. Each cart is bought once (the script refuses a run that ran out).
# Budget: checkout >= 0.25x the raw checkout (req/s); up to 1 in 1000 non-2xx answers tolerated and reported.
# Per row it also prints, from pg_stat_database and /proc, commits, tuples written and CPU (app, PostgreSQL)
# per request, and from a short log_statement=all sample the SQL statements per checkout; then checks the
# database: orders == captured payments, and the stock taken from the pool == lines sold by both apps.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

DURATION=${1:-15s}
CONNECTIONS=${2:-32}
WARMUP=${BENCH_WARMUP:-10s}
THREADS=${BENCH_THREADS:-2}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { echo "[bench] $*" >&2; }
die() { log "error: $*"; exit 2; }

WORK=$(mktemp -d /tmp/modularshop-bench.XXXXXX)
chmod 755 "$WORK"
PG_DATA=$WORK/pg
PG_SOCK=$WORK/sock
HOST_PID=""
BASE_PID=""
PG_STARTED=""

# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
    local pid
    for pid in "$HOST_PID" "$BASE_PID"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    if [ -n "$PG_STARTED" ]; then pg_stop "$PG_DATA" || true; fi
    if [ "${BENCH_KEEP_LOGS:-}" = 1 ]; then log "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- tools ------------------------------------------------------------------
need_apt() { # need_apt COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    log "$1 not found; installing $2 with apt-get"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2 ||
        { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
            $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2; } || die "could not install $2"
}
need_apt wrk wrk
need_apt jq jq
need_apt curl curl

# shellcheck source=eng/pg.sh
source "$ROOT/eng/pg.sh"
pg_ensure_installed || die "no PostgreSQL"

# ---- build ------------------------------------------------------------------
log "building Release (host and raw baseline)"
dotnet build src/Host/ModularShop.Host -c Release -v q -nologo >"$WORK/build.log" 2>&1 ||
    { tail -n 30 "$WORK/build.log" >&2; die "host build failed"; }
dotnet build bench/ModularShop.Bench.RawBaseline -c Release -v q -nologo >>"$WORK/build.log" 2>&1 ||
    { tail -n 30 "$WORK/build.log" >&2; die "baseline build failed"; }
HOST_DIR=$ROOT/src/Host/ModularShop.Host/bin/Release/net10.0
BASE_DIR=$ROOT/bench/ModularShop.Bench.RawBaseline/bin/Release/net10.0

# ---- database ---------------------------------------------------------------
PG_PORT=$(pg_free_port)
log "starting a throwaway PostgreSQL on 127.0.0.1:$PG_PORT"
pg_init "$PG_DATA" || die "initdb failed"
pg_start "$PG_DATA" "$PG_PORT" "$PG_SOCK" || die "PostgreSQL did not start"
PG_STARTED=1
pg_createdb "$PG_PORT" modularshop || die "createdb failed"
PG_SERVER_VERSION=$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -XAtqc "SHOW server_version")
export ConnectionStrings__Shop="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=modularshop"

# ---- apps -------------------------------------------------------------------
HOST_PORT=$(pg_free_port)
BASE_PORT=$(pg_free_port)
HOST_URL=http://127.0.0.1:$HOST_PORT
BASE_URL=http://127.0.0.1:$BASE_PORT
APP_ENV=(ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
    Logging__LogLevel__Microsoft.Hosting.Lifetime=Information)

SIGNING_KEY="bench-only-signing-key-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# An admin (Users:Admin:*, created at start-up) for the Cart section's setup: it raises the stock of the
# variants the cart rows add, through the admin API.
ADMIN_EMAIL=bench-admin@bench.example.com
ADMIN_PASSWORD="Bench-admin-1-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
log "starting the host (Release, Production, Seed:Demo=true) on $HOST_URL"
# The per-address login rate limit is lifted: the Users section simulates a flood from many addresses,
# where only the password-hashing budget stands between the attack and the shop. The per-address limit on
# anonymous cart creation is lifted too: the Cart section creates its carts from one address. The Checkout
# section's customer creates thousands of carts and checks out hundreds a second: its per-user cart-creation
# and checkout limits are lifted, and its access token (like the admin's) lives for the whole run.
(cd "$HOST_DIR" && exec env "${APP_ENV[@]}" ASPNETCORE_URLS="$HOST_URL" Seed__Demo=true Auth__SigningKey="$SIGNING_KEY" \
    Users__Admin__Email="$ADMIN_EMAIL" Users__Admin__Password="$ADMIN_PASSWORD" \
    Users__RateLimit__PermitLimit=100000000 Cart__CreateRateLimit__AnonymousPermitLimit=100000000 \
    Cart__CreateRateLimit__UserPermitLimit=100000000 Checkout__RateLimit__PermitLimit=100000000 \
    Users__AccessTokenLifetime=04:00:00 ConnectionStrings__Shop="$ConnectionStrings__Shop${BENCH_HOST_CONNECTION:+;$BENCH_HOST_CONNECTION}" \
    dotnet ModularShop.Host.dll) >"$WORK/host.log" 2>&1 &
HOST_PID=$!

wait_ready() { # wait_ready URL PID LOG
    local _
    for _ in $(seq 1 240); do
        if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
        kill -0 "$2" 2>/dev/null || { tail -n 40 "$3" >&2; die "process exited before $1 answered"; }
        sleep 0.5
    done
    tail -n 40 "$3" >&2
    die "$1 not ready after 120 s"
}
# The host migrates and seeds before it listens; start the baseline only then (it needs the schema).
wait_ready "$HOST_URL/health/ready" "$HOST_PID" "$WORK/host.log"

log "starting the raw baseline on $BASE_URL"
# Its own application_name lets the Checkout section count the baseline's statements apart from the host's.
(cd "$BASE_DIR" && exec env "${APP_ENV[@]}" ASPNETCORE_URLS="$BASE_URL" \
    ConnectionStrings__Shop="$ConnectionStrings__Shop;Application Name=raw-baseline" \
    dotnet ModularShop.Bench.RawBaseline.dll) >"$WORK/baseline.log" 2>&1 &
BASE_PID=$!
wait_ready "$BASE_URL/api/catalog/products?page=1&pageSize=20" "$BASE_PID" "$WORK/baseline.log"

# ---- fairness checks --------------------------------------------------------
LIST="/api/catalog/products?page=1&pageSize=20"
NOCACHE=(-H "Authorization: Basic bench")
curl -fsS "${NOCACHE[@]}" "$HOST_URL$LIST" >"$WORK/host.json" || die "host list failed"
curl -fsS "$BASE_URL$LIST" >"$WORK/baseline.json" || die "baseline list failed"
TOTAL=$(jq -r .totalCount "$WORK/host.json")
ITEMS=$(jq -r '.items | length' "$WORK/host.json")
VARIANTS=$(jq -r '[.items[].variants | length] | add // 0' "$WORK/host.json")
[ "$ITEMS" -eq 20 ] || die "the demo catalog has $TOTAL live products; the benchmark needs a full page of 20 (Seed:Demo)"
if ! diff <(jq -S . "$WORK/host.json") <(jq -S . "$WORK/baseline.json") >"$WORK/json.diff"; then
    head -n 40 "$WORK/json.diff" >&2
    die "the raw baseline's JSON differs from the host's (jq -S diff above): the comparison would not be fair"
fi
# Check a second page too (page 1 holds most of the demo catalog's Size/Color variants).
curl -fsS "${NOCACHE[@]}" "$HOST_URL/api/catalog/products?page=3&pageSize=20" >"$WORK/host3.json" || die "host page 3 failed"
curl -fsS "$BASE_URL/api/catalog/products?page=3&pageSize=20" >"$WORK/baseline3.json" || die "baseline page 3 failed"
VARIANTS3=$(jq -r '[.items[].variants | length] | add // 0' "$WORK/host3.json")
ITEMS3=$(jq -r '.items | length' "$WORK/host3.json")
if ! diff <(jq -S . "$WORK/host3.json") <(jq -S . "$WORK/baseline3.json") >"$WORK/json3.diff"; then
    head -n 40 "$WORK/json3.diff" >&2
    die "the raw baseline's JSON for page 3 differs from the host's (jq -S diff above)"
fi
if cmp -s "$WORK/host.json" "$WORK/baseline.json" && cmp -s "$WORK/host3.json" "$WORK/baseline3.json"; then SAME_BYTES=yes; else SAME_BYTES="no (same JSON, different bytes)"; fi
SLUG=$(jq -r '.items[0].slug' "$WORK/host.json")
PRODUCT=/api/catalog/products/$SLUG
curl -fsS "${NOCACHE[@]}" "$HOST_URL$PRODUCT" >"$WORK/product.json" || die "host product failed"
log "JSON check (pages 1 and 3): host and baseline equal (jq -S); byte-identical: $SAME_BYTES; $TOTAL products; page 1: $VARIANTS variants, page 3: $ITEMS3 products, $VARIANTS3 variants"
log "responses: list $(wc -c <"$WORK/host.json") B, product $(wc -c <"$WORK/product.json") B"
# The uncached path must really be uncached, and the cached one cached (Age header from the output cache).
curl -fsS -o /dev/null "$HOST_URL$LIST"
curl -fsS -D - -o /dev/null "$HOST_URL$LIST" | grep -qi '^age:' || die "the list is not served from the output cache"
curl -fsS -D - -o /dev/null "${NOCACHE[@]}" "$HOST_URL$LIST" | grep -qi '^age:' && die "the uncached request was served from the cache"

ONLY=${BENCH_ONLY:-}
case "$ONLY" in "" | checkout | shop) ;; *) die "BENCH_ONLY=$ONLY: only 'checkout' and 'shop' are known" ;; esac
FAILED=0
check() { # check LABEL CONDITION-AWK-EXPR
    if awk "BEGIN { exit !($2) }"; then echo "PASS  $1"; else echo "FAIL  $1"; FAILED=1; fi
}
if [ "$ONLY" != checkout ]; then # the Catalog, Cart and Users sections (up to the Checkout section)

# ---- cart data (issue 5) ---------------------------------------------------------------------------
# Through the host's public API only: BENCH_CARTS anonymous carts (POST /api/carts) and a pool of items to
# add — every demo product without variants that has at least BENCH_CART_MIN_STOCK in stock, and the first
# variant of every product with variants, whose stock the admin raises to BENCH_CART_STOCK first (the demo
# variants hold 0–19). The cart rows (bench/wrk/cart.lua) give every cart BENCH_CART_LINES lines out of the
# pool and add to them evenly; stock is checked per cart line (a cart is no reservation), so a line's
# quantity — adds to that cart and item over the warm-up and the run — must stay below the item's stock
# and the per-line cap of 999. The counts in the database are checked after the run.
CARTS=${BENCH_CARTS:-1000}
CART_LINES=${BENCH_CART_LINES:-4}
CART_STOCK=${BENCH_CART_STOCK:-500}
CART_MIN_STOCK=${BENCH_CART_MIN_STOCK:-50}
log "cart: admin login, raising variant stock, picking items, creating $CARTS carts"
TOKEN=$(jq -nc --arg e "$ADMIN_EMAIL" --arg p "$ADMIN_PASSWORD" '{email: $e, password: $p}' |
    curl -fsS -H 'Content-Type: application/json' --data-binary @- "$HOST_URL/api/users/login" | jq -er .accessToken) ||
    die "admin login failed"
curl -fsS "$HOST_URL/api/catalog/products?page=1&pageSize=100" >"$WORK/catalog-all.json" || die "catalog list (pageSize=100) failed"
[ "$(jq -r '.items | length' "$WORK/catalog-all.json")" -eq "$TOTAL" ] || die "the catalog has more than 100 products; page through it"
while IFS=$'\t' read -r product variant; do
    curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"stock\":$CART_STOCK}" "$HOST_URL/api/admin/catalog/products/$product/variants/$variant/stock" ||
        die "raising the stock of variant $variant failed"
done < <(jq -r '.items[] | select((.variants | length) > 0) | [.id, .variants[0].id] | @tsv' "$WORK/catalog-all.json")
# The pool alternates variant items and simple products, so every cart gets both kinds.
jq -r --argjson min "$CART_MIN_STOCK" '
    [.items[] | select((.variants | length) > 0) | {productId: .id, variantId: .variants[0].id, quantity: 1}] as $v
    | [.items[] | select((.variants | length) == 0 and .stock >= $min) | {productId: .id, quantity: 1}] as $s
    | [range(0; [($v | length), ($s | length)] | max) as $i | $v[$i], $s[$i]] | map(select(. != null)) | .[] | tojson' \
    "$WORK/catalog-all.json" >"$WORK/cart-items.txt"
CART_ITEMS=$(wc -l <"$WORK/cart-items.txt")
CART_VARIANT_ITEMS=$(grep -c variantId "$WORK/cart-items.txt" || true)
[ "$CART_ITEMS" -ge "$CART_LINES" ] || die "only $CART_ITEMS items qualify for the carts; $CART_LINES needed"
# One curl process, one keep-alive connection, $CARTS requests.
for _ in $(seq 1 "$CARTS"); do echo "url = \"$HOST_URL/api/carts\""; done >"$WORK/carts.cfg"
curl -sS --fail -X POST -w '\n' -K "$WORK/carts.cfg" | jq -r .id >"$WORK/carts.txt" || die "creating carts failed"
[ "$(grep -cE '^[0-9a-f-]{36}$' "$WORK/carts.txt")" -eq "$CARTS" ] || die "created $(wc -l <"$WORK/carts.txt") carts, not $CARTS"
# A first add must answer 200 with one line (the 409/404 cases the run must not hit show here with their reason).
CART_PROBE=$(head -n 1 "$WORK/carts.txt")
curl -sS -H 'Content-Type: application/json' -d "$(head -n 1 "$WORK/cart-items.txt")" -o "$WORK/cart-probe.json" \
    -w '%{http_code}' "$HOST_URL/api/carts/$CART_PROBE/items" | grep -qx 200 ||
    { cat "$WORK/cart-probe.json" >&2; die "adding an item to a cart failed"; }
[ "$(jq -r '.items | length' "$WORK/cart-probe.json")" -eq 1 ] || die "the probe cart does not hold one line"
log "cart: $CARTS carts; $CART_ITEMS items in the pool ($CART_VARIANT_ITEMS variants with stock raised to $CART_STOCK, simple products with stock >= $CART_MIN_STOCK); $CART_LINES lines per cart"
cart_script() { # cart_script MODE
    printf 'cart_mode = "%s"\ncart_dir = "%s"\ncart_threads = %d\ncart_lines = %d\n' "$1" "$WORK" "$THREADS" "$CART_LINES"
    cat "$ROOT/bench/wrk/cart.lua" "$ROOT/bench/wrk/report.lua"
}

# ---- measurements -----------------------------------------------------------
cat "$ROOT/bench/wrk/report.lua" >"$WORK/report.lua"
cat "$ROOT/bench/wrk/report.lua" "$ROOT/bench/wrk/cache-bust.lua" >"$WORK/bust.lua"
cart_script add >"$WORK/cart-add.lua"
cart_script get >"$WORK/cart-get.lua"

declare -A RPS P50 P99 NON2XX COUNT
ORDER=()
wrk_run() { # wrk_run OUT DURATION SCRIPT URL [wrk header args...]
    local out=$1 duration=$2 script=$3 url=$4
    shift 4
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$script" "$@" "$url" >"$out" 2>&1
}
measure() { # measure KEY LABEL SCRIPT URL [wrk header args...]
    local key=$1 label=$2 script=$3 url=$4 line
    shift 4
    log "$label: $DURATION"
    wrk_run "$WORK/$key.txt" "$DURATION" "$script" "$url" "$@" || die "wrk failed ($label)"
    line=$(grep '^BENCH ' "$WORK/$key.txt") || die "no result from wrk ($label)"
    read -r _ rps p50 p99 n non2xx errors <<<"$line"
    # The cart rows (k_*) tolerate at most 1 non-2xx answer in 1000 (reported); every other row none.
    if [ "$errors" -ne 0 ] || { [ "$non2xx" -ne 0 ] && ! { [[ $key == k_* ]] && [ $((non2xx * 1000)) -le "$n" ]; }; }; then
        cat "$WORK/$key.txt" >&2
        if [[ $key == k_* ]]; then # show why: the first cart's first item once more, with its answer
            curl -sS -H 'Content-Type: application/json' -d "$(head -n 1 "$WORK/cart-items.txt")" \
                "$HOST_URL/api/carts/$(head -n 1 "$WORK/carts.txt")/items" >&2 || true
            echo >&2
        fi
        die "$label: $non2xx non-2xx responses, $errors socket errors in $n requests"
    fi
    RPS[$key]=$rps P50[$key]=$p50 P99[$key]=$p99 NON2XX[$key]=$non2xx COUNT[$key]=$n
    ORDER+=("$key|$label")
}

# Every (endpoint, mode) of the table, in the order measured: key|label|script|url|extra wrk args.
PAGE3="/api/catalog/products?page=3&pageSize=20"
RUNS=(
    "c1|(c)  raw baseline, list (first)|report|$BASE_URL$LIST|"
    "a_nc|(a)  host list, uncached|report|$HOST_URL$LIST|nocache"
    "a_c|(a)  host list, output cache|report|$HOST_URL$LIST|"
    "b_nc|(b)  host product by slug, uncached|report|$HOST_URL$PRODUCT|nocache"
    "i_miss|info host list, miss + store|bust|$HOST_URL$LIST|"
    "i_bc|info host product, output cache|report|$HOST_URL$PRODUCT|"
    "i_c3|info raw baseline, page 3|report|$BASE_URL$PAGE3|"
    "i_a3|info host page 3, uncached|report|$HOST_URL$PAGE3|nocache"
    "k_add|(d)  host POST /api/carts/{id}/items|cart-add|$HOST_URL|"
    "k_get|(e)  host GET /api/carts/{id}|cart-get|$HOST_URL|"
    "c2|(c)  raw baseline, list (last)|report|$BASE_URL$LIST|"
)
# The cart rows come last before the baseline's second run, so (c) brackets them as it brackets the catalog
# rows; the Users section's login flood runs only after c2 and cannot disturb them. The POST row is the
# first of the run to write (one commit per request, durable PostgreSQL): it comes after every catalog row.
run_all() { # run_all warmup|measure
    local entry key label script url extra
    for entry in "${RUNS[@]}"; do
        IFS='|' read -r key label script url extra <<<"$entry"
        local args=()
        [ "$extra" = nocache ] && args=("${NOCACHE[@]}")
        if [ "$1" = warmup ]; then
            [ "$key" = c2 ] && continue
            wrk_run "$WORK/$key.warmup.txt" "$WARMUP" "$WORK/$script.lua" "$url" "${args[@]}" || die "wrk failed (warm-up $label)"
        else
            measure "$key" "$label" "$WORK/$script.lua" "$url" "${args[@]}"
        fi
    done
}

# Warm every endpoint of both apps first (JIT tiering, connection pools, PostgreSQL caches), so that the
# first endpoint measured is not the one that pays for the start-up of its process.
log "warming up every endpoint ($WARMUP each)"
run_all warmup
run_all measure

# What the cart rows left in the database: lines per cart and the largest line (must stay below the pool's
# smallest stock, BENCH_CART_MIN_STOCK, and 999, or adds would have been refused with 409).
read -r CART_DB_CARTS CART_DB_MIN CART_DB_AVG CART_DB_MAX CART_DB_QTY < <("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" \
    -U postgres -d modularshop -XAtF' ' -c "SELECT count(*), min(n), round(avg(n), 1), max(n), max(q)
        FROM (SELECT cart_id, count(*) AS n, max(quantity) AS q FROM cart.cart_items GROUP BY cart_id) AS per_cart") ||
    die "reading the carts' lines failed"

C=$(awk -v a="${RPS[c1]}" -v b="${RPS[c2]}" 'BEGIN { printf "%.1f", (a + b) / 2 }')
SPREAD=$(awk -v a="${RPS[c1]}" -v b="${RPS[c2]}" 'BEGIN { d = a - b; if (d < 0) d = -d; printf "%.0f", 100 * d / ((a + b) / 2) }')

# ---- report -----------------------------------------------------------------
ratio() { awk -v x="$1" -v c="$C" 'BEGIN { printf "%.2f", x / c }'; }
echo
echo "Catalog benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, PostgreSQL $PG_SERVER_VERSION, $(dotnet --version | head -1) SDK"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up of every endpoint); page of 20 of $TOTAL products, $VARIANTS variants; slug $SLUG"
echo
printf '| %-37s | %9s | %8s | %8s | %6s |\n' "endpoint" "req/s" "p50 ms" "p99 ms" "vs (c)"
printf '|%s|%s|%s|%s|%s|\n' "---------------------------------------" "----------:" "---------:" "---------:" "-------:"
for entry in "${ORDER[@]}"; do
    key=${entry%%|*} label=${entry#*|}
    printf '| %-37s | %9.0f | %8.2f | %8.2f | %6s |\n' "$label" "${RPS[$key]}" "${P50[$key]}" "${P99[$key]}" "$(ratio "${RPS[$key]}")"
done
echo
echo "page 3 ($ITEMS3 products, $VARIANTS3 variants): host uncached / raw baseline = $(awk -v a="${RPS[i_a3]}" -v b="${RPS[i_c3]}" 'BEGIN { printf "%.2f", a / b }')"
echo "cart rows: $CARTS anonymous carts, round-robin (each thread its own carts), pool of $CART_ITEMS items ($CART_VARIANT_ITEMS variants), $CART_LINES lines per cart;"
echo "           POST: ${COUNT[k_add]} requests, ${NON2XX[k_add]} non-2xx; GET: ${COUNT[k_get]} requests, ${NON2XX[k_get]} non-2xx;"
echo "           afterwards $CART_DB_CARTS carts hold $CART_DB_MIN–$CART_DB_MAX lines (mean $CART_DB_AVG), the largest line $CART_DB_QTY"
if [ "$CART_DB_MIN" -lt 3 ]; then
    echo "note: some carts the GET row read held fewer than 3 lines (the POST warm-up and row add them; BENCH_CARTS lower gives more lines each)"
fi
echo "(c) = mean of the two raw-baseline runs = $(printf '%.0f' "$C") req/s (the two differ by $SPREAD%)"
if [ "$SPREAD" -gt 15 ]; then
    echo "warning: the baseline moved by more than 15% during the run — the machine is noisy; re-run before trusting the ratios"
fi
echo

check "(a) uncached >= 0.6x (c) [$(ratio "${RPS[a_nc]}")x]" "${RPS[a_nc]} >= 0.6 * $C"
C_P99=$(awk -v a="${P99[c1]}" -v b="${P99[c2]}" 'BEGIN { printf "%.3f", (a + b) / 2 }')
p99_ratio() { awk -v a="$1" -v b="$C_P99" 'BEGIN { printf "%.2f", a / b }'; }
check "(a) uncached p99 <= 1.5x (c)'s p99 [$(printf '%.1f' "${P99[a_nc]}") ms vs $(printf '%.1f' "$C_P99") ms: $(p99_ratio "${P99[a_nc]}")x]" \
    "${P99[a_nc]} <= 1.5 * $C_P99"
check "(b) >= 0.7x (c) [$(ratio "${RPS[b_nc]}")x]" "${RPS[b_nc]} >= 0.7 * $C"
check "(a) from the output cache >= 3x (c) [$(ratio "${RPS[a_c]}")x]" "${RPS[a_c]} >= 3 * $C"
check "(d) cart add (POST) >= 0.35x (c) [$(ratio "${RPS[k_add]}")x]" "${RPS[k_add]} >= 0.35 * $C"
check "(d) cart add (POST) p99 <= 2.4x (c)'s p99 [$(printf '%.1f' "${P99[k_add]}") ms vs $(printf '%.1f' "$C_P99") ms: $(p99_ratio "${P99[k_add]}")x]" \
    "${P99[k_add]} <= 2.4 * $C_P99"
check "(e) cart read (GET) >= 0.6x (c) [$(ratio "${RPS[k_get]}")x]" "${RPS[k_get]} >= 0.6 * $C"

# ---- Users: a login flood must not starve the shop (issue 3) ----------------------------------------
# Catalog reads (uncached, $SHOP_CONNECTIONS connections: ordinary shop traffic) idle, then again while
# $FLOOD_CONNECTIONS connections hammer POST /api/users/login with wrong passwords for ever-new e-mails
# (every request a full PBKDF2 hash; no per-account lock-out applies). Budget: catalog p99 under the
# flood <= 2x its idle p99, both measured in this run.
SHOP_CONNECTIONS=${BENCH_SHOP_CONNECTIONS:-8}
FLOOD_CONNECTIONS=${BENCH_FLOOD_CONNECTIONS:-50}
cat "$ROOT/bench/wrk/login-flood.lua" >"$WORK/flood.lua"
shop_run() { # shop_run KEY
    wrk -t"$THREADS" -c"$SHOP_CONNECTIONS" -d"$DURATION" --latency -s "$WORK/report.lua" "${NOCACHE[@]}" "$HOST_URL$LIST" >"$WORK/$1.txt" 2>&1 ||
        die "wrk failed ($1)"
    grep '^BENCH ' "$WORK/$1.txt" || die "no result from wrk ($1)"
}
log "users: catalog list idle, $SHOP_CONNECTIONS connections: $DURATION"
read -r _ idle_rps _ idle_p99 _ idle_non2xx _ < <(shop_run u_idle)
FLOOD_SECONDS=$(( ${DURATION%s} + 6 ))
log "users: login flood ($FLOOD_CONNECTIONS connections, ${FLOOD_SECONDS}s) with catalog reads alongside"
wrk -t"$THREADS" -c"$FLOOD_CONNECTIONS" -d"${FLOOD_SECONDS}s" --latency --timeout 10s -s "$WORK/flood.lua" "$HOST_URL" >"$WORK/u_flood.txt" 2>&1 &
FLOOD_PID=$!
sleep 3
read -r _ busy_rps _ busy_p99 _ busy_non2xx _ < <(shop_run u_busy)
wait "$FLOOD_PID" || die "wrk failed (login flood)"
read -r _ login_rps login_p50 login_p99 login_n _ login_errors < <(grep '^BENCH ' "$WORK/u_flood.txt")
read -r _ login_401 login_429 < <(grep '^LOGIN ' "$WORK/u_flood.txt")
if [ "$idle_non2xx" -ne 0 ] || [ "$busy_non2xx" -ne 0 ]; then die "catalog reads failed during the Users section"; fi
echo
echo "Users: login flood — catalog list uncached at -c$SHOP_CONNECTIONS, idle vs. during -c$FLOOD_CONNECTIONS wrong-password logins"
echo
printf '| %-37s | %9s | %8s | %8s |\n' "measurement" "req/s" "p50 ms" "p99 ms"
printf '|%s|%s|%s|%s|\n' "---------------------------------------" "----------:" "---------:" "---------:"
printf '| %-37s | %9.0f | %8s | %8.2f |\n' "catalog list, idle" "$idle_rps" "$(awk '/^BENCH/ {print $3}' "$WORK/u_idle.txt")" "$idle_p99"
printf '| %-37s | %9.0f | %8s | %8.2f |\n' "catalog list, during the login flood" "$busy_rps" "$(awk '/^BENCH/ {print $3}' "$WORK/u_busy.txt")" "$busy_p99"
printf '| %-37s | %9.1f | %8.2f | %8.2f |\n' "login flood (all answers)" "$login_rps" "$login_p50" "$login_p99"
echo
echo "login flood: $login_n requests, $login_401 answered 401 after a full hash, $login_429 turned away with 429 (hashing queue full), $login_errors socket errors/timeouts"
echo "             → $(awk -v n="$login_401" -v d="$FLOOD_SECONDS" 'BEGIN { printf "%.1f", n / d }') password hashes/s"
echo
check "catalog p99 during the login flood <= 2x idle [$(printf '%.1f' "$busy_p99") ms vs $(printf '%.1f' "$idle_p99") ms: $(awk -v a="$busy_p99" -v b="$idle_p99" 'BEGIN { printf "%.2f", a / b }')x]" \
    "$busy_p99 <= 2 * $idle_p99"

fi # the Catalog, Cart and Users sections

if [ "$ONLY" != shop ]; then
    # shellcheck source=eng/bench-checkout.sh
    source "$ROOT/eng/bench-checkout.sh"
fi

echo
if [ "$FAILED" -eq 0 ]; then echo "budget: met"; else echo "budget: NOT met"; fi
exit "$FAILED"
