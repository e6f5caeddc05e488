#!/usr/bin/env bash
# The one-shot `search` against `fzf --filter`, side by side in one run,
# over a synthetic plan of COMMITMENTS commitments (the plan JSON for us,
# its commitment sentences one per line for fzf). For each query the two
# commands take turns ROUNDS times; the script prints each one's median wall
# time, the ratio, and each one's largest peak resident memory.
#
#   scripts/oneshot-vs-fzf.sh [ROUNDS [COMMITMENTS]]   (default 11, 100000)
#
# Needs fzf (apt-get install fzf) and GNU time (/usr/bin/time).
# PLAN_EXPLORER=path measures another build of the app.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-11}
n=${2:-100000}
# require_tools, measure, median, largest, side_by_side
source scripts/measure.sh
require_tools fzf /usr/bin/time

cargo build --release --quiet --bin plan-explorer --example synth
bin=${PLAN_EXPLORER:-target/release/plan-explorer}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
target/release/examples/synth "$n" >"$dir/plan.json"
target/release/examples/synth "$n" --texts >"$dir/sentences.txt"
echo "plan: $n commitments, $(du -h "$dir/plan.json" | cut -f1) of JSON; fzf $(fzf --version | cut -d' ' -f1); $(nproc) cores"
echo


printf '%-18s %10s %10s %7s %13s %13s\n' query "ours (ms)" "fzf (ms)" ratio "ours peak MB" "fzf peak MB"
for query in 重点项目 项目 泸古速 gaosu zdxm; do
    side_by_side "%-18s %10.1f %10.1f %7.3f %13.1f %13.1f\n" "$query" "$dir/sentences.txt" \
        "$bin" --plan "$dir/plan.json" search "$query"
done
