#!/usr/bin/env bash
# Fuzz every target (or those named) for SECONDS each with the in-process harness LiveLineFuzz
# (release build). An input that traps kills the harness: it is kept as
# Tests/Fuzz/crashes/TARGET-crash-N and the script fails. Saved regressions are replayed first.
#   tools/fuzz.sh [SECONDS] [TARGET…]        (default 600 s per target, every target)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
swift build -c release --product LiveLineFuzz >/dev/null || exit 1
fuzz=.build/release/LiveLineFuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then mapfile -t targets < <("$fuzz" list); fi
status=0
if compgen -G "Tests/Fuzz/regressions/*" >/dev/null; then
    "$fuzz" replay Tests/Fuzz/regressions/* >/dev/null || { echo "a saved regression input fails again"; status=1; }
fi
mkdir -p Tests/Fuzz/crashes
for target in "${targets[@]}"; do
    "$fuzz" "$target" "$seconds" "${FUZZ_SEED:-1}"
    code=$?
    if [ $code -ne 0 ]; then
        status=1
        if [ -f ".build/fuzz/$target.current" ]; then
            kept="Tests/Fuzz/crashes/$target-crash-$(date +%s)"
            cp ".build/fuzz/$target.current" "$kept"
            echo "$target: the harness died (exit $code) on an input, kept as $kept — fix it and move the file to Tests/Fuzz/regressions/"
        fi
        for hang in .build/fuzz/"$target"-hang-*; do [ -f "$hang" ] && mv "$hang" Tests/Fuzz/crashes/ && echo "kept Tests/Fuzz/crashes/$(basename "$hang")"; done
    fi
done
exit $status
