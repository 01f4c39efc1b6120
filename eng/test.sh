#!/usr/bin/env bash
#
# eng/test.sh — build and run every test in the solution against a throwaway
# PostgreSQL cluster.
#
#   eng/test.sh [extra dotnet test arguments]
#   e.g. eng/test.sh --filter-class '*OrderTests'
#
# What it does:
#   1. makes sure PostgreSQL is installed (installs postgresql-15 if missing);
#   2. starts a fresh cluster in /tmp/modularshop-pg-XXXXXX on a free port,
#      tuned for speed (fsync off: the data is thrown away anyway);
#   3. exports ModularShop__TestDatabase, the base connection string from
#      which the tests create one fresh database per test class;
#   4. installs Debian's chromium (browser tests) when missing in CI, and the pinned npm tools the tests and the
#      build use (eng/tools.sh: Spectral, TypeScript, openapi-typescript),
#      then runs `dotnet test --solution ModularShop.sln "$@"` (Debug);
#   5. stops and deletes the cluster (also on failure or Ctrl-C);
#   6. prints, as its very last line, `N passed, N failed`.
# Exits non-zero if the build failed, any test failed, or no test ran.
#
# Settings (environment): MODULARSHOP_SOLUTION (default ModularShop.sln, or
# the one .sln/.slnx in the repository root), PG_BIN, PG_VERSION (eng/pg.sh).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=eng/pg.sh
source "$ROOT/eng/pg.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---- which solution -------------------------------------------------------
SOLUTION=${MODULARSHOP_SOLUTION:-}
if [ -z "$SOLUTION" ]; then
    for s in ModularShop.sln ModularShop.slnx; do
        if [ -f "$s" ]; then SOLUTION=$s; break; fi
    done
fi
if [ -z "$SOLUTION" ]; then
    echo "error: no ModularShop.sln(x) in $ROOT" >&2
    echo "0 passed, 0 failed"
    exit 1
fi

# ---- throwaway cluster ----------------------------------------------------
pg_ensure_installed

# Under /tmp (not $TMPDIR, which may sit in a folder the postgres user cannot
# enter); mktemp makes it 700, so open it up for the postgres user.
WORK=$(mktemp -d /tmp/modularshop-pg-XXXXXX)
chmod 755 "$WORK"
DATA=$WORK/data
SOCK=$WORK/sock
LOG=$WORK/dotnet-test.log

cleanup() {
    pg_stop "$DATA" || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_init "$DATA"

# A port found free can be taken before postgres binds it: try a few.
PORT=""
for attempt in 1 2 3; do
    port=$(pg_free_port)
    if pg_start "$DATA" "$port" "$SOCK" \
        fsync=off synchronous_commit=off full_page_writes=off max_connections=300; then
        PORT=$port
        break
    fi
    echo "[pg] start attempt $attempt on port $port failed" >&2
done
if [ -z "$PORT" ]; then
    echo "error: could not start the test PostgreSQL cluster" >&2
    echo "0 passed, 0 failed"
    exit 1
fi
echo "[pg] test cluster on 127.0.0.1:$PORT ($DATA)" >&2

export ModularShop__TestDatabase="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres;Include Error Detail=true"

# ---- Chromium for the storefront's browser tests ---------------------------
# Debian's package (Playwright drives it by path; nothing is downloaded). Without it the browser tests fail in CI
# and skip elsewhere.
if [ ! -x /usr/bin/chromium ]; then
    if [ "${CI:-}" = "true" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "[chromium] installing Debian's chromium for the browser tests" >&2
        apt-get update -qq >&2 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2 ||
            echo "warning: chromium could not be installed: the browser tests will fail" >&2
    else
        echo "[chromium] /usr/bin/chromium is missing: the browser tests will be skipped (apt-get install chromium)" >&2
    fi
fi

# ---- pinned tools (Spectral for the OpenAPI lint test) ---------------------
# Quick when already installed. Without them the lint test fails in CI (and
# skips elsewhere), so a failure here is reported, not fatal.
if ! bash "$ROOT/eng/tools.sh"; then
    echo "warning: eng/tools.sh failed: the OpenAPI lint test will fail in CI" >&2
fi

# ---- tests ------------------------------------------------------------------
set +e
dotnet test --solution "$SOLUTION" "$@" 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
set -e

# Counts from dotnet test's closing "Test run summary:" block (Microsoft
# Testing Platform), which looks like:
#
#   Test run summary: Failed!
#     /…/ModularShop.X.Tests.dll (net10.0|x64) failed with 1 error(s) (749ms)
#
#     total: 7
#     failed: 1
#     succeeded: 5
#     skipped: 1
#     duration: 1s 159ms
#
# Only the block after the last "Test run summary:" line is read, so lines a
# test writes itself cannot be mistaken for it. Without such a block (output
# of an older format), the per-module "  failed: N" / "  succeeded: N"
# summaries are added up instead. ANSI colours and CRs are removed first.
read -r passed failed total summary_found < <(
    sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1b\][^\x1b\x07]*\(\x07\|\x1b\\\)//g' -e 's/\r//g' "$LOG" |
        awk '
            /^Test run summary:/ { found = 1; p = 0; f = 0; t = 0; next }
            found && /^[[:space:]]+succeeded:[[:space:]]*[0-9]+[[:space:]]*$/ { p = $2 }
            found && /^[[:space:]]+failed:[[:space:]]*[0-9]+[[:space:]]*$/    { f = $2 }
            found && /^[[:space:]]+total:[[:space:]]*[0-9]+[[:space:]]*$/     { t = $2 }
            !found && /^[[:space:]]+succeeded:[[:space:]]*[0-9]+[[:space:]]*$/ { sp += $2 }
            !found && /^[[:space:]]+failed:[[:space:]]*[0-9]+[[:space:]]*$/    { sf += $2 }
            !found && /^[[:space:]]+total:[[:space:]]*[0-9]+[[:space:]]*$/     { st += $2 }
            END {
                if (found) print p + 0, f + 0, t + 0, 1
                else       print sp + 0, sf + 0, st + 0, 0
            }'
)

# Repeat the failed tests (name and the first lines of their message) at the end, where a CI log's tail shows them
# even when the tests' own logging scrolled them far up.
if [ "$failed" -gt 0 ]; then
    echo
    echo "== failed tests"
    sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r//g' "$LOG" |
        awk '
            /^failed / { shown = 0; printing = 1; print; next }
            printing && (/^(passed|skipped|Running tests|failed) / || /^[^ ]/) { printing = 0 }
            printing && shown < 12 && !/^[[:space:]]+at (System|Microsoft|Xunit|Shouldly)\./ { print; shown++ }
        '
    echo
fi

# Stop the cluster now, quietly, so that nothing is printed after the final line.
trap - EXIT
cleanup

status=0
if [ "$rc" -ne 0 ]; then
    if [ "$summary_found" = "0" ] && [ "$total" = "0" ]; then
        echo "error: build failed or no test module ran (dotnet test exit code $rc)" >&2
    else
        echo "error: dotnet test exit code $rc" >&2
    fi
    status=1
fi
if [ "$failed" -gt 0 ]; then
    status=1
fi
if [ "$((passed + failed))" -eq 0 ]; then
    if [ "$rc" -eq 0 ] || [ "$summary_found" = "1" ]; then
        echo "error: no test ran" >&2
    fi
    status=1
fi

echo "$passed passed, $failed failed"
exit "$status"
