//! Report bytes to text. UTF-8 (with or without a byte order mark), UTF-16
//! with a byte order mark, and GB18030, which covers GBK and GB2312, are read
//! through encoding_rs.

use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::plan::error::ImportError;

/// GB18030 decodes most byte soups without error; text that really is
/// Chinese is mostly ideographs and full-width punctuation. Below this share
/// of its non-ASCII chars, a file is not taken for GB18030.
const CHINESE_SHARE_MIN: f64 = 0.6;

/// The report's text and the name of the encoding it was read in.
pub(crate) fn decode(bytes: &[u8], source: &str) -> Result<(String, &'static str), ImportError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        if encoding == UTF_8 {
            return utf8(body, source).map(|t| (t, "UTF-8"));
        }
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(body) {
            return Ok((text.into_owned(), encoding.name()));
        }
        return Err(not_text(bytes, source));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "UTF-8"));
    }
    match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) if looks_chinese(&text) => Ok((text.into_owned(), GB18030.name())),
        _ => Err(not_text(bytes, source)),
    }
}

fn utf8(bytes: &[u8], source: &str) -> Result<String, ImportError> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|_| not_text(bytes, source))
}

/// The error for bytes that are none of the encodings read: where they stop
/// being UTF-8.
fn not_text(bytes: &[u8], source: &str) -> ImportError {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (line, column) = match std::str::from_utf8(bytes) {
        Err(e) => crate::plan::text::utf8_error_position(bytes, &e),
        Ok(_) => (1, 1),
    };
    ImportError::NotUtf8 {
        path: source.to_string(),
        line,
        column,
    }
}

fn looks_chinese(text: &str) -> bool {
    let (mut other, mut chinese) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        let cjk = crate::plan::lexicon::is_cjk(c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
            || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·');
        if cjk {
            chinese += 1;
        } else {
            other += 1;
        }
    }
    chinese as f64 >= CHINESE_SHARE_MIN * (chinese + other) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_encoding_is_named() {
        let text = "城市更新\n推进A。\n";
        let (gbk, _, _) = GB18030.encode(text);
        assert_eq!(decode(&gbk, "r").unwrap(), (text.to_string(), "gb18030"));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16, "r").unwrap(), (text.to_string(), "UTF-16LE"));
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&utf16be, "r").unwrap().1, "UTF-16BE");
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom, "r").unwrap(), (text.to_string(), "UTF-8"));
    }

    #[test]
    fn bytes_in_no_encoding_keep_the_utf8_error() {
        let err = decode(b"ok\ncaf\xe9\n", "latin1.txt").unwrap_err();
        assert_eq!(
            err.to_string(),
            "latin1.txt:2:4: the report is not valid UTF-8"
        );
        let latin1: Vec<u8> = "d\u{e9}j\u{e0} \u{e9}t\u{e9} \u{e0} l'\u{e9}cole"
            .chars()
            .map(|c| c as u32 as u8)
            .collect();
        assert!(decode(&latin1, "latin1.txt").is_err());
    }
}
