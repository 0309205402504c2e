#!/usr/bin/env bash
# Installs what LiveLine needs from Debian when it is missing: GLPK (library and glpsol).
# Safe to run again: does nothing when everything is present.
set -euo pipefail
need=()
[ -f /usr/include/glpk.h ] || need+=(libglpk-dev)
command -v glpsol >/dev/null 2>&1 || need+=(glpk-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || { echo "setup: swift is not on PATH; install Swift 6.x (see README)" >&2; exit 1; }
