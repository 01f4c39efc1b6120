#!/usr/bin/env bash
#
# eng/plugin-drill.sh — a payment plugin in a published host, built separately, no host rebuild (issue 13;
# docs/payment-plugins.md → "The plugin drill").
#
#   eng/plugin-drill.sh
#
# 1. publishes the host ONCE (Release by default) into a work folder;
# 2. publishes the sample redirect plugin (src/Modules/Payments/Plugins/ModularShop.Plugins.Payments.HostedPage) on
#    its own into <work>/plugins/hosted-page — the host is not rebuilt and does not reference it;
# 3. starts the published host with Payments:PluginsPath=<work>/plugins (and the plugin's webhook secret), checks that
#    /api/payments/providers lists hosted-page and that /health/ready is Healthy;
# 4. completes a checkout with hosted-page: 201 AwaitingPayment with a redirect, the shopper approves on the payment
#    page, the order becomes Paid;
# 5. stops the host, adds two broken plugins beside the good one (one built against SDK 2.0, one without a
#    descriptor), starts the same published host again, and checks that it starts, still lists hosted-page and
#    test-card, reports both broken folders in /health/ready (Degraded) and logs one line for each;
# and prints what it saw. Exit code 0 when all holds, 1 when something does not, 2 on a setup error.
#
# Environment: PLUGIN_DRILL_DATABASE — a connection string of an EMPTY database to use instead of starting a
# throwaway PostgreSQL (the integration test passes one); PLUGIN_DRILL_CONFIGURATION (default Release) and
# PLUGIN_DRILL_NO_BUILD=1 — publish what the solution's build already produced (the integration test runs after
# `dotnet test` built everything in Debug); DRILL_KEEP=1 keeps the work folder.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

log() { echo "[plugin-drill] $*" >&2; }
die() { log "error: $*"; exit 2; }
fail() { log "FAIL: $*"; FAILED=1; }
ok() { log "ok: $*"; }
for tool in curl jq; do command -v "$tool" >/dev/null || die "$tool is required (apt-get install $tool)"; done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORK=$(mktemp -d /tmp/modularshop-plugin-drill-XXXXXX)
chmod 755 "$WORK"
HOST_PID=""
PG_STARTED=0
FAILED=0

# shellcheck source=eng/pg.sh
source "$ROOT/eng/pg.sh"

# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
    if [ -n "$HOST_PID" ]; then kill "$HOST_PID" 2>/dev/null || true; wait "$HOST_PID" 2>/dev/null || true; fi
    if [ "$PG_STARTED" = 1 ]; then pg_stop "$WORK/pg/data" >/dev/null 2>&1 || true; fi
    if [ "${DRILL_KEEP:-0}" = 1 ]; then log "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ---- the database ---------------------------------------------------------------------------------------------
if [ -n "${PLUGIN_DRILL_DATABASE:-}" ]; then
    export ConnectionStrings__Shop="$PLUGIN_DRILL_DATABASE"
else
    pg_ensure_installed || die "no PostgreSQL"
    mkdir -p "$WORK/pg"
    chmod 755 "$WORK/pg"
    PG_PORT=$(pg_free_port)
    pg_init "$WORK/pg/data" || die "initdb failed"
    pg_start "$WORK/pg/data" "$PG_PORT" "$WORK/pg/sock" || die "PostgreSQL did not start"
    PG_STARTED=1
    pg_createdb "$PG_PORT" modularshop || die "createdb failed"
    export ConnectionStrings__Shop="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=modularshop"
fi

# ---- 1, 2: publish the host once, the plugin on its own ------------------------------------------------------
CONFIGURATION=${PLUGIN_DRILL_CONFIGURATION:-Release}
PUBLISH=(-c "$CONFIGURATION" -v q -nologo)
[ "${PLUGIN_DRILL_NO_BUILD:-0}" = 1 ] && PUBLISH+=(--no-build)
log "publishing the host ($CONFIGURATION) into $WORK/host"
dotnet publish src/Host/ModularShop.Host "${PUBLISH[@]}" -o "$WORK/host" >"$WORK/publish-host.log" 2>&1 ||
    { tail -n 30 "$WORK/publish-host.log" >&2; die "publishing the host failed"; }
[ ! -e "$WORK/host/ModularShop.Plugins.Payments.HostedPage.dll" ] || die "the published host carries the plugin: it must not reference it"

log "publishing the hosted-page plugin on its own into $WORK/plugins/hosted-page"
dotnet publish src/Modules/Payments/Plugins/ModularShop.Plugins.Payments.HostedPage "${PUBLISH[@]}" -o "$WORK/plugins/hosted-page" \
    >"$WORK/publish-plugin.log" 2>&1 || { tail -n 30 "$WORK/publish-plugin.log" >&2; die "publishing the plugin failed"; }
