//! Matching and ranking rules on small hand-built plans.

use super::*;
use crate::plan::{Area, Commitment, ItemKind, ItemRef, Plan, Task};

type TaskSpec<'a> = (&'a str, &'a [(&'a str, &'a [&'a str])]);

/// A plan from (area title, [(task title, [(commitment text, [projects])])]).
fn plan(areas: &[(&str, &[TaskSpec])]) -> Plan {
    let mut line = 0;
    let areas = areas
        .iter()
        .enumerate()
        .map(|(a, (title, tasks))| {
            line += 1;
            let area_line = line;
            let tasks = tasks
                .iter()
                .enumerate()
                .map(|(t, (title, commitments))| {
                    line += 1;
                    Task {
                        id: format!("{}.{}", a + 1, t + 1),
                        title: title.to_string(),
                        line,
                        lead: false,
                        commitments: commitments
                            .iter()
                            .enumerate()
                            .map(|(c, (text, projects))| Commitment {
                                id: format!("{}.{}.{}", a + 1, t + 1, c + 1),
                                text: text.to_string(),
                                line,
                                targets: vec![],
                                projects: projects.iter().map(|p| p.to_string()).collect(),
                            })
                            .collect(),
                    }
                })
                .collect();
            Area {
                id: (a + 1).to_string(),
                title: title.to_string(),
                line: area_line,
                kind: crate::plan::AreaKind::Plan,
                part: None,
                tasks,
            }
        })
        .collect();
    Plan {
        title: "t".into(),
        source: "t.txt".into(),
        year: None,
        source_lines: line,
        intro: vec![],
        closing: vec![],
        asides: vec![],
        areas,
    }
}

/// One area, one task, these commitments (no projects).
fn sentences(texts: &[&str]) -> SearchIndex {
    let commitments: Vec<(&str, &[&str])> = texts.iter().map(|t| (*t, &[][..])).collect();
    SearchIndex::with_pinyin(&plan(&[("甲", &[("乙", &commitments)])]))
}

/// Ids and texts of the hits, best first.
fn found(index: &SearchIndex, query: &str) -> Vec<(String, String)> {
    index
        .search(query, None)
        .into_iter()
        .map(|h| (h.id, h.text))
        .collect()
}

fn texts(index: &SearchIndex, query: &str) -> Vec<String> {
    found(index, query).into_iter().map(|(_, t)| t).collect()
}

#[test]
fn documents_interleave_in_document_order() {
    let p = plan(&[
        (
            "一区",
            &[("一任", &[("甲句", &["甲项"][..]), ("乙句", &[])])],
        ),
        ("二区", &[("二任", &[])]),
    ]);
    let index = SearchIndex::new(&p);
    let order: Vec<_> = (0..index.len())
        .filter_map(|d| index.doc(d))
        .map(|d| (d.kind, d.id, d.text))
        .collect();
    use ItemKind::*;
    assert_eq!(
        order,
        vec![
            (Area, "1", "一区"),
            (Task, "1.1", "一任"),
            (Commitment, "1.1.1", "甲句"),
            (Project, "1.1.1", "甲项"),
            (Commitment, "1.1.2", "乙句"),
            (Area, "2", "二区"),
            (Task, "2.1", "二任"),
        ]
    );
    assert!(index.doc(order.len()).is_none());
}

#[test]
fn a_project_hit_points_at_its_commitment() {
    let p = plan(&[(
        "产业",
        &[("工业", &[("开工建设仙鹤纸业等项目。", &["仙鹤纸业"][..])])],
    )]);
    let index = SearchIndex::with_pinyin(&p);
    for q in ["仙鹤", "xianhe", "xhzy"] {
        let hits = index.search(q, None);
        assert_eq!(hits.len(), 2, "{q}");
        let top = &hits[0];
        assert_eq!(
            top.kind,
            ItemKind::Project,
            "{q}: a short name beats the sentence"
        );
        assert_eq!(
            (top.id.as_str(), top.text.as_str(), top.line),
            ("1.1.1", "仙鹤纸业", 2)
        );
        assert_eq!(top.target, ItemRef::Commitment(0, 0, 0));
        assert_eq!(hits[1].kind, ItemKind::Commitment);
        assert_eq!(hits[1].matched[..2], [4, 5], "{q}");
    }
    let json = serde_json::to_value(&index.search("仙鹤", Some(1))[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"id": "1.1.1", "item": "project", "text": "仙鹤纸业",
            "line": 2, "score": json["score"], "matched": [0, 1]})
    );
}

