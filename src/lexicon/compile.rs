//! Lexicon sources (TSV) → `fst` maps.
//!
//! Like `normalize.rs`, this file is compiled both into the library (for
//! user lexicons) and into `build.rs` (for the embedded default), so the two
//! can never disagree on keys or encoding. It uses only `std`, `fst`,
//! `rust_stemmers` and `crate::normalize`.
//!
//! A lexicon is two maps from key to a packed [`Entry`]:
//! - **forms**: the folded surface form (see `normalize::fold_into`);
//! - **stems**: the Snowball stem of each valence entry, so that inflected
//!   forms (`schönen`, `enttäuschte`) find their lemma. A stem shared by
//!   entries of opposite sign is left out: it would be a guess.

use std::collections::BTreeMap;
use std::fmt;

use crate::normalize;

/// What a lexicon entry does to the score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum EntryKind {
    /// A polar term: its weight is a valence in [-4, 4].
    Valence = 0,
    /// Negates what follows it in its clause, and (with a finite verb
    /// before it) what precedes it: `nicht`, `nie`, `nichts`.
    Negator = 1,
    /// Negates only what follows it: the kein-paradigm, `ohne`, `weder`.
    NegatorBefore = 2,
    /// Scales the next polar term: weight > 0 intensifies (`sehr`),
    /// weight < 0 dampens (`etwas`).
    Booster = 3,
    /// Shifts weight to the later clause: `aber`, `jedoch`, `trotzdem`.
    Contrast = 4,
    /// A part of a compound that is polar only there: a first part written
    /// with a final hyphen (`horror-`, `spitzen-`) or a head written with a
    /// leading one (`-wüste`). Its weight is a valence.
    Prefix = 5,
    /// An idiom that denies the praise just before it in its clause:
    /// `Kundenfreundlichkeit sieht anders aus`, `Schön ist anders`, `von
    /// Logik keine Spur`. With none to deny, its weight is a valence (`Die
    /// Realität sieht anders aus`), or, if 0, it negates what follows
    /// like `kein` (`keine Spur von Reue`).
    Denial = 6,
}

impl EntryKind {
    fn from_name(name: &str) -> Option<EntryKind> {
        Some(match name {
            "valence" => EntryKind::Valence,
            "negator" => EntryKind::Negator,
            "negator_before" => EntryKind::NegatorBefore,
            "booster" => EntryKind::Booster,
            "contrast" => EntryKind::Contrast,
            "prefix" => EntryKind::Prefix,
            "denial" => EntryKind::Denial,
            _ => return None,
        })
    }

    fn from_u8(v: u8) -> EntryKind {
        match v {
            1 => EntryKind::Negator,
            2 => EntryKind::NegatorBefore,
            3 => EntryKind::Booster,
            4 => EntryKind::Contrast,
            5 => EntryKind::Prefix,
            6 => EntryKind::Denial,
            _ => EntryKind::Valence,
        }
    }

    /// The name used in lexicon files.
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Valence => "valence",
            EntryKind::Negator => "negator",
            EntryKind::NegatorBefore => "negator_before",
            EntryKind::Booster => "booster",
            EntryKind::Contrast => "contrast",
            EntryKind::Prefix => "prefix",
            EntryKind::Denial => "denial",
        }
    }

    /// The largest weight an entry of this kind may carry.
    fn max_weight(self) -> f64 {
        match self {
            EntryKind::Valence | EntryKind::Prefix | EntryKind::Denial => 4.0,
            _ => 1.0,
        }
    }
}

/// One lexicon entry: a kind and a weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    /// What the entry does.
    pub kind: EntryKind,
    /// Its weight (a valence for `Valence` and `Prefix`).
    pub weight: f64,
}

/// The most words a phrase entry may have.
pub const MAX_PHRASE_WORDS: usize = 6;

/// Weights are stored in thousandths: fst values are `u64`.
const SCALE: f64 = 1000.0;

impl Entry {
    /// Packs the entry into an fst value: kind in bits 32..40, the weight
    /// in thousandths as an `i32` in bits 0..32.
    pub fn pack(self) -> u64 {
        let milli = (self.weight * SCALE).round() as i32;
        ((self.kind as u64) << 32) | (milli as u32 as u64)
    }

    /// Packs a stem entry with the length (in chars) of the shortest lemma
    /// it came from, in bits 40..48: a token much shorter than that lemma
    /// is not one of its inflections (`sich` is no form of `sicher`).
    pub fn pack_stem(self, lemma_chars: usize) -> u64 {
        self.pack() | ((lemma_chars.min(255) as u64) << 40)
    }

