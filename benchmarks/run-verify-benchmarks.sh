#!/usr/bin/env bash
# Measures `nncheck verify` on big inputs (docs/BENCHMARKS-verify.md): the CLI's own timing line,
# and peak resident memory, user and system CPU from /usr/bin/time -v.
# Usage: benchmarks/run-verify-benchmarks.sh [DIR]   (DIR defaults to /tmp/nncheck-bench; never commit it)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-/tmp/nncheck-bench}"
if [ ! -f "$dir/relu-1gb.json" ]; then
  /usr/bin/python3 benchmarks/generate_big_cases.py "$dir" --gb 1.0
fi
./nncheck list >/dev/null  # builds the CLI jar first if needed
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
tiny="$dir/tiny.json"
echo '{"component": "relu", "inputs": {"x": [1, -1]}, "expected": {"y": [1, 0]}}' > "$tiny"
cat "$dir"/npy/*.npy >/dev/null  # the .npy figures are from the page cache
for input in "$tiny" "$dir/relu-1e7.json" "$dir/relu-1gb.json" "$dir/many.jsonl" "$dir/npy/relu-npy.json"; do
  if [ "${input##*.}" = json ] && [ -d "$(dirname "$input")" ] && [ "$(basename "$(dirname "$input")")" = npy ]; then
    bytes=$(cat "$(dirname "$input")"/*.npy | wc -c)
  else
    bytes=$(wc -c < "$input")
  fi
  cat "$input" >/dev/null
  load=$(cut -d' ' -f1 /proc/loadavg)
  out=$(/usr/bin/time -v ./nncheck verify --quiet "$input" 2>&1 >/dev/null || true)
  ms=$(echo "$out" | sed -n 's/^verified .* in \([0-9.]*\) ms.*/\1/p')
  rms=$(echo "$out" | sed -n 's/^verified .* reading took \([0-9.]*\) ms.*/\1/p')
  rss=$(echo "$out" | sed -n 's/.*Maximum resident set size (kbytes): //p')
  user=$(echo "$out" | sed -n 's/.*User time (seconds): //p')
  sys=$(echo "$out" | sed -n 's/.*System time (seconds): //p')
  awk -v f="$(basename "$input")" -v b="$bytes" -v ms="$ms" -v rms="$rms" -v rss="$rss" -v u="$user" -v s="$sys" -v l="$load" 'BEGIN {
    printf "%-16s %7.1f MB  verify %8.1f ms %6.1f MB/s  reading %8.1f ms %6.1f MB/s  peak RSS %5.0f MB  user %5.2f s  sys %5.2f s  load %s\n",
      f, b / 1e6, ms, (ms > 0 ? b / 1e6 / (ms / 1e3) : 0), rms, (rms > 0 ? b / 1e6 / (rms / 1e3) : 0), rss / 1024, u, s, l }'
done
