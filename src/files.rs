//! Reading and writing the files a user keeps. Every write goes through
//! [`write_atomic`], and every read of a report or plan through
//! [`read_limited`], so that no caller can truncate a kept file or read an
//! unbounded stream into memory.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// How much of a report or a plan file is read by default: far above any real
/// report (a national one is well under 1 MiB) and any plan of 100,000
/// commitments (about 22 MiB), yet small enough that a mistaken `/dev/zero`
/// stops at once.
pub const DEFAULT_MAX_SIZE: u64 = 256 * 1024 * 1024;

/// [`DEFAULT_MAX_SIZE`] as `--max-size` writes it.
pub const DEFAULT_MAX_SIZE_TEXT: &str = "256M";

/// Why a file could not be read whole.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("larger than the limit of {} (raise it with --max-size)", format_size(*limit))]
    TooLarge { limit: u64 },
}

/// A size for people: whole KiB, MiB or GiB when it is one, else bytes.
pub fn format_size(bytes: u64) -> String {
    for (unit, size) in [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
        if bytes >= size && bytes.is_multiple_of(size) {
            return format!("{} {unit}", bytes / size);
        }
    }
    format!("{bytes} bytes")
}

/// Reads a size such as `300M`, `1G`, `64KiB` or `1048576`: bytes, or
/// K, M, G (with or without `B` or `iB`) for powers of 1024.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size: write bytes, or a number with K, M or G"))?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        _ if unit.starts_with(['.', ',']) => {
            return Err(format!(
                "`{text}` is not a whole number: use a smaller unit (1536K, not 1.5M)"
            ));
        }
        _ => return Err(format!("`{text}` has an unknown unit: use K, M or G")),
    };
    let bytes = number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))?;
    if bytes == 0 {
        return Err("the size must be at least 1 byte".to_string());
    }
    Ok(bytes)
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
///
/// The bytes are read in chunks and joined at the end, rather than into one
/// buffer that doubles: an endless stream then costs the limit and no more,
/// where doubling (and the allocator keeping the buffers it outgrew) cost
/// more than twice that. A file whose length is known is read in one chunk
/// of that length and not copied.
pub fn read_to_limit(
    mut reader: impl Read,
    limit: u64,
    size_hint: u64,
) -> Result<Vec<u8>, ReadError> {
    const SMALLEST: u64 = 64 * 1024;
    const LARGEST: u64 = 16 * 1024 * 1024;
    // One byte past the limit tells a stream of exactly `limit` bytes from
    // a longer one.
    let most = limit.saturating_add(1);
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    let mut total: u64 = 0;
    loop {
        let want = match chunks.len() {
            0 => size_hint.saturating_add(1).max(SMALLEST),
            _ => total.clamp(SMALLEST, LARGEST),
        }
        .min(most - total);
        let mut chunk = Vec::new();
        chunk
            .try_reserve_exact(usize::try_from(want).unwrap_or(usize::MAX))
            .map_err(io::Error::other)?;
        let read = reader.by_ref().take(want).read_to_end(&mut chunk)?;
        if read == 0 {
            break;
        }
        total += read as u64;
        if total > limit {
            return Err(ReadError::TooLarge { limit });
        }
        chunks.push(chunk);
    }
    if chunks.len() == 1 {
        return Ok(chunks.pop().unwrap_or_default());
    }
    Ok(chunks.concat())
}

