#!/usr/bin/env bash
# Linearity and memory on hostile inputs: each input is generated at two
# sizes (the second twice the first), checked by the release binary on one
# thread, and the script fails if the time ratio exceeds MAX_RATIO (default
# 3; 2 is linear) or if the peak resident set size exceeds 60 MB plus twice
# the file size. Timings on a shared machine are noisy: each case takes the
# best of RUNS runs (default 2) at each size.
#
#   bash benches/scaling.sh                  # build, then every case
#   CASES="sic forbid" bash benches/scaling.sh
#   SCALE=4 bash benches/scaling.sh          # every size 4x larger
#   NOBUILD=1 bash benches/scaling.sh        # use target/release/copyedit as is
#   BIN=/tmp/copyedit-old NOBUILD=1 bash benches/scaling.sh   # another binary
#   CASES=sic SIZE=1000 bash benches/scaling.sh  # this many repetitions
#
# Needs GNU time (`/usr/bin/time -f`, package `time`) for the peak RSS; perl
# generates the inputs.
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_RATIO=${MAX_RATIO:-3}
RUNS=${RUNS:-2}
SCALE=${SCALE:-1}
ALL_CASES="hyphens double-space sic alot next-line ignore forbid forbid-config unknown crlf teh-space table ternary"
CASES=${CASES:-$ALL_CASES}

if [ -z "${NOBUILD:-}" ]; then
  echo "== building the release binary" >&2
  cargo build --release --locked --quiet
fi
bin=${BIN:-$PWD/target/release/copyedit}
if ! /usr/bin/time -f %M true > /dev/null 2>&1; then
  echo "GNU time is needed (/usr/bin/time -f; apt-get install time)" >&2
  exit 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/copyedit-scaling.XXXXXX")
if [ -z "${KEEP:-}" ]; then
  trap 'rm -rf "$dir"' EXIT
fi

# gen CASE N FILE: write the input of CASE with N repetitions to FILE (and,
# for the `forbid` cases, a configuration FILE.toml).
gen() {
  local case=$1 n=$2 out=$3
  case $case in
    # One chain of hyphenated words: `teh-teh-…-teh`.
    hyphens) perl -e 'print "teh-" x ($ARGV[0] - 1), "teh\n"' "$n" > "$out" ;;
    # Double spaces on one line.
    double-space) perl -e 'print "a  " x $ARGV[0], "a\n"' "$n" > "$out" ;;
    # Marked misspellings on one line.
    sic) perl -e 'print "teh [sic] " x $ARGV[0], "\n"' "$n" > "$out" ;;
    # Fragments (`alot`) next to misspellings.
    alot) perl -e 'print "alot teh " x $ARGV[0], "\n"' "$n" > "$out" ;;
    # A directive before every paragraph.
    next-line) perl -e 'print "<!-- copyedit-disable-next-line -->\nteh\n\n" x $ARGV[0]' "$n" > "$out" ;;
    # An inline `copyedit-ignore` in every paragraph.
    ignore) perl -e 'for (1..$ARGV[0]) { print "teh <!-- copyedit-ignore w$_ --> zorblax\n\n" }' "$n" > "$out" ;;
    # 1,000 forbidden words on N paragraphs of prose.
    forbid | forbid-config)
      local entries=1000 paras=$n
      if [ "$case" = forbid-config ]; then entries=$n paras=8000; fi
      perl -e '
        my ($entries, $paras, $out) = @ARGV;
        open my $c, ">", "$out.toml" or die;
        print $c "[forbid]\n";
        for my $i (1 .. $entries) {
          my ($w, $k) = ("", $i);
          while ($k > 0) { $w .= chr(97 + $k % 26); $k = int($k / 26) }
          print $c "\"zq$w\" = \"ok\"\n";
          print $c "\"in zq$w way\" = \"ok\"\n" if $i % 10 == 0;
        }
        open my $o, ">", $out or die;
        my $p = "The committee met on Tuesday and agreed to publish the report in a way that zqb readers like.\n\n";
        print $o $p x $paras;
      ' "$entries" "$paras" "$out"
      ;;
    # Random unknown words (deterministic).
    unknown) perl -e 'srand(7); for (1..$ARGV[0]) { print join("", map { chr(97 + int(rand(26))) } 1 .. 3 + int(rand(8))), ($_ % 12 ? " " : ".\n") }' "$n" > "$out" ;;
    # Memory: one misspelling per line, CRLF.
    crlf) perl -e 'print "teh\r\n" x $ARGV[0]' "$n" > "$out" ;;
    # Memory: one misspelling after another on one line.
    teh-space) perl -e 'print "teh " x $ARGV[0], "\n"' "$n" > "$out" ;;
    # Memory: a large Markdown table.
    table) perl -e 'print "| a | b | c |\n|---|---|---|\n"; print "| teh cell $_ | one  two | x |\n" for 1 .. $ARGV[0]' "$n" > "$out" ;;
    # Conditional expressions (` ? ` and ` : `) on one line.
    ternary) perl -e 'print "x ? y : z " x $ARGV[0], "\n"' "$n" > "$out" ;;
    *) echo "unknown case $case" >&2; exit 2 ;;
  esac
}

