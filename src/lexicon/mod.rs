//! Lexicons: what a word means to the scorer.
//!
//! A [`Lexicon`] is a pair of `fst` maps (folded surface form → entry, stem
//! → entry), built from TSV sources by the code in `compile.rs`. The default
//! German lexicon is compiled by `build.rs` and embedded in the binary, so it
//! costs no parsing at start-up. Users layer their own lexicons over it;
//! `lookup.rs` walks the layers.
//!
//! Surface forms are looked up often — every new word, and every head a
//! compound might have — and an `fst` lookup decodes a state per byte. So
//! on its first lookup a lexicon reads its forms once into a hash index
//! (about 2.5 ms and half a megabyte for the default lexicon); the
//! fst stays the format on disk and in the binary.

pub(crate) mod compile;
pub(crate) use compile::MAX_PHRASE_WORDS;
mod lookup;

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, LazyLock, OnceLock};

use fst::{Map, Streamer};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::{Error, Result};
use crate::stem::StemKeys;
pub use compile::EntryKind;
use compile::{Compiler, Entry};
pub(crate) use lookup::{Found, Layers, Via, WordLookup};

static DEFAULT_FORMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/forms.fst"));
static DEFAULT_STEMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/stems.fst"));

/// First bytes of a compiled lexicon file.
const COMPILED_MAGIC: &[u8] = b"stimmung-lexicon-1\n";

/// A compiled lexicon layer. Cheap to clone (shared behind an `Arc`).
///
/// # Example
///
/// ```
/// use stimmung::{Analyzer, Lexicon};
///
/// let company = Lexicon::from_tsv("firma.tsv", "Produktrückruf\t-2.5\n")?;
/// let analyzer = Analyzer::builder().lexicon(company).build()?;
/// assert!(analyzer.analyze("Schon wieder ein Produktrückruf.").is_negative());
/// # Ok::<(), stimmung::Error>(())
/// ```
#[derive(Clone)]
pub struct Lexicon {
    inner: Arc<LexiconData>,
}

struct LexiconData {
    name: String,
    forms: Map<Cow<'static, [u8]>>,
    stems: Map<Cow<'static, [u8]>>,
    /// `forms` in a hash index, built on the first lookup.
    index: OnceLock<FormIndex>,
}

/// The forms and stems of a lexicon, for lookups that an fst walk makes
/// slow.
struct FormIndex {
    /// Folded form (or phrase) → packed entry.
    forms: FxHashMap<Box<[u8]>, u64>,
    /// The word sequences that begin a phrase and that more words follow:
    /// `nie` and `nie wieder` for the phrase `nie wieder gerne`. A phrase
    /// is looked up word by word while what is read so far is one of
    /// these.
    phrase_prefixes: FxHashSet<Box<[u8]>>,
    /// The words that follow another in some phrase: a phrase can only
    /// start at a word if one of these comes next.
    phrase_words: FxHashSet<Box<[u8]>>,
    /// The stems' keys and entries: a word is stemmed only if one of them
    /// begins it.
    stem_keys: StemKeys,
    /// The forms that begin with `-` (`-wüste`, polar only as the head of
    /// a compound), by the head without the `-`: asked at every split of
    /// every unknown word.
    dashed: DashedHeads,
}

/// [`FormIndex::dashed`]: a map, and a filter in front of it.
#[derive(Default)]
struct DashedHeads {
    entries: FxHashMap<Box<[u8]>, u64>,
    /// Bit `n` of entry `b` is set if a head of `n` bytes (31: of 31 or
    /// more) begins with the byte `b`. There are few such heads, so this
    /// refuses nearly every split without hashing it.
    lengths_by_first_byte: Vec<u32>,
}

impl DashedHeads {
    fn insert(&mut self, head: &[u8], value: u64) {
        let Some(&first) = head.first() else { return };
        if self.lengths_by_first_byte.is_empty() {
            self.lengths_by_first_byte = vec![0; 256];
        }
        self.lengths_by_first_byte[usize::from(first)] |= 1 << head.len().min(31);
        self.entries.insert(head.into(), value);
    }

    fn get(&self, head: &[u8]) -> Option<u64> {
        let first = usize::from(*head.first()?);
        let lengths = *self.lengths_by_first_byte.get(first)?;
        if lengths & 1 << head.len().min(31) == 0 {
            return None;
        }
        self.entries.get(head).copied()
    }
}

