#!/usr/bin/env bash
# Installs what LiveLine needs from Debian when it is missing: GLPK (library and glpsol), and
# for the tests Python 3 with HiGHS (highspy, an independent MILP solver the tests re-solve
# exported models with). Safe to run again: does nothing when everything is present.
set -euo pipefail
need=()
[ -f /usr/include/glpk.h ] || need+=(libglpk-dev)
command -v glpsol >/dev/null 2>&1 || need+=(glpk-utils)
command -v python3 >/dev/null 2>&1 || need+=(python3 python3-pip)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! python3 -c "import highspy" >/dev/null 2>&1; then
  echo "setup: installing highspy (tests only)" >&2
  python3 -m pip install --quiet highspy >/dev/null 2>&1 || python3 -m pip install --quiet --break-system-packages highspy >/dev/null 2>&1 \
    || echo "setup: could not install highspy; the HiGHS re-solve test will fail" >&2
fi
command -v swift >/dev/null 2>&1 || { echo "setup: swift is not on PATH; install Swift 6.x (see README)" >&2; exit 1; }
