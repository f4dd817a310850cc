//! The cost model: what an edit costs ([`weighted_distance`]: typing and
//! spelling errors people make cost less than arbitrary ones), the keyboard
//! layout behind it, and the plain Damerau distance ([`osa`]).

use std::cell::RefCell;
use std::sync::OnceLock;

/// Weighted-distance costs (see [`weighted_distance`]).
pub(super) const KEY_SUB: f32 = 0.9;
const SOUND_SUB: f32 = 0.6;
pub(super) const DOUBLE: f32 = 0.4;
pub(super) const SWAP: f32 = 0.5;
pub(super) const SOUND_GROUP: f32 = 0.6;
/// Each further letter of a run the typo dropped (`extions` for
/// `extensions`, `initized` for `initialized`): people drop a syllable at
/// once. Only inside a word of [`GAP_MIN_LEN`] letters or more: a run
/// dropped at either end is a different word as often as not (`rough`,
/// `roughly`). Aspell test set, top 5: 88.9% → 91.1% at 0.3 without far
/// candidates; with them (first version) 90.1% at 0.6, 91.5% at 0.4, 91.8%
/// at 0.3, 92.0% at 0.2, where first place no longer gained.
pub(super) const GAP_EXTEND: f32 = 0.3;
pub(super) const GAP_MIN_LEN: usize = 5;

/// Index of [`sub_table`] for a char that is not a lowercase ASCII letter.
const NOT_A_LETTER: u8 = 26;

/// Substitution costs between lowercase ASCII letters (by [`letter`]), and
/// 1 with any other char ([`NOT_A_LETTER`]).
pub(super) fn sub_table() -> &'static [[f32; 27]; 27] {
    static TABLE: OnceLock<[[f32; 27]; 27]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut sub = [[1f32; 27]; 27];
        for (i, row) in sub.iter_mut().enumerate().take(26) {
            for (j, cell) in row.iter_mut().enumerate().take(26) {
                let (a, b) = ((b'a' + i as u8) as char, (b'a' + j as u8) as char);
                *cell = if a == b {
                    0.0
                } else if sound_alike(a, b) {
                    SOUND_SUB
                } else if keyboard_adjacent(a, b) {
                    KEY_SUB
                } else {
                    1.0
                };
            }
        }
        sub
    })
}

const QWERTY: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// Row and doubled x-coordinate of a key (rows are staggered by half a key).
fn key_pos(c: char) -> Option<(i32, i32)> {
    QWERTY
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.find(c).map(|col| (r as i32, 2 * col as i32 + r as i32)))
}

/// Whether two letters are neighbours on a QWERTY keyboard.
pub fn keyboard_adjacent(a: char, b: char) -> bool {
    match (key_pos(a), key_pos(b)) {
        (Some((ra, xa)), Some((rb, xb))) => {
            (ra == rb && (xa - xb).abs() == 2) || ((ra - rb).abs() == 1 && (xa - xb).abs() == 1)
        }
        _ => false,
    }
}

/// Consonants that spell the same or nearly the same sound.
pub fn sound_alike(a: char, b: char) -> bool {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    matches!(
        (a, b),
        ('c', 's') | ('c', 'k') | ('s', 'z') | ('k', 'q') | ('g', 'j') | ('f', 'v') | ('d', 't')
    )
}

/// Spellings of one sound, as (typo, word), each pair either way round.
const SOUND_PAIRS: [(&str, &str); 16] = [
    ("f", "ph"),
    ("ph", "f"),
    ("f", "gh"),
    ("gh", "f"),
    ("k", "ck"),
    ("ck", "k"),
    ("c", "ck"),
    ("ck", "c"),
    ("sh", "ti"),
    ("ti", "sh"),
    ("sh", "ci"),
    ("ci", "sh"),
    ("j", "dg"),
    ("dg", "j"),
    ("x", "cks"),
    ("cks", "x"),
];

pub(super) fn ends_with(v: &[char], end: usize, s: &str) -> bool {
    let n = s.len();
    end >= n
        && v.get(end - n..end)
            // From the end: most fail on the last letter. (`s` is ASCII.)
            .is_some_and(|t| {
                t.iter()
                    .rev()
                    .zip(s.bytes().rev())
                    .all(|(&c, b)| c == char::from(b))
            })
}