/// Writes a file atomically: the content goes to a temporary file in the same
/// folder, which is flushed to disk and then renamed over `path`, and the
/// folder is synced. Readers see the old file or the new one, never a torn
/// one; if `write` fails, or the process dies, the old file is untouched and
/// the temporary file is removed (or, after a kill, left under a hidden
/// `.tmp` name that nothing reads).
///
/// A symbolic link is followed, so the file it names is replaced and the
/// link kept. A file that is replaced keeps its permissions; a new one gets
/// the usual ones (0666 less the umask). A path that is not a regular file,
/// such as `/dev/null` or a named pipe, is written in place, as a rename over
/// it would replace the device or pipe itself.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let path = resolve_links(path)?;
    let existing = std::fs::metadata(&path).ok();
    if let Some(meta) = &existing
        && !meta.is_file()
    {
        return write_in_place(&path, write);
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".plan-explorer-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(os_error)?;
    if let Some(meta) = &existing {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    temp.as_file().sync_all()?;
    temp.persist(&path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// tempfile's error names its temporary file (`… at path "/dir/.plan-
/// explorer-1t0OCI.tmp"`), which the user never named: keep the operating
/// system's words, as the caller names the file the user gave. (The inner
/// error is private to tempfile, so its text is cut.)
fn os_error(error: io::Error) -> io::Error {
    let text = error.to_string();
    match text.split_once(" at path ") {
        Some((os, _)) => io::Error::new(error.kind(), os.to_string()),
        None => error,
    }
}

/// Follows symbolic links to the path they end at; a link to a file that
/// does not exist yet resolves to where that file would be.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // As many hops as the kernel allows before it reports a loop.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Writes to a device or pipe as it is, since it cannot be replaced.
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let file = std::fs::OpenOptions::new().write(true).open(path)?;
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    out.flush()
}

/// True when both paths name one existing file, through links or not.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(a), Ok(b)) => {
            use std::os::unix::fs::MetadataExt;
            (a.dev(), a.ino()) == (b.dev(), b.ino())
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => a.canonicalize().ok() == b.canonicalize().ok(),
        _ => false,
    }
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
    fn a_stream_read_in_chunks_comes_back_whole() {
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        // A reader that hands out at most 1000 bytes a call, like a pipe.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = buf.len().min(1000).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let read = read_to_limit(Trickle(&data), 300_000, 0).unwrap();
        assert!(read == data, "same bytes, in order");
        let over = read_to_limit(Trickle(&data), 299_999, 0).unwrap_err();
        assert!(matches!(over, ReadError::TooLarge { limit: 299_999 }));
        assert_eq!(
            over.to_string(),
            "larger than the limit of 299999 bytes (raise it with --max-size)"
        );
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

    #[test]
    fn a_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        write_atomic(&link, |w| w.write_all(b"new")).unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_new_one_is_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept.json");
        std::fs::write(&kept, "old").unwrap();
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&kept, |w| w.write_all(b"new")).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&kept), 0o640);
        // tempfile alone would make it 0600; a plan is for others to read too,
        // as far as the umask lets them (group and others read, at 022).
        let new = dir.path().join("new.json");
        write_atomic(&new, |w| w.write_all(b"new")).unwrap();
        let same_as_create = {
            let probe = dir.path().join("probe");
            std::fs::write(&probe, "").unwrap();
            mode(&probe)
        };
        assert_eq!(mode(&new), same_as_create);
    }

    #[test]
    fn a_device_is_written_in_place_not_replaced() {
        write_atomic(Path::new("/dev/null"), |w| w.write_all(b"gone")).unwrap();
        let meta = std::fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file(), "/dev/null is still a device");
    }

    #[test]
    fn sizes_read_and_print_in_binary_units() {
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("64kb"), Ok(64 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("-5M").is_err());
        assert!(parse_size("5 parsecs").is_err());
        assert_eq!(
            parse_size("1.5M"),
            Err("`1.5M` is not a whole number: use a smaller unit (1536K, not 1.5M)".to_string())
        );
        assert!(parse_size("99999999999T").is_err());
        assert_eq!(format_size(DEFAULT_MAX_SIZE), "256 MiB");
        assert_eq!(parse_size(DEFAULT_MAX_SIZE_TEXT), Ok(DEFAULT_MAX_SIZE));
        assert_eq!(format_size(1536), "1536 bytes");
        assert_eq!(format_size(2048), "2 KiB");
    }
}