impl LexiconData {
    fn new(name: &str, forms: Map<Cow<'static, [u8]>>, stems: Map<Cow<'static, [u8]>>) -> Self {
        LexiconData { name: name.to_string(), forms, stems, index: OnceLock::new() }
    }

    fn index(&self) -> &FormIndex {
        self.index.get_or_init(|| {
            let mut index = FormIndex {
                forms: FxHashMap::with_capacity_and_hasher(self.forms.len(), Default::default()),
                phrase_prefixes: FxHashSet::default(),
                phrase_words: FxHashSet::default(),
                stem_keys: StemKeys::default(),
                dashed: DashedHeads::default(),
            };
            let mut stems = Vec::with_capacity(self.stems.len());
            let mut stream = self.stems.stream();
            while let Some((key, value)) = stream.next() {
                stems.push((key.to_vec(), value));
            }
            index.stem_keys = StemKeys::with_values(stems);
            let mut stream = self.forms.stream();
            while let Some((key, value)) = stream.next() {
                for (space, _) in key.iter().enumerate().filter(|&(_, &b)| b == b' ') {
                    index.phrase_prefixes.insert(key[..space].into());
                }
                for word in key.split(|&b| b == b' ').skip(1) {
                    index.phrase_words.insert(word.into());
                }
                if let Some(head) = key.strip_prefix(b"-") {
                    index.dashed.insert(head, value);
                }
                index.forms.insert(key.into(), value);
            }
            index
        })
    }
}

impl Lexicon {
    /// The embedded default German lexicon (Zurich polarity lexicon, VADER
    /// emoticons and emoji, stimmung's own curation). No file is read.
    pub fn german() -> Lexicon {
        static DEFAULT: LazyLock<Lexicon> = LazyLock::new(|| {
            // The maps were built and checked by build.rs from the same code.
            let forms =
                Map::new(Cow::Borrowed(DEFAULT_FORMS)).expect("embedded forms map is valid");
            let stems =
                Map::new(Cow::Borrowed(DEFAULT_STEMS)).expect("embedded stems map is valid");
            Lexicon { inner: Arc::new(LexiconData::new("default", forms, stems)) }
        });
        DEFAULT.clone()
    }

    /// Builds a lexicon from text in stimmung's TSV format
    /// (`term<TAB>weight[<TAB>kind]`, see the crate docs). `name` is used in
    /// error messages.
    ///
    /// # Errors
    ///
    /// A malformed line (missing or non-numeric weight, weight out of range,
    /// unknown kind, duplicate term) fails with `name:line` and the reason.
    pub fn from_tsv(name: &str, text: &str) -> Result<Lexicon> {
        let entries = compile::parse_tsv(name, text).map_err(Error::source)?;
        let mut compiler = Compiler::default();
        compiler.add(entries);
        Lexicon::compiled(name, &compiler)
    }

    /// Reads and builds a TSV lexicon from a file. See [`Lexicon::from_tsv`].
    ///
    /// # Errors
    ///
    /// I/O errors and invalid UTF-8 name the file; malformed lines name
    /// `file:line`.
    pub fn from_tsv_path(path: impl AsRef<Path>) -> Result<Lexicon> {
        let (name, text) = read(path.as_ref())?;
        Lexicon::from_tsv(&name, &text)
    }

    /// Builds a lexicon from one SentiWS v2.0 file
    /// (`Lemma|POS<TAB>weight<TAB>form,form,…`). Its weights (-1…1) are
    /// multiplied by `scale` into stimmung's valence range (-4…4); 4.0 is a
    /// reasonable choice. Load the positive and the negative file as two
    /// layers.
    ///
    /// SentiWS is licensed CC BY-NC-SA 3.0 (non-commercial): stimmung never
    /// embeds it; load it from your own copy.
    ///
    /// # Errors
    ///
    /// As for [`Lexicon::from_tsv_path`].
    pub fn from_sentiws_path(path: impl AsRef<Path>, scale: f64) -> Result<Lexicon> {
        let (name, text) = read(path.as_ref())?;
        Lexicon::from_sentiws(&name, &text, scale)
    }

