#!/usr/bin/env bash
# Batch throughput and memory, measured with /usr/bin/time -v on inputs
# generated into a temporary folder:
#   10,000 text handouts        target ≤ 5 s on 2 cores (with 468 distinct
#                               profiles, and again with every row distinct)
#    1,000 PDF handouts         target ≤ 20 s on 2 cores
#  100,000 rows, jsonl stream   target peak memory ≤ 150 MB
#  100,000 rows, text files     the same target, with 100,000 file names
# For each: wall time, plans per second, plans per second per core, CPU
# time, peak resident memory. ROWS_SCALE=0.1 runs a tenth of each.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -trimpath -o "$tmp/limber" ./cmd/limber
cores=$(nproc)
scale=${ROWS_SCALE:-1}
echo "limber batch on $cores cores ($(go env GOARCH), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"

# gen N FILE [unique]: a clinic list of N rows that vary minutes (5–30),
# floor access, sciatica and range of motion: 468 different profiles,
# which repeat as in a real list. With "unique", every row also has its
# own seed, so no two rows share a routine (the batch's plan cache never
# helps).
gen() {
  awk -v n="$1" -v unique="${3:-}" 'BEGIN {
    split("mat bed none", fl, " "); split("none left right both", sc, " "); split("limited moderate full", rm, " ")
    print "patient,minutes,floor,sciatica,rom,clinician,seed"
    for (i = 1; i <= n; i++)
      printf "Patient %d,%d,%s,%s,%s,Dr Rao,%d\n", i, 5 + i % 26, fl[1 + i % 3], sc[1 + i % 4], rm[1 + int(i / 3) % 3], (unique ? i : 0)
  }' >"$2"
}

# measure LABEL ROWS TARGET_S TARGET_MB ARGS...: runs limber batch ARGS
# and prints the figures; a target of 0 is not checked.
measure() {
  local label=$1 rows=$2 target_s=$3 target_mb=$4
  shift 4
  local status=0
  /usr/bin/time -v -o "$tmp/time" "$tmp/limber" batch "$@" >/dev/null 2>"$tmp/stderr" || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 5 ]; then
    echo "$label: limber batch failed with status $status" >&2
    cat "$tmp/stderr" >&2
    exit 1
  fi
  local wall user sys rss ok
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$tmp/time")
  user=$(awk -F': ' '/User time/ { print $2 }' "$tmp/time")
  sys=$(awk -F': ' '/System time/ { print $2 }' "$tmp/time")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time")
  ok=$(sed -n 's/.* read: \([0-9]*\) ok.*/\1/p' "$tmp/stderr" | tail -1)
  awk -v label="$label" -v rows="$rows" -v ok="$ok" -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss" \
    -v cores="$cores" -v ts="$target_s" -v tm="$target_mb" 'BEGIN {
    mb = rss / 1024; pps = ok / wall
    verdict = ""
    if (ts > 0) verdict = verdict sprintf("  time %s (≤ %d s)", (wall <= ts ? "ok" : "OVER"), ts)
    if (tm > 0) verdict = verdict sprintf("  memory %s (≤ %d MB)", (mb <= tm ? "ok" : "OVER"), tm)
    printf "%-30s %7d rows %7d ok %7.2f s wall %7.2f s cpu %8.0f plans/s %7.0f plans/s/core %6.1f MB peak%s\n",
      label, rows, ok, wall, user + sys, pps, pps / cores, mb, verdict
  }'
}

n_text=$(awk -v s="$scale" 'BEGIN { printf "%d", 10000 * s }')
n_pdf=$(awk -v s="$scale" 'BEGIN { printf "%d", 1000 * s }')
n_big=$(awk -v s="$scale" 'BEGIN { printf "%d", 100000 * s }')

export SOURCE_DATE_EPOCH=1767225600 XDG_CONFIG_HOME="$tmp/config" NO_COLOR=1

gen "$n_text" "$tmp/text.csv"
measure "text handouts" "$n_text" 5 0 "$tmp/text.csv" --out-dir "$tmp/text" --format txt
gen "$n_text" "$tmp/unique.csv" unique
measure "text, every row planned" "$n_text" 5 0 "$tmp/unique.csv" --out-dir "$tmp/unique" --format txt
rm -rf "$tmp/unique"

gen "$n_pdf" "$tmp/pdf.csv"
measure "PDF handouts" "$n_pdf" 20 0 "$tmp/pdf.csv" --out-dir "$tmp/pdf" --format pdf
echo "  PDF output: $(du -sh "$tmp/pdf" | cut -f1) for $(ls "$tmp/pdf" | wc -l) files"

gen "$n_big" "$tmp/big.csv"
measure "jsonl stream to /dev/null" "$n_big" 0 150 "$tmp/big.csv" --format jsonl -o /dev/null
rm -rf "$tmp/text" "$tmp/pdf"
measure "text files" "$n_big" 0 150 "$tmp/big.csv" --out-dir "$tmp/big" --format txt