#[test]
fn contiguous_beats_scattered_wherever_it_sits() {
    let long = format!("{}重点。", "一".repeat(150));
    let index = sentences(&["重要节点", &long]);
    let hits = index.search("重点", None);
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].text, long);
    assert!(hits[0].score > hits[1].score);
    assert_eq!(hits[1].matched, [0, 3]);
}

#[test]
fn a_title_beats_the_same_match_deep_in_a_long_sentence() {
    let long = format!("{}加快交通建设。", "推进各项工作".repeat(12));
    let p = plan(&[
        ("一区", &[("一任", &[(&long, &[][..])])]),
        ("交通建设", &[]),
    ]);
    let index = SearchIndex::with_pinyin(&p);
    for q in ["交通建设", "jiaotongjianshe", "jtjs"] {
        let hits = found(&index, q);
        assert_eq!(hits[0], ("2".to_string(), "交通建设".to_string()), "{q}");
        assert_eq!(hits.len(), 2, "{q}");
    }
}

#[test]
fn equal_scores_keep_document_order() {
    let index = sentences(&["建设乙。", "建设甲。", "建设乙。"]);
    let ids: Vec<_> = found(&index, "建设")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["1.1.1", "1.1.2", "1.1.3"]);
    let scores: Vec<_> = index.rank("建设").iter().map(|r| r.score).collect();
    assert!(scores.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn gaps_are_bounded_by_max_gap() {
    let index = sentences(&["推进重点项目建设", "比较好的特色产品和货币政策"]);
    assert_eq!(MAX_GAP, 2);
    assert_eq!(texts(&index, "重项").len(), 1, "one skipped");
    assert_eq!(texts(&index, "重目").len(), 1, "two skipped");
    assert!(texts(&index, "重设").is_empty(), "four skipped");
    assert!(
        texts(&index, "比特币").is_empty(),
        "scattered characters are noise"
    );
    assert!(
        texts(&index, "'重项").is_empty(),
        "exact terms allow no gap"
    );
}

#[test]
fn full_pinyin_matches_whole_syllables_on_the_characters() {
    let index = sentences(&["开工建设仙鹤纸业。", "加快泸古高速建设。", "先后合作。"]);
    let hits = index.search("xianhe", None);
    assert_eq!(hits[0].text, "开工建设仙鹤纸业。");
    assert_eq!(hits[0].matched, [4, 5]);
    assert_eq!(index.search("lugugaosu", None)[0].matched, [2, 3, 4, 5]);
    let xianh = index.search("xianh", None);
    assert_eq!(xianh.len(), 2, "仙鹤 and 先后");
    assert!(
        xianh.iter().any(|h| h.matched == [4, 5]),
        "unfinished last syllable"
    );
    assert_eq!(
        index.search("xhzy", None)[0].matched,
        [4, 5, 6, 7],
        "initials"
    );
    // Letters alone must not match across syllables: g-a-o-s-u is not gaosu.
    assert_eq!(texts(&index, "gaosu"), ["加快泸古高速建设。"]);
    assert!(
        texts(&index, "xianhezuo").is_empty(),
        "contiguous: no gaps in pinyin"
    );
}

#[test]
fn characters_with_several_readings_accept_each() {
    let index = sentences(&[
        "银行网点",
        "重庆火锅",
        "调整结构",
        "红军长征",
        "重点工程",
        "银行家",
    ]);
    for (q, want) in [
        ("yinhang", "银行网点"),
        ("chongqing", "重庆火锅"),
        ("tiaozheng", "调整结构"),
        ("changzheng", "红军长征"),
        ("zhongdian", "重点工程"),
        ("yhwd", "银行网点"),
        ("zhangzheng", "红军长征"),
    ] {
        assert_eq!(
            texts(&index, q).first().map(String::as_str),
            Some(want),
            "{q}"
        );
    }
    assert_eq!(texts(&index, "yinhang").len(), 2);
}

#[test]
fn v_stands_for_u_umlaut() {
    let index = sentences(&["绿色发展", "全域旅游", "法律援助", "道路交通"]);
    assert_eq!(texts(&index, "lvse"), ["绿色发展"]);
    assert_eq!(texts(&index, "lvyou"), ["全域旅游"]);
    assert_eq!(texts(&index, "falv"), ["法律援助"]);
    assert_eq!(texts(&index, "lv").len(), 3);
    assert_eq!(texts(&index, "lüyou"), ["全域旅游"]);
    // 绿 is also read lu; 旅 and 律 are not.
    assert_eq!(texts(&index, "luse"), ["绿色发展"]);
}

#[test]
fn latin_letters_and_digits_match_themselves_ignoring_case() {
    let index = sentences(&["改造G321国道", "推广3C产品", "一般道路"]);
    let hits = index.search("g321", None);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].matched, [2, 3, 4, 5]);
    assert_eq!(texts(&index, "G321"), ["改造G321国道"]);
    assert_eq!(texts(&index, "Ｇ３２１"), ["改造G321国道"]);
    assert_eq!(texts(&index, "3c"), ["推广3C产品"]);
    // A term mixing latin text and pinyin is typed as two terms.
    assert_eq!(texts(&index, "3c chanpin"), ["推广3C产品"]);
    assert_eq!(texts(&index, "g321 guodao"), ["改造G321国道"]);
    assert_eq!(texts(&index, "g321国道"), ["改造G321国道"]);
}

