//! Keys one edit from a query, found by walking the suggestion FST directly
//! instead of running a Levenshtein automaton over it.
//!
//! A key one edit (insertion, deletion or substitution of a char, or a swap
//! of two adjacent chars) from a query of `n` chars either starts with the
//! query's first `n / 2` chars or ends with all its chars after the
//! `n / 2`-th (an edit touches at most two adjacent chars, and the two parts
//! are a char apart). So the first half is followed exactly in the key FST,
//! and the edit is looked for only in the rest, where a node has few
//! transitions; the second half is followed exactly in an FST of the keys
//! spelt backwards (`suggest_reversed.fst`, from `build.rs`, with the same
//! values), and the edit looked for in the rest of the reversed query. Only
//! values are gathered: they ascend with the keys, so sorting them puts
//! the keys in order. The answer is the same as
//! `automaton::Dfa`'s for distance 1 (tested below), a fraction of the work:
//! the automaton tries every transition near the root, and costs more to
//! build than this costs to run.

use std::sync::OnceLock;

use fst::raw::{Fst, Node, Output};

use copyedit_dict::SUGGEST_REVERSED;

/// The suggestion keys spelt backwards (`None` only if the build wrote a
/// broken FST: then every search walks forwards from the root).
fn reversed() -> Option<&'static Fst<&'static [u8]>> {
    static FST: OnceLock<Option<Fst<&'static [u8]>>> = OnceLock::new();
    FST.get_or_init(|| Fst::new(SUGGEST_REVERSED).ok()).as_ref()
}

/// The values of every key of `keys` (the suggestion FST) within one edit
/// of `query`, in key order (values ascend with keys).
pub(super) fn near1<D: AsRef<[u8]>>(keys: &Fst<D>, query: &str) -> Vec<u64> {
    let mut found = Vec::new();
    let n = query.chars().count();
    let split = n / 2;
    match reversed() {
        Some(rev) if n >= 3 => {
            walk(keys, query, split, &mut found);
            let backwards: String = query.chars().rev().collect();
            walk(rev, &backwards, n - split - 1, &mut found);
        }
        _ => walk(keys, query, 0, &mut found),
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// A node reached and the output gathered on the way there.
type At<'f> = (Node<'f>, Output);

/// Follow `bytes` from `at`.
fn follow<'f, D: AsRef<[u8]>>(fst: &'f Fst<D>, at: At<'f>, bytes: &[u8]) -> Option<At<'f>> {
    let (mut node, mut out) = at;
    for &b in bytes {
        let t = node.transition(node.find_input(b)?);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    Some((node, out))
}

/// The value of the key that continues from `at` with exactly `bytes`.
fn ends<'f, D: AsRef<[u8]>>(fst: &'f Fst<D>, at: At<'f>, bytes: &[u8]) -> Option<u64> {
    let (node, out) = follow(fst, at, bytes)?;
    node.is_final()
        .then(|| out.cat(node.final_output()).value())
}

/// Call `f` with every char (as UTF-8) that some key continues with from
/// `at`, and the position after it.
fn each_char<'f, D: AsRef<[u8]>>(fst: &'f Fst<D>, at: At<'f>, f: &mut dyn FnMut(&[u8], At<'f>)) {
    fn more<'f, D: AsRef<[u8]>>(
        fst: &'f Fst<D>,
        at: At<'f>,
        buf: &mut [u8; 4],
        len: usize,
        need: usize,
        f: &mut dyn FnMut(&[u8], At<'f>),
    ) {
        if len >= need {
            f(buf.get(..len).unwrap_or(&[]), at);
            return;
        }
        let (node, out) = at;
        for t in node.transitions() {
            if let Some(slot) = buf.get_mut(len) {
                *slot = t.inp;
            }
            more(
                fst,
                (fst.node(t.addr), out.cat(t.out)),
                buf,
                len + 1,
                need,
                f,
            );
        }
    }
    let mut buf = [0u8; 4];
    let (node, out) = at;
    for t in node.transitions() {
        let need = match t.inp {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xff => 4,
            _ => 1,
        };
        buf[0] = t.inp;
        more(
            fst,
            (fst.node(t.addr), out.cat(t.out)),
            &mut buf,
            1,
            need,
            f,
        );
    }
}

