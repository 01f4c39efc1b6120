#!/usr/bin/env bash
#
# eng/tools.sh — install the pinned command-line tools the build and the tests use
# (eng/tools/package.json + package-lock.json, into eng/tools/node_modules).
#
#   eng/tools.sh
#
# Spectral (@stoplight/spectral-cli), which OpenApiLintTests runs on /openapi/v1.json; TypeScript and esbuild,
# which the storefront's build runs on its client (the build calls this script when they are missing);
# openapi-typescript, which GeneratedClientTypesTests runs. Quick when nothing changed (the installed lock file is
# compared with the committed one). Without npm it installs Debian's nodejs and
# npm when run as root with CI=true; otherwise it says so and exits 1 (the
# lint test then fails in CI, and skips outside CI).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=$ROOT/eng/tools

if [ -x "$TOOLS/node_modules/.bin/spectral" ] &&
    cmp -s "$TOOLS/package-lock.json" "$TOOLS/node_modules/.package-lock.json.installed" 2>/dev/null; then
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "[tools] installing nodejs and npm (Debian)" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2
    else
        echo "[tools] npm is not installed: the OpenAPI lint test cannot run (install Node.js 18.18+ and npm)" >&2
        exit 1
    fi
fi

echo "[tools] npm ci in eng/tools" >&2
(cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error >&2)
cp "$TOOLS/package-lock.json" "$TOOLS/node_modules/.package-lock.json.installed"
