//! No import circles between the files under src/, directly or through
//! others, and the layering the module docs promise: only the event loop
//! draws, and the plan and search know nothing of the terminal.
//!
//! Each file's imports are read from its source: `use` trees and paths
//! written inline (`crate::…`, `super::…`, `self::…`, or a child module's
//! name), comments and literals left out. A path is followed down the
//! module files to the file that defines the item, through `pub use`
//! re-exports, so naming `crate::plan::Plan` depends on the file that
//! defines `Plan`, not on every file `plan/mod.rs` re-exports. Declaring a
//! child module (`mod x;`) is not an import. Code under `#[cfg(test)]` is
//! left out: a module's tests may drive it through the modules above it,
//! as Cargo lets dev-dependencies form circles that dependencies cannot.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's name, which `src/main.rs` uses as `crate` is used inside.
const CRATE: &str = "plan_explorer";

type ModulePath = Vec<String>;

/// Source text with comments, strings and char literals blanked, so that
/// nothing in them reads as a path.
fn strip(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == '"' || raw_string_at(&chars, i) {
            i = skip_string(&chars, i);
            out.push_str("\"\"");
        } else if c == '\'' {
            // A char literal ('x', '\n', '\'', '\u{7}'), or else a lifetime.
            if chars.get(i + 1) == Some(&'\\') {
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push_str("' '");
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether a raw string (r"…", r#"…"#, br"…") starts at `i`, rather than an
/// identifier that ends in r or a raw identifier (r#type).
fn raw_string_at(chars: &[char], i: usize) -> bool {
    let word = |k: usize| chars[k].is_alphanumeric() || chars[k] == '_';
    let starts = i == 0 || !word(i - 1) || (chars[i - 1] == 'b' && (i < 2 || !word(i - 2)));
    let after = chars[i + 1..].iter().find(|c| **c != '#');
    chars[i] == 'r' && starts && after == Some(&'"')
}

/// Skips a string literal starting at `i` (plain or raw), returning the
/// index after it.
fn skip_string(chars: &[char], mut i: usize) -> usize {
    if chars[i] == 'r' {
        i += 1;
        let mut hashes = 0;
        while chars.get(i) == Some(&'#') {
            hashes += 1;
            i += 1;
        }
        i += 1; // the opening quote
        while i < chars.len() {
            if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                return i + 1 + hashes;
            }
            i += 1;
        }
        return i;
    }
    i += 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    PathSep,
    Punct(char),
}

fn tokens(code: &str) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push(Token::PathSep);
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}

/// A path as written in a file: the inline modules it sits in, and its
/// segments.
#[derive(Debug, Clone)]
struct Written {
    inline: Vec<String>,
    segments: Vec<String>,
}

/// What a file declares and imports.
#[derive(Debug, Default)]
struct FileInfo {
    children: BTreeSet<String>,
    /// Child modules declared under `#[cfg(test)]`.
    test_children: BTreeSet<String>,
    paths: Vec<Written>,
    /// `pub use` paths with the name they export.
    reexports: Vec<(String, Written)>,
}

fn ident(token: Option<&Token>) -> Option<&str> {
    match token {
        Some(Token::Ident(s)) => Some(s),
        _ => None,
    }
}

/// Reads a `use` tree from `i` (just after `use`) to its `;`, adding each
/// full path with the name it brings in.
fn use_tree(
    toks: &[Token],
    mut i: usize,
    prefix: &[String],
    out: &mut Vec<(Vec<String>, String)>,
) -> usize {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(i) {
            Some(Token::Ident(s)) if s == "self" && !path.is_empty() => {
                let name = path.last().cloned().unwrap_or_default();
                i += 1;
                let name = alias(toks, &mut i).unwrap_or(name);
                out.push((path, name));
                return i;
            }
            Some(Token::Ident(s)) => {
                path.push(s.clone());
                i += 1;
                if toks.get(i) == Some(&Token::PathSep) {
                    i += 1;
                    continue;
                }
                let name = alias(toks, &mut i).unwrap_or_else(|| s.clone());
                out.push((path, name));
                return i;
            }
            Some(Token::PathSep) => i += 1,
            Some(Token::Punct('*')) => {
                out.push((path, "*".to_string()));
                return i + 1;
            }
            Some(Token::Punct('{')) => {
                i += 1;
                loop {
                    match toks.get(i) {
                        Some(Token::Punct('}')) => return i + 1,
                        Some(Token::Punct(',')) => i += 1,
                        None => return i,
                        _ => i = use_tree(toks, i, &path, out),
                    }
                }
            }
            _ => return i,
        }
    }
}

/// `as NAME` after a use path, if present.
fn alias(toks: &[Token], i: &mut usize) -> Option<String> {
    if ident(toks.get(*i)) == Some("as") {
        let name = ident(toks.get(*i + 1)).map(str::to_string);
        *i += 2;
        return name;
    }
    None
}

/// Whether `#[cfg(test)]` starts at `i`.
fn cfg_test_at(toks: &[Token], i: usize) -> bool {
    let want = ["#", "[", "cfg", "(", "test", ")", "]"];
    want.iter().enumerate().all(|(k, w)| match toks.get(i + k) {
        Some(Token::Ident(s)) => s == w,
        Some(Token::Punct(c)) => w.len() == 1 && w.starts_with(*c),
        _ => false,
    })
}

/// The index after the item starting at `i`: after its `;`, or after the
/// `}` that closes its first `{`.
fn skip_item(toks: &[Token], mut i: usize) -> usize {
    let mut depth = 0;
    while let Some(t) = toks.get(i) {
        i += 1;
        match t {
            Token::Punct(';') if depth == 0 => return i,
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    i
}

fn read_file_info(source: &str) -> FileInfo {
    let all = tokens(&strip(source));
    let mut info = FileInfo::default();
    // Leave out items under #[cfg(test)], noting test-only child modules.
    let mut toks = Vec::with_capacity(all.len());
    let mut i = 0;
    while i < all.len() {
        if cfg_test_at(&all, i) {
            let item = i + 7;
            if let (Some("mod"), Some(name), Some(Token::Punct(';'))) = (
                ident(all.get(item)),
                ident(all.get(item + 1)),
                all.get(item + 2),
            ) {
                info.test_children.insert(name.to_string());
            }
            i = skip_item(&all, item);
            continue;
        }
        toks.push(all[i].clone());
        i += 1;
    }
    // Declared child modules first: a path may name one before `mod` does.
    for (k, t) in toks.iter().enumerate() {
        if ident(Some(t)) == Some("mod")
            && let (Some(name), Some(Token::Punct(';'))) = (ident(toks.get(k + 1)), toks.get(k + 2))
        {
            info.children.insert(name.to_string());
        }
    }
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        let here = |inline: &[(String, usize)]| inline.iter().map(|(n, _)| n.clone()).collect();
        match &toks[i] {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Token::Ident(s) if s == "mod" => {
                if let (Some(name), Some(Token::Punct('{'))) =
                    (ident(toks.get(i + 1)), toks.get(i + 2))
                {
                    inline.push((name.to_string(), depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Token::Ident(s) if s == "use" => {
                let public = i > 0 && ident(toks.get(i - 1)) == Some("pub")
                    || matches!(toks.get(i.wrapping_sub(1)), Some(Token::Punct(')')));
                let mut used = Vec::new();
                i = use_tree(&toks, i + 1, &[], &mut used);
                for (segments, name) in used {
                    let written = Written {
                        inline: here(&inline),
                        segments,
                    };
                    if public && inline.is_empty() {
                        info.reexports.push((name, written.clone()));
                    }
                    info.paths.push(written);
                }
                continue;
            }
            Token::Ident(s) if toks.get(i + 1) == Some(&Token::PathSep) => {
                let after_sep = i > 0 && toks[i - 1] == Token::PathSep;
                let rooted = ["crate", "self", "super", CRATE].contains(&s.as_str())
                    || info.children.contains(s);
                if rooted && !after_sep {
                    let mut segments = vec![s.clone()];
                    let mut k = i + 1;
                    while toks.get(k) == Some(&Token::PathSep) {
                        match ident(toks.get(k + 1)) {
                            Some(next) => segments.push(next.to_string()),
                            None => break,
                        }
                        k += 2;
                    }
                    info.paths.push(Written {
                        inline: here(&inline),
                        segments,
                    });
                    i = k;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    info
}

/// The crate: each module file's path and what it holds.
struct Crate {
    files: BTreeMap<ModulePath, (PathBuf, FileInfo)>,
}

fn module_path(src: &Path, file: &Path) -> ModulePath {
    let relative = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    match last.as_str() {
        "lib.rs" if parts.is_empty() => {}
        "mod.rs" => {}
        other => parts.push(other.trim_end_matches(".rs").to_string()),
    }
    parts
}

impl Crate {
    fn from_sources(src: &Path, sources: &BTreeMap<PathBuf, String>) -> Crate {
        let mut files: BTreeMap<ModulePath, (PathBuf, FileInfo)> = sources
            .iter()
            .map(|(file, text)| {
                let module = module_path(src, file);
                (module, (file.clone(), read_file_info(text)))
            })
            .collect();
        // Files of test-only modules are tests too.
        let tests: Vec<ModulePath> = files
            .iter()
            .flat_map(|(module, (_, info))| {
                info.test_children.iter().map(move |child| {
                    let mut path = module.clone();
                    path.push(child.clone());
                    path
                })
            })
            .collect();
        files.retain(|module, _| !tests.iter().any(|t| module.starts_with(t)));
        Crate { files }
    }

    fn read(src: &Path) -> Crate {
        let mut sources = BTreeMap::new();
        let mut stack = vec![src.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("main.rs")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    sources.insert(path, text);
                }
            }
        }
        Crate::from_sources(src, &sources)
    }

    /// The absolute module path a written path names, before resolution.
    fn absolute(&self, module: &ModulePath, written: &Written) -> Option<ModulePath> {
        let segments = &written.segments;
        let first = segments.first()?.as_str();
        let mut base: ModulePath = module.clone();
        base.extend(written.inline.iter().cloned());
        let rest = match first {
            "crate" | CRATE => return Some(segments[1..].to_vec()),
            "self" => &segments[1..],
            "super" => {
                let supers = segments.iter().take_while(|s| *s == "super").count();
                base.truncate(base.len().checked_sub(supers)?);
                &segments[supers..]
            }
            child if self.files[module].1.children.contains(child) => {
                base = module.clone();
                &segments[..]
            }
            _ => return None,
        };
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file (as its module path) defining what `path` names.
    fn resolve(&self, path: &[String], hops: usize) -> ModulePath {
        let mut module: ModulePath = Vec::new();
        for (k, segment) in path.iter().enumerate() {
            let mut next = module.clone();
            next.push(segment.clone());
            if self.files.contains_key(&next) {
                module = next;
                continue;
            }
            let reexport = self.files[&module]
                .1
                .reexports
                .iter()
                .find(|(name, _)| name == segment);
            if let Some((_, written)) = reexport
                && hops < 16
                && let Some(mut target) = self.absolute(&module, written)
            {
                target.extend(path[k + 1..].iter().cloned());
                return self.resolve(&target, hops + 1);
            }
            return module;
        }
        module
    }

    /// Which files each file imports.
    fn graph(&self) -> BTreeMap<ModulePath, BTreeSet<ModulePath>> {
        let mut graph = BTreeMap::new();
        for (module, (_, info)) in &self.files {
            let mut imports = BTreeSet::new();
            for written in &info.paths {
                if let Some(absolute) = self.absolute(module, written) {
                    let file = self.resolve(&absolute, 0);
                    if file != *module {
                        imports.insert(file);
                    }
                }
            }
            graph.insert(module.clone(), imports);
        }
        graph
    }

    fn name(&self, module: &ModulePath) -> String {
        let path = &self.files[module].0;
        let src = path.ancestors().find(|p| p.ends_with("src"));
        let shown = src.and_then(|s| path.strip_prefix(s.parent()?).ok());
        shown.unwrap_or(path).display().to_string()
    }
}

/// Groups of files that import each other, directly or through others
/// (strongly connected components of more than one file), each as one
/// circle through its files.
fn circles(
    graph: &BTreeMap<ModulePath, BTreeSet<ModulePath>>,
) -> Vec<(BTreeSet<ModulePath>, Vec<ModulePath>)> {
    let reach = |from: &ModulePath| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(m) = stack.pop() {
            for next in graph.get(&m).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&ModulePath, BTreeSet<ModulePath>> =
        graph.keys().map(|m| (m, reach(m))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for m in graph.keys() {
        if done.contains(m) || !reachable[m].contains(m) {
            continue;
        }
        let group: BTreeSet<ModulePath> = graph
            .keys()
            .filter(|o| reachable[m].contains(*o) && reachable[*o].contains(m))
            .cloned()
            .collect();
        done.extend(group.iter().cloned());
        let circle = circle_through(graph, m, &group);
        out.push((group, circle));
    }
    out
}

/// A shortest circle from `start` back to itself, inside `group`.
fn circle_through(
    graph: &BTreeMap<ModulePath, BTreeSet<ModulePath>>,
    start: &ModulePath,
    group: &BTreeSet<ModulePath>,
) -> Vec<ModulePath> {
    let mut came_from: BTreeMap<ModulePath, ModulePath> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start.clone()]);
    while let Some(m) = queue.pop_front() {
        for next in graph[&m].iter().filter(|n| group.contains(*n)) {
            if next == start {
                let mut circle = vec![m.clone()];
                while let Some(previous) = came_from.get(circle.last().unwrap()) {
                    circle.push(previous.clone());
                }
                circle.reverse();
                circle.push(start.clone());
                return circle;
            }
            if !came_from.contains_key(next) {
                came_from.insert(next.clone(), m.clone());
                queue.push_back(next.clone());
            }
        }
    }
    vec![start.clone()]
}

fn this_crate() -> Crate {
    Crate::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

fn under(module: &ModulePath, prefix: &[&str]) -> bool {
    module.len() >= prefix.len() && module.iter().zip(prefix).all(|(a, b)| a == b)
}

/// Circles still waiting on the work that removes them, each as the exact
/// set of files in it and who is on it. The test fails on any other
/// circle, and on an entry here that is no longer a circle, so this list
/// can only shrink.
const WAITING: &[(&[&str], &str)] = &[];

#[test]
fn no_two_files_under_src_import_each_other() {
    let krate = this_crate();
    let graph = krate.graph();
    let mut problems = Vec::new();
    let mut waiting: Vec<BTreeSet<String>> = WAITING
        .iter()
        .map(|(files, _)| files.iter().map(|f| f.to_string()).collect())
        .collect();
    for (group, circle) in circles(&graph) {
        let files: BTreeSet<String> = group.iter().map(|m| krate.name(m)).collect();
        if let Some(k) = waiting.iter().position(|w| *w == files) {
            waiting.remove(k);
            continue;
        }
        let names: Vec<String> = circle.iter().map(|m| krate.name(m)).collect();
        let all: Vec<String> = files.into_iter().collect();
        problems.push(format!(
            "import circle: {}\n  (all of: {})",
            names.join(" → "),
            all.join(", ")
        ));
    }
    for files in waiting {
        problems.push(format!(
            "no longer a circle, so remove it from WAITING: {files:?}"
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn only_the_event_loop_calls_the_view() {
    let krate = this_crate();
    let view = ["tui", "view"];
    let mut callers = Vec::new();
    for (module, imports) in krate.graph() {
        if under(&module, &view) || module == ["tui"] {
            continue;
        }
        for imported in imports.iter().filter(|m| under(m, &view)) {
            callers.push(format!(
                "{} imports {}",
                krate.name(&module),
                krate.name(imported)
            ));
        }
    }
    assert!(
        callers.is_empty(),
        "only src/tui/mod.rs draws:\n{}",
        callers.join("\n")
    );
}

#[test]
fn the_plan_and_search_know_nothing_of_the_terminal_or_the_command_line() {
    let krate = this_crate();
    for (module, imports) in krate.graph() {
        if !(under(&module, &["plan"]) || under(&module, &["search"])) {
            continue;
        }
        for imported in &imports {
            assert!(
                !under(imported, &["tui"]) && !under(imported, &["cli"]),
                "{} imports {}",
                krate.name(&module),
                krate.name(imported)
            );
        }
    }
}

/// The reader finds the imports it must: if it stopped seeing paths, the
/// tests above would pass on an empty graph.
#[test]
fn the_graph_holds_known_imports() {
    let krate = this_crate();
    let graph = krate.graph();
    let module = |s: &str| -> ModulePath { s.split('/').map(str::to_string).collect() };
    for (from, to) in [
        // use crate::tui::action::{…}
        ("tui/app", "tui/action"),
        // use crate::plan::{ItemRef, Plan}: through plan/mod.rs's re-exports
        ("tui/app", "plan/model"),
        ("tui/app", "plan/item"),
        // use super::{ItemRef, Plan}
        ("plan/stats", "plan/model"),
        // an inline path: view::render(…)
        ("tui", "tui/view"),
        // use crate::tui::app::{App, Focus}
        ("tui/view/detail", "tui/app"),
    ] {
        assert!(
            graph[&module(from)].contains(&module(to)),
            "{from} should import {to}: {:?}",
            graph[&module(from)]
        );
    }
    let edges: usize = graph.values().map(BTreeSet::len).sum();
    assert!(edges > 100, "only {edges} imports found");
    assert!(
        !graph[&module("plan/stats")].contains(&module("plan")),
        "a re-exported name leads to the file defining it"
    );
}

/// The detector on a made-up crate: a direct circle, one through a third
/// file, and what is not a circle (a parent declaring a child, a test
/// module using its own file, a name re-exported by a parent).
#[test]
fn the_detector_finds_circles_direct_and_through_others() {
    let src = Path::new("/made-up/src");
    let files = [
        (
            "lib.rs",
            "pub mod a; pub mod b; pub mod c; pub mod d; pub mod e;",
        ),
        ("a.rs", "use crate::b::Thing; // use crate::e::X;\n"),
        ("b.rs", "pub struct Thing; fn f() { crate::a::g(); }"),
        ("c.rs", "use super::d::{self, D};"),
        (
            "d/mod.rs",
            "mod inner; pub use inner::Inner; fn f() { let s = \"crate::c::x\"; }",
        ),
        ("d/inner.rs", "use super::super::e::E; pub struct Inner;"),
        (
            "e.rs",
            "use crate::c::C; use crate::d::Inner; #[cfg(test)] mod tests { use super::*; }",
        ),
    ];
    let sources: BTreeMap<PathBuf, String> = files
        .iter()
        .map(|(f, text)| (src.join(f), text.to_string()))
        .collect();
    let krate = Crate::from_sources(src, &sources);
    let graph = krate.graph();
    let found: Vec<Vec<String>> = circles(&graph)
        .iter()
        .map(|(_, c)| c.iter().map(|m| krate.name(m)).collect())
        .collect();
    assert_eq!(
        found,
        [
            vec!["src/a.rs", "src/b.rs", "src/a.rs"],
            vec![
                "src/c.rs",
                "src/d/mod.rs",
                "src/d/inner.rs",
                "src/e.rs",
                "src/c.rs"
            ],
        ],
        "{graph:?}"
    );
    let e: ModulePath = vec!["e".to_string()];
    assert!(
        graph[&e].contains(&vec!["d".to_string(), "inner".to_string()]),
        "crate::d::Inner is defined in d/inner.rs"
    );
}