    /// The lemma length stored by [`Entry::pack_stem`].
    pub fn lemma_chars(v: u64) -> usize {
        ((v >> 40) & 0xff) as usize
    }

    /// Inverse of [`Entry::pack`].
    pub fn unpack(v: u64) -> Entry {
        let kind = EntryKind::from_u8((v >> 32) as u8);
        let milli = v as u32 as i32;
        Entry { kind, weight: milli as f64 / SCALE }
    }
}

/// A problem in a lexicon source, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError {
    /// The file (or a name for an in-memory source).
    pub path: String,
    /// 1-based line number, 0 when the problem is not tied to a line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.path, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// One parsed line of a source: where it came from and what it says.
#[derive(Clone, Debug)]
pub struct SourceEntry {
    /// The term as written.
    pub term: String,
    /// Its entry.
    pub entry: Entry,
}

/// The lines of a source file that hold content, with their 1-based
/// numbers (for error messages): a byte-order mark, `\r` line ends, blank
/// lines and `#` comments are skipped.
fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .map(|(i, raw)| (i + 1, raw.trim_end_matches('\r')))
        .filter(|(_, raw)| !raw.trim().is_empty() && !raw.starts_with('#'))
}

/// Parses a lexicon in the stimmung TSV format:
///
/// ```text
/// # comment
/// term<TAB>weight[<TAB>kind]
/// ```
///
/// `kind` is one of `valence` (default), `negator`, `negator_before`,
/// `booster`, `contrast`, `prefix`, `denial`. A term of several words
/// separated by spaces is a phrase (`nie wieder`), matched on consecutive
/// words; a prefix ends in `-`. Two lines whose terms fold to the same
/// key are an error (the second is named), because one of them would be
/// silently ignored.
pub fn parse_tsv(path: &str, text: &str) -> Result<Vec<SourceEntry>, SourceError> {
    let err = |line: usize, message: String| SourceError { path: path.to_string(), line, message };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut key = String::new();
    let mut out = Vec::new();
    for (line, raw) in content_lines(text) {
        let mut cols = raw.split('\t');
        let term = cols.next().unwrap_or("").trim();
        let weight = cols.next().map(str::trim);
        let kind = cols.next().map(str::trim).filter(|k| !k.is_empty());
        if term.is_empty() {
            return Err(err(line, "empty term".into()));
        }
        // A phrase (`nie wieder`, `bringt nichts`) is matched word by word,
        // so its words are joined by single spaces.
        let joined;
        let term = if term.contains(char::is_whitespace) {
            joined = term.split_whitespace().collect::<Vec<_>>().join(" ");
            if joined.split(' ').count() > MAX_PHRASE_WORDS {
                return Err(err(
                    line,
                    format!("phrase {term:?} has more than {MAX_PHRASE_WORDS} words"),
                ));
            }
            joined.as_str()
        } else {
            term
        };
        let weight = match weight {
            None | Some("") => {
                return Err(err(
                    line,
                    format!("term {term:?} has no weight (expected term<TAB>weight[<TAB>kind])"),
                ))
            }
            Some(w) => w
                .parse::<f64>()
                .map_err(|_| err(line, format!("weight {w:?} of term {term:?} is not a number")))?,
        };
        let kind = match kind {
            None => EntryKind::Valence,
            Some(k) => EntryKind::from_name(k).ok_or_else(|| {
                err(
                    line,
                    format!(
                        "unknown kind {k:?} (expected valence, negator, \
                         negator_before, booster, contrast, prefix or denial)"
                    ),
                )
            })?,
        };
        let max = kind.max_weight();
        if !weight.is_finite() || weight.abs() > max {
            return Err(err(
                line,
                format!("weight {weight} of {term:?} is outside [-{max}, {max}]"),
            ));
        }
        normalize::fold_into(term, &mut key);
        if let Some(first) = seen.insert(key.clone(), line) {
            return Err(err(
                line,
                format!("duplicate term {term:?} (key {key:?} already on line {first})"),
            ));
        }
        out.push(SourceEntry { term: term.to_string(), entry: Entry { kind, weight } });
    }
    Ok(out)
}

