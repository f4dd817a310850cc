#!/usr/bin/env bash
# copyedit beside typos, in one run: wall and CPU seconds and peak RSS on
# the generated content repository of `benches/many_files.sh` and on each
# repository in CONTENT (default /work/shared/data/content/*), with 1 and 2
# threads; then single-file figures on one thread: clean prose (MB/s), a
# file whose every word is flagged (`--format concise` and `json`), and the
# start-up cost of checking a 5 KB article. The README's speed table is
# made from this output.
#
#   bash benches/compare.sh                    # build, generate, measure
#   RUNS=5 bash benches/compare.sh             # median of 5 runs (default 3)
#   CONTENT="" bash benches/compare.sh         # the generated repository only
#   NOBUILD=1 bash benches/compare.sh          # use target/release/copyedit as is
#   TYPOS=/path/to/typos bash benches/compare.sh
#   BIN=/tmp/copyedit-old NOBUILD=1 bash benches/compare.sh   # another binary
#
# Each tool gets the same files: the `.md`/`.markdown`/`.mdx`/`.txt`/`.text`
# files outside hidden folders of each repository are copied to a folder of
# their own, which both tools walk (typos given a list of files, with
# `--file-list` or as arguments, reads them on one thread and holds them:
# 600 MB and twice the time on the generated repository). Both run with
# their default settings (`copyedit --no-config`) and write JSON to
# /dev/null. Runs of the two tools alternate; each figure is the
# median of RUNS runs (wall) with the CPU and RSS of that run. typos
# (`cargo install typos-cli --locked`) is skipped, with a note, when it is
# not installed. Needs GNU time (`/usr/bin/time`, package `time`) and perl.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
THREADS=${THREADS:-"1 2"}
CONTENT=${CONTENT-/work/shared/data/content/*}
TYPOS=${TYPOS:-$(command -v typos || echo "$HOME/.cargo/bin/typos")}

if [ -z "${NOBUILD:-}" ]; then
  echo "== building the release binary" >&2
  cargo build --release --locked --quiet
fi
bin=${BIN:-$PWD/target/release/copyedit}
if ! /usr/bin/time -f %M true > /dev/null 2>&1; then
  echo "GNU time is needed (/usr/bin/time -f; apt-get install time)" >&2
  exit 2
fi
if [ ! -x "$TYPOS" ]; then
  echo "note: typos not found (cargo install typos-cli --locked): its columns are empty" >&2
  TYPOS=""
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/copyedit-compare.XXXXXX")
if [ -z "${KEEP:-}" ]; then
  trap 'rm -rf "$work"' EXIT
fi

echo "== generating the content repository" >&2
OUT=$work/generated bash benches/many_files.sh 2> /dev/null

# One run: prints "wall-s cpu-s rss-kB".
once() {
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null 2>&1 || true
  awk 'END { printf "%s %.2f %d\n", $1, $2 + $3, $4 }' "$work/time"
}

# median CMD...: the run with the median wall time of RUNS runs.
median() {
  for _ in $(seq "$RUNS"); do once "$@"; done | sort -n | awk -v n="$RUNS" 'NR == int((n + 1) / 2)'
}

# Alternate the two tools RUNS times; prints the medians, copyedit's then
# typos's ("- - -" without typos).
pair() { # threads dir
  local t=$1 dir=$2 a="" b=""
  for _ in $(seq "$RUNS"); do
    a+=$(once "$bin" check --no-config --format json --threads "$t" "$dir")$'\n'
    if [ -n "$TYPOS" ]; then
      b+=$(once "$TYPOS" --format json --threads "$t" "$dir")$'\n'
    fi
  done
  m() { printf '%s' "$1" | sort -n | awk -v n="$RUNS" 'NR == int((n + 1) / 2)'; }
  echo "$(m "$a") $( [ -n "$b" ] && m "$b" || echo - - -)"
}

echo "== load average: $(cut -d ' ' -f 1-3 /proc/loadavg 2> /dev/null || echo unknown), $(nproc) cores" >&2
echo "== copyedit $(git rev-parse --short HEAD 2> /dev/null || echo '?'), ${TYPOS:+$("$TYPOS" --version)}, $(date -u +%Y-%m-%d)"
printf '%-18s %6s %6s %2s | %7s %6s %6s | %7s %6s %6s | %6s\n' \
  repository files MB j ce-wall ce-cpu ce-MB ty-wall ty-cpu ty-MB ce/ty
for src in "$work/generated" $CONTENT; do
  [ -d "$src" ] || continue
  name=$(basename "$src")
  dir=$work/repos/$name
  mkdir -p "$dir"
  (cd "$src" && find . -path '*/.*' -prune -o -type f \( -name '*.md' -o -name '*.markdown' \
    -o -name '*.mdx' -o -name '*.txt' -o -name '*.text' \) -print0 | xargs -0 cp --parents -t "$dir")
  files=$(find "$dir" -type f | wc -l | tr -d ' ')
  mb=$(find "$dir" -type f -print0 | xargs -0 cat | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
  for t in $THREADS; do
    read -r cw cc cm tw tc tm < <(pair "$t" "$dir")
    awk -v n="$name" -v f="$files" -v mb="$mb" -v t="$t" -v cw="$cw" -v cc="$cc" -v cm="$cm" \
      -v tw="$tw" -v tc="$tc" -v tm="$tm" 'BEGIN {
      r = (tw == "-" || tw == 0) ? "-" : sprintf("%.2f", cw / tw)
      printf "%-18s %6d %6.1f %2d | %7.2f %6.2f %6.0f | %7s %6s %6s | %6s\n", n, f, mb, t, cw, cc, cm / 1024,
        tw, tc, (tm == "-" ? "-" : sprintf("%.0f", tm / 1024)), r
    }'
  done
done

# Single files, one thread.
echo
# RSS-target: the memory target of issue 19, 60 MB plus twice the file.
printf '%-34s %8s %8s %8s %8s %9s\n' "one file, --threads 1" MB wall-s MB/s RSS-MB RSS-target
single() { # label file args...
  local label=$1 file=$2
  shift 2
  local bytes
  bytes=$(wc -c < "$file")
  read -r w _ m < <(median "$bin" check --no-config --threads 1 --max-file-size 200M "$@" "$file")
  awk -v l="$label" -v b="$bytes" -v w="$w" -v m="$m" 'BEGIN {
    printf "%-34s %8.1f %8.2f %8.1f %8.0f %9.0f\n", l, b / 1e6, w, (w > 0 ? b / 1e6 / w : 0), m / 1024, 60 + 2 * b / 1048576
  }'
}
# Clean prose: the prose corpus repeated to about 26 MB, one plain-text file.
clean=$work/clean.txt
for _ in $(seq 8); do cat tests/data/prose/*.txt; done > "$clean"
single "clean prose (json)" "$clean" --format json
# Every word flagged: 1,000 random unknown words (deterministic), drawn
# again and again to 4 MB: the cost per occurrence (context ranking,
# diagnostics, the report). Then every word flagged and new (200 KB): the
# cost of ranking suggestions for a word never seen.
flagged=$work/flagged.txt
perl -e 'srand(7); my @w = map { join("", map { chr(97 + int(rand(26))) } 1 .. 3 + int(rand(8))) } 1 .. 1000;
  my $n = 0; while ($n < 4e6) { my $w = $w[int(rand(1000))]; $n += length($w) + 1; print $w, (int(rand(12)) ? " " : ".\n") }' > "$flagged"
single "every word flagged (concise)" "$flagged" --format concise
single "every word flagged (json)" "$flagged" --format json
unique=$work/unique.txt
perl -e 'srand(7); my $n = 0; while ($n < 2e5) { my $w = join("", map { chr(97 + int(rand(26))) } 1 .. 3 + int(rand(8))); $n += length($w) + 1; print $w, (int(rand(12)) ? " " : ".\n") }' > "$unique"
single "every word flagged, new (json)" "$unique" --format json
# Hostile files (issue 21): 10 MB of one misspelling a line (CRLF), and a
# Markdown table of 10 MB (one block per cell).
crlf=$work/teh-crlf.txt
perl -e 'print "teh\r\n" x (10 * 1024 * 1024 / 5)' > "$crlf"
single "10 MB of teh CRLF (concise)" "$crlf" --format concise
table=$work/table.md
perl -e 'print "| ", join(" | ", map { "h$_" } 0 .. 6), " |\n|", "---|" x 7, "\n";
  for my $i (0 .. 109999) { print "| ", join(" | ", map { "cell" . ($i * 7 + $_) } 0 .. 6), " |\n" }' > "$table"
single "10 MB Markdown table (concise)" "$table" --format concise
# Start-up: a 5 KB article (examples/article.md repeated), end to end.
article=$work/article.md
: > "$article"
while [ "$(wc -c < "$article" 2> /dev/null || echo 0)" -lt 5000 ]; do cat examples/article.md >> "$article"; done
# GNU time counts hundredths: time 20 runs with the clock instead.
read -r _ _ m < <(once "$bin" check --no-config --threads 1 "$article")
start=$(date +%s%N)
for _ in $(seq 20); do "$bin" check --no-config --threads 1 "$article" > /dev/null 2>&1 || true; done
end=$(date +%s%N)
awk -v s="$start" -v e="$end" -v m="$m" 'BEGIN {
  printf "%-34s %8s %8.4f %8s %8.0f %9s\n", "5 KB article (start-up)", "0.005", (e - s) / 20 / 1e9, "-", m / 1024, "60"
}'
