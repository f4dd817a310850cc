//! Writing a fixed file back atomically: a temporary file in the same
//! directory, the owner and mode copied, fsync, then a rename over the
//! file, skipped if the file changed on disk meanwhile. Temporary files are
//! registered while they exist, so that a signal does not leave them behind.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why a fixed file could not be written back.
#[derive(Debug, Error)]
pub enum WriteError {
    /// Not a regular file (a FIFO, a device): never rewritten.
    #[error("not a regular file ({0}); not changed")]
    NotRegular(&'static str),
    /// The file is not writable.
    #[error("file is read-only; not changed")]
    ReadOnlyFile,
    /// The directory is not writable (the temporary file goes there).
    #[error("directory `{0}` is read-only; file not changed")]
    ReadOnlyDir(PathBuf),
    /// Someone changed the file after it was read.
    #[error("file changed on disk since it was read; not overwritten (run again)")]
    Changed,
    /// Another I/O failure.
    #[error("cannot {action}: {message}; file not changed")]
    Io {
        /// What was being done, e.g. "create a temporary file in `docs`".
        action: String,
        /// The system's reason.
        message: String,
    },
}

fn io_err(action: impl Into<String>) -> impl FnOnce(io::Error) -> WriteError {
    let action = action.into();
    move |e| WriteError::Io {
        action,
        message: crate::walk::io_message(&e),
    }
}

/// Replace the contents of `path` with `new`, atomically: write a temporary
/// file in the same directory, copy the permissions, fsync, then rename it
/// over the file. `original` is what the file held when it was read; if it
/// holds something else now, nothing is written ([`WriteError::Changed`]).
///
/// A symbolic link is followed: its target is replaced and the link kept.
/// (A hard link is broken, as with any atomic rename.)
pub fn write_atomic(path: &Path, original: &[u8], new: &[u8]) -> Result<(), WriteError> {
    let target = fs::canonicalize(path).map_err(io_err("resolve the path"))?;
    let meta = fs::metadata(&target).map_err(io_err("read the file's metadata"))?;
    // A FIFO or a device cannot be replaced by a rename, and opening one
    // (the probe below) may wait forever.
    if !meta.is_file() {
        return Err(WriteError::NotRegular(crate::safe_read::kind_of(&meta)));
    }
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnlyFile);
    }
    // The rename needs only a writable directory, so it would replace a file
    // this user may not write (another user's, in a shared directory). Ask
    // the system: opening for writing without truncating changes nothing.
    if let Err(e) = fs::OpenOptions::new().write(true).open(&target) {
        return Err(if e.kind() == io::ErrorKind::PermissionDenied {
            WriteError::ReadOnlyFile
        } else {
            io_err("open the file for writing")(e)
        });
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir_meta = fs::metadata(&dir).map_err(io_err("read the directory's metadata"))?;
    if dir_meta.permissions().readonly() {
        return Err(WriteError::ReadOnlyDir(dir));
    }
    // Made and registered under one lock, so a signal handler that takes
    // the lock sees every temporary file there is ([`remove_temp_files_on_signals`]).
    // (`tmp` is declared last, so dropped first: removed, then unregistered.)
    let (_registered, mut tmp) = {
        let mut live = live_temp_files();
        let tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(&dir)
            .map_err(|e| {
                if e.kind() == io::ErrorKind::PermissionDenied {
                    WriteError::ReadOnlyDir(dir.clone())
                } else {
                    io_err(format!("create a temporary file in `{}`", dir.display()))(e)
                }
            })?;
        live.push(tmp.path().to_path_buf());
        let registered = Registered(tmp.path().to_path_buf());
        (registered, tmp)
    };
    tmp.write_all(new)
        .map_err(io_err("write the temporary file"))?;
    test_pause();
    // Owner first: a change of owner clears the setuid and setgid bits
    // (for root too), which the mode then puts back.
    keep_owner(tmp.as_file(), &meta);
    tmp.as_file()
        .set_permissions(meta.permissions())
        .map_err(io_err("copy the file's permissions"))?;
    tmp.as_file()
        .sync_all()
        .map_err(io_err("sync the temporary file"))?;
    // Last moment before the rename: is the file still what we read?
    let limit = original.len() as u64;
    let now = match crate::safe_read::read_regular(&target, limit) {
        Ok(now) => now,
        Err(crate::safe_read::ReadError::Io(e)) => return Err(io_err("re-read the file")(e)),
        // Longer than it was, or no longer a file: not what was fixed.
        Err(_) => return Err(WriteError::Changed),
    };
    if now != original {
        return Err(WriteError::Changed);
    }
    tmp.persist(&target)
        .map_err(|e| io_err("replace the file")(e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Temporary files are named `.copyedit-XXXXXX.tmp` (see [`is_temp_file`]).
const TEMP_PREFIX: &str = ".copyedit-";
const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is that of one of `fix`'s temporary files (which a
/// directory walk passes over).
pub fn is_temp_file(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with(TEMP_PREFIX) && n.ends_with(TEMP_SUFFIX))
}

/// The temporary files that exist now (made, not yet renamed or removed).
static LIVE_TEMP_FILES: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn live_temp_files() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE_TEMP_FILES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A registered temporary file, unregistered when dropped (after the
/// file is renamed or removed).
struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        live_temp_files().retain(|p| p != &self.0);
    }
}

/// On SIGINT, SIGTERM or SIGHUP, remove every temporary file
/// [`write_atomic`] has made and not yet renamed, then die of the signal as
/// the default action would. Call once, before writing. (Files already
/// renamed are complete: the rename is atomic.)
#[cfg(unix)]
pub fn remove_temp_files_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("copyedit-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // The lock is kept to the end: no temporary file is made
                // after these are removed.
                let live = live_temp_files();
                for p in live.iter() {
                    let _ = fs::remove_file(p);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Elsewhere, temporary files are removed as they are dropped.
#[cfg(not(unix))]
pub fn remove_temp_files_on_signals() -> io::Result<()> {
    Ok(())
}

/// Debug builds only: wait `COPYEDIT_TEST_PAUSE_MS` milliseconds while the
/// temporary file exists, so a test can signal the process at that moment.
fn test_pause() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("COPYEDIT_TEST_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(unix)]
fn keep_owner(file: &fs::File, meta: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Best effort: only root can give a file away; otherwise the owner is
    // already the writer.
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_file: &fs::File, _meta: &fs::Metadata) {}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Make the rename itself durable; a failure here cannot be undone.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_keeps_permissions_and_refuses_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        fs::write(&p, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, b"old", b"new").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert!(matches!(
            write_atomic(&p, b"old", b"newer"),
            Err(WriteError::Changed)
        ));
        assert_eq!(fs::read(&p).unwrap(), b"new");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }
}
