#!/usr/bin/env bash
# Byte-identical output check between two copyedit binaries (for refactors that must not change
# behaviour): runs the same suite with each and diffs the outputs.
#
#   scripts/check-identical.sh OLD_BINARY NEW_BINARY [OUT_DIR]
#   scripts/check-identical.sh --record BINARY OUT_DIR     # only record one binary's outputs
#
# Each binary is copied to a directory of its own as `copyedit`, so usage lines (which show
# argv[0]) agree. The suite: every subcommand's help, `rules`, `explain` for every rule, `check`
# in every format (plus --statistics and --list-unknown) on the content repositories in
# ../shared/data/content (override with COPYEDIT_DATA=DIR), the development prose and article,
# examples/article.md and tests/fixtures, standard input, `fix --diff` and `fix` (Safe and
# --unsafe) on copies of every input with the resulting trees diffed against the originals,
# `init --words` and `words add` on copies. Each command's stdout, stderr and exit code are kept.
# Nothing in the output is timing-dependent; the language server is covered by tests/lsp.rs.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="${COPYEDIT_DATA:-$root/../shared/data}"

usage() {
  sed -n '2,15p' "$0" >&2
  exit 2
}

# run NAME ARGS...: stdout, stderr and exit code of one command into $out/NAME.{out,err,rc}
run() {
  local name="$1"
  shift
  "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null
  echo "$?" >"$out/$name.rc"
}

# run_in NAME STDIN_FILE ARGS...: as run, with a file on standard input
run_in() {
  local name="$1" input="$2"
  shift 2
  "$@" >"$out/$name.out" 2>"$out/$name.err" <"$input"
  echo "$?" >"$out/$name.rc"
}

# Recursive diff of a fixed copy against its original, with the temporary path taken out.
tree_diff() {
  local orig="$1" fixed="$2" name="$3"
  (cd "$(dirname "$orig")" && diff -ruN "$(basename "$orig")" "$fixed" |
    sed -e "s|$fixed|FIXED|g" -e 's/^\(---\|+++\) \([^\t]*\)\t.*/\1 \2/') >"$out/$name.patch"
}

record() {
  local bin="$1"
  out="$2"
  rm -rf "$out"
  mkdir -p "$out"
  local work
  work="$(mktemp -d)"
  mkdir -p "$work/bin"
  cp "$bin" "$work/bin/copyedit"
  local ce="$work/bin/copyedit"
  local formats=(human concise json sarif github)

  # Help and listings.
  run help "$ce" --help
  run help-short "$ce" -h
  run version "$ce" --version
  run no-args "$ce"
  run bad-subcommand "$ce" frobnicate
  for sub in check fix explain rules init words lsp help; do
    run "help-$sub" "$ce" "$sub" --help
    run "help-$sub-short" "$ce" "$sub" -h
    run "help-via-help-$sub" "$ce" help "$sub"
  done
  run help-words-add "$ce" words add --help
  run rules "$ce" rules
  run explain-unknown "$ce" explain no-such-rule
  local code
  for code in $("$ce" rules | awk 'NR > 1 { print $1 }'); do
    run "explain-$code" "$ce" explain "$code"
  done

