//! Pinyin syllables: the inventory of valid toneless syllables, the readings
//! of a character, and the segmentation of a typed latin run into syllables.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use pinyin::ToPinyinMulti;

/// Every toneless syllable the pinyin crate knows for the CJK blocks, with ü
/// written v (lü → lv) and lve/nve also accepted as lue/nue. Syllables
/// without a vowel (m, n, ng, hm, hng: interjections) are left out: they
/// would let almost any latin run split into nonsense.
pub(crate) struct Inventory {
    names: Vec<String>,
    by_name: HashMap<String, u16>,
    prefixes: HashSet<String>,
    max_len: usize,
}

/// Upper bound on the segmentations kept for one latin run (see [`segment`]).
pub(crate) const MAX_SEGMENTATIONS: usize = 32;

pub(crate) fn inventory() -> &'static Inventory {
    static INVENTORY: OnceLock<Inventory> = OnceLock::new();
    INVENTORY.get_or_init(Inventory::build)
}

impl Inventory {
    fn build() -> Inventory {
        let mut inv = Inventory {
            names: Vec::new(),
            by_name: HashMap::new(),
            prefixes: HashSet::new(),
            max_len: 0,
        };
        // The basic and extension-A blocks carry every syllable in use.
        for cp in 0x3400u32..=0x9FFF {
            let Some(multi) = char::from_u32(cp).and_then(|c| c.to_pinyin_multi()) else {
                continue;
            };
            for reading in multi {
                spellings(reading.plain(), |name| inv.add(name));
            }
        }
        inv
    }

    fn add(&mut self, name: &str) {
        if self.by_name.contains_key(name) {
            return;
        }
        let name = name.to_string();
        let id = self.names.len() as u16;
        for end in 1..=name.len() {
            self.prefixes.insert(name[..end].to_string());
        }
        self.max_len = self.max_len.max(name.len());
        self.by_name.insert(name.clone(), id);
        self.names.push(name);
    }

    pub(crate) fn id(&self, name: &str) -> Option<u16> {
        self.by_name.get(name).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    pub(crate) fn name(&self, id: u16) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    /// True when some syllable starts with `p`.
    pub(crate) fn is_prefix(&self, p: &str) -> bool {
        self.prefixes.contains(p)
    }

    /// Ids of the syllables starting with `p`.
    pub(crate) fn with_prefix<'a>(&'a self, p: &'a str) -> impl Iterator<Item = u16> + 'a {
        self.names
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.starts_with(p))
            .map(|(i, _)| i as u16)
    }
}

/// Calls `f` with the toneless spellings of one plain reading: ü as v, ê as
/// e, lve/nve also as lue/nue; none for a reading without a vowel. Most
/// readings are plain ascii and pass through without allocating.
fn spellings(plain: &str, mut f: impl FnMut(&str)) {
    let owned;
    let s = if plain.bytes().all(|b| b.is_ascii_lowercase()) {
        plain
    } else {
        owned = plain
            .chars()
            .map(|c| match c {
                'ü' => 'v',
                'ê' => 'e',
                c => c,
            })
            .collect::<String>();
        if !owned.bytes().all(|b| b.is_ascii_lowercase()) {
            return;
        }
        &owned
    };
    if !s.contains(['a', 'e', 'i', 'o', 'u', 'v']) {
        return;
    }
    f(s);
    match s {
        "lve" => f("lue"),
        "nve" => f("nue"),
        _ => {}
    }
}

/// Syllable ids of every reading of `c` (heteronyms included), deduplicated:
/// worked out once per char and process. (A search across plans asks it of
/// each batch's alphabet, mostly the same chars.)
pub(crate) fn readings(c: char) -> Vec<u16> {
    type Known = Mutex<HashMap<char, Vec<u16>>>;
    static KNOWN: OnceLock<Known> = OnceLock::new();
    let known = KNOWN.get_or_init(Known::default);
    // A poisoned lock (a panic elsewhere) only costs the memo.
    if let Ok(known) = known.lock()
        && let Some(found) = known.get(&c)
    {
        return found.clone();
    }
    let found = readings_of(c);
    if let Ok(mut known) = known.lock() {
        known.insert(c, found.clone());
    }
    found
}

fn readings_of(c: char) -> Vec<u16> {
    let inv = inventory();
    let mut out = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for reading in multi {
            spellings(reading.plain(), |name| {
                if let Some(id) = inv.id(name)
                    && !out.contains(&id)
                {
                    out.push(id);
                }
            });
        }
    }
    out
}

/// One piece of a segmented latin run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// A whole syllable: the character must have exactly this reading.
    Full(u16),
    /// The start of a syllable (the run's last piece only, while typing).
    Prefix(String),
}