/// Edit distance where the typing and spelling errors people make often cost
/// less: doubling or undoubling a letter 0.4, swapping two letters 0.5, a
/// consonant for one of the same sound (`c`/`s`, `d`/`t`) 0.6, one spelling
/// of a sound for another (`ph`/`f`, `ck`/`k`, `ti`/`sh`) 0.6, a
/// neighbouring key 0.9, each letter after the first of a run dropped
/// inside a word of five letters or more 0.3; any other edit costs 1.
/// (Vowels are not cheaper here: the phonetic key already forgives them.)
pub fn weighted_distance(typo: &str, word: &str) -> f64 {
    let a: Vec<char> = typo.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    f64::from(weighted(&Typo::new(&a), &b, f32::INFINITY).unwrap_or(f32::INFINITY))
}

/// The [`sub_table`] index of a char.
fn letter(c: char) -> u8 {
    if c.is_ascii_lowercase() {
        c as u8 - b'a'
    } else {
        NOT_A_LETTER
    }
}

/// The smaller of two costs (which are never NaN: a plain comparison,
/// cheaper than `f32::min`).
fn least(a: f32, b: f32) -> f32 {
    if b < a {
        b
    } else {
        a
    }
}

/// The typo's side of [`weighted`], worked out once for all the
/// candidates it is measured against.
pub(super) struct Typo<'a> {
    chars: &'a [char],
    /// [`letter`] of each char.
    letters: Vec<u8>,
    /// The cost of deleting each char (less for the second of a double).
    del: Vec<f32>,
    /// For each char, bit `k` set when the typo side of `SOUND_PAIRS[k]`
    /// ends with it.
    sounds: Vec<u16>,
}

impl<'a> Typo<'a> {
    pub(super) fn new(chars: &'a [char]) -> Self {
        let letters = chars.iter().map(|&c| letter(c)).collect();
        let del = chars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i >= 1 && chars.get(i - 1) == Some(c) {
                    DOUBLE
                } else {
                    1.0
                }
            })
            .collect();
        let sounds = (1..=chars.len())
            .map(|i| {
                SOUND_PAIRS
                    .iter()
                    .enumerate()
                    .filter(|(_, (x, _))| ends_with(chars, i, x))
                    .fold(0u16, |bits, (k, _)| bits | 1 << k)
            })
            .collect();
        Typo {
            chars,
            letters,
            del,
            sounds,
        }
    }
}

/// The weighted distance, or `None` as soon as it must exceed `limit`.
pub(super) fn weighted(a: &Typo, b: &[char], limit: f32) -> Option<f32> {
    // Ranking measures many candidates: the buffers are the thread's, reused.
    WEIGHTED_MATRIX.with(|m| weighted_in(&mut m.borrow_mut(), a, b, limit))
}

/// [`weighted`]'s buffers: the matrix, and the word's letters and
/// insertion costs.
#[derive(Default)]
struct Weighted {
    d: Vec<f32>,
    letters: Vec<u8>,
    ins: Vec<f32>,
}

