#!/usr/bin/env bash
# Measures how long a 12-exercise PDF handout takes to make in-process
# and how big it is, against the budget of 20 ms and 200 KB. A busy
# machine inflates the time: compare with the load average printed.
# Usage: scripts/bench-handout.sh [COUNT]   (COUNT benchmark runs, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5}
echo "load average: $(cut -d" " -f1-3 /proc/loadavg 2>/dev/null || echo unknown) on $(nproc) cores"
out=$(go test -run '^$' -bench '^BenchmarkPDF12$' -benchmem -count "$count" ./handout)
echo "$out" | grep '^BenchmarkPDF12' || { echo "$out"; exit 1; }
echo "$out" | awk '
  /^BenchmarkPDF12/ {
    for (i = 1; i < NF; i++) {
      if ($(i+1) == "ns/op") ns[n] = $i
      if ($(i+1) == "bytes/pdf") size = $i
    }
    n++
  }
  END {
    if (n == 0) exit 1
    # the median of the runs, robust to a busy machine
    for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (ns[j] < ns[i]) { t = ns[i]; ns[i] = ns[j]; ns[j] = t }
    ms = ns[int(n / 2)] / 1e6
    kb = size / 1000
    printf "PDF handout, 12 exercises: %.1f ms (median of %d; budget 20 ms), %.1f KB (budget 200 KB)\n", ms, n, kb
    if (ms > 20 || kb > 200) print "over budget"
  }'
