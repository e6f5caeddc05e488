//! Reading and writing the files a user keeps. Every write goes through
//! [`write_atomic`], and every read of a report or plan through
//! [`read_limited`], so that no caller can truncate a kept file or read an
//! unbounded stream into memory.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

/// How much of a report or a plan file is read by default: far above any real
/// report (a national one is well under 1 MiB) and any plan of 100,000
/// commitments (about 22 MiB), yet small enough that a mistaken `/dev/zero`
/// stops at once.
pub const DEFAULT_MAX_SIZE: u64 = 256 * 1024 * 1024;

/// Why a file could not be read whole.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("larger than the {limit}-byte limit (raise it with --max-size)")]
    TooLarge { limit: u64 },
}

/// Reads a file whole, but never more than `limit` bytes: a larger file, a
/// device or an endless pipe is refused as soon as the limit is passed.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = File::open(path)?;
    let hint = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map_or(0, |m| m.len());
    if hint > limit {
        return Err(ReadError::TooLarge { limit });
    }
    read_to_limit(file, limit, hint)
}

/// Reads a stream to its end, refusing it once it passes `limit` bytes.
pub fn read_to_limit(reader: impl Read, limit: u64, size_hint: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    // The hint saves regrowing the buffer; it is capped so that a lying
    // length cannot reserve more than the limit allows.
    bytes
        .try_reserve(size_hint.min(limit) as usize)
        .map_err(io::Error::other)?;
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Writes a file atomically: the content goes to a temporary file in the same
/// folder, which is flushed to disk and then renamed over `path`, and the
/// folder is synced. Readers see the old file or the new one, never a torn
/// one; if `write` fails, or the process dies, the old file is untouched and
/// the temporary file is removed (or, after a kill, left under a hidden
/// `.tmp` name that nothing reads).
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".plan-explorer-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Flushes a folder's entries, so that a rename survives a power cut.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(dir.path()), ["plan.json"]);
    }

    #[test]
    fn a_failing_write_keeps_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        std::fs::write(&path, "the old plan").unwrap();
        let result = write_atomic(&path, |w| {
            w.write_all(b"half of a new")?;
            Err(io::Error::other("disk full"))
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old plan");
        assert_eq!(entries(dir.path()), ["plan.json"]);
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let endless = io::repeat(0);
        let err = read_to_limit(endless, 1000, 0).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { limit: 1000 }), "{err}");
        let exact = read_to_limit(&[7u8; 1000][..], 1000, 1000).unwrap();
        assert_eq!(exact.len(), 1000);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'x'; 4096]).unwrap();
        assert!(matches!(
            read_limited(&path, 4095),
            Err(ReadError::TooLarge { limit: 4095 })
        ));
        assert_eq!(read_limited(&path, 4096).unwrap().len(), 4096);
    }
}
