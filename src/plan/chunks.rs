//! Reading a large plan file a chunk at a time, parsing each area as soon
//! as it is whole, on two threads, so that the file's bytes and the plan
//! built from them are never all in memory at once.
//!
//! A plan of 100,000 commitments is 28 MB of JSON and a 35 MB [`Plan`]:
//! read whole, the two peak together. Read in chunks, the peak is the plan
//! and a few chunks.
//!
//! The reader only splits the file: a scanner finds the elements of the
//! top-level `"areas"` array, each is parsed on its own as an [`Area`], and
//! everything else (the plan without its areas) is parsed as a [`Plan`].
//! The result is the very plan that parsing the whole file gives. Anything
//! the scanner does not expect makes it give up, and the caller then reads
//! the file whole, as before, which also explains any fault.

use std::fs::File;
use std::io::Read;
use std::ops::Range;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::{Mutex, mpsc};

use super::model::{Area, Plan};

/// Smaller files are read whole: they parse in a few milliseconds, less than
/// starting the threads would cost.
const MIN_BYTES: u64 = 1 << 20;

/// How much is read at a time.
const CHUNK: usize = 1 << 16;

/// Areas are handed to the parsing threads in batches of about this many
/// bytes.
const BATCH: usize = 1 << 16;

/// Batches waiting for a parsing thread, at most: the reader waits beyond.
const QUEUED: usize = 1;

/// Deeper nesting than this gives up. serde_json refuses documents nested
/// more than 128 deep, and an area parsed on its own starts two levels
/// higher than in the file: below this, both agree.
const MAX_DEPTH: usize = 100;

/// The plan in the regular file at `path`, read in chunks, or None when the
/// file is not a regular file of at most `max_size` bytes, cannot be read,
/// or is anything but a well-formed plan (validation is the caller's).
pub(super) fn read_plan(path: &Path, max_size: u64) -> Option<Plan> {
    let mut file = File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() < MIN_BYTES || meta.len() > max_size {
        return None;
    }
    read_plan_from(&mut file, max_size, CHUNK)
}

/// [`read_plan`] over any reader, `chunk` bytes at a time.
pub(super) fn read_plan_from(reader: &mut impl Read, max_size: u64, chunk: usize) -> Option<Plan> {
    let (batches, queue) = mpsc::sync_channel::<Batch>(QUEUED);
    let queue = Mutex::new(queue);
    let (parsed, results) = mpsc::channel::<Option<(usize, Vec<Area>)>>();
    // Batch buffers come back to the reader to be filled again: a fresh one
    // per batch left freed buffers waiting for the allocator to reuse them.
    let (spare, spares) = mpsc::channel::<Vec<u8>>();
    let (split, count) = std::thread::scope(|scope| {
        // A worker takes batches until the reader is done, whatever becomes
        // of one, so the reader never waits on a full queue for nobody.
        let work = || {
            loop {
                // The lock is held only to take the next batch.
                let next = queue.lock().ok().and_then(|q| q.recv().ok());
                let Some(mut batch) = next else { break };
                let areas = std::panic::catch_unwind(AssertUnwindSafe(|| batch.parse()));
                let _ = parsed.send(areas.ok().flatten());
                let _ = spare.send(std::mem::take(&mut batch.bytes));
            }
        };
        let workers = (0..2)
            .filter(|_| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, work)
                    .is_ok()
            })
            .count();
        let mut splitter = Splitter::new(reader, max_size, chunk, spares);
        let split = if workers == 0 {
            None
        } else {
            splitter.run(&batches)
        };
        drop(batches);
        (split, splitter.sent)
    });
    drop(parsed);
    let shell = split?;
    let mut parts: Vec<Option<Vec<Area>>> = (0..count).map(|_| None).collect();
    for result in results.iter() {
        let (seq, areas) = result?;
        *parts.get_mut(seq)? = Some(areas);
    }
    let mut plan: Plan = serde_json::from_str(simdutf8::basic::from_utf8(&shell).ok()?).ok()?;
    if !plan.areas.is_empty() {
        // The areas array was not split off (its key was spelt with
        // escapes): the shell held the whole plan.
        return (count == 0).then_some(plan);
    }
    let total = parts.iter().flatten().map(Vec::len).sum();
    let mut areas = Vec::with_capacity(total);
    for part in parts {
        areas.extend(part?);
    }
    plan.areas = areas;
    Some(plan)
}

