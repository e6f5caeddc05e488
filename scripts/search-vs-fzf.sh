#!/usr/bin/env bash
# `search --all-plans` against `fzf --filter`, side by side in one run, over
# a synthetic library of 1,000 plans holding 150,000 commitments and the
# same items' texts one per line for fzf. For each query, the two commands
# take turns ROUNDS times; the script prints each one's median wall time,
# the ratio, and each one's largest peak resident memory. It also times
# `plans` (the cached listing) the same way.
#
# The searches run warm: with the library's cache of search indexes
# (.cache/search.bin) as the first search leaves it. That first search,
# with no cache, is timed once on its own first ("cold").
#
#   scripts/search-vs-fzf.sh [ROUNDS]        (default 11)
#
# Needs fzf (apt-get install fzf) and GNU time (/usr/bin/time). The library
# is made once, in $SCALE_DIR (default: a folder under /tmp), and reused.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-11}
dir=${SCALE_DIR:-${TMPDIR:-/tmp}/plan-explorer-scale}
library="$dir/library"
texts="$dir/items.txt"

# require_tools, measure, median, largest, side_by_side
source scripts/measure.sh
require_tools fzf /usr/bin/time

cargo build --release --quiet --bin plan-explorer --example synth
bin=target/release/plan-explorer
if [[ ! -f "$texts" ]]; then
    rm -rf "$library"
    mkdir -p "$dir"
    echo "making the library in $library ..." >&2
    target/release/examples/synth --library "$library" 1000 150000 --texts "$texts.part"
    mv "$texts.part" "$texts"
fi
plans=$(find "$library" -maxdepth 1 -name '*.json' | wc -l)
echo "library: $plans plan files, $(wc -l <"$texts") items; fzf $(fzf --version | cut -d' ' -f1); $(nproc) cores"
echo


export PLAN_EXPLORER_LIBRARY="$library"
"$bin" plans >/dev/null # the listing cache, as after any first listing

# Cold: no cache of search indexes; this run makes it.
rm -f "$library/.cache/search.bin"
measure /dev/null "$bin" search --all-plans 项目 >"$dir/cold"
measure "$texts" fzf --filter 项目 >>"$dir/cold"
awk 'NR == 1 { o = $1; om = $2 } NR == 2 { f = $1; fm = $2 } END {
    printf "cold (no cache of search indexes, once): 项目 %.1f ms against fzf %.1f ms (%.3f); peaks %.1f MB, fzf %.1f MB\n",
        o * 1000, f * 1000, o / f, om / 1024, fm / 1024
}' "$dir/cold"
echo "warm (with the cache that run left), median of $rounds rounds each:"

printf '%-12s %12s %12s %7s %14s %14s\n' query "ours (ms)" "fzf (ms)" ratio "ours peak MB" "fzf peak MB"
for query in 项目 重点项目 高标准农田 gaosu zdxm; do
    side_by_side "%-12s %12.1f %12.1f %7.3f %14.1f %14.1f\n" "$query" "$texts" \
        "$bin" search --all-plans "$query"
done

echo
: >"$dir/plans"
for ((i = 0; i < rounds; i++)); do
    measure /dev/null "$bin" plans >>"$dir/plans"
done
awk -v t="$(cut -d' ' -f1 "$dir/plans" | median)" 'BEGIN { printf "plans (cached listing of %s): %.1f ms median\n", "the library", t * 1000 }'
