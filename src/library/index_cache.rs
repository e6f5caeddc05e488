//! The cache of search indexes: `.cache/search.bin` in the library, one
//! entry per plan (see [`crate::search::StoredPlan`]), found by the content
//! hash (XXH3-128) of the plan's bytes. A plan is looked up by what it holds
//! now, so an entry is never stale; an entry that is missing or does not
//! check out is rebuilt from the plan; deleting the file loses nothing.
//!
//! One file rather than one per plan: a search opens it once, and saving
//! it syncs one file, not a thousand. It starts with a directory of its
//! entries (hash, offset, length) under a checksum of its own; each entry
//! is read where the directory says, and checked on its own. The file is
//! rewritten whole, atomically, when a search made entries it lacked or
//! found entries of plans that are gone.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The cache's file, within the library folder.
const CACHE_FILE: &str = ".cache/search.bin";
const MAGIC: &[u8; 8] = b"PXSEARCH";
/// Bumped whenever the file's layout changes (an entry has its own).
const VERSION: u32 = 1;
/// Magic, version, count, and the directory's checksum.
const HEADER: usize = 8 + 4 + 4 + 8;
/// Hash, offset, length.
const DIR_ENTRY: usize = 16 + 8 + 8;

/// The content hash a cache entry is found by: XXH3-128 of the bytes.
pub(crate) fn content_hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The cache as found on disk: where it is, and its directory. A cache that
/// is missing or unreadable has no entries.
#[derive(Debug, Default)]
pub(crate) struct IndexCache {
    path: PathBuf,
    /// Per plan hash, where its entry is.
    entries: HashMap<u128, (u64, u64)>,
}

impl IndexCache {
    /// The cache of the library in `dir`; empty when it is missing, of
    /// another version, or its directory does not check out.
    pub(crate) fn open(dir: &Path) -> IndexCache {
        let path = dir.join(CACHE_FILE);
        let entries = File::open(&path)
            .ok()
            .and_then(|mut file| directory(&mut file))
            .unwrap_or_default();
        IndexCache { path, entries }
    }

    /// A reader of entries, for one thread. (Should the file be replaced
    /// meanwhile, what it reads is another plan's or no entry: each entry
    /// names its plan's hash, and is checked by whoever reads it.)
    pub(crate) fn reader(&self) -> Reader<'_> {
        let file = (!self.entries.is_empty())
            .then(|| File::open(&self.path).ok())
            .flatten();
        Reader { cache: self, file }
    }

    /// Saves the cache with the entries of `hashes` (the library's plans,
    /// in order; duplicates once): each from `fresh` or else from this
    /// cache. Writes nothing when that is what the cache already holds; a
    /// cache that cannot be written is simply rebuilt next time.
    pub(crate) fn save(&self, dir: &Path, hashes: &[u128], fresh: &HashMap<u128, Vec<u8>>) {
        let mut kept: Vec<(u128, Source)> = Vec::with_capacity(hashes.len());
        let mut seen = std::collections::HashSet::new();
        for &hash in hashes {
            if !seen.insert(hash) {
                continue;
            }
            if let Some(entry) = fresh.get(&hash) {
                kept.push((hash, Source::Fresh(entry)));
            } else if let Some(&(_, len)) = self.entries.get(&hash) {
                kept.push((hash, Source::Old(len)));
            }
        }
        let unchanged = kept.iter().all(|(_, s)| matches!(s, Source::Old(..)))
            && kept.len() == self.entries.len();
        if unchanged {
            return;
        }
        let path = dir.join(CACHE_FILE);
        let Some(folder) = path.parent() else {
            return;
        };
        if !dir.is_dir() || std::fs::create_dir_all(folder).is_err() {
            return;
        }
        let _ = crate::files::write_atomic(&path, |out| self.write(&kept, out));
    }

    fn write(&self, kept: &[(u128, Source)], out: &mut dyn Write) -> io::Result<()> {
        let mut dir = Vec::with_capacity(kept.len() * DIR_ENTRY);
        let mut offset = (HEADER + kept.len() * DIR_ENTRY) as u64;
        for (hash, source) in kept {
            let len = source.len();
            dir.extend_from_slice(&hash.to_le_bytes());
            dir.extend_from_slice(&offset.to_le_bytes());
            dir.extend_from_slice(&len.to_le_bytes());
            offset += len;
        }
        let count = u32::try_from(kept.len()).map_err(io::Error::other)?;
        out.write_all(MAGIC)?;
        out.write_all(&VERSION.to_le_bytes())?;
        out.write_all(&count.to_le_bytes())?;
        out.write_all(&xxhash_rust::xxh3::xxh3_64(&dir).to_le_bytes())?;
        out.write_all(&dir)?;
        let mut old = self.reader();
        for (hash, source) in kept {
            match source {
                Source::Fresh(entry) => out.write_all(entry)?,
                Source::Old(..) => {
                    let entry = old
                        .read(*hash)
                        .ok_or_else(|| io::Error::other("unreadable"))?;
                    out.write_all(&entry)?;
                }
            }
        }
        Ok(())
    }
}

