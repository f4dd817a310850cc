//! Bytes → text: UTF-8 only, with a clear reason when a file is not text.

// This module handles raw input: no unchecked indexing or string slicing
// (see docs/robustness.md).
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

use thiserror::Error;

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

/// Why a file's bytes could not be checked as text.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The file contains a NUL byte: almost certainly binary.
    #[error("binary file (NUL byte at offset {offset})")]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// UTF-16 text, which copyedit does not read.
    #[error("UTF-16 text ({0} byte-order mark); only UTF-8 is supported")]
    Utf16(&'static str),
    /// UTF-32 text, which copyedit does not read.
    #[error("UTF-32 text ({0} byte-order mark); only UTF-8 is supported")]
    Utf32(&'static str),
    /// Not valid UTF-8.
    #[error("invalid UTF-8 at byte {offset} (line {line})")]
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
}

/// Decoded text and what was stripped from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text after any BOM. All spans index into this.
    pub text: String,
    /// Whether the file started with a UTF-8 BOM (kept when writing back).
    pub bom: bool,
}

/// Decode file contents as UTF-8, remembering and removing a BOM.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    // UTF-32's little-endian mark begins with UTF-16's: test it first.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Err(DecodeError::Utf32("little-endian"));
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(DecodeError::Utf32("big-endian"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(DecodeError::Utf16("little-endian"));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::Utf16("big-endian"));
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(DecodeError::Binary { offset });
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            let bom = text.starts_with(BOM);
            if bom {
                text.drain(..BOM.len());
            }
            Ok(Decoded { text, bom })
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = 1 + bytes
                .get(..offset)
                .map_or(0, |b| memchr::memchr_iter(b'\n', b).count());
            Err(DecodeError::InvalidUtf8 { offset, line })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_and_remembers_bom() {
        let d = decode(b"\xEF\xBB\xBFhello".to_vec()).unwrap();
        assert_eq!(d.text, "hello");
        assert!(d.bom);
        let d = decode(b"hello".to_vec()).unwrap();
        assert!(!d.bom);
    }

    #[test]
    fn rejects_binary_and_bad_utf8() {
        assert_eq!(
            decode(b"ab\0cd".to_vec()),
            Err(DecodeError::Binary { offset: 2 })
        );
        assert_eq!(
            decode(b"ok\nbad \xC3\x28".to_vec()),
            Err(DecodeError::InvalidUtf8 { offset: 7, line: 2 })
        );
        assert!(matches!(
            decode(b"\xFF\xFEh\0i\0".to_vec()),
            Err(DecodeError::Utf16(_))
        ));
        assert_eq!(
            decode(b"\xFF\xFE\0\0h\0\0\0".to_vec()),
            Err(DecodeError::Utf32("little-endian"))
        );
        assert_eq!(
            decode(b"\0\0\xFE\xFF\0\0\0h".to_vec()),
            Err(DecodeError::Utf32("big-endian"))
        );
    }
}
