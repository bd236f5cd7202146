#!/usr/bin/env bash
# Prints the performance figures of every area: planner (against CBC),
# handout rendering and batch throughput. Run with `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
for area in planner handout batch; do
  echo "== $area"
  "./scripts/bench-$area.sh"
  echo
done
