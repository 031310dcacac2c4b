//! HTML in comment exports (Disqus messages, WordPress comment content) to
//! plain text: tags dropped, block tags and `<br>` become line breaks,
//! entities decoded. The result is what gets scored, so output offsets point
//! into it.

/// Converts an HTML fragment to text. Linear in the input.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            match rest.find('>') {
                Some(end) => {
                    let tag = rest[1..end].trim_start_matches('/').to_ascii_lowercase();
                    let name = tag.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
                    if matches!(
                        name,
                        "br" | "p" | "div" | "li" | "blockquote" | "tr" | "h1" | "h2" | "h3"
                    ) && !out.ends_with('\n')
                        && !out.is_empty()
                    {
                        out.push('\n');
                    }
                    rest = &rest[end + 1..];
                }
                None => {
                    // A lone `<` is text (`a < b`).
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            let (decoded, used) = entity(rest);
            out.push_str(&decoded);
            rest = &rest[used..];
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// Decodes the entity at the start of `s` (which starts with `&`); returns
/// the text and the bytes used. Unknown entities stay as written.
pub fn entity(s: &str) -> (String, usize) {
    let Some(end) = s[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10) else {
        return ("&".into(), 1);
    };
    let name = &s[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" | "#39" => Some('\''),
        "nbsp" => Some(' '),
        "ndash" => Some('–'),
        "mdash" => Some('—'),
        "hellip" => Some('…'),
        "bdquo" => Some('„'),
        "ldquo" => Some('“'),
        "rdquo" => Some('”'),
        "lsquo" => Some('‘'),
        "rsquo" => Some('’'),
        "auml" => Some('ä'),
        "ouml" => Some('ö'),
        "uuml" => Some('ü'),
        "Auml" => Some('Ä'),
        "Ouml" => Some('Ö'),
        "Uuml" => Some('Ü'),
        "szlig" => Some('ß'),
        "euro" => Some('€'),
        _ => name.strip_prefix('#').and_then(|n| {
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => n.parse().ok(),
            };
            code.and_then(char::from_u32)
        }),
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => (s[..=end].to_string(), end + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_entities_and_breaks() {
        assert_eq!(
            to_text("<p>Hallo &amp; <b>danke</b>!</p><p>Zweiter&nbsp;Absatz</p>"),
            "Hallo & danke!\nZweiter Absatz"
        );
        assert_eq!(to_text("a < b &#x263A; &#228; &unknown; &"), "a < b ☺ ä &unknown; &");
        assert_eq!(to_text("Zeile<br/>zwei"), "Zeile\nzwei");
    }
}