    /// Builds a lexicon from the text of one SentiWS v2.0 file. See
    /// [`Lexicon::from_sentiws_path`]; `name` is used in error messages.
    ///
    /// # Errors
    ///
    /// A malformed line fails with `name:line` and the reason.
    pub fn from_sentiws(name: &str, text: &str, scale: f64) -> Result<Lexicon> {
        let entries = compile::parse_sentiws(name, text, scale).map_err(Error::source)?;
        let mut compiler = Compiler::default();
        compiler.add(entries);
        Lexicon::compiled(name, &compiler)
    }

    /// Builds a lexicon from `fst` maps made by `stimmung lexicon compile`.
    /// The bytes are verified, since they may come from anywhere.
    ///
    /// # Errors
    ///
    /// Fails if either map is not a valid fst map.
    pub fn from_fst(name: &str, forms: Vec<u8>, stems: Vec<u8>) -> Result<Lexicon> {
        let forms = Map::new(Cow::Owned(forms)).map_err(|e| Error::fst(name, e))?;
        let stems = Map::new(Cow::Owned(stems)).map_err(|e| Error::fst(name, e))?;
        forms.as_fst().verify().map_err(|e| Error::fst(name, e))?;
        stems.as_fst().verify().map_err(|e| Error::fst(name, e))?;
        Ok(Lexicon { inner: Arc::new(LexiconData::new(name, forms, stems)) })
    }

    /// The lexicon as one file (`stimmung lexicon compile` writes it):
    /// a magic line, the forms map's length, then both fst maps.
    pub fn to_bytes(&self) -> Vec<u8> {
        let (forms, stems) = self.as_fst_bytes();
        let mut out = Vec::with_capacity(16 + forms.len() + stems.len());
        out.extend_from_slice(COMPILED_MAGIC);
        out.extend_from_slice(&(forms.len() as u64).to_le_bytes());
        out.extend_from_slice(forms);
        out.extend_from_slice(stems);
        out
    }

    /// Reads a lexicon written by [`Lexicon::to_bytes`]. The maps are
    /// verified, since the file may come from anywhere.
    ///
    /// # Errors
    ///
    /// A file that is not a compiled stimmung lexicon, or a corrupt one.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Lexicon> {
        let bad = || Error::config(format!("{name}: not a compiled stimmung lexicon"));
        let rest = bytes.strip_prefix(COMPILED_MAGIC).ok_or_else(bad)?;
        let len = rest.get(..8).ok_or_else(bad)?;
        let len = u64::from_le_bytes(len.try_into().map_err(|_| bad())?) as usize;
        let rest = &rest[8..];
        if len > rest.len() {
            return Err(bad());
        }
        Lexicon::from_fst(name, rest[..len].to_vec(), rest[len..].to_vec())
    }

    /// Reads a lexicon file: compiled (`.stmlex`, as `lexicon compile`
    /// writes it) or TSV (anything else).
    ///
    /// # Errors
    ///
    /// As [`Lexicon::from_tsv_path`] and [`Lexicon::from_bytes`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Lexicon> {
        let path = path.as_ref();
        if path.extension().is_some_and(|e| e == "stmlex") {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            Lexicon::from_bytes(&path.display().to_string(), &bytes)
        } else {
            Lexicon::from_tsv_path(path)
        }
    }

    fn compiled(name: &str, compiler: &Compiler) -> Result<Lexicon> {
        let (forms, stems) = compiler.compile().map_err(|e| Error::fst(name, e))?;
        Lexicon::from_fst(name, forms, stems)
    }

    /// The lexicon's name (`default`, or the file it was read from).
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// Number of surface forms.
    pub fn len(&self) -> usize {
        self.inner.forms.len()
    }

    /// Whether the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.inner.forms.is_empty()
    }

    /// Number of stems.
    pub fn stem_count(&self) -> usize {
        self.inner.stems.len()
    }

    /// The raw fst bytes of the forms and stems maps.
    pub fn as_fst_bytes(&self) -> (&[u8], &[u8]) {
        (self.inner.forms.as_fst().as_bytes(), self.inner.stems.as_fst().as_bytes())
    }

    /// Whether `key` (a folded form, see the crate docs) is an entry.
    pub fn contains(&self, key: &str) -> bool {
        self.inner.forms.contains_key(key)
    }

    /// Every surface entry: folded key, kind and weight, in key order.
    pub fn entries(&self) -> impl Iterator<Item = (String, EntryKind, f64)> + '_ {
        use fst::Streamer;
        let mut stream = self.inner.forms.stream();
        let mut out = Vec::with_capacity(self.len());
        while let Some((k, v)) = stream.next() {
            let e = Entry::unpack(v);
            out.push((String::from_utf8_lossy(k).into_owned(), e.kind, e.weight));
        }
        out.into_iter()
    }

    /// Whether `key` (folded words joined by spaces) begins some phrase
    /// that has more words after it.
    pub(crate) fn is_phrase_prefix(&self, key: &str) -> bool {
        self.inner.index().phrase_prefixes.contains(key.as_bytes())
    }

    /// Whether `folded` (a folded word) follows another word in some
    /// phrase.
    pub(crate) fn is_phrase_word(&self, folded: &str) -> bool {
        self.inner.index().phrase_words.contains(folded.as_bytes())
    }

    pub(crate) fn form(&self, key: &str) -> Option<Entry> {
        self.inner.index().forms.get(key.as_bytes()).copied().map(Entry::unpack)
    }

    /// The entry of the form `-head` (`head` folded), if there is one.
    pub(crate) fn dashed_form(&self, head: &str) -> Option<Entry> {
        self.inner.index().dashed.get(head.as_bytes()).map(Entry::unpack)
    }

    /// Whether the stem of `folded` can be one of this lexicon's stems.
    pub(crate) fn may_have_stem(&self, folded: &str) -> bool {
        self.inner.index().stem_keys.may_stem_to_one(folded)
    }

    /// The entry of a stem, with the length of its shortest lemma.
    pub(crate) fn stem(&self, key: &str) -> Option<(Entry, usize)> {
        let v = self.inner.index().stem_keys.get(key.as_bytes())?;
        Some((Entry::unpack(v), Entry::lemma_chars(v)))
    }
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("name", &self.inner.name)
            .field("forms", &self.len())
            .field("stems", &self.stem_count())
            .finish()
    }
}

