//! The suggestion caches: one per thread, and one shared by every thread.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::dictionary::{Dictionary, Lang};

use super::rank::rank;
use super::Suggestions;

thread_local! {
    static CACHE: RefCell<HashMap<(Lang, String), Suggestions>> = RefCell::new(HashMap::new());
}

/// Upper bound of cached words per thread before the cache is cleared.
const CACHE_LIMIT: usize = 50_000;

/// Suggestions shared by every thread: a thread that has not ranked a word
/// yet takes another thread's answer instead of ranking it again.
static SHARED_CACHE: std::sync::Mutex<Option<HashMap<(Lang, String), Suggestions>>> =
    std::sync::Mutex::new(None);

/// Ranked suggestions for `word` (as written in the text), cached.
pub fn suggest(dict: &Dictionary, lang: Lang, word: &str) -> Suggestions {
    let key = (lang, word.to_string());
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let shared = SHARED_CACHE
        .lock()
        .ok()
        .and_then(|g| g.as_ref().and_then(|m| m.get(&key).cloned()));
    let result = match shared {
        Some(hit) => hit,
        None => {
            let result = rank(dict, word, true);
            if let Ok(mut g) = SHARED_CACHE.lock() {
                let m = g.get_or_insert_with(HashMap::new);
                if m.len() >= CACHE_LIMIT {
                    m.clear();
                }
                m.insert(key.clone(), result.clone());
            }
            result
        }
    };
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(key, result.clone());
    });
    result
}
