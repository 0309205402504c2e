#!/usr/bin/env bash
# Renders the bundled examples' HTML reports and a PNG of each with headless Chromium, so a person
# can look at them. Not part of the tests. Needs Debian's `chromium` (and a CJK font for --lang zh):
#   apt-get install -y chromium fonts-wqy-zenhei
# Usage: tools/render_reports.sh [OUT_DIR]   (default build/reports)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-build/reports}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if ! command -v chromium >/dev/null; then
    echo "chromium is not installed: apt-get install -y chromium fonts-wqy-zenhei" >&2
    exit 1
fi
swift build -c release --product liveline >/dev/null
bin=.build/release/liveline
audit=(--outages scenarios/audit-example/outages.csv --work scenarios/audit-example/work.csv
       --claims scenarios/audit-example/claims.json --history scenarios/audit-example/history.csv)

# RBTS Bus 2: plan, reliability with a what-if, simulation with the plan's outages, audit.
"$bin" plan networks/rbts-bus2.json scenarios/rbts-bus2-quarter.json --out "$out/rbts-plan" --time-limit 60 >/dev/null
"$bin" report networks/rbts-bus2.json --plan "$out/rbts-plan" --plan-day 2027-02-17 --reliability \
    --what-if scenarios/what-if/rbts-case-e.json --simulate "${audit[@]}" -o "$out/rbts.html"
"$bin" report networks/rbts-bus2.json --plan "$out/rbts-plan" --reliability "${audit[@]}" --lang zh -o "$out/rbts-zh.html"
# A 200-feeder generated city (feeders drawn in separate panels).
"$bin" generate --feeders 200 --seed 7 -o "$out/city-200.json" >/dev/null
"$bin" report "$out/city-200.json" --reliability -o "$out/city-200.html"
# An imported public feeder (IEEE 8500, tree layout).
"$bin" import Tests/ImportersTests/Fixtures/networks/ieee8500/Master.dss --from opendss -o "$out/ieee8500.json" >/dev/null
"$bin" report "$out/ieee8500.json" --reliability --layout tree -o "$out/ieee8500.html"

for page in rbts:1400,5200 rbts-zh:1400,4200 city-200:1400,6000 ieee8500:1400,5000; do
    name="${page%%:*}"
    size="${page#*:}"
    chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size="$size" \
        --screenshot="$out/$name.png" "file://$out/$name.html" 2>/dev/null
    test -s "$out/$name.png" || { echo "chromium did not write $out/$name.png" >&2; exit 1; }
    echo "wrote $out/$name.png"
done