thread_local! {
    /// [`weighted`]'s buffers, reused across calls.
    static WEIGHTED_MATRIX: RefCell<Weighted> = RefCell::new(Weighted::default());
    /// [`osa`]'s matrix, reused across calls.
    static OSA_MATRIX: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Columns of a matrix row whose cells are within the limit: `lo..=hi`
/// holds them all (`lo > hi`: none).
#[derive(Clone, Copy)]
struct Span {
    lo: usize,
    hi: usize,
}

const EMPTY: Span = Span {
    lo: usize::MAX,
    hi: 0,
};

/// [`weighted`] with `buf` as its buffers.
///
/// Only cells that may be within `limit` are computed: a cell whose
/// predecessors (the cells it is computed from: the three rows above and
/// the cells to its left) all exceed `limit` exceeds it too (every edit
/// costs something), so it is left infinite, as is every cell to the left
/// of the first within `limit` in the rows above, and to the right of the
/// last once the row's own run has passed `limit`. Every cell within
/// `limit` then comes out exactly as the full matrix has it (it is the
/// least of the same sums), so the answer is the same.
// Dynamic programming over a matrix sized from the two words: every index
// is bounded by those sizes by construction, none is an offset from input.
#[allow(clippy::indexing_slicing)]
fn weighted_in(buf: &mut Weighted, t: &Typo, b: &[char], limit: f32) -> Option<f32> {
    let sub_costs = sub_table();
    let a = t.chars;
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let Weighted { d, letters, ins } = buf;
    d.clear();
    d.resize((n + 1) * w, f32::INFINITY);
    for i in 0..=n {
        d[i * w] = i as f32;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j as f32;
    }
    letters.clear();
    letters.extend(b.iter().map(|&c| letter(c)));
    ins.clear();
    // Inserting a letter of the word (typo dropped a letter).
    ins.extend(b.iter().enumerate().map(|(j, c)| {
        if j >= 1 && b.get(j - 1) == Some(c) {
            DOUBLE
        } else {
            1.0
        }
    }));
    let (letters, ins) = (&letters[..m], &ins[..m]);
    // The columns within `limit` of the last three rows, oldest first.
    let mut spans = [EMPTY, EMPTY, EMPTY];
    if limit >= 0.0 {
        spans[2] = Span {
            lo: 0,
            hi: (0..=m)
                .take_while(|&j| j as f32 <= limit)
                .last()
                .unwrap_or(0),
        };
    }
    // Minimum of the last three rows: every alignment passes through one
    // of any three consecutive rows (moves skip at most two).
    let mut row_min = [0f32; 3];
    let gaps = n >= GAP_MIN_LEN;
    for i in 1..=n {
        // Letters of the word dropped after the typo's `i`th: a run costs
        // one edit, then `GAP_EXTEND` a letter (not after its last letter).
        let cheap_gap = gaps && i < n;
        let ca = a[i - 1];
        let before_ca = if i >= 2 { Some(a[i - 2]) } else { None };
        let sub_row = &sub_costs[usize::from(t.letters[i - 1])];
        // Deleting a letter of the typo (typo has an extra letter).
        let del = t.del[i - 1];
        let sounds = t.sounds[i - 1];
        let (above, rest) = d.split_at_mut(i * w);
        let row = &mut rest[..w];
        let prev = &above[(i - 1) * w..];
        let prev = &prev[..w];
        let first = row[0];
        let mut span = EMPTY;
        // No cell left of every cell within `limit` above can be within it
        // (unless the first column is).
        let start = if first <= limit {
            span = Span { lo: 0, hi: 0 };
            1
        } else {
            spans[0].lo.min(spans[1].lo).min(spans[2].lo).max(1)
        };
        // Past this column the rows above have nothing within `limit`.
        let reach = spans
            .iter()
            .filter(|s| s.lo <= s.hi)
            .map(|s| s.hi + 3)
            .max()
            .unwrap_or(0);
        let mut g = f32::INFINITY;
        let mut min = f32::INFINITY;
        let mut left = row
            .get(start.wrapping_sub(1))
            .copied()
            .unwrap_or(f32::INFINITY);
        for j in start..w {
            let cb = b[j - 1];
            let sub = if ca == cb {
                0.0
            } else {
                sub_row[usize::from(letters[j - 1])]
            };
            let open = left + ins[j - 1];
            g = if cheap_gap {
                least(open, g + GAP_EXTEND)
            } else {
                open
            };
            let mut v = least(least(prev[j] + del, g), prev[j - 1] + sub);
            if j > 1 && before_ca == Some(cb) && ca == b[j - 2] {
                v = least(v, above[(i - 2) * w + j - 2] + SWAP);
            }
            if sounds != 0 && ca != cb {
                let mut bits = sounds;
                while bits != 0 {
                    let (x, y) = SOUND_PAIRS[bits.trailing_zeros() as usize];
                    bits &= bits - 1;
                    if ends_with(b, j, y) {
                        v = least(v, above[(i - x.len()) * w + j - y.len()] + SOUND_GROUP);
                    }
                }
            }
            row[j] = v;
            left = v;
            min = least(min, v);
            if v <= limit {
                span.lo = span.lo.min(j);
                span.hi = j;
            } else if g > limit && j > reach {
                // Every cell further right exceeds `limit` too.
                break;
            }
        }
        min = least(min, first);
        row_min = [row_min[1], row_min[2], min];
        if row_min.iter().all(|&r| r > limit) {
            return None;
        }
        spans = [spans[1], spans[2], span];
    }
    d.get(n * w + m).copied().filter(|&v| v <= limit)
}

/// Plain Damerau (optimal string alignment) distance.
pub(super) fn osa(a: &[char], b: &[char]) -> usize {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    OSA_MATRIX.with(|d| {
        let mut d = d.borrow_mut();
        d.clear();
        d.resize((n + 1) * w, 0);
        osa_in(&mut d, a, b)
    })
}

/// [`osa`] with `d`, of `(a.len() + 1) * (b.len() + 1)` cells, as its matrix.
// Indices bounded by the matrix dimensions, as in `weighted_in`.
#[allow(clippy::indexing_slicing)]
fn osa_in(d: &mut [usize], a: &[char], b: &[char]) -> usize {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    for i in 0..=n {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[n * w + m]
}
