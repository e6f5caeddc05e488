//! Reading a JSON list into a vector of exactly its length.
//!
//! serde grows a vector by doubling as it reads, so a commitment with one
//! target kept room for four, and a plan of 100,000 commitments took half as
//! much memory again as its contents. Moving the items to an exact vector
//! afterwards leaves the first vector behind as garbage; here the first
//! items wait on the stack instead, and most lists of a plan are short.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

/// Items held on the stack before a list spills to the heap.
const ON_STACK: usize = 8;

/// Deserializes a list into a vector whose capacity is its length.
pub(super) fn vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_seq(ExactVisitor(PhantomData))
}

struct ExactVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ExactVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut first: [Option<T>; ON_STACK] = std::array::from_fn(|_| None);
        let mut n = 0;
        while n < ON_STACK {
            match seq.next_element()? {
                Some(item) => first[n] = Some(item),
                None => break,
            }
            n += 1;
        }
        let mut rest = Vec::new();
        if n == ON_STACK {
            while let Some(item) = seq.next_element()? {
                rest.push(item);
            }
        }
        let mut all = Vec::with_capacity(n + rest.len());
        all.extend(first.into_iter().flatten());
        all.append(&mut rest);
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Lists {
        #[serde(deserialize_with = "vec")]
        items: Vec<u32>,
    }

    #[test]
    fn lists_of_any_length_come_back_whole_and_exact() {
        for n in [0, 1, 7, 8, 9, 100] {
            let items: Vec<u32> = (0..n).collect();
            let json = serde_json::json!({ "items": items }).to_string();
            let lists: Lists = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(lists.items, items);
            assert_eq!(lists.items.capacity(), items.len());
        }
        let wrong = serde_json::from_str::<Lists>(r#"{"items": [1, "x"]}"#);
        assert!(wrong.is_err_and(|e| e.to_string().contains("invalid type: string")));
        assert!(serde_json::from_str::<Lists>(r#"{"items": 3}"#).is_err());
    }
}