/// Every way to split `run` (lowercase ascii letters) into valid syllables,
/// fewest-and-longest first, at most [`MAX_SEGMENTATIONS`]. With
/// `allow_prefix` the last piece may be an unfinished syllable (xianh →
/// xian + h…); it is then always a [`Seg::Prefix`], even when complete, so
/// that "xian" also finds 项 (xiang) while the user is still typing.
pub(crate) fn segment(run: &str, allow_prefix: bool) -> Vec<Vec<Seg>> {
    let inv = inventory();
    let n = run.len();
    if n == 0 || !run.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    // ok[i]: run[i..] can be segmented, so the search below never dead-ends.
    let mut ok = vec![false; n + 1];
    ok[n] = !allow_prefix;
    for i in (0..n).rev() {
        ok[i] = (allow_prefix && inv.is_prefix(&run[i..]))
            || (1..=inv.max_len.min(n - i))
                .any(|l| ok[i + l] && i + l < n && inv.id(&run[i..i + l]).is_some())
            || (!allow_prefix && inv.id(&run[i..]).is_some());
    }
    let mut out = Vec::new();
    if ok[0] {
        let mut path = Vec::new();
        walk(run, 0, allow_prefix, &ok, &mut path, &mut out);
    }
    out.sort_by_key(Vec::len);
    out
}

fn walk(
    run: &str,
    i: usize,
    allow_prefix: bool,
    ok: &[bool],
    path: &mut Vec<Seg>,
    out: &mut Vec<Vec<Seg>>,
) {
    let inv = inventory();
    let n = run.len();
    if out.len() >= MAX_SEGMENTATIONS {
        return;
    }
    if allow_prefix && inv.is_prefix(&run[i..]) {
        path.push(Seg::Prefix(run[i..].to_string()));
        out.push(path.clone());
        path.pop();
    } else if !allow_prefix && let Some(id) = inv.id(&run[i..]) {
        path.push(Seg::Full(id));
        out.push(path.clone());
        path.pop();
    }
    for l in (1..=inv.max_len.min(n - i - 1)).rev() {
        if !ok[i + l] {
            continue;
        }
        if let Some(id) = inv.id(&run[i..i + l]) {
            path.push(Seg::Full(id));
            walk(run, i + l, allow_prefix, ok, path, out);
            path.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(segs: &[Seg]) -> String {
        let inv = inventory();
        segs.iter()
            .map(|s| match s {
                Seg::Full(id) => inv.names[*id as usize].clone(),
                Seg::Prefix(p) => format!("{p}…"),
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    fn all(run: &str, prefix: bool) -> Vec<String> {
        segment(run, prefix).iter().map(|s| names(s)).collect()
    }

    #[test]
    fn splits_into_syllables_trying_every_split() {
        let s = all("xianhe", false);
        assert!(s.contains(&"xian|he".to_string()), "{s:?}");
        assert!(s.contains(&"xi|an|he".to_string()), "{s:?}");
        assert_eq!(s[0], "xian|he");
        assert_eq!(all("lugugaosu", false)[0], "lu|gu|gao|su");
        assert_eq!(all("zhongdianxiangmu", false)[0], "zhong|dian|xiang|mu");
        // "xian" + "g…" would dead-end; the splitter backtracks to xiang.
        assert!(all("xiangmu", false).contains(&"xiang|mu".to_string()));
    }

    #[test]
    fn the_last_piece_may_be_unfinished() {
        assert_eq!(all("xianh", true)[0], "xian|h…");
        assert!(all("xianh", false).is_empty());
        assert_eq!(all("gaos", true)[0], "gao|s…");
        assert!(all("xhzy", true).is_empty());
        assert!(all("", true).is_empty());
        assert!(all("Xian", true).is_empty());
    }

    #[test]
    fn heteronyms_and_v_for_u_umlaut() {
        let inv = inventory();
        let has = |c: char, s: &str| readings(c).contains(&inv.id(s).unwrap_or(u16::MAX));
        assert!(has('长', "chang") && has('长', "zhang"));
        assert!(has('重', "zhong") && has('重', "chong"));
        assert!(has('行', "hang") && has('行', "xing"));
        assert!(has('调', "tiao") && has('调', "diao"));
        assert!(has('绿', "lv") && has('绿', "lu"));
        assert!(has('旅', "lv") && !has('旅', "lu"));
        assert!(has('略', "lve") && has('略', "lue"));
        assert!(readings('a').is_empty() && readings('。').is_empty());
        assert!(inv.id("ng").is_none() && inv.id("m").is_none());
        assert!(inv.len() > 400);
    }

    #[test]
    fn pathological_runs_stay_bounded() {
        let run = "xian".repeat(16);
        assert_eq!(segment(&run, true).len(), MAX_SEGMENTATIONS);
        let run = "a".repeat(200) + "q";
        assert!(segment(&run, true).len() <= MAX_SEGMENTATIONS);
        assert!(segment(&"xian".repeat(16).replace("n", "v"), true).len() <= 1);
    }
}
