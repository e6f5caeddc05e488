//! Building an index's texts and corpus document by document: from a plan
//! in memory, or from a plan file while it is still being parsed.
//!
//! An index built from a file keeps the file's bytes and points into them:
//! a title or sentence that the JSON spells without escapes is the very
//! bytes of the file, so it is not copied. Everything else is copied.

use std::sync::{Arc, mpsc};

use super::corpus::{Corpus, room};
use super::texts::{Doc, Outline, Span, Texts};
use crate::plan::load::validate_items;
use crate::plan::outline::area_items;
use crate::plan::stream::{StreamedArea, stream_areas};
use crate::plan::{Item, ItemKind, Plan};

/// The streamed index of `source`, or None when anything is amiss.
pub(crate) fn stream_index(source: &[u8]) -> Option<IndexBuilder> {
    // Checked whole, with SIMD, rather than string by string as serde_json
    // checks a byte slice: a sixth of the parse.
    let text = simdutf8::basic::from_utf8(source).ok()?;
    // Room for what a plan of Chinese sentences needs (a char takes three
    // bytes of JSON, a document more than 64); more grows as needed.
    let mut builder = IndexBuilder::borrowing(source, source.len() / 64, 0, source.len() / 3);
    let (areas, received) = mpsc::channel::<StreamedArea>();
    std::thread::scope(|scope| {
        // No thread to be had: the caller falls back to one.
        let worker = std::thread::Builder::new().spawn_scoped(scope, move || {
            let (mut valid, mut last_line) = (true, 0);
            for (a, area) in received.iter().enumerate() {
                let items = || area_items(a, &area);
                valid = valid && validate_items(items, 0, "").is_ok();
                for item in items() {
                    last_line = last_line.max(item.line);
                    builder.push(item);
                }
            }
            valid.then_some((builder, last_line))
        });
        let worker = worker.ok()?;
        let parsed = stream_areas(text, |area| {
            // A send fails only once the worker has stopped.
            let _ = areas.send(area);
        });
        drop(areas);
        let (builder, last_line) = worker.join().ok()??;
        let source_lines = parsed.ok()?;
        (source_lines == 0 || last_line <= source_lines).then_some(builder)
    })
}

/// How many documents, bytes of ids and texts, and chars of texts some
/// plans hold: what an index of them needs room for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    pub docs: usize,
    pub bytes: usize,
    pub chars: usize,
}

impl std::ops::Add for Sizes {
    type Output = Sizes;
    fn add(self, other: Sizes) -> Sizes {
        Sizes {
            docs: self.docs + other.docs,
            bytes: self.bytes + other.bytes,
            chars: self.chars + other.chars,
        }
    }
}

impl Sizes {
    /// A guess at the sizes of a plan file of `len` bytes: half its bytes
    /// are texts, of three bytes a char, in documents of some 60 chars
    /// (and their JSON).
    pub fn of_json(len: usize) -> Sizes {
        Sizes {
            docs: len / 180,
            bytes: len / 2,
            chars: len / 6,
        }
    }

    /// The sizes of `items`.
    pub fn of<'a>(items: impl Iterator<Item = Item<'a>>) -> Sizes {
        items.fold(Sizes::default(), |s, item| Sizes {
            docs: s.docs + 1,
            bytes: s.bytes + item.id.len() + item.text.len(),
            chars: s.chars + item.text.chars().count(),
        })
    }
}

/// An index under construction.
#[derive(Debug)]
pub(crate) struct IndexBuilder {
    /// Where the source bytes are, to tell a text borrowed from them.
    base: usize,
    len: usize,
    /// How many documents are in.
    docs: usize,
    /// None when the texts will be read from a shared plan, whose outline
    /// is kept instead.
    spans: Option<Vec<Span>>,
    outline: Outline,
    copied: String,
    corpus: Corpus,
    /// The number the next project of the last commitment gets.
    project: usize,
}

impl IndexBuilder {
    /// A builder for items whose texts may borrow from `source`, with room
    /// for `docs` documents, `copied` bytes of copied text and `chars` chars
    /// (growing past any of them is fine). [`finish`](Self::finish) it.
    pub(crate) fn borrowing(
        source: &[u8],
        docs: usize,
        copied: usize,
        chars: usize,
    ) -> IndexBuilder {
        IndexBuilder {
            base: source.as_ptr() as usize,
            len: source.len(),
            ..IndexBuilder::copying(docs, copied, chars)
        }
    }

