//! Byte classes tested eight bytes at a time in a `u64` ("SIMD within a
//! register"), for the scans that run over every byte of the input: chunk
//! ends and a word's letters in the tokenizer.
//!
//! Each test returns *marks*: the high bit of every lane (byte) that is in
//! the class. A test is exact for the lowest marked lane only: a borrow or
//! carry from a marked lane can mark lanes above it, never below. Callers
//! therefore only ask for the first mark ([`first_mark`]), and marks of
//! several tests may be or-ed together.

/// The byte `b` in each of a `u64`'s eight lanes.
const fn lanes(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

const HIGH: u64 = lanes(0x80);

/// The eight bytes of `bytes` from `at`, the first in the lowest lane, if
/// there are eight.
#[inline(always)]
pub(crate) fn load(bytes: &[u8], at: usize) -> Option<u64> {
    let eight = bytes.get(at..)?.first_chunk::<8>()?;
    Some(u64::from_le_bytes(*eight))
}

/// Marks the lanes below `n` (at most 0x80).
#[inline(always)]
pub(crate) fn below(x: u64, n: u8) -> u64 {
    debug_assert!(n <= 0x80);
    x.wrapping_sub(lanes(n)) & !x & HIGH
}

/// Marks the lanes above `n` (below 0x80), and every non-ASCII lane.
#[inline(always)]
pub(crate) fn above(x: u64, n: u8) -> u64 {
    debug_assert!(n < 0x80);
    (x.wrapping_add(lanes(0x7f - n)) | x) & HIGH
}

/// Marks the lanes that are not ASCII letters.
#[inline(always)]
pub(crate) fn not_ascii_letter(x: u64) -> u64 {
    // Setting bit 5 lowercases a letter and moves no other byte into
    // `a..=z`.
    let lower = x | lanes(0x20);
    below(lower, b'a') | above(lower, b'z')
}

/// How many lanes come before the first mark (8 if there is none).
#[inline(always)]
pub(crate) fn first_mark(marks: u64) -> usize {
    (marks.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first lane of `bytes` for which `class` holds, or 8.
    fn first(bytes: [u8; 8], class: impl Fn(u8) -> bool) -> usize {
        bytes.iter().position(|&b| class(b)).unwrap_or(8)
    }

    /// Every byte value in every lane among letters, and every pair of byte
    /// values in lanes 2 and 5: the first mark is the first byte of the
    /// class, whatever follows it.
    fn check(test: impl Fn(u64) -> u64, class: impl Fn(u8) -> bool) {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = *b"aBcDeFgH";
                bytes[lane] = b;
                let x = u64::from_le_bytes(bytes);
                assert_eq!(first_mark(test(x)), first(bytes, &class), "{b:#x} in lane {lane}");
            }
            for c in 0..=255u8 {
                let mut bytes = *b"aBcDeFgH";
                bytes[2] = b;
                bytes[5] = c;
                let x = u64::from_le_bytes(bytes);
                assert_eq!(first_mark(test(x)), first(bytes, &class), "{b:#x}, {c:#x}");
            }
        }
    }

    #[test]
    fn below_above_and_letters_mark_exactly_their_first_lane() {
        check(|x| below(x, b'!'), |b| b < b'!');
        check(|x| below(x, 0x80), |b| b < 0x80);
        check(|x| above(x, b'~'), |b| b > b'~');
        check(|x| above(x, b'z'), |b| b > b'z');
        check(not_ascii_letter, |b| !b.is_ascii_alphabetic());
    }

    #[test]
    fn load_reads_eight_bytes_in_memory_order() {
        assert_eq!(load(b"abcdefghi", 1), Some(u64::from_le_bytes(*b"bcdefghi")));
        assert_eq!(load(b"abcdefghi", 2), None);
        assert_eq!(load(b"abc", 9), None);
    }
}