# Repetitions at the smaller size, and the file extension, of each case.
size_of() {
  case $1 in
    hyphens) echo 65536 ;;
    double-space) echo 40000 ;;
    sic) echo 100000 ;;
    alot) echo 100000 ;;
    next-line) echo 80000 ;;
    ignore) echo 80000 ;;
    forbid) echo 10000 ;;
    forbid-config) echo 2000 ;;
    unknown) echo 40000 ;;
    crlf) echo 1000000 ;;
    teh-space) echo 500000 ;;
    table) echo 150000 ;;
    ternary) echo 100000 ;;
  esac
}
ext_of() {
  case $1 in
    next-line | ignore | table) echo md ;;
    *) echo txt ;;
  esac
}

# measure FILE [CONFIG]: prints "seconds peak-kB" (best of RUNS runs).
measure() {
  local file=$1 best_t="" best_m="" t m args=(--no-config)
  if [ -f "$file.toml" ]; then args=(--config "$file.toml"); fi
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$dir/time" "$bin" check --threads 1 --format json "${args[@]}" \
      --max-file-size 100M "$file" > /dev/null 2>&1 || true
    read -r t m < <(tail -n 1 "$dir/time")
    if [ -z "$best_t" ] || awk -v a="$t" -v b="$best_t" 'BEGIN { exit !(a < b) }'; then
      best_t=$t
    fi
    if [ -z "$best_m" ] || [ "$m" -lt "$best_m" ]; then best_m=$m; fi
  done
  echo "$best_t $best_m"
}

fail=0
printf '%-14s %10s %8s %9s %10s %8s %9s %7s %s\n' case size-1 time-1 rss-1-MB size-2 time-2 rss-2-MB ratio verdict
for case in $CASES; do
  n=${SIZE:-$(($(size_of "$case") * SCALE))}
  ext=$(ext_of "$case")
  small=$dir/$case-1.$ext
  large=$dir/$case-2.$ext
  gen "$case" "$n" "$small"
  gen "$case" $((2 * n)) "$large"
  read -r t1 m1 < <(measure "$small")
  read -r t2 m2 < <(measure "$large")
  b1=$(wc -c < "$small")
  b2=$(wc -c < "$large")
  verdict=$(awk -v t1="$t1" -v t2="$t2" -v m1="$m1" -v m2="$m2" -v b1="$b1" -v b2="$b2" -v max="$MAX_RATIO" 'BEGIN {
    # Under 0.2 s the ratio is noise: the slower run must stay under 0.6 s.
    ratio = (t1 > 0.2) ? t2 / t1 : (t2 < 0.6 ? 0 : 99)
    v = ""
    if (ratio > max) v = v "superlinear "
    limit = 60 * 1024 + 2 * b2 / 1024
    if (m2 > limit) v = v "memory "
    if (v == "") v = "ok"
    printf "%.2f %s\n", ratio, v
  }')
  read -r ratio v <<< "$verdict"
  printf '%-14s %10s %8s %9.1f %10s %8s %9.1f %7s %s\n' "$case" "$b1" "$t1" "$(awk -v m="$m1" 'BEGIN { print m / 1024 }')" \
    "$b2" "$t2" "$(awk -v m="$m2" 'BEGIN { print m / 1024 }')" "$ratio" "$v"
  if [ "$v" != ok ]; then fail=1; fi
done
exit $fail
