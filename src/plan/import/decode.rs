//! Report bytes to text. UTF-8 (with or without a byte order mark), UTF-16
//! with a byte order mark, and GB18030, which covers GBK and GB2312, are read
//! through encoding_rs. Text holds no NUL: a file with one is refused.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8};

use crate::plan::error::ImportError;

/// GB18030 decodes most byte soups without error; text that really is
/// Chinese is mostly ideographs and full-width punctuation. Below this share
/// of its non-ASCII chars, a file is not taken for GB18030.
const CHINESE_SHARE_MIN: f64 = 0.6;

/// The report's text and the name of the encoding it was read in.
pub(crate) fn decode(bytes: &[u8], source: &str) -> Result<(String, &'static str), ImportError> {
    let (text, encoding) = decode_any(bytes, source)?;
    match text.find('\0') {
        Some(at) => Err(nul(&text[..at], source)),
        None => Ok((text, encoding)),
    }
}

/// A NUL byte found after the text `before`.
fn nul(before: &str, source: &str) -> ImportError {
    let (line, column) = position(before);
    ImportError::Nul {
        path: source.to_string(),
        line,
        column,
    }
}

fn decode_any(bytes: &[u8], source: &str) -> Result<(String, &'static str), ImportError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        if encoding == UTF_8 {
            return utf8(body, source).map(|t| (t, "UTF-8"));
        }
        return strict(encoding, body)
            .map(|text| (text, encoding.name()))
            .map_err(|(line, column)| ImportError::NotEncoded {
                path: source.to_string(),
                line,
                column,
                encoding: encoding.name(),
            });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "UTF-8"));
    }
    match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) if looks_chinese(&text) => Ok((text.into_owned(), GB18030.name())),
        _ => Err(match bytes.iter().position(|&b| b == 0) {
            // UTF-16 without its mark is text with a NUL in every other byte.
            Some(at) => nul(&String::from_utf8_lossy(&bytes[..at]), source),
            None => not_text(bytes, source),
        }),
    }
}

/// Decodes the whole of `body`, or says at which line and column of the
/// text it stops being `encoding`.
fn strict(encoding: &'static Encoding, body: &[u8]) -> Result<String, (usize, usize)> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .ok_or((1, 1))?;
    let mut text = String::with_capacity(capacity);
    match decoder.decode_to_string_without_replacement(body, &mut text, true) {
        (DecoderResult::InputEmpty, _) => Ok(text),
        _ => Err(position(&text)),
    }
}

/// The line and column just past `before`, the text that precedes a place.
fn position(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, before[line_start..].chars().count() + 1)
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

/// Chinese text is mostly ideographs and full-width punctuation among its
/// non-ASCII chars, and has more of them than Latin letters: Latin-1 or
/// another 8-bit encoding read as GB18030 gives an ideograph per accented
/// letter amid runs of Latin words (r閑lle).
fn looks_chinese(text: &str) -> bool {
    let (mut other, mut chinese, mut latin) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii() {
            latin += usize::from(c.is_ascii_alphabetic());
            continue;
        }
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
    chinese as f64 >= CHINESE_SHARE_MIN * (chinese + other) as f64 && chinese >= latin
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

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn broken_utf16_names_utf16_and_where_it_breaks() {
        let mut odd = utf16le("推进A。\n实施B。");
        odd.push(0x41);
        assert_eq!(
            decode(&odd, "r.txt").unwrap_err().to_string(),
            "r.txt:2:5: the report is not valid UTF-16LE"
        );
        let mut lone = utf16le("推进A。\n实施");
        lone.extend([0x00, 0xD8]);
        lone.extend(utf16le("B。").split_off(2));
        assert_eq!(
            decode(&lone, "r.txt").unwrap_err().to_string(),
            "r.txt:2:3: the report is not valid UTF-16LE"
        );
        let be = [0xFE, 0xFF, 0xDC, 0x00, 0x4E, 0x00];
        assert_eq!(
            decode(&be, "r.txt").unwrap_err().to_string(),
            "r.txt:1:1: the report is not valid UTF-16BE"
        );
    }

    #[test]
    fn a_nul_byte_is_no_text() {
        assert_eq!(
            decode(&[0u8; 64], "zeros").unwrap_err().to_string(),
            "zeros:1:1: the report holds a NUL byte: it is binary, or UTF-16 without a byte order mark"
        );
        let err = decode("推进A。\n实施\0B。".as_bytes(), "r").unwrap_err();
        assert!(err.to_string().starts_with("r:2:3: "), "{err}");
        let err = decode(&utf16le("推进\0A。"), "r").unwrap_err();
        assert!(err.to_string().starts_with("r:1:3: "), "{err}");
    }

    #[test]
    fn latin1_that_gb18030_can_decode_is_still_refused() {
        // Every accented letter is followed by a letter, so the bytes form
        // valid GB18030 pairs: ideographs amid runs of Latin words.
        let text = "\u{c9}conomie r\u{e9}elle: cr\u{e9}er des \u{e9}quipes.\n";
        let latin1: Vec<u8> = text.repeat(20).chars().map(|c| c as u32 as u8).collect();
        assert!(
            GB18030
                .decode_without_bom_handling_and_without_replacement(&latin1)
                .is_some()
        );
        assert_eq!(
            decode(&latin1, "fr.txt").unwrap_err().to_string(),
            "fr.txt:1:1: the report is not valid UTF-8"
        );
    }
}