HOST_STAMP=$(stat -c %Y "$WORK/host/ModularShop.Host.dll")

# ---- 3: start the published host ---------------------------------------------------------------------------
HOST_PORT=$(pg_free_port)
URL=http://127.0.0.1:$HOST_PORT
SIGNING_KEY="plugin-drill-signing-key-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADMIN_EMAIL=plugin-drill-admin@drill.example.com
ADMIN_PASSWORD="Drill-admin-1-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WEBHOOK_SECRET="hp_whsec_drill_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
STARTS=0

start_host() {
    STARTS=$((STARTS + 1))
    (cd "$WORK/host" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$URL" \
        Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.Hosting.Lifetime=Information \
        Logging__LogLevel__ModularShop.Modules.Payments.Providers=Information \
        Auth__SigningKey="$SIGNING_KEY" Users__Admin__Email="$ADMIN_EMAIL" Users__Admin__Password="$ADMIN_PASSWORD" \
        Payments__PluginsPath="$WORK/plugins" Payments__Providers__hosted-page__WebhookSecret="$WEBHOOK_SECRET" \
        dotnet ModularShop.Host.dll) >"$WORK/host-$STARTS.log" 2>&1 &
    HOST_PID=$!
    local _
    for _ in $(seq 1 240); do
        if curl -sS -o /dev/null "$URL/health/live" 2>/dev/null; then return 0; fi
        kill -0 "$HOST_PID" 2>/dev/null || { tail -n 40 "$WORK/host-$STARTS.log" >&2; die "the host exited while starting"; }
        sleep 0.25
    done
    die "the host did not answer after 60 s"
}

stop_host() {
    kill "$HOST_PID" 2>/dev/null || true
    wait "$HOST_PID" 2>/dev/null || true
    HOST_PID=""
}

# call METHOD PATH TOKEN [BODY] [KEY] → prints "STATUS BODY"
call() {
    local args=(-sS -o - -w '\n%{http_code}' --max-time 30 -X "$1" "$URL$2" -H 'Content-Type: application/json')
    [ -n "$3" ] && args+=(-H "Authorization: Bearer $3")
    [ -n "${5:-}" ] && args+=(-H "Idempotency-Key: $5")
    [ -n "${4:-}" ] && args+=(--data "$4")
    local out
    out=$(curl "${args[@]}" 2>/dev/null) || out=$'\n000'
    printf '%s %s\n' "$(tail -n 1 <<<"$out")" "$(head -n -1 <<<"$out" | tr -d '\n')"
}
body() { cut -d' ' -f2-; }

log "starting the published host on $URL with Payments:PluginsPath=$WORK/plugins"
start_host

PROVIDERS=$(call GET /api/payments/providers "" | body | jq -r '[.[].code] | sort | join(",")') || true
log "providers: $PROVIDERS"
[[ ",$PROVIDERS," == *",hosted-page,"* && ",$PROVIDERS," == *",test-card,"* ]] && ok "providers list the plugin beside the built-in test card" ||
    fail "providers are '$PROVIDERS', expected hosted-page and test-card"
READY=$(curl -sS "$URL/health/ready") || true
[ "$(jq -r .status <<<"$READY")" = Healthy ] && ok "/health/ready is Healthy" || fail "/health/ready: $READY"
grep -q "Payment plugin 'hosted-page' loaded: provider hosted-page" "$WORK/host-1.log" && ok "the log says the plugin loaded" ||
    fail "no 'loaded' line for hosted-page in the host log"

# ---- 4: a checkout with the plugin's provider ---------------------------------------------------------------
login() { call POST /api/users/login "" "{\"email\":\"$1\",\"password\":\"$2\"}" | body | jq -r .accessToken 2>/dev/null || true; }
ADMIN=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD") || true
[ -n "$ADMIN" ] && [ "$ADMIN" != null ] || die "admin login failed"
CATEGORY=$(call POST /api/admin/catalog/categories "$ADMIN" '{"name":"Plugin drill"}' | body | jq -r .id) || true
PRODUCT=$(call POST /api/admin/catalog/products "$ADMIN" \
    "{\"name\":\"Drill lamp\",\"description\":\"Bought through a plugin\",\"price\":25,\"categoryId\":\"$CATEGORY\",\"stock\":10}" | body | jq -r .id) || true
[ "${#PRODUCT}" = 36 ] || die "creating the product failed"
EMAIL="plugin-drill-$RANDOM@drill.example.com"
call POST /api/users/register "" "{\"email\":\"$EMAIL\",\"password\":\"Drill-pass-1-x\",\"name\":\"Drill Shopper\"}" >/dev/null
SHOPPER=$(login "$EMAIL" "Drill-pass-1-x") || true
CART=$(call POST /api/carts "$SHOPPER" "" | body | jq -r .id) || true
call POST "/api/carts/$CART/items" "$SHOPPER" "{\"productId\":\"$PRODUCT\",\"quantity\":2}" >/dev/null
ADDRESS='{"fullName":"Drill Shopper","line1":"1 Drill Street","city":"Springfield","region":"CA","postalCode":"94105","country":"US"}'
ANSWER=$(call POST /api/checkout "$SHOPPER" \
    "{\"cartId\":\"$CART\",\"shippingAddress\":$ADDRESS,\"shippingMethod\":\"standard\",\"payment\":{\"provider\":\"hosted-page\",\"details\":{}}}" "drill-$RANDOM$RANDOM")
STATUS=${ANSWER%% *}
ORDER_JSON=${ANSWER#* }
ORDER=$(jq -r .id <<<"$ORDER_JSON") || true
NEXT=$(jq -r '.payment.nextAction.url // empty' <<<"$ORDER_JSON") || true
if [ "$STATUS" = 201 ] && [ "$(jq -r .status <<<"$ORDER_JSON")" = AwaitingPayment ] && [ -n "$NEXT" ]; then
    ok "checkout with hosted-page: 201 AwaitingPayment, order $(jq -r .orderNumber <<<"$ORDER_JSON"), redirect to $NEXT"
else
    fail "checkout with hosted-page answered $STATUS: $ORDER_JSON"
fi
PAGE_PATH=/${NEXT#*://*/}
[ "$(call GET "$PAGE_PATH" "" | cut -d' ' -f1)" = 200 ] && ok "the payment page is shown" || fail "GET $PAGE_PATH did not answer 200"
[ "$(call POST "$PAGE_PATH" "" '{"outcome":"approve"}' | cut -d' ' -f1)" = 200 ] && ok "the shopper approved on the payment page" ||
    fail "approving on the payment page failed"
PAID=""
for _ in $(seq 1 100); do
    PAID=$(call GET "/api/orders/$ORDER" "$SHOPPER" | body | jq -r .status) || true
    [ "$PAID" = Paid ] && break
    sleep 0.1
done
[ "$PAID" = Paid ] && ok "the order is Paid (the plugin's signed webhook went through the host)" || fail "the order is $PAID, not Paid"

# ---- 5: broken plugins beside the good one ------------------------------------------------------------------
stop_host
cp -r "$WORK/plugins/hosted-page" "$WORK/plugins/broken-future-sdk"
jq '.code = "future-page" | .sdkVersion = "2.0.0"' "$WORK/plugins/hosted-page/plugin.json" >"$WORK/plugins/broken-future-sdk/plugin.json"
mkdir -p "$WORK/plugins/broken-no-descriptor"
cp "$WORK/plugins/hosted-page/"*.dll "$WORK/plugins/broken-no-descriptor/"
log "restarting the same published host with two broken plugins beside the good one"
start_host
[ "$(stat -c %Y "$WORK/host/ModularShop.Host.dll")" = "$HOST_STAMP" ] || fail "the host was rebuilt"
PROVIDERS=$(call GET /api/payments/providers "" | body | jq -r '[.[].code] | sort | join(",")') || true
[ "$PROVIDERS" = "hosted-page,test-card" ] && ok "the host started and still lists: $PROVIDERS" || fail "providers are '$PROVIDERS' with broken plugins beside"
READY=$(curl -sS "$URL/health/ready") || true
REASONS=$(jq -r '.checks["payment-plugins"].description // ""' <<<"$READY") || true
if [ "$(jq -r .status <<<"$READY")" = Degraded ] && [[ "$REASONS" == *"'broken-future-sdk' skipped: built against SDK 2.0.0"* ]] &&
    [[ "$REASONS" == *"'broken-no-descriptor' skipped: no plugin.json"* ]]; then
    ok "/health/ready is Degraded: $REASONS"
else
    fail "/health/ready: $READY"
fi
SKIPPED=$(grep -c "Payment plugin 'broken-" "$WORK/host-2.log" || true)
[ "$SKIPPED" = 2 ] && ok "the log has one line per broken plugin" || fail "$SKIPPED log lines about broken plugins (expected 2)"
grep "Payment plugin '" "$WORK/host-2.log" | sed 's/^/[plugin-drill]   host log: /' >&2 || true
[ "$(call GET "/api/orders/$ORDER" "$SHOPPER" | body | jq -r .status)" = Paid ] && ok "the order placed through the plugin is still Paid" ||
    fail "the order changed"

if [ "$FAILED" = 0 ]; then
    log "PASS: a plugin built on its own runs in the published host; broken plugins beside it are skipped and reported"
    exit 0
fi
log "the drill FAILED (host logs: DRILL_KEEP=1 keeps $WORK)"
exit 1
