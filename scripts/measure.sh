# Shared by the scripts that time a command against fzf (source it; it
# needs $dir, a scratch folder, and GNU time at /usr/bin/time).

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
