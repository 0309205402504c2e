#!/usr/bin/env bash
# Renders the bundled examples' HTML reports and a full-page PNG of each with headless Chromium,
# so a person can look at them. Not part of the tests. Needs Debian's chromium and chromedriver, a
# CJK font for --lang zh, and Selenium (tools/screenshot.py drives the browser):
#   apt-get install -y chromium chromium-driver fonts-wqy-zenhei && pip install selenium
# Usage: tools/render_reports.sh [OUT_DIR]   (default build/reports)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-build/reports}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "chromium or chromedriver is not installed: apt-get install -y chromium chromium-driver fonts-wqy-zenhei" >&2
    exit 1
fi
if ! python3 -c "import selenium" 2>/dev/null; then
    echo "Selenium is not installed: pip install selenium" >&2
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
"$bin" report networks/rbts-bus2.json --plan "$out/rbts-plan" --plan-day 2027-02-17 --reliability \
    --what-if scenarios/what-if/rbts-case-e.json --simulate "${audit[@]}" --lang zh -o "$out/rbts-zh.html"
# A 200-feeder generated city (feeders drawn in separate panels).
"$bin" generate --feeders 200 --seed 7 -o "$out/city-200.json" >/dev/null
"$bin" report "$out/city-200.json" --reliability -o "$out/city-200.html"
# An imported public feeder (IEEE 8500, tree layout).
"$bin" import Tests/ImportersTests/Fixtures/networks/ieee8500/Master.dss --from opendss -o "$out/ieee8500.json" >/dev/null
"$bin" report "$out/ieee8500.json" --reliability --layout tree -o "$out/ieee8500.html"

# Full pages: each laid out 1400 px wide and captured to its whole height.
args=()
for name in rbts rbts-zh city-200 ieee8500; do args+=("$out/$name.html" "$out/$name.png"); done
python3 tools/screenshot.py 1400 "${args[@]}"
