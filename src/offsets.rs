//! Conversion of internal byte offsets to the char (Unicode scalar value) offsets
//! that the export and line protocols use (CONTRACTS.md), done once at the edge.

/// Maps byte offsets of one text to char offsets in O(log n) per lookup.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every non-ASCII char with the extra bytes of all multi-byte
    /// chars up to and including it; ASCII-only texts store nothing.
    multibyte: Vec<(usize, usize)>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        // Most texts are ASCII only, which `is_ascii` checks a word at a time.
        if text.is_ascii() {
            return Self {
                multibyte: Vec::new(),
            };
        }
        let mut extra = 0;
        let multibyte = text
            .char_indices()
            .filter(|(_, c)| c.len_utf8() > 1)
            .map(|(i, c)| {
                extra += c.len_utf8() - 1;
                (i, extra)
            })
            .collect();
        Self { multibyte }
    }

    /// The char offset of byte offset `byte` (which must be on a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        // Every multi-byte char before `byte` adds (len - 1) bytes beyond its one char.
        let before = self.multibyte.partition_point(|(i, _)| *i < byte);
        let extra = before
            .checked_sub(1)
            .and_then(|k| self.multibyte.get(k))
            .map_or(0, |(_, e)| *e);
        byte - extra
    }
}

#[cfg(test)]
mod tests {
    use super::CharIndex;

    #[test]
    fn matches_char_counting() {
        let text = "a’b “c” ü 𝄞 end";
        let index = CharIndex::new(text);
        for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(index.char_offset(b), text[..b].chars().count(), "byte {b}");
        }
    }
}
