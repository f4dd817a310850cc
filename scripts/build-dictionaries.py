#!/usr/bin/env python3
"""Build the bundled dictionary files under crates/copyedit-dict/dictionaries/ from staged sources.

    bash scripts/fetch-dict-sources.sh                      # -> target/dict-sources/out
    python3 scripts/build-dictionaries.py target/dict-sources/out

Reads the staged SCOWL lists, SymSpell frequency lists, typos-dict table and the
name/place lists (see crates/copyedit-dict/dictionaries/README.md for what each
output file holds, where it comes from and how it is filtered) and (re)writes, in
crates/copyedit-dict/:

    dictionaries/words-en.txt  words-en_US.txt  words-en_GB.txt  words-en_CA.txt
    dictionaries/words-en_AU.txt  words-rare.txt  names.txt
    dictionaries/frequencies.tsv  bigrams.tsv  misspellings.tsv  words-tech.txt
    dictionaries/words-large.txt
    dictionaries/LICENSES/SCOWL.txt  dictionaries/LICENSES/symspellpy.txt
    dictionaries/LICENSES/cspell-tech-dictionaries.txt  dictionaries/LICENSES/cspell-dict-en_us.txt

The other files in dictionaries/LICENSES/ are maintained by hand. (The license
texts written name the files relative to crates/copyedit-dict/.)

Output is deterministic: UTF-8, LF line endings, sorted in plain byte order
(like LC_ALL=C sort), no duplicates, no blank lines, no comments.
Python 3 standard library only.
"""

import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEST = os.path.join(os.path.dirname(HERE), "crates", "copyedit-dict", "dictionaries")

CATEGORIES = ("words", "upper", "proper-names", "abbreviations", "contractions")
COMMON_MAX_SIZE = 60  # SCOWL's recommended spell-checking size
RARE_MAX_SIZE = 70  # accepted, never the first suggestion; 80 hides real typos
VARIANTS = {  # output file suffix -> SCOWL spelling category
    "en_US": "american",
    "en_GB": "british",  # -ise spellings; british_z (-ize, Oxford) only feeds words-rare
    "en_CA": "canadian",
    "en_AU": "australian",
}
# Spelling categories whose size-70 lists feed words-rare.txt. The variant_N /
# *_variant_N lists are deliberately left out: they accept "accidently",
# "miniscule", "liquify", "straightjacket", ... (see crates/copyedit-dict/dictionaries/README.md).
RARE_CATEGORIES = ("english", "american", "british", "british_z", "canadian", "australian")
NAME_SOURCES = (
    "names_first_female_moby.txt",
    "names_first_male_moby.txt",
    "names_people_cspell.txt",
    "places_cities_geonames.txt",
)
FREQUENT_WORDS = 30000  # names within Damerau distance 1 of these are dropped
BIGRAM_MAX_BYTES = 6 * 1024 * 1024
# Technical vocabulary (words-tech.txt): staged cspell word lists, tech/<package>__<file>.txt.
TECH_MIN_LETTERS = 3  # shorter entries (`io`, `fs`) hide typos of short words
TECH_ATTESTED = 3  # listed by this many packages: core vocabulary ...
TECH_SAFE_RANK = 2000  # ... kept near a frequent word unless that word is in the top 2,000
TECH_CORE_LISTS = 4  # ... or is listed by this many packages and the entry is it minus a letter
# Named in issue 16 as the commonest unknown words of technical docs, but missing from
# the packages or dropped by the near-frequent rule (one edit from memorize, bundle,
# rustic, inter); edited by hand.
TECH_EXTRA = ("bundler", "bundlers", "linter", "linters", "linting", "memoize", "memoizes",
              "memoizing", "rustc")
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")

SCOWL_FILE = re.compile(r"([a-z_0-9]+)-([a-z-]+)\.([0-9]+)")
# letters (any script) with optional inner apostrophes: O'Brien, D'Angelo
NAME_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def byte_sorted(items):
    """Plain byte order of the UTF-8 encoding (== code point order)."""
    return sorted(items, key=lambda s: s.encode("utf-8"))


def write_lines(name, lines):
    path = os.path.join(DEST, name)
    data = "".join(line + "\n" for line in lines)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)
    return path


