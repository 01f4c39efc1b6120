#!/usr/bin/env bash
#
# eng/template-check.sh — proves the payment plugin template is green out of the box (issue 13): packs the SDK and
# the conformance kit (eng/pack-sdk.sh), installs templates/payment-plugin into a private template hive, creates a
# plugin with it in a temporary folder (`dotnet new modularshop-payment-plugin -n AcmePay --code acme-pay
# --packages <feed>`), then builds, tests (the conformance kit against the generated provider) and publishes it.
# Exit code 0 when all of that works. Environment: TEMPLATE_CHECK_KEEP=1 keeps the work folder.

set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORK=$(mktemp -d /tmp/modularshop-template-check-XXXXXX)
log() { echo "[template-check] $*" >&2; }
# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() { if [ "${TEMPLATE_CHECK_KEEP:-0}" = 1 ]; then log "work folder kept: $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

log "packing the SDK and the conformance kit into $WORK/feed"
bash "$ROOT/eng/pack-sdk.sh" "$WORK/feed" >/dev/null
# The packages keep their version from build to build: restore into a package folder of this run's own, so it uses
# what was just packed and leaves the machine's shared NuGet cache alone.
export NUGET_PACKAGES="$WORK/nuget"

log "installing templates/payment-plugin (private hive) and creating AcmePay"
dotnet new install "$ROOT/templates/payment-plugin" --debug:custom-hive "$WORK/hive" >"$WORK/install.log" 2>&1 ||
    { cat "$WORK/install.log" >&2; exit 1; }
(cd "$WORK" && dotnet new modularshop-payment-plugin -n AcmePay --code acme-pay --packages "$WORK/feed" --debug:custom-hive "$WORK/hive") \
    >"$WORK/new.log" 2>&1 || { cat "$WORK/new.log" >&2; exit 1; }
grep -q '"code": "acme-pay"' "$WORK/AcmePay/src/AcmePay/plugin.json" || { log "plugin.json does not carry the code"; exit 1; }
grep -q 'ProviderCode = "acme-pay"' "$WORK/AcmePay/src/AcmePay/AcmePayProvider.cs" || { log "the provider does not carry the code"; exit 1; }

log "testing the generated plugin with the conformance kit"
(cd "$WORK/AcmePay" && dotnet test --project tests/AcmePay.Tests) 2>&1 | tee "$WORK/test.log" >&2
grep -qE 'succeeded: [1-9]' "$WORK/test.log" && ! grep -qE 'failed: [1-9]' "$WORK/test.log" || { log "the generated tests did not pass"; exit 1; }

log "publishing the generated plugin"
(cd "$WORK/AcmePay" && dotnet publish src/AcmePay -c Release -o "$WORK/out/acme-pay" -v q -nologo) >&2
[ -f "$WORK/out/acme-pay/AcmePay.dll" ] && [ -f "$WORK/out/acme-pay/plugin.json" ] || { log "the publish folder lacks the plugin or its descriptor"; exit 1; }
[ ! -e "$WORK/out/acme-pay/ModularShop.Payments.Abstractions.dll" ] || { log "the publish folder carries the SDK: the host provides it"; exit 1; }
log "PASS: the template's plugin builds, passes the conformance kit and publishes as a plugin folder"