    /// A builder that copies every text. [`finish_copied`](Self::finish_copied) it.
    pub(crate) fn copying(docs: usize, copied: usize, chars: usize) -> IndexBuilder {
        let mut text = String::new();
        let _ = text.try_reserve_exact(copied);
        IndexBuilder {
            // No text lies at address 0, so every text is copied.
            base: 0,
            len: 0,
            spans: Some(room(docs)),
            copied: text,
            ..IndexBuilder::shared(docs, chars)
        }
    }

    /// A builder that keeps no texts: they will be read from the plan the
    /// items come from. [`finish_shared`](Self::finish_shared) it.
    pub(crate) fn shared(docs: usize, chars: usize) -> IndexBuilder {
        IndexBuilder {
            base: 0,
            len: 0,
            docs: 0,
            spans: None,
            outline: Outline::default(),
            copied: String::new(),
            corpus: Corpus::with_capacity(docs, chars),
            project: 0,
        }
    }

    /// The range of `text`: in the source when it lies there, else copied.
    fn place(&mut self, text: &str) -> (usize, usize) {
        let at = (text.as_ptr() as usize).wrapping_sub(self.base);
        if at <= self.len && text.len() <= self.len - at {
            return (at, at + text.len());
        }
        let start = self.len + self.copied.len();
        self.copied.push_str(text);
        (start, start + text.len())
    }

    /// Adds the next document.
    pub(crate) fn push(&mut self, item: Item<'_>) {
        // A project follows its commitment and the commitment's earlier
        // projects.
        let project = match item.kind {
            ItemKind::Project => {
                self.project += 1;
                Some(self.project - 1)
            }
            _ => {
                self.project = 0;
                None
            }
        };
        let at = Doc {
            target: item.target,
            project,
        };
        if self.spans.is_some() {
            let span = Span {
                at,
                id: self.place(item.id),
                text: self.place(item.text),
                line: item.line,
            };
            if let Some(spans) = &mut self.spans {
                spans.push(span);
            }
        } else {
            self.outline.push(self.docs, item.target);
        }
        self.docs += 1;
        self.corpus.push(item.text);
    }

    /// How many documents are in.
    pub(crate) fn docs(&self) -> usize {
        self.docs
    }

    pub(crate) fn corpus_mut(&mut self) -> &mut Corpus {
        &mut self.corpus
    }

    /// Copies `texts` in whole, for documents that [`push_placed`](Self::push_placed)
    /// will point into them: where they start.
    pub(crate) fn copy_texts(&mut self, texts: &str) -> usize {
        let start = self.len + self.copied.len();
        self.copied.push_str(texts);
        start
    }

    /// Adds the next document of a [`copying`](Self::copying) builder: its
    /// place, its id's and text's ranges (from [`copy_texts`](Self::copy_texts)),
    /// its line, and what pushes its text's char ids (interned in this
    /// builder's corpus) and its bloom there.
    pub(crate) fn push_placed(
        &mut self,
        at: Doc,
        (id, text): ((usize, usize), (usize, usize)),
        line: usize,
        push_ids: impl FnOnce(&mut Corpus),
    ) {
        if let Some(spans) = &mut self.spans {
            spans.push(Span { at, id, text, line });
        }
        self.project = 0;
        self.docs += 1;
        push_ids(&mut self.corpus);
    }

    /// The index of a [`copying`](Self::copying) builder.
    pub(crate) fn finish_copied(self) -> (Texts, Corpus) {
        self.finish_with(Vec::new())
    }

    /// The index of a [`shared`](Self::shared) builder, reading its texts
    /// from `plan`, which must be the plan whose items it was given.
    pub(crate) fn finish_shared(self, plan: Arc<Plan>) -> (Texts, Corpus) {
        let texts = Texts::Plan {
            plan,
            outline: self.outline,
        };
        (texts, self.corpus.built())
    }

    /// The index of a [`borrowing`](Self::borrowing) builder, keeping
    /// `source`; hands `source` back when it is not the bytes the builder
    /// was made for.
    pub(crate) fn finish(self, source: Vec<u8>) -> Result<(Texts, Corpus), Vec<u8>> {
        if source.as_ptr() as usize != self.base || source.len() != self.len {
            return Err(source);
        }
        Ok(self.finish_with(source))
    }

