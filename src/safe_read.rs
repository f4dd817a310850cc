//! Reading the files copyedit reads besides its inputs (configuration, word
//! files, a file about to be replaced) with the same limits as inputs: only
//! a regular file, and never more than a size limit. A repository may hold
//! a symbolic link to `/dev/zero` or a FIFO under any name (git stores
//! symbolic links), which would otherwise be read until memory runs out or
//! wait forever.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use thiserror::Error;

/// The largest configuration or word file read (bytes).
pub const MAX_CONFIG_SIZE: u64 = 10 << 20;

/// Why a file could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// Not a regular file (after following symbolic links).
    #[error("not a regular file ({0})")]
    NotRegular(&'static str),
    /// Over the limit.
    #[error("file is larger than the limit of {0} bytes")]
    TooLarge(u64),
    /// The system's error.
    #[error("{}", crate::walk::io_message(.0))]
    Io(#[from] io::Error),
}

impl ReadError {
    /// Whether the file does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// What kind of file `meta` describes, for messages.
pub fn kind_of(meta: &fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Open `path` for reading only if it is a regular file: checked before
/// opening (opening a FIFO would wait for a writer) and again on the open
/// file (it may have been swapped in between; on Unix it is opened
/// non-blocking, so even then the open does not wait).
pub fn open_regular(path: &Path) -> Result<fs::File, ReadError> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    Ok(file)
}

/// The bytes of the regular file at `path`, if it holds at most `limit`
/// bytes. Reading stops at the limit plus one byte, so a file that grows
/// while it is read makes no difference.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > limit {
        return Err(ReadError::TooLarge(limit));
    }
    let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(buf)
}

/// [`read_regular`] as UTF-8 text.
pub fn read_regular_to_string(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_regular(path, limit)?;
    String::from_utf8(bytes).map_err(|_| {
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_within_the_limit_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        fs::write(&p, "hello").unwrap();
        assert_eq!(read_regular(&p, 5).unwrap(), b"hello");
        assert!(matches!(read_regular(&p, 4), Err(ReadError::TooLarge(4))));
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(ReadError::NotRegular("a directory"))
        ));
        assert!(read_regular(&dir.path().join("missing"), 9)
            .unwrap_err()
            .is_not_found());
        #[cfg(unix)]
        {
            let err = read_regular(Path::new("/dev/zero"), 100).unwrap_err();
            assert_eq!(err.to_string(), "not a regular file (a character device)");
        }
    }
}