def read_lines(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.strip():
                yield line


def read_scowl(path):
    """Upstream SCOWL ships ISO-8859-1 lists, but Debian's `scowl` package (the
    staged source) converted them to UTF-8. Decode as UTF-8 when the file is
    valid UTF-8, else as latin-1, so either layout gives the same words."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return [line for line in text.splitlines() if line.strip()]


def scowl(scowl_dir, spelling, max_size, min_size=0):
    """Union of a SCOWL spelling category's lists (all sub-categories) by size."""
    words = set()
    for fname in sorted(os.listdir(scowl_dir)):
        m = SCOWL_FILE.fullmatch(fname)
        if not m or m.group(1) != spelling or m.group(2) not in CATEGORIES:
            continue
        if min_size <= int(m.group(3)) <= max_size:
            words.update(w.strip() for w in read_scowl(os.path.join(scowl_dir, fname)))
    words.discard("")
    return words


def damerau1_index(words):
    """Structures to find the words at Damerau-Levenshtein distance exactly 1."""
    deletes = {}  # word with one character removed -> words
    positional = {}  # (i, word without char i) -> words; shared key => one substitution
    for w in sorted(words):
        for i in range(len(w)):
            d = w[:i] + w[i + 1:]
            deletes.setdefault(d, []).append(w)
            positional.setdefault((i, d), []).append(w)
    return set(words), deletes, positional


def near_word(s, index):
    """A word at distance exactly 1 from s (one insertion, deletion, substitution
    or adjacent transposition), or None. s itself being a word does not count:
    a name spelled like a frequent word masks no typo."""
    words, deletes, positional = index
    for w in deletes.get(s, ()):  # s is a word with one character deleted
        return w
    for i in range(len(s)):
        d = s[:i] + s[i + 1:]
        if d in words:  # s is a word with one character inserted
            return d
        for w in positional.get((i, d), ()):  # one character substituted
            if w != s:
                return w
    for i in range(len(s) - 1):
        t = s[:i] + s[i + 1] + s[i] + s[i + 2:]
        if t != s and t in words:  # two adjacent characters swapped
            return t
    return None


def keyboard_neighbours():
    """Letter -> the letters around it on a QWERTY keyboard: beside it on its row,
    and the two touching it on the rows above (same column and one right) and
    below (one left and same column)."""
    pos = {c: (r, i) for r, row in enumerate(KEYBOARD_ROWS) for i, c in enumerate(row)}
    out = {}
    for a, (r, i) in pos.items():
        around = {(r, i - 1), (r, i + 1), (r - 1, i), (r - 1, i + 1), (r + 1, i - 1), (r + 1, i)}
        out[a] = {b for b, p in pos.items() if p in around}
    return out


def typo_neighbours(s, words, nbrs):
    """The words w in `words` from which s is one typo-shaped edit: a letter of w
    left out, two adjacent letters swapped, a letter replaced by one next to it on
    the keyboard, or a letter inserted that doubles or sits next to (on the
    keyboard) a letter beside it. Inserting an unrelated letter (`nodes` ->
    `nodejs`) or substituting a distant one is not typo-shaped."""
    out = set()
    for i in range(len(s)):  # s is w with s[i] inserted
        w = s[:i] + s[i + 1:]
        if w in words:
            around = [s[j] for j in (i - 1, i + 1) if 0 <= j < len(s)]
            if any(c == s[i] or c in nbrs.get(s[i], ()) for c in around):
                out.add(w)
        for c in nbrs.get(s[i], ()):  # s is w with a letter replaced by its neighbour
            w = s[:i] + c + s[i + 1:]
            if w in words:
                out.add(w)
    for i in range(len(s) + 1):  # s is w with a letter left out
        for c in "abcdefghijklmnopqrstuvwxyz":
            w = s[:i] + c + s[i:]
            if w in words:
                out.add(w)
    for i in range(len(s) - 1):  # two adjacent letters swapped
        w = s[:i] + s[i + 1] + s[i] + s[i + 2:]
        if w != s and w in words:
            out.add(w)
    return out


def tech_entries(line):
    """The words of one line of a cspell word list. Skips comments (`#`),
    forbidden words (`!word`, `~!word`) and compound-only parts (`+ing`,
    `pre+`), and code identifiers (`O_RDONLY`, `assert_eq`); strips the
    no-suggest/case marker `~` and optional-compound stars (`*Data*`); splits
    what is left on white space, hyphens, dots, slashes, `$`, `@` and `:`
    (`cherry-pick`, `@scope/pkg`, `.arange`), as the tokenizer splits prose."""
    line = unicodedata.normalize("NFC", line.strip()).replace("\u2019", "'")
    line = re.sub(r"(^|\s)#.*", "", line).strip()
    if not line or line.startswith(("!", "~!")):
        return []
    line = line.lstrip("~")
    if "+" in line or "_" in line:
        return []
    return [t for t in re.split(r"[\s\-./$@:]+", line.strip("*")) if t]


def letter_case(t):
    if t == t.lower():
        return "lower"
    if t == t.upper():
        return "upper"
    if t[:1].isupper() and t[1:] == t[1:].lower():
        return "title"
    return "mixed"


def name_tokens(entry):
    entry = unicodedata.normalize("NFC", entry).replace("\u2019", "'")
    for tok in re.split(r"[\s\-]+", entry):
        if len(tok) >= 2 and tok[0].isupper() and NAME_TOKEN.fullmatch(tok):
            yield tok


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: python3 scripts/build-dictionaries.py SRC_OUT_DIR")
    src = argv[1]
    scowl_dir = os.path.join(src, "scowl")
    os.makedirs(os.path.join(DEST, "LICENSES"), exist_ok=True)
    report = []

    def note(msg):
        report.append(msg)
        print(msg)

    # --- SCOWL word lists ------------------------------------------------------
    common = scowl(scowl_dir, "english", COMMON_MAX_SIZE)
    variants = {}
    for suffix, spelling in VARIANTS.items():
        variants[suffix] = scowl(scowl_dir, spelling, COMMON_MAX_SIZE) - common
    main_words = common.union(*variants.values())
    rare = set()
    for spelling in RARE_CATEGORIES:
        rare |= scowl(scowl_dir, spelling, RARE_MAX_SIZE)
    rare -= main_words

    write_lines("words-en.txt", byte_sorted(common))
    for suffix, words in variants.items():
        write_lines(f"words-{suffix}.txt", byte_sorted(words))
    write_lines("words-rare.txt", byte_sorted(rare))

    all_words = main_words | rare
    all_lower = {w.lower() for w in all_words}
    lowercase_words = {w for w in all_words if w == w.lower()}

    # --- frequencies ---------------------------------------------------------------
    unigrams = {}
    for line in read_lines(os.path.join(src, "symspell_unigrams_en.tsv")):
        word, count = line.split("\t")
        unigrams[word] = max(int(count), unigrams.get(word, 0))
    write_lines("frequencies.tsv", (f"{w}\t{unigrams[w]}" for w in byte_sorted(unigrams)))
    by_freq = sorted(unigrams, key=lambda w: (-unigrams[w], w.encode("utf-8")))
    frequent = set([w for w in by_freq if w == w.lower()][:FREQUENT_WORDS])

    # --- bigrams ----------------------------------------------------------------------
    bigrams = {}
    for line in read_lines(os.path.join(src, "symspell_bigrams_en.tsv")):
        pair, count = line.split("\t")
        bigrams[pair] = max(int(count), bigrams.get(pair, 0))
    keep = byte_sorted(bigrams)
    min_count = 0
    def bigram_bytes(keys):
        return sum(len(f"{k}\t{bigrams[k]}\n".encode("utf-8")) for k in keys)
    if bigram_bytes(keep) > BIGRAM_MAX_BYTES:
        # drop the lowest-count pairs (whole count levels) until the file fits
        for c in sorted(set(bigrams.values())):
            min_count = c + 1
            keep = [k for k in keep if bigrams[k] >= min_count]
            if bigram_bytes(keep) <= BIGRAM_MAX_BYTES:
                break
    write_lines("bigrams.tsv", (f"{k}\t{bigrams[k]}" for k in keep))
    note(f"bigrams: {len(keep)} of {len(bigrams)} kept" +
         (f" (pruned counts < {min_count})" if min_count else " (no pruning needed)"))

    # --- names ------------------------------------------------------------------------
    index = damerau1_index(frequent)
    candidates = set()
    for fname in NAME_SOURCES:
        for entry in read_lines(os.path.join(src, fname)):
            candidates.update(name_tokens(entry))
    names = set()
    dropped = {"common-word": [], "in-scowl": [], "near-frequent": []}
    for name in byte_sorted(candidates):
        low = name.lower()
        if low in lowercase_words:
            dropped["common-word"].append(name)
        elif low in all_lower:
            dropped["in-scowl"].append(name)
        else:
            hit = near_word(low, index)
            if hit is not None:
                dropped["near-frequent"].append(f"{name}({hit})")
            else:
                names.add(name)
    write_lines("names.txt", byte_sorted(names))
    note(f"names: {len(candidates)} candidate tokens, {len(names)} kept; dropped " +
         ", ".join(f"{k}={len(v)}" for k, v in dropped.items()))
    for k, v in dropped.items():
        step = max(1, len(v) // 12)
        note(f"  dropped {k} sample: {' '.join(v[::step][:12])}")

    # --- misspellings -------------------------------------------------------------
    forms = {}  # lowercase -> spellings present in the word files
    for w in all_words:
        forms.setdefault(w.lower(), set()).add(w)

    def canonical(word):
        if word in all_words:
            return word
        options = forms.get(word.lower())
        if not options:
            return None
        title = word[:1].upper() + word[1:]
        return title if title in options else byte_sorted(options)[0]

    name_lower = {n.lower() for n in names}
    typos = {}
    total = 0
    for line in read_lines(os.path.join(src, "typos_dict.tsv")):
        total += 1
        key, _, corr = line.partition("\t")
        key = key.lower()
        if key in all_lower or key in name_lower:
            continue
        out = []
        for c in corr.split(","):
            c = canonical(c.strip())
            if c and c.lower() != key and c not in out:
                out.append(c)
        if out:
            prev = typos.setdefault(key, [])
            prev.extend(c for c in out if c not in prev)
    write_lines("misspellings.tsv", (f"{k}\t{','.join(typos[k])}" for k in byte_sorted(typos)))
    note(f"misspellings: {len(typos)} of {total} typos-dict entries kept")

    # --- technical vocabulary ------------------------------------------------------
    tech_dir = os.path.join(src, "tech")
    packages = {}  # token -> the packages that list it
    for fname in byte_sorted(os.listdir(tech_dir)):
        package = fname.split("__")[0]
        for line in read_lines(os.path.join(tech_dir, fname)):
            for tok in tech_entries(line):
                packages.setdefault(tok, set()).add(package)
    for tok in TECH_EXTRA:
        packages.setdefault(tok, set()).add("copyedit")

    def attested(t):
        """How many packages list t, or its singular (`repos`: those of `repo`)."""
        low = t.lower()
        seen = set()
        for form in {t, low} | ({t[:-1], low[:-1]} if low.endswith("s") else set()):
            seen |= packages.get(form, set())
        return len(seen)

    def already_accepted(t):
        case = letter_case(t)
        low = t.lower()
        title = low[:1].upper() + low[1:]
        return (t in all_words or t in names or low in lowercase_words
                or (case in ("title", "upper") and (title in all_words or title in names)))

    nbrs = keyboard_neighbours()
    rank = {w: i for i, w in enumerate(w for w in by_freq if w == w.lower()) if i < FREQUENT_WORDS}
    # Candidates: each token as listed; a mixed-case token with a capital first
    # letter (`GitHub`, `PostgreSQL`) also in lowercase (`github` in commands,
    # hosts and package names).
    candidates = {}
    for tok in packages:
        candidates[tok] = tok
        if letter_case(tok) == "mixed" and tok[:1].isupper():
            candidates.setdefault(tok.lower(), tok)
    # Frequent English words that TECH_CORE_LISTS packages list themselves.
    core_words = {w for w in rank if attested(w) >= TECH_CORE_LISTS}
    tech = set()
    dropped = {k: [] for k in ("not-a-word", "short", "known", "misspelling", "near-frequent")}
    for tok in byte_sorted(candidates):
        low = tok.lower()
        if not NAME_TOKEN.fullmatch(tok):
            dropped["not-a-word"].append(tok)
        elif sum(c.isalpha() for c in tok) < TECH_MIN_LETTERS:
            dropped["short"].append(tok)
        elif already_accepted(tok):
            dropped["known"].append(tok)
        elif low in typos:
            dropped["misspelling"].append(tok)
        else:
            near = typo_neighbours(low, rank, nbrs)
            # The exception does not cover the commonest typo of a word the
            # lists themselves use: `ident` is `indent` with a letter left out.
            omits_listed = letter_case(tok) != "upper" and any(
                low[:i] + c + low[i:] in core_words
                for i in range(len(low)) for c in "abcdefghijklmnopqrstuvwxyz")
            if near and tok not in TECH_EXTRA and not (
                    attested(candidates[tok]) >= TECH_ATTESTED
                    and min(rank[w] for w in near) >= TECH_SAFE_RANK
                    and not omits_listed):
                dropped["near-frequent"].append(f"{tok}({min(near, key=rank.get)})")
            else:
                tech.add(tok)
    write_lines("words-tech.txt", byte_sorted(tech))
    note(f"tech: {len(candidates)} candidate tokens from {len(os.listdir(tech_dir))} lists, "
         f"{len(tech)} kept; dropped " + ", ".join(f"{k}={len(v)}" for k, v in dropped.items()))
    for k, v in dropped.items():
        step = max(1, len(v) // 12)
        note(f"  dropped {k} sample: {' '.join(v[::step][:12])}")

    # --- a larger American list (words-large.txt) --------------------------------------
    # cspell's en_US (hunspell en_US-large, SCOWL size 70, plus cspell's own
    # additions): the words none of the lists above accept, not known
    # misspellings. The spelling rule reports these as notes, not errors: a
    # larger list is evidence that a word exists, not that it is right here.
    large = set()
    dropped = {k: [] for k in ("folded-or-forbidden", "not-a-word", "known", "misspelling")}
    for line in read_lines(os.path.join(src, "cspell_en_us.txt")):
        w = unicodedata.normalize("NFC", line.strip()).replace("\u2019", "'")
        if not w:
            continue
        if w.startswith(("~", "!")) or "+" in w:
            dropped["folded-or-forbidden"].append(w)
        elif not NAME_TOKEN.fullmatch(w):
            dropped["not-a-word"].append(w)
        elif already_accepted(w) or w in tech:
            dropped["known"].append(w)
        elif w.lower() in typos:
            dropped["misspelling"].append(w)
        else:
            large.add(w)
    write_lines("words-large.txt", byte_sorted(large))
    note(f"large: {len(large)} kept; dropped " + ", ".join(f"{k}={len(v)}" for k, v in dropped.items()))
    for k, v in dropped.items():
        step = max(1, len(v) // 12)
        note(f"  dropped {k} sample: {' '.join(v[::step][:12])}")

    # --- licenses copied from the staged sources -------------------------------------
    lic = os.path.join(src, "LICENSES")
    scowl_notice = open(os.path.join(lic, "SCOWL.copyright"), encoding="utf-8").read()
    readme = open(os.path.join(lic, "SCOWL.README"), encoding="utf-8").read()
    start = readme.find("COPYRIGHT, SOURCES, and CREDITS:")
    end = readme.find("FUTURE PLANS:", start)
    upstream = readme[start:end].rstrip() + "\n" if start >= 0 and end > start else ""
    text = ("SCOWL (Spell Checker Oriented Word Lists) 2020.12.07, Kevin Atkinson,\n"
            "as packaged by Debian (package `scowl`). Used for dictionaries/words-*.txt.\n\n"
            "=== Debian copyright file (/usr/share/doc/scowl/copyright) ===\n\n" + scowl_notice.rstrip() + "\n")
    if upstream:
        text += ("\n=== Upstream SCOWL README (2020.12.07), copyright section ===\n\n" + upstream)
    with open(os.path.join(DEST, "LICENSES", "SCOWL.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    sym = open(os.path.join(lic, "symspellpy.LICENSE"), encoding="utf-8").read()
    with open(os.path.join(DEST, "LICENSES", "symspellpy.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("symspellpy 6.10.1 (PyPI), used for dictionaries/frequencies.tsv and bigrams.tsv.\n"
                "The word counts derive from the Google Books Ngram data (CC BY 3.0),\n"
                "intersected with SCOWL; see dictionaries/README.md.\n\n" + sym.rstrip() + "\n")

    with open(os.path.join(lic, "cspell-en_us.LICENSE"), encoding="utf-8") as f:
        en_us = f.read()
    with open(os.path.join(DEST, "LICENSES", "cspell-dict-en_us.txt"), "w",
              encoding="utf-8", newline="\n") as f:
        f.write("The npm package behind dictionaries/words-large.txt. Its words are SCOWL's\n"
                "hunspell en_US-large dictionary (SCOWL notice: SCOWL.txt) and cspell's\n"
                "additions.\n\n" + en_us.rstrip() + "\n")

    blocks = []
    for fname in byte_sorted(os.listdir(lic)):
        if fname.startswith("cspell-dict-") and fname.endswith(".LICENSE"):
            with open(os.path.join(lic, fname), encoding="utf-8") as f:
                blocks.append("=== " + f.read().strip() + "\n")
    with open(os.path.join(DEST, "LICENSES", "cspell-tech-dictionaries.txt"), "w",
              encoding="utf-8", newline="\n") as f:
        f.write("The npm packages behind dictionaries/words-tech.txt (cspell dictionaries),\n"
                "each with its license file. All are MIT.\n\n" + "\n".join(blocks))

    for fname in byte_sorted(os.listdir(DEST)):
        path = os.path.join(DEST, fname)
        if os.path.isfile(path) and fname.endswith((".txt", ".tsv")):
            with open(path, "rb") as f:
                n = sum(1 for _ in f)
            print(f"{n:9d} lines {os.path.getsize(path):10d} bytes  crates/copyedit-dict/dictionaries/{fname}")


if __name__ == "__main__":
    main(sys.argv)