    fn finish_with(self, source: Vec<u8>) -> (Texts, Corpus) {
        let texts = Texts::Spans {
            source,
            copied: self.copied,
            spans: self.spans.unwrap_or_default(),
        };
        (texts, self.corpus.built())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::plan::load::parse_plan;
    use crate::plan::{ItemKind, ItemRef};
    use crate::search::{SearchIndex, from_plan_json};

    type Owned = (ItemRef, ItemKind, String, String, usize);

    /// Every document of `index`: its place, kind, id, text and line.
    pub(in crate::search) fn docs(index: &SearchIndex) -> Vec<Owned> {
        (0..index.len())
            .filter_map(|d| index.doc(d))
            .map(|i| (i.target, i.kind, i.id.into(), i.text.into(), i.line))
            .collect()
    }

    /// The streamed index and the index of the parsed plan: the same
    /// documents, or the same error.
    fn agree(bytes: &[u8]) -> Result<usize, String> {
        let streamed = from_plan_json(bytes.to_vec(), "p.json").map(|i| docs(&i));
        let parsed = parse_plan(bytes, "p.json").map(|p| docs(&SearchIndex::new(&p)));
        let streamed = streamed.map_err(|e| e.to_string());
        let parsed = parsed.map_err(|e| e.to_string());
        assert_eq!(streamed, parsed, "on {}", String::from_utf8_lossy(bytes));
        streamed.map(|docs| docs.len())
    }

    /// Each edit (`from` replaced by `to`, once) of `plan` is rejected by
    /// both paths, alike.
    fn both_reject(plan: &str, edits: &[(&str, &str)]) {
        for (from, to) in edits {
            assert!(plan.contains(from), "{from}");
            let bad = plan.replacen(from, to, 1);
            assert!(agree(bad.as_bytes()).is_err(), "accepted {to}");
        }
    }

    const GOOD: &str = r#"{"title": "T", "source": "s.txt", "source_lines": 9,
        "intro": [{"line": 1, "text": "引言"}],
        "areas": [{"id": "1", "title": "区域", "line": 2, "tasks": [
            {"id": "1.1", "title": "任务", "line": 3, "lead": true, "commitments": [
                {"id": "1.1.1", "text": "建成\"泸古高速\"\u6cf8。", "line": 3,
                 "targets": [{"value": 2100, "unit": "亿元", "qualifier": null,
                              "text": "2100亿元", "subject": "总投资", "start": 2}],
                 "projects": ["泸古高速", "\u6cf8州港"]}]}]}]}"#;

    #[test]
    fn a_streamed_index_borrows_plain_texts_and_copies_escaped_ones() {
        assert!(
            stream_index(GOOD.as_bytes()).is_some(),
            "fell back to the slow path"
        );
        assert_eq!(agree(GOOD.as_bytes()), Ok(5));
        let index = from_plan_json(GOOD.as_bytes().to_vec(), "p.json");
        let index = index.unwrap_or_else(|e| panic!("{e}"));
        let texts: Vec<&str> = (0..5)
            .filter_map(|d| index.doc(d))
            .map(|i| i.text)
            .collect();
        assert_eq!(
            texts,
            ["区域", "任务", "建成\"泸古高速\"泸。", "泸古高速", "泸州港"]
        );
        assert_eq!(index.search("泸州港", None).len(), 1);
    }

    #[test]
    fn a_shared_index_reads_the_plan_it_shares() {
        let bytes = crate::plan::load::EMBEDDED_PLAN.as_bytes();
        let plan = parse_plan(bytes, "p.json").unwrap_or_else(|e| panic!("{e}"));
        let plan = std::sync::Arc::new(plan);
        let index = SearchIndex::shared(std::sync::Arc::clone(&plan));
        // Its texts are the plan's own, not copies.
        let first = index.doc(0).map(|d| d.text.as_ptr());
        assert_eq!(first, plan.areas.first().map(|a| a.title.as_ptr()));
        assert_eq!(docs(&index), docs(&SearchIndex::new(&plan)));
        // Projects are read from their commitment, by number.
        let good = parse_plan(GOOD.as_bytes(), "p.json").unwrap_or_else(|e| panic!("{e}"));
        let good = std::sync::Arc::new(good);
        let index = SearchIndex::shared(std::sync::Arc::clone(&good));
        assert_eq!(docs(&index), docs(&SearchIndex::new(&good)));
        assert_eq!(index.search("泸州港", None).len(), 1);
        let broken = GOOD.replacen("\"line\": 2", "\"line\": 0", 1);
        let err = from_plan_json(broken.into_bytes(), "p.json").map(|_| ());
        assert_eq!(
            err.map_err(|e| e.to_string()),
            Err("p.json: item 1: line 0 (lines are 1-based)".to_string())
        );
    }

    #[test]
    fn the_embedded_plan_streams_to_the_same_index() {
        let bytes = crate::plan::load::EMBEDDED_PLAN.as_bytes();
        assert!(stream_index(bytes).is_some());
        assert!(agree(bytes).is_ok_and(|n| n > 100));
    }

