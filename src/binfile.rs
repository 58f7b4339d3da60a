//! The checksummed binary files of the two caches (per-article extractions,
//! [`crate::cache`]; whole-model snapshots, [`crate::snapshot`]): a 32-byte header —
//! an 8-byte magic, a version, a key and a checksum of the payload — then the
//! payload in bincode. Both ways are streamed, so no copy of the payload is held in
//! memory, and a file that is missing, of another magic, version or key,
//! truncated, longer than its payload or whose checksum differs reads as `None`.
//! Files are replaced by a rename, without waiting for the disk: after a crash one
//! is at worst unreadable, and then ignored and rebuilt.

use std::io::{BufRead, Read, Seek, SeekFrom, Write};
use std::path::Path;

use bincode::Options;
use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Size of the header: magic, version, key, checksum.
const HEADER: usize = 32;

/// FNV-1a offset basis.
pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Feeds `bytes` into a 64-bit FNV-1a state (cache keys, versions, fingerprints).
pub(crate) fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A running checksum of a large payload, fed eight bytes at a time as they are
/// written or read (a corrupt or truncated file is told from a sound one; this is
/// not a cryptographic hash).
#[derive(Debug)]
pub(crate) struct Sum<T> {
    inner: T,
    h: u64,
    len: u64,
    carry: [u8; 8],
    carried: usize,
}

impl<T> Sum<T> {
    fn new(inner: T) -> Self {
        Self {
            inner,
            h: FNV_START,
            len: 0,
            carry: [0; 8],
            carried: 0,
        }
    }

    fn word(&mut self, w: [u8; 8]) {
        self.h = (self.h ^ u64::from_le_bytes(w)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.h ^= self.h >> 29;
    }

    fn feed(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.carried > 0 {
            let take = (8 - self.carried).min(bytes.len());
            let (head, rest) = bytes.split_at(take);
            self.carry[self.carried..self.carried + take].copy_from_slice(head);
            self.carried += take;
            bytes = rest;
            if self.carried < 8 {
                return;
            }
            self.word(self.carry);
            self.carried = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut x = [0u8; 8];
            x.copy_from_slice(w);
            self.word(x);
        }
        let rest = words.remainder();
        self.carry[..rest.len()].copy_from_slice(rest);
        self.carried = rest.len();
    }

    fn finish(&self) -> u64 {
        let h = fnv(self.h, &self.carry[..self.carried]);
        fnv(h, &self.len.to_le_bytes())
    }
}

impl<W: Write> Write for Sum<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.feed(buf.get(..n).unwrap_or_default());
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<R: Read> Read for Sum<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.feed(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

/// What a file must start with to be read: magic, version and key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header {
    /// The file kind.
    pub magic: &'static [u8; 8],
    /// The version of the code that wrote it.
    pub version: u64,
    /// What it was written for (a fingerprint; 0 when unused).
    pub key: u64,
}

/// Streams `header` and `value` into `out`, then fills in the checksum.
fn encode<T: Serialize>(
    header: Header,
    value: &T,
    out: &mut (impl Write + Seek),
) -> std::io::Result<()> {
    write_head(header, out)?;
    // The checksum sits under the buffer, so it is fed in large blocks.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, Sum::new(&mut *out));
    bincode::serialize_into(&mut buffered, value).map_err(std::io::Error::other)?;
    let total = buffered
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)?
        .finish();
    write_checksum(total, out)
}

/// Writes the header, with room for the checksum after it.
fn write_head(header: Header, out: &mut impl Write) -> std::io::Result<()> {
    let mut head = [0u8; HEADER];
    head[..8].copy_from_slice(header.magic);
    head[8..16].copy_from_slice(&header.version.to_le_bytes());
    head[16..24].copy_from_slice(&header.key.to_le_bytes());
    out.write_all(&head)
}

/// Fills in the checksum `total` of the payload written after the header.
fn write_checksum(total: u64, out: &mut (impl Write + Seek)) -> std::io::Result<()> {
    out.seek(SeekFrom::Start(24))?;
    out.write_all(&total.to_le_bytes())?;
    out.flush()
}

/// Like [`encode`] for a slice, written as a `Vec` of its items is (a length, then
/// the items): the items are encoded on all cores, a group of them at a time,
/// while the bytes go out in order.
fn encode_seq<T: Serialize + Sync>(
    header: Header,
    items: &[T],
    out: &mut (impl Write + Seek),
) -> std::io::Result<()> {
    /// Items encoded between two writes: held at once, they stay a small part of
    /// the peak memory (4,096 Reuters articles held 5 MB more at the peak).
    const GROUP: usize = 1024;
    write_head(header, out)?;
    let mut sum = Sum::new(&mut *out);
    sum.write_all(&(items.len() as u64).to_le_bytes())?;
    for group in items.chunks(GROUP) {
        let encoded: Vec<Vec<u8>> = group
            .par_chunks(GROUP / 16)
            .map(|part| {
                let mut bytes = Vec::new();
                for item in part {
                    bincode::serialize_into(&mut bytes, item).map_err(std::io::Error::other)?;
                }
                Ok(bytes)
            })
            .collect::<std::io::Result<_>>()?;
        for bytes in &encoded {
            sum.write_all(bytes)?;
        }
    }
    let total = sum.finish();
    write_checksum(total, out)
}

