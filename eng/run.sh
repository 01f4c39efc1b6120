#!/usr/bin/env bash
#
# eng/run.sh — run ModularShop locally with one command.
#
#   eng/run.sh
#
# Without ConnectionStrings__Shop set, it starts (or reuses, if it is already
# running) a local PostgreSQL cluster kept in .data/pg in the repository root,
# listening on 127.0.0.1:55432 (MODULARSHOP_PG_PORT to change), installing
# PostgreSQL 15 first if it is missing, and creates the `modularshop`
# database. With ConnectionStrings__Shop set, that database is used and no
# cluster is started.
#
# Then it runs the host (Release) with demo data and a demo admin user.
# Defaults, each used only when the variable is not already set:
#   ASPNETCORE_URLS=http://localhost:5080
#   ASPNETCORE_ENVIRONMENT=Development
#   Seed__Demo=true
#   Users__Admin__Email=admin@modularshop.local
#   Users__Admin__Password=Admin123!demo
#
# Ctrl-C stops the host, and the cluster too if this script started it.
# Delete .data/ to start over with an empty database.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PG_DATA=$ROOT/.data/pg
STARTED_PG=""   # set when this script started the cluster (and so stops it)
HOST_PID=""

# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
    if [ -n "$HOST_PID" ] && kill -0 "$HOST_PID" 2>/dev/null; then
        kill -TERM "$HOST_PID" 2>/dev/null || true
        wait "$HOST_PID" 2>/dev/null || true
    fi
    if [ -n "$STARTED_PG" ]; then
        echo "[run] stopping PostgreSQL (.data/pg)" >&2
        pg_stop "$PG_DATA" || true
    fi
}
trap cleanup EXIT

# ---- database ---------------------------------------------------------------
if [ -n "${ConnectionStrings__Shop:-}" ]; then
    echo "[run] using the database in ConnectionStrings__Shop (no local cluster started)" >&2
else
    # shellcheck source=eng/pg.sh
    source "$ROOT/eng/pg.sh"
    pg_ensure_installed

    PG_PORT=${MODULARSHOP_PG_PORT:-55432}
    PG_SOCK=$ROOT/.data/sock
    # A Unix socket path may be at most 107 bytes; a deep checkout gets its
    # socket folder under /tmp instead (clients here connect over TCP anyway).
    if [ $((${#PG_SOCK} + 20)) -gt 100 ]; then
        PG_SOCK=/tmp/modularshop-sock-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)
    fi

    mkdir -p "$ROOT/.data"
    chmod 755 "$ROOT/.data"

    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
        echo "[run] creating a PostgreSQL cluster in .data/pg" >&2
        pg_init "$PG_DATA"
    fi

    if pg_status "$PG_DATA"; then
        PG_PORT=$(pg_running_port "$PG_DATA")
        echo "[run] reusing the PostgreSQL already running on .data/pg (port $PG_PORT)" >&2
    else
        echo "[run] starting PostgreSQL on 127.0.0.1:$PG_PORT (.data/pg)" >&2
        if ! pg_start "$PG_DATA" "$PG_PORT" "$PG_SOCK"; then
            echo "[run] hint: if port $PG_PORT is taken, choose another: MODULARSHOP_PG_PORT=55433 eng/run.sh" >&2
            exit 1
        fi
        STARTED_PG=1
    fi

    pg_createdb "$PG_PORT" modularshop
    export ConnectionStrings__Shop="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=modularshop;Include Error Detail=true"
fi

# ---- host settings ----------------------------------------------------------
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5080}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export Seed__Demo=${Seed__Demo:-true}
export Users__Admin__Email=${Users__Admin__Email:-admin@modularshop.local}
export Users__Admin__Password=${Users__Admin__Password:-Admin123!demo}

# First URL, with a wildcard host shown as localhost.
BASE=${ASPNETCORE_URLS%%;*}
BASE=${BASE%/}
BASE=$(printf '%s' "$BASE" | sed -E 's#://(\*|\+|0\.0\.0\.0|\[::\])(:|/|$)#://localhost\2#')

cat <<EOF

  ModularShop (building and starting; first start takes a little longer)
    Storefront / API   $BASE/
    API docs           $BASE/docs
    OpenAPI document   $BASE/openapi/v1.json
    Readiness          $BASE/health/ready
    Demo admin login   $Users__Admin__Email / $Users__Admin__Password
  Press Ctrl-C to stop.

EOF

# ---- host -------------------------------------------------------------------
# Run in the background and wait, so that Ctrl-C or a TERM sent to this
# script reaches the trap at once: it sends TERM to `dotnet run` (which passes
# it on to the app for a graceful shutdown), then stops the cluster.
dotnet run --project src/Host/ModularShop.Host -c Release --no-launch-profile &
HOST_PID=$!
trap 'echo; echo "[run] stopping" >&2; exit 130' INT
trap 'exit 143' TERM

set +e
wait "$HOST_PID"
rc=$?
set -e
HOST_PID=""
exit "$rc"
