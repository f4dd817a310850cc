//! Code outside backticks: a code-shaped chunk of tokens (`snake_case`,
//! `foo()`, `--dry-run`, `java.util.List`) merged into one `Code` token.

use std::ops::Range;

use super::{Token, TokenKind};

/// Operators that stand alone between spaces in code (`a != b`,
/// `x := 1`, `a ?? b`): a chunk that is exactly one of them is code.
const OPERATORS: &[&str] = &[
    "!=", "==", "===", "!==", ":=", "->", "=>", "<-", "<=", ">=", "::", "&&", "||", "??", "?.",
    "+=", "-=", "*=", "/=", "|=", "&=", "^=", "%=", "<<", ">>", "..=", "**", "++", "--=",
];

/// Replace each code-shaped chunk among `out[from..]` (the tokens of one
/// prose piece) with one [`TokenKind::Code`] token; what counts as code is
/// [`is_code_shaped`]'s. A chunk is a run of tokens with no white space
/// between them; opening brackets and quotes before it and sentence marks,
/// quotes and unmatched closing brackets after it stay tokens of their own.
pub(super) fn merge_code(text: &str, out: &mut Vec<Token>, from: usize) {
    // Found first, without moving a token: most pieces hold no code.
    let mut merges: Vec<Range<usize>> = Vec::new();
    let toks = out.get(from..).unwrap_or_default();
    let mut i = 0;
    while i < toks.len() {
        let start = i;
        while toks.get(i).is_some_and(|t| !t.is_space()) {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        // A word and a mark (`end.`), the commonest chunk of two tokens,
        // cannot be code (`??` can); a single token is whatever it already is.
        let chunk = toks.get(start..i).unwrap_or_default();
        if chunk.len() < 2
            || (chunk.len() == 2
                && chunk.first().is_some_and(|t| t.kind != TokenKind::Punct)
                && chunk
                    .get(1)
                    .is_some_and(|t| t.kind == TokenKind::Punct && is_trailing_mark(t.text(text))))
        {
            continue;
        }
        if let Some(core) = code_core(text, chunk) {
            merges.push(from + start + core.start..from + start + core.end);
        }
    }
    if merges.is_empty() {
        return;
    }
    let tail = out.split_off(from);
    let mut next = merges.iter().peekable();
    let mut k = from;
    let mut iter = tail.into_iter();
    while let Some(tok) = iter.next() {
        match next.peek() {
            Some(m) if m.start == k => {
                let mut span = tok.span.clone();
                for _ in m.start + 1..m.end {
                    if let Some(t) = iter.next() {
                        span.end = t.span.end;
                    }
                }
                k = m.end;
                next.next();
                out.push(Token {
                    kind: TokenKind::Code,
                    span,
                    flags: 0,
                });
            }
            _ => {
                out.push(tok);
                k += 1;
            }
        }
    }
}

/// Whether `t` (one character) may close a sentence or a quotation after a
/// chunk.
fn is_trailing_mark(t: &str) -> bool {
    matches!(
        t,
        "." | "," | ";" | ":" | "!" | "?" | "\"" | "'" | "”" | "’" | "»" | "*"
    )
}

/// The tokens of `chunk` that make code, if they do: the chunk without
/// its opening brackets and quotes and its closing marks.
fn code_core(text: &str, chunk: &[Token]) -> Option<Range<usize>> {
    let whole = text.get(chunk.first()?.span.start..chunk.last()?.span.end)?;
    if OPERATORS.contains(&whole) {
        return Some(0..chunk.len());
    }
    let punct = |t: &Token| (t.kind == TokenKind::Punct).then(|| t.text(text));
    let mut a = 0;
    while chunk
        .get(a)
        .and_then(punct)
        .is_some_and(|p| matches!(p, "(" | "[" | "{" | "\"" | "'" | "“" | "‘" | "«" | "*"))
    {
        a += 1;
    }
    let mut b = chunk.len();
    // Brackets and quotes of `chunk[a..b]`, counted once and kept up to
    // date as marks are taken off the end (a run of `)` is linear).
    let mut counts = [0usize; 128];
    for &x in text
        .get(chunk.get(a)?.span.start..chunk.get(b - 1)?.span.end)
        .unwrap_or_default()
        .as_bytes()
    {
        if let Some(n) = counts.get_mut(usize::from(x)) {
            *n += 1;
        }
    }
    while b > a {
        let Some(p) = chunk.get(b - 1).and_then(punct) else {
            break;
        };
        let last = p.bytes().next().filter(|_| p.len() == 1);
        // Counts of the marks before the last one.
        let count =
            |c: u8| counts.get(usize::from(c)).copied().unwrap_or(0) - usize::from(last == Some(c));
        let strip = match p {
            // A quote that closes one opened inside stays: `title="a.ts"`.
            "\"" | "'" => count(p.as_bytes().first().copied().unwrap_or(b'"')) % 2 == 0,
            _ => is_trailing_mark(p),
        } || (p == ")" && count(b'(') < count(b')') + 1)
            || (p == "]" && count(b'[') < count(b']') + 1)
            || (p == "}" && count(b'{') < count(b'}') + 1);
        if !strip {
            break;
        }
        if let Some(n) = last.and_then(|c| counts.get_mut(usize::from(c))) {
            *n -= 1;
        }
        b -= 1;
    }
    // A bracket the core does not close (or open) is prose's:
    // `:::tip[Framework` is code up to the `[`, `f(x_y` after the `(`.
    let mut stack: Vec<usize> = Vec::new();
    let mut unmatched: Vec<usize> = Vec::new();
    for k in a..b {
        match chunk.get(k).and_then(punct) {
            Some("(" | "[" | "{") => stack.push(k),
            Some(c @ (")" | "]" | "}")) => {
                let open = match c {
                    ")" => "(",
                    "]" => "[",
                    _ => "{",
                };
                if stack.last().and_then(|&o| chunk.get(o)).and_then(punct) == Some(open) {
                    stack.pop();
                } else {
                    unmatched.push(k);
                }
            }
            _ => {}
        }
    }
    unmatched.extend(stack);
    // An odd `"` is a quotation's: `title="MCP Configuration"`.
    let quotes: Vec<usize> = (a..b)
        .filter(|&k| chunk.get(k).and_then(punct) == Some("\""))
        .collect();
    if quotes.len() % 2 == 1 {
        unmatched.extend(quotes.last());
    }
    unmatched.sort_unstable();
    unmatched.push(b);
    let mut from = a;
    for to in unmatched {
        if to >= from + 2 {
            let core = text.get(chunk.get(from)?.span.start..chunk.get(to - 1)?.span.end)?;
            if is_code_shaped(core) {
                return Some(from..to);
            }
        }
        from = to + 1;
    }
    None
}

/// Whether a chunk of text without white space (its opening brackets and
/// closing marks taken off) is code rather than prose:
///   - `snake_case`, `__init__`; `std::io`; `a->b`, `x=>y`, `x:=1`,
///     `a==b`, `a!=b`, `a<=b`, `a&&b`, `a||b`, `i++`; `key=value`;
///   - `foo()`, `[]byte`, `Vec<T>`, `<T>`;
///   - `--dry-run`, `--out=dir` (`--word` alone is a dash glued to a
///     word), `-v` (a dash and one letter other than `a` and `I`);
///   - `$VAR`, `${x}`, `%s`, `%v` (not `$5`, `50%`);
///   - `@scope/pkg`;
///   - dotted identifiers: `for..of`; three segments or more, two of them
///     longer than a letter (`java.util.List`, `res.lock.Lock`); two
///     segments where one is camel-cased (`strings.TrimSuffix`,
///     `net.Socket` is not: see below), the second is an acronym
///     (`Socket.IO`, `ASP.NET`), or both are lowercase (`window.location`).
///
/// Left as words: abbreviations and initials (`e.g.`, `U.S.`, `a.k.a.`,
/// `Ph.D`), `Node.js`, `Washington.in`, and a lowercase word glued to a
/// capitalised one (`end.Next`, `time.Second`), which may be a missing
/// space: the `missing-space` rule weighs that with the dictionary and
/// the rest of the document. Hyphenated compounds, `and/or` and
/// contractions have no mark that makes code.
fn is_code_shaped(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |i: Option<usize>| {
        i.and_then(|i| b.get(i))
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c >= 0x80)
    };
    // `__init__` (not a blank line `____`); `--dry-run`, `--out=dir` (not
    // `--everyone`, a dash glued to a word in a transcript); `-v`, `-x`
    // (not `-a`, `-I`, `-to`, `-We`).
    let flag_tail = |r: &str| {
        r.bytes()
            .all(|c| c.is_ascii_lowercase() || c == b'-' || c == b'=')
            && r.contains(['-', '='])
    };
    if (s.starts_with("__") && alnum(Some(2)))
        || s.strip_prefix("--")
            .is_some_and(|r| alnum(Some(2)) && flag_tail(r))
    {
        return true;
    }
    if let Some(rest) = s.strip_prefix('-') {
        if rest.len() == 1
            && rest
                .bytes()
                .all(|c| c.is_ascii_alphabetic() && !matches!(c, b'a' | b'A' | b'I'))
        {
            return true;
        }
    }
    if s.starts_with('@') && s.contains('/') {
        return true;
    }
    // Found once: a search per `<` would be quadratic on `<a<a<a…`.
    let last_gt = b.iter().rposition(|&c| c == b'>');
    for (i, &c) in b.iter().enumerate() {
        let next = b.get(i + 1).copied();
        let before = i.checked_sub(1);
        let hit = match c {
            b'_' => alnum(before) && alnum(Some(i + 1)),
            b':' => next == Some(b':') || next == Some(b'='),
            b'-' => next == Some(b'>'),
            b'=' => {
                matches!(next, Some(b'>' | b'='))
                    || (alnum(before) && (alnum(Some(i + 1)) || matches!(next, Some(b'"' | b'\''))))
            }
            b'!' | b'>' => next == Some(b'=') && i > 0,
            b'<' => {
                (next == Some(b'=') && i > 0)
                    || (alnum(Some(i + 1))
                        && (alnum(before) || i == 0)
                        && last_gt.is_some_and(|g| g > i))
            }
            b'&' => next == Some(b'&'),
            b'|' => next == Some(b'|'),
            b'+' => next == Some(b'+') && alnum(before),
            b'(' => next == Some(b')'),
            b'[' => next == Some(b']'),
            b'$' => {
                !alnum(before)
                    && next
                        .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, b'{' | b'(' | b'_'))
            }
            b'%' => {
                before
                    .and_then(|j| b.get(j))
                    .is_none_or(|p| !p.is_ascii_digit())
                    && next.is_some_and(|n| b"sdvwqxXfgtTpqe".contains(&n))
                    && !alnum(Some(i + 2))
            }
            _ => false,
        };
        if hit {
            return true;
        }
    }
    // `strings.TrimSuffix(s)`: the name before a call.
    dotted(s.split('(').next().unwrap_or(s))
}