/// Areas to parse: their bytes, the range of each, and where they stand.
struct Batch {
    seq: usize,
    bytes: Vec<u8>,
    areas: Vec<Range<usize>>,
}

impl Batch {
    fn parse(&self) -> Option<(usize, Vec<Area>)> {
        let text = simdutf8::basic::from_utf8(&self.bytes).ok()?;
        let mut areas = Vec::with_capacity(self.areas.len());
        for range in &self.areas {
            areas.push(serde_json::from_str::<Area>(text.get(range.clone())?).ok()?);
        }
        Some((self.seq, areas))
    }
}

/// Where the scanner stands in the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the areas array: the bytes go to the shell.
    Before,
    /// Within the areas array, expecting an area (or its end, at the start).
    AreaNext { first: bool },
    /// Within an area.
    InArea,
    /// After an area: expecting a comma or the end of the array.
    AfterArea,
    /// After the areas array: the bytes go to the shell.
    After,
}

/// Reads the file and splits it into the shell (the plan without its
/// areas) and batches of areas.
struct Splitter<'r, R> {
    reader: &'r mut R,
    limit: u64,
    chunk: usize,
    total: u64,
    /// Bytes read and not yet handed on: to the shell, or in a batch.
    pending: Vec<u8>,
    /// How far `pending` is scanned.
    at: usize,
    shell: Vec<u8>,
    place: Place,
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// Whether the root was seen, and is an object, and whether the next
    /// string at depth 1 is a key; where the key being read starts.
    root_seen: bool,
    object: bool,
    expect_key: bool,
    key_open: bool,
    key_start: usize,
    /// The last key at depth 1 was `"areas"`, and its colon was seen.
    areas_key: bool,
    areas_colon: bool,
    area_start: usize,
    /// Areas in `pending`, scanned whole.
    areas: Vec<Range<usize>>,
    sent: usize,
    /// Buffers of parsed batches, to fill again.
    spares: mpsc::Receiver<Vec<u8>>,
}

impl<'r, R: Read> Splitter<'r, R> {
    fn new(reader: &'r mut R, limit: u64, chunk: usize, spares: mpsc::Receiver<Vec<u8>>) -> Self {
        Splitter {
            reader,
            limit,
            chunk: chunk.max(1),
            total: 0,
            pending: Vec::new(),
            at: 0,
            shell: Vec::new(),
            place: Place::Before,
            depth: 0,
            in_string: false,
            escaped: false,
            root_seen: false,
            object: false,
            expect_key: false,
            key_open: false,
            key_start: 0,
            areas_key: false,
            areas_colon: false,
            area_start: 0,
            areas: Vec::new(),
            sent: 0,
            spares,
        }
    }

    /// Reads to the end, sending batches; returns the shell.
    fn run(&mut self, batches: &mpsc::SyncSender<Batch>) -> Option<Vec<u8>> {
        loop {
            let read = self.read()?;
            self.scan()?;
            let after = self.place == Place::After;
            if read == 0 || after || self.areas_bytes() >= BATCH {
                self.send(batches)?;
            }
            if after || self.place == Place::Before {
                // Up to the key being read, if any: it is compared whole.
                let cut = if self.key_open {
                    self.key_start
                } else {
                    self.at
                };
                self.shell.extend_from_slice(&self.pending[..cut]);
                self.pending.drain(..cut);
                self.at -= cut;
                self.key_start = self.key_start.saturating_sub(cut);
            }
            if read == 0 {
                break;
            }
        }
        let complete = self.place == Place::After && !self.in_string && self.depth == 0;
        let root_only = self.place == Place::Before;
        (complete || root_only).then(|| std::mem::take(&mut self.shell))
    }

    /// Appends the next chunk to `pending`; 0 at the end of the file.
    fn read(&mut self) -> Option<usize> {
        // The buffer grows only while an area is larger than it: reading
        // into the room it has, it keeps its block from chunk to chunk.
        if self.pending.capacity() - self.pending.len() < self.chunk {
            self.pending.try_reserve(self.chunk).ok()?;
        }
        let room = self.pending.capacity() - self.pending.len();
        let read = self
            .reader
            .by_ref()
            .take(room as u64)
            .read_to_end(&mut self.pending)
            .ok()?;
        if self.total == 0 && self.pending.starts_with(BOM) {
            // As the whole-file reader does: the mark becomes whitespace.
            self.pending[..BOM.len()].fill(b' ');
        }
        self.total += read as u64;
        (self.total <= self.limit).then_some(read)
    }

