#!/usr/bin/env bash
# Planner figures: plans on the embedded catalog (the presets and the
# batch benchmark's 468 profiles in-process, and the README's command end
# to end against `limber version`), the root LP
# bound against gonum's simplex, and the time to a proven optimum on synthetic
# catalogs next to cbc (Debian coinor-cbc) on the same exported models,
# in the same run. Wall and CPU times are both shown: on a shared machine
# CPU time is the fairer measure of the work.
#
# Usage: scripts/bench-planner.sh [count]   (count: runs per synthetic case, default 1;
# E2E_RUNS: runs of each command end to end, default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1}

if ! command -v cbc >/dev/null; then
  echo "bench-planner: cbc is not installed (apt-get install coinor-cbc)" >&2
  exit 1
fi

echo "== Plans on the embedded catalog (in-process, screening to explanations)"
go test ./planner -run '^$' -bench '^BenchmarkPlanDefault$' -benchtime 1s |
  awk '/^BenchmarkPlanDefault\// {
         name = $1; sub(/^BenchmarkPlanDefault\//, "", name); sub(/-[0-9]+$/, "", name)
         printf "  %-40s %10.3f ms  %6d nodes\n", name, $3 / 1e6, $5 }'

echo
echo "== The batch benchmark's 468 different profiles, each planned once (in-process, CPU)"
go test ./planner -run '^$' -bench '^BenchmarkPlanProfiles$' -benchtime 3x |
  awk '/^BenchmarkPlanProfiles\// {
         name = $1; sub(/^BenchmarkPlanProfiles\//, "", name); sub(/-[0-9]+$/, "", name)
         for (i = 4; i <= NF; i++) { if ($(i+1) == "cpu-ms/op") cpu = $i; if ($(i+1) == "nodes") nodes = $i }
         printf "  %-24s %8.2f s CPU  %8d nodes  %6.2f ms a plan\n", name, cpu / 1000, nodes, cpu / 468 }'

echo
runs=${E2E_RUNS:-300}
echo "== End to end: limber plan --minutes 10 --no-floor against limber version (wall, $runs runs each, alternating)"
bindir=$(mktemp -d)
trap 'rm -rf "$bindir"' EXIT
go build -trimpath -o "$bindir/limber" ./cmd/limber
# The two commands alternate, so a busy moment of a shared machine falls on
# both; the medians (and the lower quartiles, which show the machine when
# quiet) are compared.
for ((i = 0; i < runs; i++)); do
  t0=$EPOCHREALTIME
  "$bindir/limber" version >/dev/null
  t1=$EPOCHREALTIME
  "$bindir/limber" plan --minutes 10 --no-floor >/dev/null
  t2=$EPOCHREALTIME
  echo "$t0 $t1 $t2"
done | awk '{ printf "v %.3f\np %.3f\n", ($2 - $1) * 1000, ($3 - $2) * 1000 }' >"$bindir/times"
quantile() { # quantile KIND Q: the Q quantile of the KIND times, in ms
  awk -v k="$1" '$1 == k { print $2 }' "$bindir/times" | sort -n |
    awk -v q="$2" '{ t[NR] = $1 } END { i = int(q * (NR - 1)) + 1; print t[i] }'
}
v50=$(quantile v 0.5); p50=$(quantile p 0.5); v25=$(quantile v 0.25); p25=$(quantile p 0.25)
awk -v v50="$v50" -v p50="$p50" -v v25="$v25" -v p25="$p25" 'BEGIN {
  printf "  median: limber version %.2f ms, limber plan %.2f ms, difference %.2f ms (target 2 ms)\n", v50, p50, p50 - v50
  printf "  lower quartile: limber version %.2f ms, limber plan %.2f ms, difference %.2f ms\n", v25, p25, p25 - v25 }'

echo
echo "== Root LP bound: column generation against gonum's simplex (same LP)"
go test ./planner -run '^$' -bench '^BenchmarkLPBound$' -benchtime 3x |
  awk '/^BenchmarkLPBound\// {
         split($1, a, "/"); n = a[2]; how = a[3]; sub(/-[0-9]+$/, "", how)
         t[n, how] = $3 / 1e6; if (!(n in seen)) { seen[n] = 1; order[++k] = n } }
       END { for (i = 1; i <= k; i++) { n = order[i]
               printf "  %-8s column generation %9.2f ms   gonum simplex %10.2f ms   ratio %7.1fx\n",
                 n, t[n, "colgen"], t[n, "gonum"], t[n, "gonum"] / t[n, "colgen"] } }'

echo
echo "== Synthetic catalogs: time to a proven optimum, limber against cbc on the exported model"
go test ./planner -run '^$' -bench '^Benchmark(Solve|CBC)Synthetic$' -benchtime "${count}x" -timeout 60m |
  awk '/^Benchmark(Solve|CBC)Synthetic\// {
         who = ($1 ~ /^BenchmarkSolve/) ? "ours" : "cbc"
         name = $1; sub(/^Benchmark(Solve|CBC)Synthetic\//, "", name); sub(/-[0-9]+$/, "", name)
         wall[name, who] = $3 / 1e6
         for (i = 4; i <= NF; i++) if ($(i+1) == "cpu-ms/op") cpu[name, who] = $i
         for (i = 4; i <= NF; i++) if ($(i+1) == "nodes") nodes[name] = $i
         if (!(name in seen)) { seen[name] = 1; order[++k] = name } }
       END {
         printf "  %-28s %11s %11s %11s %11s %8s %8s\n", "instance", "ours wall", "ours cpu", "cbc wall", "cbc cpu", "cpu x", "nodes"
         for (i = 1; i <= k; i++) { n = order[i]
           printf "  %-28s %9.1fms %9.1fms %9.1fms %9.1fms %7.1fx %8d\n", n,
             wall[n, "ours"], cpu[n, "ours"], wall[n, "cbc"], cpu[n, "cbc"],
             (cpu[n, "ours"] > 0 ? cpu[n, "cbc"] / cpu[n, "ours"] : 0), nodes[n] } }'
