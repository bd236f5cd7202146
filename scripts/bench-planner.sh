#!/usr/bin/env bash
# Planner figures: plans on the embedded catalog (in-process, and the
# README's command end to end against `limber version`), the root LP
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
runs=${E2E_RUNS:-300}
echo "== End to end: limber plan --minutes 10 --no-floor against limber version (wall, mean of $runs runs, twice, interleaved)"
bindir=$(mktemp -d)
trap 'rm -rf "$bindir"' EXIT
go build -trimpath -o "$bindir/limber" ./cmd/limber
e2e() {
  local start end i
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$bindir/limber" "$@" >/dev/null; done
  end=$(date +%s%N)
  echo $(((end - start) / runs / 1000))
}
v1=$(e2e version); p1=$(e2e plan --minutes 10 --no-floor)
v2=$(e2e version); p2=$(e2e plan --minutes 10 --no-floor)
awk -v v1="$v1" -v v2="$v2" -v p1="$p1" -v p2="$p2" 'BEGIN {
  v = (v1 + v2) / 2000; p = (p1 + p2) / 2000
  printf "  limber version %.2f ms (%.2f, %.2f)   limber plan %.2f ms (%.2f, %.2f)   difference %.2f ms (target 2 ms)\n",
    v, v1 / 1000, v2 / 1000, p, p1 / 1000, p2 / 1000, p - v }'

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
