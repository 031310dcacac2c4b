//! Comment spam: generic praise that could stand under any post, plus a
//! link, a shop referral or an author URL; English boilerplate praise in a
//! German thread. (Repeated texts across a dump are found by the CLI, which
//! sees all records.)

use super::{MarkerSet, Match};
use crate::analysis::{Evidence, Flag};
use crate::markers::MarkerKind;
use crate::normalize;
use crate::token::{Token, TokenKind};

/// What a comment export knows about a comment besides its text.
#[derive(Clone, Copy, Debug, Default)]
pub struct CommentMeta<'a> {
    /// The author's name.
    pub author: Option<&'a str>,
    /// The author's website, as comment forms ask for it.
    pub author_url: Option<&'a str>,
}

/// Frequent English function words: a text made mostly of these is English.
const ENGLISH: &[&str] = &[
    "the", "and", "i", "you", "this", "that", "is", "are", "was", "it", "to", "of", "for", "in",
    "on", "my", "your", "have", "has", "will", "be", "with", "very", "so", "again", "more",
    "thanks", "thank", "great", "love", "post", "blog", "really", "just", "what", "here",
];

/// Drive-by praise is short; a longer comment with a link is discussion
/// (the seed comment praising a post and citing a relevant site is ~45
/// words).
const MAX_PRAISE_WORDS: usize = 30;

pub(crate) fn detect(
    set: &MarkerSet,
    matches: &[Match],
    text: &str,
    tokens: &[Token<'_>],
    meta: &CommentMeta<'_>,
) -> Vec<Flag> {
    let words: Vec<&Token<'_>> = tokens.iter().filter(|t| t.kind == TokenKind::Word).collect();
    let mut folded = String::new();
    let english = words
        .iter()
        .filter(|t| {
            normalize::fold_into(t.text, &mut folded);
            ENGLISH.contains(&folded.as_str())
        })
        .count();
    let is_english = words.len() >= 5 && english * 10 >= words.len() * 4;
    let url = tokens.iter().find(|t| t.kind == TokenKind::Url);
    let mut flags = Vec::new();
    for m in matches {
        let (pattern, kind) = set.pattern(m.pattern);
        if kind != MarkerKind::Spam {
            continue;
        }
        let (start, end) = (tokens[m.first].span.start, tokens[m.last].span.end);
        let mut evidence = vec![Evidence::new(text, start..end, "praise")];
        if let Some(u) = url {
            evidence.push(Evidence::new(text, u.span.clone(), "link"));
        }
        let has_link = url.is_some() || meta.author_url.is_some_and(|u| !u.trim().is_empty());
        let category = if pattern.category == "referral" && has_link {
            "referral"
        } else if pattern.category == "praise_en" && is_english {
            "english_praise"
        } else if has_link && words.len() <= MAX_PRAISE_WORDS {
            "link_drop"
        } else {
            continue;
        };
        flags.push(Flag::new(text, kind, category, start..end, &pattern.id, evidence));
        // One spam flag per comment says it all.
        break;
    }
    flags
}
