#!/usr/bin/env bash
# Throughput over a content repository: ~2,000 Markdown files (~24 MB) made
# from tests/data/prose/*.txt, checked by the release binary with 1 and 2
# threads (or the counts given in THREADS). Prints files/s and MB/s (10^6 bytes).
#
#   bash benches/many_files.sh                 # build, generate, measure
#   FILES=500 THREADS="1 2 4" bash benches/many_files.sh
#   KEEP=1 bash benches/many_files.sh          # keep the generated folder
#   OUT=/tmp/repo bash benches/many_files.sh   # only generate, into /tmp/repo
#
# Uses hyperfine when installed, else `date +%s.%N` (best of RUNS runs).
set -euo pipefail
cd "$(dirname "$0")/.."

FILES=${FILES:-2000}
FILE_BYTES=${FILE_BYTES:-11200}
THREADS=${THREADS:-"1 2"}
RUNS=${RUNS:-3}

if [ -n "${OUT:-}" ]; then
  dir=$OUT
  mkdir -p "$dir"
else
  echo "== building the release binary" >&2
  cargo build --release --locked --quiet
  bin=target/release/copyedit
  dir=$(mktemp -d "${TMPDIR:-/tmp}/copyedit-many-files.XXXXXX")
  if [ -z "${KEEP:-}" ]; then
    trap 'rm -rf "$dir"' EXIT
  fi
fi

echo "== generating $FILES Markdown files in $dir" >&2
# Paragraphs of the prose corpus, cycled, become files of about FILE_BYTES
# bytes with front matter, headings, lists, inline code, links and (every
# third file) a fenced code block, spread over nested folders.
awk -v files="$FILES" -v size="$FILE_BYTES" -v out="$dir" '
  BEGIN { RS = ""; n = 0 }
  {
    gsub(/\r/, "")
    text = $0
    # Long paragraphs (whole speeches) are cut after a sentence near 800 bytes.
    while (length(text) > 1200) {
      cut = index(substr(text, 800), ". ")
      if (cut == 0) break
      para[n++] = substr(text, 1, 799 + cut)
      text = substr(text, 801 + cut)
    }
    if (length(text) > 40) para[n++] = text
  }
  END {
    if (n == 0) { print "no prose found" > "/dev/stderr"; exit 1 }
    p = 0
    for (f = 0; f < files; f++) {
      sub_dir = out "/section-" (f % 20) "/part-" (int(f / 20) % 10)
      system("mkdir -p \"" sub_dir "\"")
      path = sub_dir "/page-" f ".md"
      # The first dozen words of a paragraph (awk may count bytes: never cut
      # inside a word, so never inside a UTF-8 character).
      first = para[p % n]; gsub(/[\n"\\]/, " ", first)
      words = split(first, w, / +/); desc = ""
      for (i = 1; i <= words && i <= 12; i++) desc = desc (i > 1 ? " " : "") w[i]
      printf "---\ntitle: Page %d\ndescription: \"%s\"\nslug: page-%d\n---\n\n# Page %d\n\n", f, desc, f, f > path
      bytes = 0; k = 0
      while (bytes < size) {
        text = para[p % n]; p++; k++
        if (k % 5 == 0) {
          printf "## Section %d\n\n", k > path
        }
        if (k % 7 == 0) {
          printf "- A list item with `inline_code(%d)` and a [link](https://example.com/p/%d).\n- Another item.\n\n", k, f > path
        }
        printf "%s\n\n", text > path
        bytes += length(text) + 2
      }
      if (f % 3 == 0) {
        printf "```rust\nfn main() { let x = vec![1, 2, 3]; println!(\"{:?}\", x); }\n```\n" > path
      }
      close(path)
    }
  }
' tests/data/prose/*.txt

if [ -n "${OUT:-}" ]; then
  exit 0
fi

count=$(find "$dir" -name '*.md' | wc -l | tr -d ' ')
bytes=$(find "$dir" -name '*.md' -exec cat {} + | wc -c | tr -d ' ')
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1000000 }')
echo "== $count files, $mb MB ($(nproc) cores)" >&2

run() { # threads
  "$bin" check --no-config --format json --threads "$1" "$dir" > /dev/null 2>&1 || [ $? -eq 1 ]
}

# Other work on the machine makes the numbers (above all the speed-up)
# meaningless: say how busy it was. CPU seconds (user + system) are less
# sensitive to it than wall-clock seconds.
echo "== load average: $(cut -d ' ' -f 1-3 /proc/loadavg 2> /dev/null || echo unknown)" >&2
printf '%-8s %9s %9s %9s %9s %9s\n' threads wall-s files/s MB/s cpu-s speed-up
base=""
for t in $THREADS; do
  if command -v hyperfine > /dev/null; then
    json=$(mktemp)
    hyperfine --warmup 1 --runs "$RUNS" -i --export-json "$json" \
      "$bin check --no-config --format json --threads $t $dir" > /dev/null
    read -r secs cpu < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(min(r["times"]), r["user"] + r["system"])' "$json")
    rm -f "$json"
  else
    run "$t" # warm the page cache
    secs=""
    cpu=""
    TIMEFORMAT='%R %U %S'
    for _ in $(seq "$RUNS"); do
      # Wall clock from `date +%s.%N`; CPU time from bash's `time`.
      start=$(date +%s.%N)
      times=$( { time run "$t"; } 2>&1 )
      end=$(date +%s.%N)
      s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
      c=$(echo "$times" | awk '{ printf "%.3f", $2 + $3 }')
      if [ -z "$secs" ] || awk -v a="$s" -v b="$secs" 'BEGIN { exit !(a < b) }'; then
        secs=$s
        cpu=$c
      fi
    done
  fi
  awk -v t="$t" -v s="$secs" -v c="$cpu" -v f="$count" -v b="$bytes" -v base="${base:-$secs}" 'BEGIN {
    printf "%-8s %9.3f %9.0f %9.2f %9.3f %8.2fx\n", t, s, f / s, b / 1000000 / s, c, base / s
  }'
  base=${base:-$secs}
done