/// Reads a value written by [`encode`] with `header` from `input`, which holds
/// `size` bytes; `None` when the input is not such a file, whole and sound. No
/// length read from the input may claim more than `size` bytes (a corrupt length
/// is an error, not an allocation of that size).
fn decode<T: DeserializeOwned>(header: Header, mut input: impl Read, size: u64) -> Option<T> {
    let mut head = [0u8; HEADER];
    input.read_exact(&mut head).ok()?;
    let field = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(head.get(i..i + 8)?);
        Some(u64::from_le_bytes(b))
    };
    if head.get(..8)? != header.magic || field(8)? != header.version || field(16)? != header.key {
        return None;
    }
    // The checksum sits under the buffer, so it is fed in large blocks and sees
    // every byte after the header.
    let mut buffered = std::io::BufReader::with_capacity(1 << 16, Sum::new(input));
    // The options of `bincode::serialize_into`, with a limit.
    let value: T = bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .with_limit(size)
        .deserialize_from(&mut buffered)
        .ok()?;
    // Nothing may follow the payload, and the whole of it must sum up.
    let ended = buffered.fill_buf().ok()?.is_empty();
    (ended && buffered.into_inner().finish() == field(24)?).then_some(value)
}

/// Writes `items` like [`write`] writes them as a `Vec` (the same bytes; read
/// back with [`read`] as a `Vec`), encoding them on all cores.
pub(crate) fn write_seq<T: Serialize + Sync>(
    path: &Path,
    header: Header,
    items: &[T],
) -> std::io::Result<()> {
    replace(path, |file| encode_seq(header, items, file))
}

/// Reads the file at `path` written with `header`.
pub(crate) fn read<T: DeserializeOwned>(path: &Path, header: Header) -> Option<T> {
    let file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    decode(header, file, size)
}

/// Writes `value` with `header` as the file `path`, creating its folder, through a
/// temporary file renamed into place (not synced: see the module's comment).
pub(crate) fn write<T: Serialize>(path: &Path, header: Header, value: &T) -> std::io::Result<()> {
    replace(path, |file| encode(header, value, file))
}

/// Creates the folder of `path`, then the file through a temporary file that
/// `fill` writes, renamed into place (not synced).
fn replace(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::fsutil::replace_with(path, false, fill)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn checksum(bytes: &[u8]) -> u64 {
        let mut sum = Sum::new(());
        sum.feed(bytes);
        sum.finish()
    }

    #[test]
    fn checksum_tells_every_byte_and_does_not_depend_on_chunking() {
        let data: Vec<u8> = (0..=255u8).cycle().take(1001).collect();
        let whole = checksum(&data);
        for i in [0, 7, 8, 500, 999, 1000] {
            let mut d = data.clone();
            d[i] ^= 1;
            assert_ne!(checksum(&d), whole, "byte {i}");
        }
        assert_ne!(checksum(&data[..1000]), whole, "truncated");
        let mut pieces = Sum::new(());
        for chunk in data.chunks(3) {
            pieces.feed(chunk);
        }
        assert_eq!(pieces.finish(), whole);
    }

    const H: Header = Header {
        magic: b"TESTFIL1",
        version: 3,
        key: 42,
    };

    #[test]
    fn a_slice_encoded_on_all_cores_is_the_vec_encoded_in_one() {
        for n in [0, 1, 255, 10_000] {
            let items: Vec<(u64, String)> =
                (0..n).map(|i| (i, "x".repeat(i as usize % 7))).collect();
            let mut seq = std::io::Cursor::new(Vec::new());
            encode_seq(H, &items, &mut seq).unwrap();
            let seq = seq.into_inner();
            assert_eq!(seq, encoded(&items), "{n} items");
            let back: Vec<(u64, String)> = decode(H, seq.as_slice(), seq.len() as u64).unwrap();
            assert_eq!(back, items);
        }
    }

    fn encoded(value: &Vec<(u64, String)>) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        encode(H, value, &mut out).unwrap();
        out.into_inner()
    }

    #[test]
    fn decode_rejects_garbage_other_versions_keys_and_lengths() {
        let value = vec![(7u64, "seven".to_string()), (8, "eight".into())];
        let bytes = encoded(&value);
        let read = |b: &[u8], h: Header| decode::<Vec<(u64, String)>>(h, b, b.len() as u64);
        assert_eq!(read(&bytes, H), Some(value));
        assert_eq!(read(&bytes, Header { key: 43, ..H }), None, "another key");
        assert_eq!(
            read(&bytes, Header { version: 4, ..H }),
            None,
            "another version"
        );
        assert_eq!(
            read(
                &bytes,
                Header {
                    magic: b"OTHERFIL",
                    ..H
                }
            ),
            None
        );
        assert_eq!(read(b"nonsense", H), None);
        assert_eq!(read(&bytes[..bytes.len() - 1], H), None, "truncated");
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(read(&longer, H), None, "trailing bytes");
        // A string length gone wild is refused before anything is allocated.
        let mut huge = bytes.clone();
        huge[HEADER + 16..HEADER + 24].copy_from_slice(&(u64::MAX / 2).to_le_bytes());
        assert_eq!(read(&huge, H), None, "huge length");
        for i in [HEADER, bytes.len() - 1] {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0x10;
            assert_eq!(read(&flipped, H), None, "byte {i} flipped");
        }
    }

    #[test]
    fn write_then_read_round_trips_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("x.bin");
        let value = vec![(1u64, "one".to_string())];
        write(&path, H, &value).unwrap();
        assert_eq!(read::<Vec<(u64, String)>>(&path, H), Some(value));
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