    fn areas_bytes(&self) -> usize {
        self.areas.last().map_or(0, |r| r.end)
    }

    /// Hands the scanned areas on, keeping the rest of `pending`.
    fn send(&mut self, batches: &mpsc::SyncSender<Batch>) -> Option<()> {
        if self.areas.is_empty() {
            return Some(());
        }
        let end = self.areas_bytes();
        let mut bytes = self.spares.try_recv().unwrap_or_default();
        bytes.clear();
        bytes.try_reserve_exact(end).ok()?;
        bytes.extend_from_slice(&self.pending[..end]);
        self.pending.drain(..end);
        self.at -= end;
        self.area_start = self.area_start.saturating_sub(end);
        let batch = Batch {
            seq: self.sent,
            bytes,
            areas: std::mem::take(&mut self.areas),
        };
        self.sent += 1;
        batches.send(batch).ok()
    }

    /// Scans `pending` from `at` to its end; None when the text is not what
    /// a plan file holds.
    fn scan(&mut self) -> Option<()> {
        while self.at < self.pending.len() {
            if self.in_string {
                self.scan_string();
                continue;
            }
            let b = self.pending[self.at];
            let i = self.at;
            self.at += 1;
            // JSON's whitespace, which is not Rust's: a form feed is none.
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                continue;
            }
            match self.place {
                Place::AreaNext { first } => match b {
                    b'{' | b'[' => {
                        self.area_start = i;
                        self.place = Place::InArea;
                        self.open()?;
                    }
                    b']' if first => self.close_areas(i),
                    _ => return None,
                },
                Place::AfterArea => match b {
                    b',' => self.place = Place::AreaNext { first: false },
                    b']' => self.close_areas(i),
                    _ => return None,
                },
                Place::InArea => match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.open()?,
                    b'}' | b']' => {
                        self.depth = self.depth.checked_sub(1)?;
                        if self.depth == 2 {
                            self.areas.push(self.area_start..i + 1);
                            self.place = Place::AfterArea;
                        }
                    }
                    _ => {}
                },
                Place::Before | Place::After => self.shell_byte(b, i)?,
            }
        }
        Some(())
    }

    /// Past string bytes, to the closing quote or the end of `pending`.
    fn scan_string(&mut self) {
        let rest = &self.pending[self.at..];
        if self.escaped {
            self.escaped = false;
            self.at += 1;
            return;
        }
        match memchr::memchr2(b'"', b'\\', rest) {
            None => self.at = self.pending.len(),
            Some(j) => {
                self.at += j + 1;
                if rest[j] == b'\\' {
                    self.escaped = true;
                } else {
                    self.in_string = false;
                    self.end_string();
                }
            }
        }
    }

    /// A string just closed: note whether it was the key `"areas"`.
    fn end_string(&mut self) {
        if self.key_open {
            self.key_open = false;
            self.areas_key = self.pending.get(self.key_start..self.at) == Some(b"\"areas\"");
        }
    }

    /// A byte outside the areas array, outside any string.
    fn shell_byte(&mut self, b: u8, i: usize) -> Option<()> {
        if !self.root_seen {
            self.root_seen = true;
            self.object = b == b'{';
        }
        let key_level = self.object && self.depth == 1 && self.place == Place::Before;
        if key_level && !matches!(b, b':' | b'[') {
            // Only `"areas"`, a colon and a bracket, in that order, open the
            // areas array.
            self.areas_colon = false;
        }
        match b {
            b'"' => {
                self.in_string = true;
                if key_level && self.expect_key {
                    self.key_open = true;
                    self.key_start = i;
                }
            }
            b':' if key_level => {
                self.areas_colon = self.areas_key && self.expect_key;
                self.expect_key = false;
            }
            b',' if key_level => {
                self.expect_key = true;
                self.areas_key = false;
            }
            b'[' if key_level && self.areas_colon => {
                self.depth += 1;
                self.place = Place::AreaNext { first: true };
                // The shell keeps the opening bracket; its areas array is
                // empty.
                self.shell.extend_from_slice(&self.pending[..=i]);
                self.pending.drain(..=i);
                self.at = 0;
            }
            b'{' | b'[' => {
                if self.depth == 0 && b == b'{' && self.place == Place::Before {
                    self.expect_key = true;
                }
                self.open()?;
            }
            b'}' | b']' => self.depth = self.depth.checked_sub(1)?,
            _ => {}
        }
        Some(())
    }

    fn open(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// The areas array closes at `i`: the shell gets its closing bracket.
    fn close_areas(&mut self, i: usize) {
        self.depth -= 1;
        self.place = Place::After;
        // Between the last area and the bracket is whitespace: dropped, so
        // that `pending` holds areas, then the shell's bytes from the
        // bracket on.
        let start = self.areas_bytes();
        self.pending.drain(start..i);
        self.at = start + 1;
    }
}