/// Parses SentiWS v2.0 (`Lemma|POS<TAB>weight<TAB>form,form,…`), scaling its
/// weights (-1…1, mostly small) by `scale` into stimmung's valence range.
///
/// Forms that occur under several lemmas keep the first weight seen.
pub fn parse_sentiws(path: &str, text: &str, scale: f64) -> Result<Vec<SourceEntry>, SourceError> {
    let err = |line: usize, message: String| SourceError { path: path.to_string(), line, message };
    let mut seen: BTreeMap<String, ()> = BTreeMap::new();
    let mut key = String::new();
    let mut out = Vec::new();
    for (line, raw) in content_lines(text) {
        let mut cols = raw.split('\t');
        let head = cols.next().unwrap_or("");
        let lemma = head.split('|').next().unwrap_or("").trim();
        let weight = cols.next().map(str::trim).unwrap_or("");
        let forms = cols.next().unwrap_or("");
        if lemma.is_empty() || !head.contains('|') {
            return Err(err(
                line,
                format!("expected Lemma|POS<TAB>weight<TAB>forms, found {:?}", truncate(raw, 60)),
            ));
        }
        let weight: f64 = weight
            .parse()
            .map_err(|_| err(line, format!("weight {weight:?} of {lemma:?} is not a number")))?;
        if !weight.is_finite() || weight.abs() > 1.0 {
            return Err(err(line, format!("weight {weight} of {lemma:?} is outside [-1, 1]")));
        }
        let valence = (weight * scale).clamp(-4.0, 4.0);
        let terms =
            std::iter::once(lemma).chain(forms.split(',').map(str::trim).filter(|f| !f.is_empty()));
        for term in terms {
            normalize::fold_into(term, &mut key);
            if seen.insert(key.clone(), ()).is_none() {
                out.push(SourceEntry {
                    term: term.to_string(),
                    entry: Entry { kind: EntryKind::Valence, weight: valence },
                });
            }
        }
    }
    Ok(out)
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Merged entries from several sources, later sources overriding earlier
/// ones term by term; ready to be compiled.
#[derive(Default)]
pub struct Compiler {
    forms: BTreeMap<String, (String, Entry)>,
}

impl Compiler {
    /// Adds parsed entries; an entry whose key is already present replaces it.
    pub fn add(&mut self, entries: Vec<SourceEntry>) {
        let mut key = String::new();
        for e in entries {
            normalize::fold_into(&e.term, &mut key);
            self.forms.insert(key.clone(), (e.term, e.entry));
        }
    }

    /// Builds the forms map and the stems map, as fst bytes.
    pub fn compile(&self) -> Result<(Vec<u8>, Vec<u8>), fst::Error> {
        let mut forms = fst::MapBuilder::memory();
        for (key, (_, entry)) in &self.forms {
            forms.insert(key, entry.pack())?;
        }
        let stems = self.stems();
        let mut stem_map = fst::MapBuilder::memory();
        for (stem, (entry, lemma_chars)) in stems {
            stem_map.insert(stem, entry.pack_stem(lemma_chars))?;
        }
        Ok((forms.into_inner()?, stem_map.into_inner()?))
    }

    /// The stem table: the mean valence of the polar entries sharing a stem,
    /// left out where they disagree in sign. Neutral entries take no part:
    /// they exist to stop a surface form from falling through to the stem.
    fn stems(&self) -> BTreeMap<String, (Entry, usize)> {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::German);
        // (sum of weights, count, any positive, any negative, shortest lemma)
        let mut acc: BTreeMap<String, (f64, usize, bool, bool, usize)> = BTreeMap::new();
        let mut folded = String::new();
        for (term, entry) in self.forms.values() {
            if entry.kind != EntryKind::Valence || entry.weight == 0.0 {
                continue;
            }
            // Three letters suffice (`gut` → `guter`): the lemma-length guard
            // at lookup keeps short stems from matching short words.
            if term.chars().count() < 3 || !term.chars().all(char::is_alphabetic) {
                continue;
            }
            // Stem the transliterated form (`ä` → `ae`): Snowball would fold
            // umlauts itself and conflate `Ächtung`/`Achtung`, `träge`/`tragen`.
            normalize::fold_into(term, &mut folded);
            let stem = stemmer.stem(&folded).into_owned();
            let chars = folded.chars().count();
            let slot = acc.entry(stem).or_insert((0.0, 0, false, false, chars));
            slot.0 += entry.weight;
            slot.1 += 1;
            slot.2 |= entry.weight > 0.0;
            slot.3 |= entry.weight < 0.0;
            slot.4 = slot.4.min(chars);
        }
        acc.into_iter()
            .filter(|(_, (_, _, pos, neg, _))| !(*pos && *neg))
            .map(|(stem, (sum, n, _, _, chars))| {
                let entry = Entry { kind: EntryKind::Valence, weight: sum / n as f64 };
                (stem, (entry, chars))
            })
            .collect()
    }
}
