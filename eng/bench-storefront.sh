#!/usr/bin/env bash
#
# eng/bench-storefront.sh — page speed of the storefront (issue 14) with Lighthouse 12.2.3 and Debian's Chromium.
#
#   eng/bench-storefront.sh            # 3 runs per page, medians
#   RUNS=5 eng/bench-storefront.sh
#
# 1. publishes the host (Release) — production static assets: fingerprinted, compressed, immutable;
# 2. starts a throwaway PostgreSQL and the published host (Production, demo catalog) on a free port;
# 3. installs the pinned Lighthouse (eng/lighthouse) when missing;
# 4. warms each page once (anonymous pages come from the output cache, as in production), then runs Lighthouse's
#    default (mobile) preset RUNS times on the home page, a category and a product page;
# 5. prints, per page, the median LCP, CLS, TBT, performance and accessibility scores against the issue's budgets
#    (LCP ≤ 1.0 s, CLS ≤ 0.05, TBT ≤ 100 ms, performance ≥ 95, accessibility ≥ 95) and the JavaScript shipped;
#    exits 1 when a budget fails. Reports stay in $WORK/lighthouse (BENCH_KEEP=1 keeps the work folder).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=eng/pg.sh
source "$ROOT/eng/pg.sh"

RUNS=${RUNS:-3}
CHROME=${CHROME_PATH:-/usr/bin/chromium}
WORK=$(mktemp -d /tmp/modularshop-lighthouse-XXXXXX)
chmod 755 "$WORK"
HOST_PID=""
PG_STARTED=0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '[bench-storefront] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }
FLOOR_PID=""
cleanup() {
    [ -n "$FLOOR_PID" ] && { kill "$FLOOR_PID" 2>/dev/null || true; }
    [ -n "$HOST_PID" ] && { kill "$HOST_PID" 2>/dev/null || true; wait "$HOST_PID" 2>/dev/null || true; }
    [ "$PG_STARTED" = 1 ] && { pg_stop "$WORK/pg/data" >/dev/null 2>&1 || true; }
    [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

[ -x "$CHROME" ] || die "no Chromium at $CHROME (apt-get install chromium)"
command -v node >/dev/null || die "node is not installed"

# ---- Lighthouse ------------------------------------------------------------------------------------------------
if [ ! -x eng/lighthouse/node_modules/.bin/lighthouse ]; then
    log "installing lighthouse (eng/lighthouse)"
    (cd eng/lighthouse && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
LIGHTHOUSE=$ROOT/eng/lighthouse/node_modules/.bin/lighthouse

# ---- PostgreSQL and the published host ---------------------------------------------------------------------------
pg_ensure_installed || die "no PostgreSQL"
PG_PORT=$(pg_free_port)
pg_init "$WORK/pg/data" >/dev/null || die "initdb failed"
pg_start "$WORK/pg/data" "$PG_PORT" "$WORK/pg/sock" fsync=off >/dev/null || die "PostgreSQL did not start"
PG_STARTED=1
pg_createdb "$PG_PORT" modularshop >/dev/null || die "createdb failed"

log "publishing the host (Release)"
dotnet publish src/Host/ModularShop.Host -c Release -o "$WORK/host" >"$WORK/publish.log" 2>&1 ||
    { tail -n 30 "$WORK/publish.log" >&2; die "publish failed"; }

PORT=$(pg_free_port)
URL="http://localhost:$PORT"
(cd "$WORK/host" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$URL" \
    ConnectionStrings__Shop="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=modularshop" \
    Auth__SigningKey="bench-storefront-signing-key-0123456789abcdef" Seed__Demo=true \
    Logging__LogLevel__Default=Warning dotnet ModularShop.Host.dll) >"$WORK/host.log" 2>&1 &
HOST_PID=$!
for _ in $(seq 1 240); do
    curl -sf -o /dev/null "$URL/health/ready" && break
    kill -0 "$HOST_PID" 2>/dev/null || { tail -n 30 "$WORK/host.log" >&2; die "the host exited"; }
    sleep 0.25
done
curl -sf -o /dev/null "$URL/health/ready" || die "the host did not become ready"

CATEGORY=$(curl -sf "$URL/api/catalog/categories" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["slug"])')
PRODUCT=$(curl -sf "$URL/api/catalog/products?pageSize=1&sort=name" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')
# Floors, measured in the same run: what Lighthouse's mobile simulation gives a trivial page (one heading) and a
# trivial page whose largest paint is one small image — no shop code at all, served by python's http.server. Their icon
# is an empty data: URI, as the shop's is inline: no /favicon.ico request for the simulation to count.
mkdir -p "$WORK/floor"
printf '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,"><title>floor</title></head><body><h1>Floor: one heading</h1></body></html>' >"$WORK/floor/text.html"
printf '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,"><title>floor</title></head><body><h1>Floor</h1><img src="p.svg" alt="" width="800" height="800"></body></html>' >"$WORK/floor/image.html"
curl -sf "$URL/media/catalog/demo/floor.svg?label=Floor" >"$WORK/floor/p.svg"
FLOOR_PORT=$(pg_free_port)
(cd "$WORK/floor" && exec python3 -m http.server "$FLOOR_PORT" --bind 127.0.0.1) >/dev/null 2>&1 &
FLOOR_PID=$!
sleep 1
FLOOR_URL="http://localhost:$FLOOR_PORT"

PAGES=("/" "/c/$CATEGORY" "/p/$PRODUCT" "$FLOOR_URL/text.html" "$FLOOR_URL/image.html")
log "pages: ${PAGES[*]} (host $URL, $RUNS runs each)"

mkdir -p "$WORK/lighthouse"
target() { case "$1" in http*) printf '%s' "$1" ;; *) printf '%s%s' "$URL" "$1" ;; esac; }
for page in "${PAGES[@]}"; do curl -sf -o /dev/null "$(target "$page")"; done # warm the output cache

FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic"
for page in "${PAGES[@]}"; do
    name=$(sed 's#^http://[^/]*##' <<<"$page" | tr '/.' '__')
    for run in $(seq 1 "$RUNS"); do
        CHROME_PATH="$CHROME" "$LIGHTHOUSE" "$(target "$page")" --quiet --output=json --output-path="$WORK/lighthouse/$name-$run.json" \
            --only-categories=performance,accessibility --chrome-flags="$FLAGS" --max-wait-for-load=30000 >/dev/null 2>"$WORK/lighthouse/$name-$run.log" ||
            { tail -n 20 "$WORK/lighthouse/$name-$run.log" >&2; die "lighthouse failed on $page"; }
    done
done

python3 - "$WORK/lighthouse" "$RUNS" "${PAGES[@]}" <<'PY'
import json, statistics, sys
folder, runs, pages = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
budgets = {"lcp": 1000, "cls": 0.05, "tbt": 100, "perf": 95, "a11y": 95}
failed = False
print(f"| page | LCP ms | CLS | TBT ms | performance | accessibility | JS bytes (transfer) | runs |")
print(f"|---|---|---|---|---|---|---|---|")
import re
floors = {}
for page in pages:
    path = re.sub(r"^http://[^/]*", "", page)
    name = path.replace("/", "_").replace(".", "_")
    floor = page.startswith("http")
    rows = []
    for run in range(1, runs + 1):
        r = json.load(open(f"{folder}/{name}-{run}.json"))
        a = r["audits"]
        js = sum(i.get("transferSize", 0) for i in a["network-requests"]["details"]["items"] if i.get("resourceType") == "Script")
        rows.append({
            "lcp": a["largest-contentful-paint"]["numericValue"],
            "cls": a["cumulative-layout-shift"]["numericValue"],
            "tbt": a["total-blocking-time"]["numericValue"],
            "perf": r["categories"]["performance"]["score"] * 100,
            "a11y": r["categories"]["accessibility"]["score"] * 100,
            "js": js,
        })
    m = {k: statistics.median(x[k] for x in rows) for k in rows[0]}
    all_lcp = "/".join(f"{x['lcp']:.0f}" for x in rows)
    if floor:
        floors[path] = m["lcp"]
        print(f"| floor `{path}` | {m['lcp']:.0f} ({all_lcp}) | {m['cls']:.3f} | {m['tbt']:.0f} | {m['perf']:.0f} | {m['a11y']:.0f} | {m['js']:.0f} | {runs} |")
        continue
    ok = m["lcp"] <= budgets["lcp"] and m["cls"] <= budgets["cls"] and m["tbt"] <= budgets["tbt"] and m["perf"] >= budgets["perf"] and m["a11y"] >= budgets["a11y"]
    failed |= not ok
    print(f"| `{page}` | {m['lcp']:.0f} ({all_lcp}) | {m['cls']:.3f} | {m['tbt']:.0f} | {m['perf']:.0f} | {m['a11y']:.0f} | {m['js']:.0f} | {runs} |" + ("" if ok else " **over budget**"))
if "/text.html" in floors and "/image.html" in floors:
    print()
    print(f"Floors in this run: a one-heading page {floors['/text.html']:.0f} ms, a one-image page {floors['/image.html']:.0f} ms (LCP medians).")
print()
print("Budgets: LCP ≤ 1000 ms, CLS ≤ 0.05, TBT ≤ 100 ms, performance ≥ 95, accessibility ≥ 95 (medians).")
print("RESULT:", "FAIL" if failed else "PASS")
sys.exit(1 if failed else 0)
PY
