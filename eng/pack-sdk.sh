#!/usr/bin/env bash
#
# eng/pack-sdk.sh — packs what a payment plugin author needs into NuGet packages (docs/payment-plugins.md):
#   ModularShop.Payments.Abstractions (the SDK) and ModularShop.Payments.Conformance (the conformance kit).
#
#   eng/pack-sdk.sh [OUTPUT]        default OUTPUT: artifacts/packages
#
# Point a plugin's nuget.config at OUTPUT (the template does: dotnet new modularshop-payment-plugin --packages OUTPUT).

set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(realpath -m "${1:-$ROOT/artifacts/packages}")
mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for project in ModularShop.Payments.Abstractions ModularShop.Payments.Conformance; do
    dotnet pack "$ROOT/src/Modules/Payments/$project" -c Release -o "$OUT" -v q -nologo >&2
done
ls "$OUT"/ModularShop.Payments.*.nupkg
