# Shared by the scripts that time a command against fzf (source it; it
# needs $dir, a scratch folder, and GNU time at /usr/bin/time).

# Exits 2 naming the first of the tools given that is not installed.
require_tools() {
    local tool
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null; then
            echo "$(basename "$0" .sh): $tool is missing (apt-get install fzf time)" >&2
            exit 2
        fi
    done
}

# Runs a command once, stdin from $1; prints "SECONDS PEAK_KB".
measure() {
    local input=$1
    shift
    local start end peak
    start=$EPOCHREALTIME
    /usr/bin/time -f %M -o "$dir/peak" "$@" <"$input" >/dev/null || true
    end=$EPOCHREALTIME
    peak=$(tail -n 1 "$dir/peak")
    echo "$start $end $peak" | awk '{ printf "%.6f %d\n", $2 - $1, $3 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
largest() { sort -n | tail -n 1; }

# Runs a command (the arguments after the third) and `fzf --filter QUERY`
# over FZF_INPUT in turns, $rounds times each, and prints with FORMAT (a
# printf format) the query, both median times in ms, their ratio and both
# largest peaks in MB.
#
#     side_by_side FORMAT QUERY FZF_INPUT COMMAND...
side_by_side() {
    local format=$1 query=$2 fzf_input=$3
    shift 3
    : >"$dir/ours" && : >"$dir/fzf"
    for ((i = 0; i < rounds; i++)); do
        measure /dev/null "$@" >>"$dir/ours"
        measure "$fzf_input" fzf --filter "$query" >>"$dir/fzf"
    done
    local ours theirs ours_kb fzf_kb
    ours=$(cut -d' ' -f1 "$dir/ours" | median)
    theirs=$(cut -d' ' -f1 "$dir/fzf" | median)
    ours_kb=$(cut -d' ' -f2 "$dir/ours" | largest)
    fzf_kb=$(cut -d' ' -f2 "$dir/fzf" | largest)
    awk -v fmt="$format" -v q="$query" -v o="$ours" -v f="$theirs" -v om="$ours_kb" -v fm="$fzf_kb" \
        'BEGIN { printf fmt, q, o * 1000, f * 1000, o / f, om / 1024, fm / 1024 }'
}