  # Content repositories: every format, statistics, unknown words; fixes on copies.
  local repo name
  if [ -d "$data/content" ]; then
    for repo in "$data"/content/*/; do
      name="$(basename "$repo")"
      for fmt in "${formats[@]}"; do
        (cd "$data/content" && run "content-$name-$fmt" "$ce" check --format "$fmt" --color never "$name")
      done
      (cd "$data/content" && run "content-$name-color" "$ce" check --color always "$name")
      (cd "$data/content" && run "content-$name-statistics" "$ce" check --statistics --color never "$name")
      (cd "$data/content" && run "content-$name-unknown" "$ce" check --list-unknown "$name")
      (cd "$data/content" && run "content-$name-j1" "$ce" check -j 1 --format json "$name")
      (cd "$data/content" && run "content-$name-fix-diff" "$ce" fix --diff --color never "$name")
      (cd "$data/content" && run "content-$name-fix-diff-unsafe" "$ce" fix --diff --unsafe --color never "$name")
      for mode in safe unsafe; do
        rm -rf "$work/fix"
        mkdir -p "$work/fix"
        cp -r "$data/content/$name" "$work/fix/$name"
        chmod -R u+w "$work/fix"
        local extra=()
        [ "$mode" = unsafe ] && extra=(--unsafe)
        (cd "$work/fix" && run "content-$name-fix-$mode" "$ce" fix "${extra[@]}" --format json "$name")
        tree_diff "$data/content/$name" "$work/fix/$name" "content-$name-fix-$mode"
      done
    done
    # Init and its word list on a copy (the repository has no copyedit.toml).
    rm -rf "$work/init"
    mkdir -p "$work/init"
    cp -r "$data/content/18F-handbook" "$work/init/repo"
    chmod -R u+w "$work/init"
    (cd "$work/init" && run init "$ce" init --words repo)
    cp "$work/init/repo/copyedit.toml" "$out/init.toml" 2>/dev/null
    cp "$work/init/repo/copyedit-words.txt" "$out/init-words.txt" 2>/dev/null
    (cd "$work/init" && run init-again "$ce" init repo)
    (cd "$work/init/repo" && run init-check "$ce" check --format json .)
    (cd "$work/init/repo" && run words-add "$ce" words add Zyxwv abcdefg Eleventy)
    cp "$work/init/repo/copyedit-words.txt" "$out/words-add.txt" 2>/dev/null
    (cd "$work/init/repo" && run words-add-check "$ce" check --format json .)
  else
    echo "warning: no $data/content; content repositories skipped" >&2
  fi

  # Single texts: the example article, the fixtures, the development prose and article.
  local files=()
  local f
  while IFS= read -r f; do files+=("$f"); done < <(
    cd "$root" && {
      echo examples/article.md
      find tests/fixtures tests/data/prose -type f | sort
    }
  )
  for f in "${files[@]}"; do
    name="$(echo "$f" | tr '/' '_')"
    for fmt in "${formats[@]}"; do
      (cd "$root" && run "file-$name-$fmt" "$ce" check --format "$fmt" --color never "$f")
    done
    (cd "$root" && run "file-$name-fix-diff" "$ce" fix --diff --color never "$f")
    (cd "$root" && run "file-$name-fix-diff-unsafe" "$ce" fix --diff --unsafe --color never "$f")
    (cd "$root" && run "file-$name-all-languages" "$ce" check --all-languages --format json "$f")
    (cd "$root" && run "file-$name-gb" "$ce" check --lang en-GB --format json "$f")
  done
  (cd "$root" && run fixtures-dir "$ce" check --format json --color never tests/fixtures)
  (cd "$root" && run fixtures-content-repo "$ce" check --format json tests/fixtures/content-repo)
  (cd "$root" && run fixtures-content-repo-human "$ce" check --color never tests/fixtures/content-repo)
  (cd "$root/tests/fixtures/content-repo" && run fixtures-content-repo-inside "$ce" check --format json)
  (cd "$root" && run fixtures-content-repo-fix-diff "$ce" fix --diff tests/fixtures/content-repo)
  (cd "$root" && run fixtures-show-suppressed "$ce" check --show-suppressed --color never tests/fixtures)
  if [ -d "$data" ]; then
    for f in "$data"/prose/* "$data"/articles/*; do
      [ -f "$f" ] || continue
      name="data-$(basename "$(dirname "$f")")-$(basename "$f")"
      for fmt in json human; do
        (cd "$data" && run "$name-$fmt" "$ce" check --format "$fmt" --color never "${f#"$data"/}")
      done
      (cd "$data" && run "$name-fix-diff" "$ce" fix --diff "${f#"$data"/}")
      (cd "$data" && run "$name-fix-diff-unsafe" "$ce" fix --diff --unsafe "${f#"$data"/}")
    done
  fi

  # Standard input.
  run_in stdin-check "$root/examples/article.md" "$ce" check --color never -
  run_in stdin-check-json "$root/examples/article.md" "$ce" check --format json --stdin-filename a.md -
  run_in stdin-check-text "$root/tests/fixtures/ceasefire-talks.txt" "$ce" check --stdin-format text --color never -
  run_in stdin-fix "$root/examples/article.md" "$ce" fix --color never -
  run_in stdin-fix-unsafe "$root/tests/fixtures/ceasefire-talks.txt" "$ce" fix --unsafe --color never -

  # Fixes written to copies of the example and the fixtures.
  rm -rf "$work/fix"
  mkdir -p "$work/fix"
  cp -r "$root/examples" "$root/tests/fixtures" "$work/fix/"
  chmod -R u+w "$work/fix"
  (cd "$work/fix" && run fix-files "$ce" fix --format json --color never examples/article.md fixtures)
  mkdir -p "$work/orig"
  cp -r "$root/examples" "$root/tests/fixtures" "$work/orig/"
  tree_diff "$work/orig" "$work/fix" fix-files

  # Temporary paths in messages.
  grep -rlF "$work" "$out" | while IFS= read -r f; do sed -i "s|$work|WORK|g" "$f"; done
  rm -rf "$work"
}

case "${1:-}" in
  --record)
    [ $# -eq 3 ] || usage
    record "$2" "$3"
    exit 0
    ;;
  "" | -h | --help) usage ;;
esac
[ $# -ge 2 ] && [ $# -le 3 ] || usage
old="$1"
new="$2"
dir="${3:-$(mktemp -d)}"
record "$old" "$dir/old"
record "$new" "$dir/new"
if diff -r "$dir/old" "$dir/new" >"$dir/diff.txt"; then
  echo "identical: $(find "$dir/old" -type f | wc -l) outputs in $dir/old and $dir/new"
else
  echo "DIFFERENT: $(grep -c '^diff \|^Only in' "$dir/diff.txt") files differ; see $dir/diff.txt" >&2
  exit 1
fi