const BOM: &[u8] = "\u{feff}".as_bytes();

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The plan serde makes of the whole text, unvalidated.
    fn whole(bytes: &[u8]) -> Option<Plan> {
        let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        serde_json::from_slice(bytes).ok()
    }

    /// Read in chunks of each size, `bytes` give what the whole-file parse
    /// gives, or nothing (the caller then reads the file whole); returns
    /// how many sizes split it.
    fn agree(bytes: &[u8]) -> usize {
        let mut split = 0;
        for chunk in [1, 2, 3, 7, 64, 1000, 1 << 20] {
            let chunked = read_plan_from(&mut &bytes[..], u64::MAX, chunk);
            if let Some(plan) = chunked {
                assert_eq!(Some(&plan), whole(bytes).as_ref(), "chunk {chunk}");
                split += 1;
            }
        }
        split
    }

    const GOOD: &str = r#"{"title": "T", "source": "s.txt", "source_lines": 9,
        "intro": [{"line": 1, "text": "引言"}],
        "areas": [{"id": "1", "title": "区域", "line": 2, "tasks": [
            {"id": "1.1", "title": "任务", "line": 3, "lead": true, "commitments": [
                {"id": "1.1.1", "text": "建成\"泸古高速\"\u6cf8。", "line": 3,
                 "targets": [{"value": 2100, "unit": "亿元", "qualifier": null,
                              "text": "2100亿元", "subject": "总投资", "start": 2}],
                 "projects": ["泸古高速", "\u6cf8州港"]}]}]},
            {"id": "2", "title": "[区域]{二}", "line": 4, "tasks": []}]}"#;

    #[test]
    fn plans_read_in_chunks_are_the_plans_read_whole() {
        assert_eq!(agree(GOOD.as_bytes()), 7);
        let embedded = super::super::load::EMBEDDED_PLAN.as_bytes();
        assert_eq!(agree(embedded), 7);
        let plan = whole(embedded).unwrap_or_else(|| panic!("the embedded plan parses"));
        let big = crate::synth::synthetic_plan(&plan, 3000, 2);
        let json = serde_json::to_vec(&big).unwrap_or_default();
        let read = read_plan_from(&mut &json[..], u64::MAX, 4096);
        assert_eq!(read.as_ref(), Some(&big));
        let pretty = serde_json::to_vec_pretty(&big).unwrap_or_default();
        assert_eq!(read_plan_from(&mut &pretty[..], u64::MAX, 777), Some(big));
    }

    #[test]
    fn odd_but_valid_plans_read_the_same() {
        let bom = format!("\u{feff}{GOOD}");
        let late =
            GOOD.replace("\"source_lines\": 9,", "")
                .replacen('{', "{\"source_lines\": 9, ", 1);
        let after = GOOD.replacen("\"title\": \"T\", ", "", 1).replacen(
            "\"areas\"",
            "\"title\": \"T\", \"areas\"",
            1,
        );
        let empty = r#"{"title": "T", "source": "s", "intro": [], "areas": [ ]}"#;
        let escaped_key = GOOD.replacen("\"areas\"", "\"are\\u0061s\"", 1);
        let array =
            r#"["T", "s.txt", null, 0, [], [{"id": "1", "title": "A", "line": 1, "tasks": []}]]"#;
        let area_as_array = r#"{"title": "T", "source": "s", "intro": [], "areas": [["1", "A", 1, "plan", null, []]]}"#;
        let unknown = GOOD.replacen(
            "\"intro\"",
            "\"extra\": {\"areas\": [1, {\"a\": \"]\"}]}, \"intro\"",
            1,
        );
        for text in [
            &bom,
            &late,
            &after,
            empty,
            &escaped_key,
            array,
            area_as_array,
            &unknown,
        ] {
            assert!(whole(text.as_bytes()).is_some(), "{text}");
            assert!(agree(text.as_bytes()) > 0, "never split: {text}");
        }
    }

    #[test]
    fn what_the_whole_parse_rejects_is_never_read_in_chunks() {
        let cases: &[(&str, &str)] = &[
            ("}]}]},", "}]}]}"),
            ("}]}]},", "}]}]},,"),
            ("\"areas\": [", "\"areas\": [,"),
            ("\"tasks\": []}]}", "\"tasks\": []},]}"),
            ("\"tasks\": []}]}", "\"tasks\": []}]}}"),
            ("\"tasks\": []}]}", "\"tasks\": []}]} x"),
            ("\"tasks\": []}]}", "\"tasks\": []}], \"areas\": []}"),
            ("\"areas\": [", "\"areas\": [7, "),
            ("\"areas\": [", "\"areas\": [\"x\", "),
            ("\"areas\": [", "\"areas\": {} ["),
            ("\"title\": \"T\"", "\"title\": 7"),
            ("\"line\": 4", "\"line\": \"4\""),
            ("\"line\": 4", "\"line\": 4, \"x\": \"\\q\""),
            ("引言", "引言\u{1}"),
            // A form feed is whitespace to Rust, not to JSON.
            ("}]}]},", "}]}]}\u{c},"),
            ("\"areas\": [", "\"areas\": [\u{c}"),
        ];
        for (from, to) in cases {
            assert!(GOOD.contains(from), "{from}");
            let bad = GOOD.replacen(from, to, 1);
            assert!(whole(bad.as_bytes()).is_none(), "{bad}");
            assert_eq!(agree(bad.as_bytes()), 0, "{bad}");
        }
        let deep = GOOD.replacen(
            "\"lead\": true",
            &format!(
                "\"x\": {}{}, \"lead\": true",
                "[".repeat(130),
                "]".repeat(130)
            ),
            1,
        );
        assert_eq!(agree(deep.as_bytes()), 0);
        let truncated = &GOOD.as_bytes()[..GOOD.len() - 3];
        assert_eq!(agree(truncated), 0);
        let mut not_utf8 = GOOD.as_bytes().to_vec();
        let at = GOOD.find("区域").unwrap_or(0);
        not_utf8[at] = 0xFF;
        assert_eq!(agree(&not_utf8), 0);
        assert_eq!(
            read_plan_from(&mut GOOD.as_bytes(), 100, 64),
            None,
            "over the limit"
        );
    }

    /// Two edits of `good` for the property tests of plan readers:
    /// `len` bytes from `at` (wrapped into range) replaced by `insert`, and
    /// the byte at `at` replaced by `byte`.
    pub(crate) fn edited(
        good: &[u8],
        at: usize,
        len: usize,
        insert: &str,
        byte: u8,
    ) -> [Vec<u8>; 2] {
        let at = at % good.len().max(1);
        let end = (at + len).min(good.len());
        let mut cut = good[..at].to_vec();
        cut.extend_from_slice(insert.as_bytes());
        cut.extend_from_slice(&good[end..]);
        let mut swapped = good.to_vec();
        if let Some(b) = swapped.get_mut(at) {
            *b = byte;
        }
        [cut, swapped]
    }

    proptest::proptest! {
        /// Random edits of a valid plan (a cut, an insertion, a swapped
        /// byte), read in small chunks: never a plan the whole parse does
        /// not give.
        #[test]
        fn edited_plans_read_in_chunks_agree(
            at in 0usize..1000,
            len in 0usize..8,
            insert in "[\\[\\]{}\",: 0-9a-z\u{6cf8}\u{00ff}\\\\]{0,4}",
            byte in proptest::num::u8::ANY,
            chunk in 1usize..40,
        ) {
            for bytes in edited(GOOD.as_bytes(), at, len, &insert, byte) {
                if let Some(plan) = read_plan_from(&mut &bytes[..], u64::MAX, chunk) {
                    proptest::prop_assert_eq!(Some(plan), whole(&bytes));
                }
            }
        }
    }
}