#[test]
fn extended_syntax_anchors_and_negation() {
    let index = sentences(&["“加快建设”交通。", "推进建设。", "建设加快。", "加快发展"]);
    assert_eq!(texts(&index, "^加快"), ["加快发展", "“加快建设”交通。"]);
    assert_eq!(texts(&index, "^jiakuai"), ["加快发展", "“加快建设”交通。"]);
    assert_eq!(texts(&index, "建设$"), ["推进建设。"]);
    assert_eq!(texts(&index, "jianshe$"), ["推进建设。"]);
    assert_eq!(texts(&index, "^建设加快$"), ["建设加快。"]);
    assert_eq!(texts(&index, "'快建"), ["“加快建设”交通。"]);
    assert_eq!(texts(&index, "加快 !建设"), ["加快发展"]);
    assert_eq!(
        texts(&index, "加快 !jianshe"),
        ["加快发展"],
        "negation by pinyin"
    );
    assert_eq!(texts(&index, "加快 建设").len(), 2, "AND");
    assert_eq!(
        texts(&index, "!建设"),
        ["甲", "乙", "加快发展"],
        "only negations: the rest"
    );
    for nothing in ["", "   ", "!", "'", "^", "! ' ^"] {
        assert!(index.search(nothing, None).is_empty(), "{nothing:?}");
        assert!(index.rank(nothing).is_empty(), "{nothing:?}");
    }
}

#[test]
fn pinyin_can_be_built_on_another_thread_and_attached_later() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<SearchIndex>();
    send_sync::<PinyinBuilder>();
    send_sync::<PinyinIndex>();
    send_sync::<Query>();

    let p = plan(&[("交通建设", &[])]);
    let mut index = SearchIndex::new(&p);
    assert!(!index.has_pinyin());
    assert!(
        index.search("jiaotong", None).is_empty(),
        "characters only until attached"
    );
    assert_eq!(index.search("交通", None).len(), 1);
    let builder = index.pinyin_builder();
    let built = std::thread::spawn(move || builder.build()).join().unwrap();
    let mut other = SearchIndex::new(&p);
    assert_eq!(
        other.attach_pinyin(PinyinIndex::build(&index)),
        Err(WrongIndex)
    );
    index.attach_pinyin(built).unwrap();
    assert!(index.has_pinyin());
    assert_eq!(index.search("jiaotong", None).len(), 1);
}

