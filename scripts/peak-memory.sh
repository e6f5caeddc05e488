#!/usr/bin/env bash
# Peak memory of the app and of fzf holding the same sentences, side by side.
#
#     scripts/peak-memory.sh [COMMITMENTS] [QUERY]
#
# Makes a synthetic plan of COMMITMENTS commitments (default 100000; or
# `embedded`, the embedded plan itself) with the `synth` example: the plan
# as JSON for the app, its commitment sentences one per line for fzf. Runs each interactively in a 120x40 tmux window, waits
# until it has loaded, types QUERY (default zhongdianxiangmu, which needs
# the app's pinyin side), waits until the answer is on screen, and reads the
# process's peak resident size (VmHWM in /proc/PID/status). Prints both peaks
# and their ratio. Needs tmux and fzf; PLAN_EXPLORER=path measures another
# build of the app.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-100000}
query=${2:-zhongdianxiangmu}
for tool in tmux fzf; do
    command -v "$tool" >/dev/null || { echo "peak-memory: $tool is not installed" >&2; exit 2; }
done
if [ -z "${PLAN_EXPLORER:-}" ]; then
    cargo build --release --quiet --bin plan-explorer --example synth
    PLAN_EXPLORER=$PWD/target/release/plan-explorer
fi
synth=${SYNTH:-$PWD/target/release/examples/synth}
[ -x "$synth" ] || cargo build --release --quiet --example synth

work=$(mktemp -d)
# A server per window (named by the second argument), so that one never
# meets the last one ending.
socket=
trap 'rm -rf "$work"' EXIT
start() {
    socket="peak-memory-$$-$2"
    tmux -L "$socket" -f /dev/null new-session -d -s main -x 120 -y 40 "exec $1"
}
"$synth" "$n" > "$work/plan.json"
"$synth" "$n" --texts > "$work/sentences.txt"
lines=$(wc -l < "$work/sentences.txt")

screen() { tmux -L "$socket" capture-pane -p -t main 2>/dev/null; }

# Waits up to 60 s for the screen to satisfy `grep -q "$1"`.
wait_for() {
    for _ in $(seq 600); do
        if ! screen >/dev/null; then
            echo "peak-memory: the program in the window ended" >&2
            exit 1
        fi
        if screen | grep -q -- "$1"; then return 0; fi
        sleep 0.1
    done
    echo "peak-memory: timed out waiting for '$1'; the screen:" >&2
    screen >&2
    exit 1
}

# Peak resident size in kB of the process running in the window.
peak_kb() {
    local pid
    pid=$(tmux -L "$socket" list-panes -t main -F '#{pane_pid}')
    awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status"
}

# The app shows its tree; / opens the search, and its hit list shows once
# the query is searched (with pinyin, which is built in the background).
# fzf counts its lines as it reads them, then the matches.
app_peak() {
    start "$PLAN_EXPLORER --plan $work/plan.json" "app-$1"
    wait_for "? help"
    tmux -L "$socket" send-keys -t main /
    tmux -L "$socket" send-keys -t main -l "$query"
    wait_for "Search 1/[0-9]"
    sleep 1
    peak_kb
    tmux -L "$socket" kill-server
}

fzf_peak() {
    start "fzf < $work/sentences.txt" "fzf-$1"
    wait_for " $lines/$lines"
    tmux -L "$socket" send-keys -t main -l "$query"
    wait_for "> $query"
    sleep 1
    peak_kb
    tmux -L "$socket" kill-server
}

rounds=${ROUNDS:-3}
printf '%s commitments, query %s: peak resident memory (VmHWM), %d rounds\n' "$n" "$query" "$rounds"
app_max=0
fzf_max=0
for round in $(seq "$rounds"); do
    app_kb=$(app_peak "$round")
    fzf_kb=$(fzf_peak "$round")
    awk -v r="$round" -v app="$app_kb" -v fzf="$fzf_kb" \
        'BEGIN { printf "  round %d: app %6.1f MB, fzf %6.1f MB\n", r, app / 1024, fzf / 1024 }'
    [ "$app_kb" -gt "$app_max" ] && app_max=$app_kb
    [ "$fzf_kb" -gt "$fzf_max" ] && fzf_max=$fzf_kb
done
awk -v app="$app_max" -v fzf="$fzf_max" 'BEGIN {
    printf "highest: app %.1f MB, fzf %.1f MB, app/fzf %.2f\n", app / 1024, fzf / 1024, app / fzf
}'