/// Whether `s` is a dotted identifier (see [`is_code_shaped`]).
fn dotted(s: &str) -> bool {
    if !s.contains('.') {
        return false;
    }
    if s.contains("..") {
        return !s.contains("...")
            && s.split("..").count() == 2
            && s.split("..")
                .all(|p| p.chars().next().is_some_and(char::is_alphanumeric));
    }
    let segments: Vec<&str> = s.split('.').collect();
    if segments
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_alphanumeric() || c == '_'))
    {
        return false;
    }
    if segments
        .iter()
        .any(|p| p.chars().next().is_some_and(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let long = segments.iter().filter(|p| p.chars().count() > 1).count();
    match segments.as_slice() {
        [l, r] => {
            let camel = |w: &str| {
                w.chars()
                    .zip(w.chars().skip(1))
                    .any(|(x, y)| x.is_lowercase() && y.is_uppercase())
            };
            let lower = |w: &str| w.chars().all(|c| !c.is_uppercase());
            let acronym = r.chars().count() >= 2 && r.chars().all(|c| !c.is_lowercase());
            long >= 1
                && (camel(l)
                    || camel(r)
                    || (acronym && l.chars().count() >= 2)
                    || (lower(l) && lower(r) && long == 2))
        }
        _ => long >= 2,
    }
}