#[test]
fn searcher_narrows_and_agrees_with_a_fresh_search() {
    let base = crate::plan::load::load_embedded().unwrap();
    let p = crate::synth::synthetic_plan(&base, 3000, 5);
    let index = SearchIndex::with_pinyin(&p);
    let mut s = Searcher::new();
    let steps = [
        ("z", false),
        ("zh", true),
        ("zhongd", true),
        ("zhongdianx", true),
        ("zhongdianxiangmu", true),
        ("zhongdianxiangmu ", true),
        ("zhongdianxiangmu 建", true),
        ("zhongdianxiangmu 建设", true),
        ("zhongdianxiangmu 建设 !", true),
        ("zhongdianxiangmu 建设 !投", true),
        ("zhongdianxiangmu 建设 !投资", false),
        ("zhongdianxiangmu 建设 !投资 x", true),
        ("项", false),
        ("项目$", true),
        ("项目$x", false),
        ("", false),
        ("建", false),
        ("xhzy", false),
        ("建设", false),
        ("建设 |", true),
        ("建设 | 项", false),
        ("建设 | 项目", true),
        ("建设 | 项目 x", true),
        // Of several tokens each is read whole: xi does not cover xian.
        ("建设 | 项目 xi", false),
        ("建设 | 项目 xian", false),
        ("jian", false),
        ("jian ", true),
        ("jian x", true),
    ];
    for (q, narrowed) in steps {
        let got = s.search(&index, q).to_vec();
        assert_eq!(s.narrowed(), narrowed, "{q}");
        assert_eq!(got, index.rank(q), "{q}");
        if let Some(r) = got.first() {
            let hit = s.hit(&index, r.doc).unwrap();
            assert_eq!(hit.score, r.score, "{q}");
        }
    }
    let other = SearchIndex::with_pinyin(&p);
    s.search(&index, "项");
    s.search(&other, "项目");
    assert!(!s.narrowed(), "another index");
    assert!(s.hit(&index, 0).is_none());
}

#[test]
fn rank_hit_and_search_agree() {
    let base = crate::plan::load::load_embedded().unwrap();
    let p = crate::synth::synthetic_plan(&base, 5000, 9);
    let index = SearchIndex::with_pinyin(&p);
    assert!(index.len() > 5000, "big enough for two threads");
    for q in [
        "项目",
        "重点项目",
        "xiangmu",
        "zdxm",
        "泸古速",
        "建设 !jiakuai",
        "^加快",
        "x",
    ] {
        let ranked = index.rank(q);
        assert!(!ranked.is_empty(), "{q}");
        let hits = index.search(q, Some(30));
        assert_eq!(hits.len(), ranked.len().min(30), "{q}");
        for (h, r) in hits.iter().zip(&ranked) {
            assert_eq!((h.doc, h.score), (r.doc, r.score), "{q}");
            let len = h.text.chars().count();
            assert!(h.matched.iter().all(|&i| i < len), "{q}");
        }
        assert!(
            ranked
                .windows(2)
                .all(|w| (-w[0].score, w[0].tie, w[0].doc) < (-w[1].score, w[1].tie, w[1].doc))
        );
    }
}

#[test]
fn terms_joined_by_a_bar_match_when_any_of_them_does() {
    let index = sentences(&["开工建设仙鹤纸业。", "加快泸古高速建设。", "推进其他工作。"]);
    // Scored alike, the earlier match first.
    let both = ["加快泸古高速建设。", "开工建设仙鹤纸业。"];
    assert_eq!(texts(&index, "仙鹤纸业 | 泸古高速"), both);
    assert_eq!(texts(&index, "xianhe | lugu"), both);
    assert_eq!(texts(&index, "仙鹤 | 泸古 开工"), ["开工建设仙鹤纸业。"]);
    assert_eq!(
        texts(&index, "仙鹤 | !建设"),
        ["开工建设仙鹤纸业。", "甲", "乙", "推进其他工作。"],
        "a negated term in a group is met where the text is absent"
    );
    let hits = index.search("其他 | 泸古", None);
    assert_eq!(hits[0].matched, [2, 3], "the term that matched is lit");
    assert_eq!(hits[1].matched, [2, 3]);
    assert!(texts(&index, "比特币 | 无此").is_empty());
}

