//! HTML character references in raw HTML (text and attribute values), which pulldown-cmark
//! leaves encoded. Decoded text may hold control characters (`&#27;`), so callers sanitize
//! after decoding.

/// Named references common in blog posts; anything else stays as written.
const NAMED: [(&str, char); 24] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("hellip", '…'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("middot", '·'),
    ("bull", '•'),
    ("times", '×'),
    ("deg", '°'),
    ("euro", '€'),
    ("shy", '\u{AD}'),
];

/// Replaces `&name;`, `&#NNN;` and `&#xHH;` with their characters.
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of the reference at the start of `text` and the reference's length.
fn reference(text: &str) -> Option<(char, usize)> {
    let mut end = text.len().min(34);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let semi = text.get(1..end)?.find(';')?;
    let name = &text[1..1 + semi];
    let c = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).unwrap_or('\u{FFFD}')
    } else {
        NAMED.iter().find(|(n, _)| *n == name)?.1
    };
    Some((c, semi + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_and_numeric_references() {
        assert_eq!(
            decode("a &amp; b &lt;c&gt; &#233;t&#xE9; &mdash;"),
            "a & b <c> été —"
        );
    }

    #[test]
    fn escapes_decode_to_control_characters_for_the_sanitizer() {
        assert_eq!(decode("&#27;[2J&#x9b;"), "\u{1b}[2J\u{9b}");
    }

    #[test]
    fn unknown_or_broken_references_stay() {
        assert_eq!(decode("AT&T &bogus; &#xZZ; &"), "AT&T &bogus; &#xZZ; &");
    }
}
