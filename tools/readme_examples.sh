#!/usr/bin/env bash
# Runs every `liveline …` example of the README's ```sh blocks, copied as written, with the
# binary installed by `make install PREFIX=…` on PATH (issue 20). Examples that need Python
# packages (lines with python3 or pip) are skipped; a `&&` tail of an example is dropped.
# Usage: tools/readme_examples.sh PREFIX   (run from anywhere; works in a scratch copy of the repo)
set -uo pipefail
prefix=${1:?usage: tools/readme_examples.sh PREFIX}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/networks" "$root/scenarios" "$root/Tests" "$root/docs" "$work/"
export PATH="$prefix/bin:$PATH"
cd "$work"
python3 - "$root/README.md" > examples.txt <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
inside = False
command = ""
for line in text.splitlines():
    if line.startswith("```"):
        inside = line.strip() in ("```sh", "```bash") and not inside
        continue
    if not inside:
        continue
    line = line.split("  #")[0].rstrip()
    command += line.rstrip("\\").rstrip() + " " if line.endswith("\\") else line
    if line.endswith("\\"):
        continue
    if command.startswith("liveline ") and "python3" not in command and "pip " not in command:
        print(command.split(" && ")[0])
    command = ""
PY
failed=0
count=0
while IFS= read -r example; do
    count=$((count + 1))
    bash -c "$example" > /dev/null 2> err.txt
    code=$?
    # 65 is the documented result of an example that shows a rejected input; 3 that of
    # `audit --fail-on-overstated` when a claim is overstated.
    if [ $code -ne 0 ] && [ $code -ne 65 ] && ! { [ $code -eq 3 ] && [[ $example == *--fail-on-overstated* ]]; }; then
        failed=$((failed + 1))
        echo "FAILED ($code): $example"; sed 's/^/    /' err.txt | head -5
    fi
done < examples.txt
echo "$count README examples run, $failed failed"
[ $failed -eq 0 ]