/// Reads entries of the cache.
pub(crate) struct Reader<'a> {
    cache: &'a IndexCache,
    file: Option<File>,
}

impl Reader<'_> {
    /// The entry of the plan whose hash is `hash`; None when there is none
    /// or it cannot be read. (What it holds is checked by whoever reads it.)
    pub(crate) fn read(&mut self, hash: u128) -> Option<Vec<u8>> {
        let &(offset, len) = self.cache.entries.get(&hash)?;
        let file = self.file.as_mut()?;
        file.seek(SeekFrom::Start(offset)).ok()?;
        let mut entry = Vec::new();
        entry.try_reserve_exact(usize::try_from(len).ok()?).ok()?;
        // Read into spare room: nothing is zeroed first.
        file.take(len).read_to_end(&mut entry).ok()?;
        (entry.len() as u64 == len).then_some(entry)
    }
}

/// Where an entry of the cache being saved comes from.
enum Source<'a> {
    Fresh(&'a [u8]),
    /// In the cache as it was, of this length.
    Old(u64),
}

impl Source<'_> {
    fn len(&self) -> u64 {
        match self {
            Source::Fresh(entry) => entry.len() as u64,
            Source::Old(len) => *len,
        }
    }
}

/// The directory of the cache `file`: None unless its magic, version and
/// checksum are right and every entry lies within the file.
fn directory(file: &mut File) -> Option<HashMap<u128, (u64, u64)>> {
    let size = file.metadata().ok()?.len();
    let mut header = [0u8; HEADER];
    file.read_exact(&mut header).ok()?;
    let (magic, rest) = header.split_first_chunk::<8>()?;
    let (version, rest) = rest.split_first_chunk::<4>()?;
    let (count, rest) = rest.split_first_chunk::<4>()?;
    let sum = u64::from_le_bytes(*rest.first_chunk::<8>()?);
    if magic != MAGIC || u32::from_le_bytes(*version) != VERSION {
        return None;
    }
    let count = u32::from_le_bytes(*count) as usize;
    let dir_len = count.checked_mul(DIR_ENTRY)?;
    if (HEADER + dir_len) as u64 > size {
        return None;
    }
    let mut dir = vec![0u8; dir_len];
    file.read_exact(&mut dir).ok()?;
    if xxhash_rust::xxh3::xxh3_64(&dir) != sum {
        return None;
    }
    let mut entries = HashMap::with_capacity(count);
    for row in dir.chunks_exact(DIR_ENTRY) {
        let (hash, rest) = row.split_first_chunk::<16>()?;
        let (offset, rest) = rest.split_first_chunk::<8>()?;
        let len = u64::from_le_bytes(*rest.first_chunk::<8>()?);
        let offset = u64::from_le_bytes(*offset);
        if offset.checked_add(len)? > size {
            return None;
        }
        entries.insert(u128::from_le_bytes(*hash), (offset, len));
    }
    Some(entries)
}
