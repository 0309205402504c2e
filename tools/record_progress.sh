#!/usr/bin/env bash
# Records what a person sees on a terminal during two long runs (issue 20): a 5,000-job plan on a
# generated 1,000-feeder city and a 20-million-year simulation of RBTS Bus 2, each in a tmux pane
# captured every 2 s, plus the simulation's peak memory (GNU time).
# Usage: tools/record_progress.sh [OUT_DIR]   (needs tmux and /usr/bin/time; builds release first)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/progress}
mkdir -p "$out"
swift build -c release --product liveline >/dev/null
bin=$PWD/.build/release/liveline
[ -f "$out/city1000.json" ] || "$bin" generate --feeders 1000 --seed 1 -o "$out/city1000.json" >/dev/null
[ -f "$out/jobs5000.json" ] || "$bin" generate-jobs "$out/city1000.json" --jobs 5000 --days 65 --seed 1 -o "$out/jobs5000.json" 2>/dev/null >/dev/null
record() {  # name, command
    local name=$1 command=$2 log="$out/$1.capture.txt"
    : > "$log"
    tmux kill-session -t "rec-$name" 2>/dev/null || true
    tmux new-session -d -s "rec-$name" -x 150 -y 10 "$command; echo '[exit '\$?']'; sleep 600"
    for i in $(seq 1 60); do
        sleep 2
        { echo "--- $((i * 2)) s"; tmux capture-pane -p -t "rec-$name" | sed '/^$/d'; } >> "$log"
        tmux capture-pane -p -t "rec-$name" | grep -q '^\[exit' && break
    done
    tmux kill-session -t "rec-$name"
    echo "== $name: $log"; cat "$log"
}
record plan "$bin plan $out/city1000.json $out/jobs5000.json --time-limit 30 > $out/plan.txt"
record simulate "/usr/bin/time -o $out/simulate.time -v $bin simulate networks/rbts-bus2.json --years 20000000 > $out/simulate.txt"
grep -E "Maximum resident|Elapsed" "$out/simulate.time"