fn read(path: &Path) -> Result<(String, String)> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((name, text)),
        Err(e) => {
            let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::source(compile::SourceError {
                path: name,
                line,
                message: "invalid UTF-8".into(),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_has_core_words() {
        let lex = Lexicon::german();
        assert!(lex.len() > 5000, "{lex:?}");
        assert!(lex.form("gut").unwrap().weight > 0.0);
        assert!(lex.form("schlecht").unwrap().weight < 0.0);
        assert_eq!(lex.form("nicht").unwrap().kind, EntryKind::Negator);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = Lexicon::from_tsv("x.tsv", "gut\t1\nschlecht\tminus\n").unwrap_err();
        assert_eq!(err.line(), Some(2));
        assert!(err.to_string().starts_with("x.tsv:2:"), "{err}");
        let err = Lexicon::from_tsv("x.tsv", "gut\t1\nGut\t2\n").unwrap_err();
        assert!(err.to_string().contains("duplicate"), "{err}");
        let err = Lexicon::from_tsv("x.tsv", "gut\t9\n").unwrap_err();
        assert!(err.to_string().contains("outside"), "{err}");
        let err = Lexicon::from_tsv("x.tsv", "gut\t1\tfoo\n").unwrap_err();
        assert!(err.to_string().contains("unknown kind"), "{err}");
    }

    #[test]
    fn pack_roundtrip() {
        for kind in [EntryKind::Valence, EntryKind::Booster, EntryKind::Prefix] {
            for w in [-4.0, -0.293, 0.0, 1.5, 4.0] {
                let e = Entry { kind, weight: w };
                assert_eq!(Entry::unpack(e.pack()), e);
            }
        }
    }

    #[test]
    fn fst_bytes_are_verified() {
        assert!(Lexicon::from_fst("junk", vec![1, 2, 3], vec![]).is_err());
        assert!(Lexicon::from_bytes(
            "junk",
            b"stimmung-lexicon-1\n\xff\xff\xff\xff\xff\xff\xff\x7f"
        )
        .is_err());
        assert!(Lexicon::from_bytes("junk", b"hello").is_err());
    }

    #[test]
    fn compiled_roundtrip() {
        let lex = Lexicon::from_tsv("t.tsv", "toll\t2\nnie wieder\t-2.5\n").unwrap();
        let back = Lexicon::from_bytes("t.stmlex", &lex.to_bytes()).unwrap();
        assert_eq!(back.entries().collect::<Vec<_>>(), lex.entries().collect::<Vec<_>>());
    }
}