    #[test]
    fn odd_but_valid_plans_index_the_same() {
        // source_lines after the areas it bounds; a plan written as an array
        // (which the stream leaves to the slow path).
        let without = GOOD.replace("\"source_lines\": 9,", "");
        let late = without
            .strip_suffix('}')
            .map(|s| format!("{s}, \"source_lines\": 9}}"));
        let late = late.unwrap_or_default();
        assert!(late.ends_with("]}]}]}], \"source_lines\": 9}"), "{late}");
        assert_eq!(agree(late.as_bytes()), Ok(5));
        let beyond = late.replacen("\"line\": 2", "\"line\": 10", 1);
        assert!(agree(beyond.as_bytes()).is_err_and(|e| e.contains("beyond")));
        let array =
            r#"["T", "s.txt", null, 0, [], [{"id": "1", "title": "A", "line": 1, "tasks": []}]]"#;
        assert!(stream_index(array.as_bytes()).is_none());
        assert_eq!(agree(array.as_bytes()), Ok(1));
    }

    #[test]
    fn a_streamed_index_rejects_what_the_plan_rejects_with_the_same_error() {
        let cases: &[(&str, &str)] = &[
            ("\"title\": \"T\"", "\"title\": 7"),
            ("\"value\": 2100", "\"value\": \"2100\""),
            ("\"qualifier\": null", "\"qualifier\": 1"),
            ("\"subject\": \"总投资\"", "\"subject\": []"),
            ("\"start\": 2", "\"start\": -2"),
            ("\"text\": \"引言\"", "\"text\": false"),
            ("\"lead\": true", "\"lead\": \"yes\""),
            ("[\"泸古高速\", \"\\u6cf8州港\"]", "[\"泸古高速\", 3]"),
            ("\"id\": \"1.1\"", "\"id\": \"1.2\""),
            ("\"id\": \"1.1.1\"", "\"id\": \"1.1\""),
            ("\"line\": 3,\n", "\"line\": 0,\n"),
            ("\"line\": 2", "\"line\": 10"),
            ("\"title\": \"任务\"", "\"title\": \" \""),
            ("\"source\": \"s.txt\",", "\"source\": \"s.txt\""),
            ("\"areas\": [", "\"zones\": ["),
            ("\"title\": \"T\",", "\"title\": \"T\", \"title\": \"U\","),
            ("]}]}]}", "]}]}]} x"),
        ];
        both_reject(GOOD, cases);
        let mut broken = GOOD.as_bytes().to_vec();
        let at = GOOD.find("区域").unwrap_or(0);
        broken[at] = 0xFF;
        assert!(agree(&broken).is_err());
    }

    #[test]
    fn kinds_parts_years_ranges_and_asides_are_checked_alike_on_both_paths() {
        let with = GOOD
            .replacen("\"source_lines\": 9,", "\"year\": 2026, \"source_lines\": 9,", 1)
            .replacen(
                "\"line\": 2, \"tasks\"",
                "\"line\": 2, \"kind\": \"review\", \"part\": \"一、回顾\", \"tasks\"",
                1,
            )
            .replacen("\"qualifier\": null", "\"value_max\": 2200, \"qualifier\": null", 1)
            .replacen(
                "\"intro\": [",
                "\"asides\": [{\"line\": 9, \"text\": \"2026-02-03\"}], \"closing\": [], \"intro\": [",
                1,
            );
        assert_eq!(agree(with.as_bytes()), Ok(5));
        let cases = [
            ("\"kind\": \"review\"", "\"kind\": \"past\""),
            ("\"year\": 2026", "\"year\": \"2026\""),
            ("\"year\": 2026", "\"year\": -1"),
            ("\"value_max\": 2200", "\"value_max\": \"x\""),
            ("\"part\": \"一、回顾\"", "\"part\": 3"),
            ("\"text\": \"2026-02-03\"", "\"text\": 1"),
            ("\"closing\": []", "\"closing\": {}"),
        ];
        both_reject(&with, &cases);
    }

    proptest::proptest! {
        /// Random edits of a valid plan (a cut, an insertion, a swapped
        /// byte): both paths agree on every one, plan or error.
        #[test]
        fn both_paths_agree_on_edited_plans(
            at in 0usize..1000,
            len in 0usize..8,
            insert in "[\\[\\]{}\",: 0-9a-z\u{6cf8}\u{00ff}]{0,4}",
            byte in proptest::num::u8::ANY,
        ) {
            for bytes in crate::plan::chunks::tests::edited(GOOD.as_bytes(), at, len, &insert, byte) {
                let _ = agree(&bytes);
            }
        }
    }
}