/// A group written again is matched once and counted as often as it
/// stands: the same hits, each scoring its one-group score times the count.
#[test]
fn a_repeated_group_counts_as_often_as_it_stands() {
    let index = sentences(&["开工建设仙鹤纸业。", "加快泸古高速建设。", "建设仙鹤大道。"]);
    let once = index.search("建设 仙鹤 | lugu", None);
    assert_eq!(once.len(), 3);
    for (query, times) in [
        ("建设 仙鹤 | lugu 建设", (2, 1)),
        ("建设 仙鹤 | lugu 仙鹤 | lugu 建设 仙鹤 | lugu", (2, 3)),
    ] {
        let again = index.search(query, None);
        let alone = |q: &str, id: &str| {
            let hits = index.search(q, None);
            hits.iter().find(|h| h.id == id).map(|h| h.score)
        };
        assert_eq!(again.len(), once.len(), "{query}");
        for hit in &again {
            let (a, b) = (alone("建设", &hit.id), alone("仙鹤 | lugu", &hit.id));
            let want = times.0 * a.unwrap() + times.1 * b.unwrap();
            assert_eq!(hit.score, want, "{query}: {}", hit.text);
            let first = once.iter().find(|h| h.id == hit.id).unwrap();
            assert_eq!(hit.matched, first.matched, "{query}: {}", hit.text);
        }
    }
    // A group differing in one mark is not the same group.
    let exact = index.search("建设 '建设", None);
    assert_eq!(exact.len(), 3);
}

#[test]
fn several_tokens_read_each_as_whole_syllables() {
    // 果 is read guo, and rarely luo: lu must not take it for a start.
    let index = sentences(&["巩固拓展成果。", "加快泸古高速建设。"]);
    assert_eq!(texts(&index, "lu gu"), ["加快泸古高速建设。"]);
    assert_eq!(index.search("lu gu", None)[0].matched, [2, 3]);
    // Typed alone, a token may end in an unfinished syllable.
    assert_eq!(texts(&index, "luo"), ["巩固拓展成果。"]);
    assert_eq!(texts(&index, "lu").len(), 2, "lu… finds luo while typed");
    assert_eq!(texts(&index, "lu ").len(), 1, "whole once a space follows");
    assert_eq!(texts(&index, "guo lu"), [] as [&str; 0]);
}

#[test]
fn a_rare_reading_ranks_below_a_common_one() {
    // 行 is read xing first, then hang and heng; 衡 is read heng.
    let index = sentences(&["坚持先行先试。", "保持均衡发展。"]);
    assert_eq!(texts(&index, "heng"), ["保持均衡发展。", "坚持先行先试。"]);
    let hits = index.search("heng", None);
    assert!(hits[0].score > hits[1].score);
    assert_eq!(texts(&index, "xianxing"), ["坚持先行先试。"]);
    assert!(
        index.search("xianxing", None)[0].score > hits[1].score,
        "read xing, 先行 scores as a common reading"
    );
}

/// Character queries rank in SkimMatcherV2's order: every hit scores what
/// SkimMatcherV2 (its own figures, a gap costing [`GAP_PENALTY`] more)
/// gives the query in the hit's whole text, normalized as the index
/// normalizes it. On the embedded plan and a synthetic one, for queries of
/// one to five characters, contiguous and with gaps.
#[test]
fn character_queries_rank_in_skim_matcher_v2s_order() {
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::{SkimMatcherV2, SkimScoreConfig};
    let figures = SkimScoreConfig::default();
    let skim = SkimMatcherV2::default()
        .ignore_case()
        .score_config(SkimScoreConfig {
            gap_start: figures.gap_start - GAP_PENALTY as i32,
            ..figures
        });
    let normalized = |s: &str| -> String { s.chars().map(super::corpus::normalize).collect() };
    let base = crate::plan::load::load_embedded().unwrap();
    let big = crate::synth::synthetic_plan(&base, 3000, 4);
    let queries = [
        "新",
        "发展",
        "项目",
        "泸州",
        "企业",
        "产业园",
        "重点项目",
        "高质量发展",
        "泸古速",
        "重项",
        "招商",
        "加建",
        "高发展",
        "G321",
    ];
    for plan in [&base, &big] {
        let index = SearchIndex::new(plan);
        for q in queries {
            let hits = index.search(q, None);
            assert!(hits.len() > 1, "{q}: {} hits", hits.len());
            let skims: Vec<i64> = hits
                .iter()
                .map(|h| {
                    let found = skim.fuzzy_indices(&normalized(&h.text), &normalized(q));
                    found.map_or(i64::MIN, |(score, _)| score)
                })
                .collect();
            let ours: Vec<i64> = hits.iter().map(|h| h.score).collect();
            assert_eq!(ours, skims, "{q}");
            assert!(skims.windows(2).all(|w| w[0] >= w[1]), "{q}");
        }
    }
}
