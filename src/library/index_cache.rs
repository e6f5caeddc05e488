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
//!
//! Entries made during a search are not held in memory until it is saved:
//! each is written as it is made to a spill file beside the cache, one
//! with no name (it is gone once closed, or should the process die), and
//! read back from there, one at a time, when the cache is written. For a
//! library of a thousand plans they come to tens of megabytes, as much as
//! the rest of a first search takes.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::store::cache_folder;

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
/// is missing or unreadable has no entries. With it, the entries made since
/// it was opened, kept to be saved.
#[derive(Debug, Default)]
pub(crate) struct IndexCache {
    path: PathBuf,
    /// Per plan hash, where its entry is.
    entries: HashMap<u128, (u64, u64)>,
    made: Mutex<Spill>,
}

/// Entries made, written out as they come: the spill file (None until the
/// first entry, and for good once it cannot be made or written), its
/// length, and per plan hash where its entry is in it.
#[derive(Debug, Default)]
struct Spill {
    file: Option<File>,
    failed: bool,
    end: u64,
    at: HashMap<u128, (u64, u64)>,
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
        IndexCache {
            path,
            entries,
            made: Mutex::default(),
        }
    }

    /// Keeps `made`, the entries of plans indexed from their files (each
    /// named by its plan's content hash), to be saved: written to the spill
    /// file at once, so the caller need not hold them. An entry that cannot
    /// be written there is dropped (and made again next time).
    pub(crate) fn keep(&self, made: Vec<(u128, Vec<u8>)>) {
        if made.is_empty() {
            return;
        }
        let mut spill = self.made.lock().unwrap_or_else(PoisonError::into_inner);
        if spill.file.is_none() && !spill.failed {
            spill.file = self.spill_file();
            spill.failed = spill.file.is_none();
        }
        for (hash, entry) in made {
            if spill.at.contains_key(&hash) {
                continue;
            }
            let Some(file) = spill.file.as_mut() else {
                return;
            };
            if file.write_all(&entry).is_err() {
                (spill.file, spill.failed) = (None, true);
                spill.at.clear();
                return;
            }
            let (offset, len) = (spill.end, entry.len() as u64);
            spill.at.insert(hash, (offset, len));
            spill.end += len;
        }
    }

    /// A new spill file in the cache's folder (made if need be, within a
    /// library folder that exists): where the cache is to be written, so
    /// a library that cannot hold a cache holds no spill file either.
    fn spill_file(&self) -> Option<File> {
        if !cache_folder(&self.path) {
            return None;
        }
        tempfile::tempfile_in(self.path.parent()?).ok()
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
    /// in order; duplicates once): each from those kept (see
    /// [`keep`](Self::keep)) or else from this cache. Writes nothing when
    /// that is what the cache already holds; a cache that cannot be written
    /// is simply rebuilt next time.
    pub(crate) fn save(&self, hashes: &[u128]) {
        let mut spill = self.made.lock().unwrap_or_else(PoisonError::into_inner);
        let mut kept: Vec<(u128, Source)> = Vec::with_capacity(hashes.len());
        let mut seen = std::collections::HashSet::new();
        for &hash in hashes {
            if !seen.insert(hash) {
                continue;
            }
            if let Some(&(offset, len)) = spill.at.get(&hash) {
                kept.push((hash, Source::Fresh(offset, len)));
            } else if let Some(&(_, len)) = self.entries.get(&hash) {
                kept.push((hash, Source::Old(len)));
            }
        }
        let unchanged = kept.iter().all(|(_, s)| matches!(s, Source::Old(..)))
            && kept.len() == self.entries.len();
        if unchanged {
            return;
        }
        if !cache_folder(&self.path) {
            return;
        }
        let made = spill.file.as_mut();
        let _ = crate::files::write_atomic(&self.path, |out| self.write(&kept, made, out));
    }

    /// Writes the cache of the entries `kept`, those made read back from
    /// the spill file `made`.
    fn write(
        &self,
        kept: &[(u128, Source)],
        mut made: Option<&mut File>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
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
        let mut buffer = Vec::new();
        for (hash, source) in kept {
            match source {
                Source::Fresh(offset, len) => {
                    let file = made
                        .as_deref_mut()
                        .ok_or_else(|| io::Error::other("no spill"))?;
                    file.seek(SeekFrom::Start(*offset))?;
                    buffer.clear();
                    buffer.try_reserve_exact(usize::try_from(*len).map_err(io::Error::other)?)?;
                    file.take(*len).read_to_end(&mut buffer)?;
                    if buffer.len() as u64 != *len {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                    out.write_all(&buffer)?;
                }
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
enum Source {
    /// Made in this run: at this offset in the spill file, of this length.
    Fresh(u64, u64),
    /// In the cache as it was, of this length.
    Old(u64),
}

impl Source {
    fn len(&self) -> u64 {
        match self {
            Source::Fresh(_, len) | Source::Old(len) => *len,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The file the cache of `entries` is, as its layout has it: header,
    /// directory, then the entries in order.
    fn laid_out(entries: &[(u128, &[u8])]) -> Vec<u8> {
        let mut dir = Vec::new();
        let mut offset = (HEADER + entries.len() * DIR_ENTRY) as u64;
        for (hash, entry) in entries {
            dir.extend_from_slice(&hash.to_le_bytes());
            dir.extend_from_slice(&offset.to_le_bytes());
            dir.extend_from_slice(&(entry.len() as u64).to_le_bytes());
            offset += entry.len() as u64;
        }
        let mut file = MAGIC.to_vec();
        file.extend_from_slice(&VERSION.to_le_bytes());
        file.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        file.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&dir).to_le_bytes());
        file.extend_from_slice(&dir);
        for (_, entry) in entries {
            file.extend_from_slice(entry);
        }
        file
    }

    fn kept(entries: &[(u128, &str)]) -> Vec<(u128, Vec<u8>)> {
        let entries = entries.iter().map(|(h, e)| (*h, e.as_bytes().to_vec()));
        entries.collect()
    }

    #[test]
    fn entries_kept_as_made_are_saved_once_each_in_the_plans_order() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join(CACHE_FILE);
        let cache = IndexCache::open(dir.path());
        // Kept out of order, in batches, one twice, one of no plan searched.
        cache.keep(kept(&[(3, "three"), (1, "one")]));
        cache.keep(Vec::new());
        cache.keep(kept(&[(2, "two!"), (1, "one"), (9, "nine")]));
        cache.save(&[1, 2, 3, 1]);
        let saved = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        let entries: [(u128, &[u8]); 3] = [(1, b"one"), (2, b"two!"), (3, b"three")];
        assert_eq!(saved, laid_out(&entries));
        // The spill file leaves nothing behind.
        let files = std::fs::read_dir(path.parent().unwrap_or(dir.path()));
        assert_eq!(files.map(Iterator::count).ok(), Some(1));
        // Opened again: its entries read back, and kept with new ones.
        let again = IndexCache::open(dir.path());
        let mut reader = again.reader();
        assert_eq!(reader.read(2).as_deref(), Some(&b"two!"[..]));
        assert_eq!(reader.read(9), None);
        again.keep(kept(&[(4, "four")]));
        again.save(&[3, 4]);
        let saved = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(saved, laid_out(&[(3, b"three"), (4, b"four")]));
    }

    #[test]
    fn a_library_that_cannot_hold_a_cache_keeps_no_entries() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join(".cache"), "in the way").unwrap_or_else(|e| panic!("{e}"));
        let cache = IndexCache::open(dir.path());
        cache.keep(kept(&[(1, "one")]));
        let spill = cache.made.lock().unwrap_or_else(PoisonError::into_inner);
        assert!(spill.failed && spill.at.is_empty());
        drop(spill);
        cache.save(&[1]);
        let left = std::fs::read(dir.path().join(".cache")).ok();
        assert_eq!(left.as_deref(), Some(&b"in the way"[..]));
        // A library folder that does not exist is not made.
        let gone = dir.path().join("gone");
        let cache = IndexCache::open(&gone);
        cache.keep(kept(&[(1, "one")]));
        cache.save(&[1]);
        assert!(!gone.exists());
    }
}