/// The value of every key of `fst` that is `query` itself or `query` with
/// one edit at or after its char `from` (an insertion before char `from`
/// included), unordered.
fn walk<D: AsRef<[u8]>>(fst: &Fst<D>, query: &str, from: usize, found: &mut Vec<u64>) {
    let q = query.as_bytes();
    let bounds: Vec<usize> = query
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(q.len()))
        .collect();
    let n = bounds.len() - 1;
    let part = |a: usize, b: usize| q.get(a..b).unwrap_or(&[]);
    let Some(&start) = bounds.get(from) else {
        return;
    };
    let Some(mut at) = follow(fst, (fst.root(), Output::zero()), part(0, start)) else {
        return;
    };
    for i in from..=n {
        let s = bounds.get(i).copied().unwrap_or(q.len());
        let e = bounds.get(i + 1).copied().unwrap_or(s);
        let (this, tail) = (part(s, e), part(e, q.len()));
        let rest = part(s, q.len());
        // An inserted char, or this one replaced.
        each_char(fst, at, &mut |c, next| {
            if let Some(v) = ends(fst, next, rest) {
                found.push(v);
            }
            if i < n && c != this {
                if let Some(v) = ends(fst, next, tail) {
                    found.push(v);
                }
            }
        });
        if i == n {
            let (node, out) = at;
            if node.is_final() {
                found.push(out.cat(node.final_output()).value());
            }
            break;
        }
        // This char left out.
        if let Some(v) = ends(fst, at, tail) {
            found.push(v);
        }
        // This char and the next swapped.
        if let Some(&e2) = bounds.get(i + 2) {
            let (next, after) = (part(e, e2), part(e2, q.len()));
            if next != this {
                let swapped = follow(fst, at, next).and_then(|at| follow(fst, at, this));
                if let Some(v) = swapped.and_then(|at| ends(fst, at, after)) {
                    found.push(v);
                }
            }
        }
        match follow(fst, at, this) {
            Some(next) => at = next,
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::automaton::Dfa;
    use fst::{IntoStreamer, Map, Streamer};

    fn by_automaton(map: &Map<&[u8]>, q: &str) -> Vec<u64> {
        let aut = Dfa::new(q, 1).unwrap();
        let mut s = map.search(&aut).into_stream();
        let mut out = vec![];
        while let Some((_, v)) = s.next() {
            out.push(v);
        }
        out
    }

    /// `near1` sorts values to put keys in order, and reads values off the
    /// reversed FST as if from the forward one.
    #[test]
    fn values_ascend_with_keys_and_are_the_same_backwards() {
        let map = Map::new(super::super::SUGGEST).unwrap();
        let rev = reversed().unwrap();
        let mut s = map.stream();
        let mut last = None;
        let mut n = 0;
        while let Some((k, v)) = s.next() {
            assert!(last.is_none_or(|l| l < v), "{k:?}");
            last = Some(v);
            n += 1;
            if n % 13 == 0 {
                let back: String = std::str::from_utf8(k).unwrap().chars().rev().collect();
                assert_eq!(rev.get(back.as_bytes()).map(|o| o.value()), Some(v));
            }
        }
        assert_eq!(rev.len(), map.len());
    }

    /// Queries: misspellings of every 97th key (and of every key with a
    /// char outside ASCII) by each kind of edit, and those keys themselves.
    #[test]
    fn same_keys_as_the_automaton() {
        let map = Map::new(super::super::SUGGEST).unwrap();
        let mut keys = vec![];
        let mut s = map.stream();
        while let Some((k, _)) = s.next() {
            keys.push(String::from_utf8(k.to_vec()).unwrap());
        }
        let mut queries: Vec<String> = ["", "a", "x", "é", "ab", "teh", "qzxjvkwq", "naïve"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for (n, k) in keys.iter().enumerate() {
            if n % 97 != 0 && k.is_ascii() {
                continue;
            }
            let chars: Vec<char> = k.chars().collect();
            let i = n % chars.len().max(1);
            let edit = |f: &dyn Fn(&mut Vec<char>)| {
                let mut c = chars.clone();
                f(&mut c);
                c.into_iter().collect::<String>()
            };
            queries.push(k.clone());
            queries.push(edit(&|c| {
                c.remove(i);
            }));
            queries.push(edit(&|c| c.insert(i, 'é')));
            queries.push(edit(&|c| c.insert(i, c[i])));
            queries.push(edit(&|c| c[i] = 'x'));
            if i + 1 < chars.len() {
                queries.push(edit(&|c| c.swap(i, i + 1)));
            }
        }
        for q in &queries {
            assert_eq!(near1(map.as_fst(), q), by_automaton(&map, q), "{q}");
        }
    }
}
