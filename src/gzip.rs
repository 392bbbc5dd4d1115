//! A small gzip encoder (RFC 1952 around RFC 1951 DEFLATE), with no dependencies.
//!
//! Why: the wizard fits its shell scripts into cloud-init user-data, which
//! cloud-init decompresses when a file says `encoding: gz+b64`, and Alibaba
//! Cloud limits user-data to 16 KB before Base64. Compressing shell text
//! about fourfold (a 20 KiB script to about 4.8 KB) lets the scripts fit.
//!
//! How: LZ77 over a 32 KiB window (a hash of the next 3 bytes into a head
//! table plus a chain of earlier positions with the same hash, at most
//! 96 steps, with one-step lazy matching), coded with DEFLATE's
//! fixed Huffman codes in one final block. Fixed codes need no tables in the
//! output nor in the bundle, and on short text they cost only a few percent
//! against dynamic ones. The header has MTIME 0 and OS 255, so the same input
//! always gives the same bytes.

/// The DEFLATE window: the farthest a match may point back.
const WINDOW: usize = 32 * 1024;
/// The shortest and longest match DEFLATE can code.
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
/// How many earlier positions with the same hash a search looks at.
const MAX_CHAIN: usize = 96;
/// A match at least this long is taken without looking one byte further.
const LAZY_ENOUGH: usize = 32;
/// Bits of the hash of 3 bytes (size of the head table).
const HASH_BITS: u32 = 15;
/// No position (an empty head or chain entry).
const NONE: usize = usize::MAX;

/// gzip (RFC 1952) of `data`: one DEFLATE (RFC 1951) stream of fixed-Huffman
/// blocks (BTYPE=01) with LZ77 matches (32 KiB window, lengths 3..=258),
/// header with MTIME 0, XFL 0, OS 255 (so the output is deterministic: same
/// input, same bytes), trailer CRC-32 (IEEE, reflected, poly 0xEDB88320) and
/// ISIZE, both little-endian.
///
/// ```
/// use wizard::gzip::gzip;
/// let script = b"#!/bin/sh\necho hello\necho hello\necho hello\n";
/// let gz = gzip(script);
/// assert_eq!(gz[..2], [0x1f, 0x8b]);
/// assert_eq!(gz, gzip(script));
/// ```
pub fn gzip(data: &[u8]) -> Vec<u8> {
    // ID1 ID2, CM = deflate, FLG = 0, MTIME = 0, XFL = 0, OS = unknown.
    let mut bits = Bits { out: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255], acc: 0, n: 0 };
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE = 01, fixed Huffman codes
    deflate(data, &mut bits);
    bits.symbol(256); // end of block
    let mut out = bits.finish();
    out.extend_from_slice(&crc32(data).to_le_bytes());
    // ISIZE is the input length modulo 2^32.
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// CRC-32 as gzip uses it (IEEE, reflected, polynomial 0xEDB88320,
/// initial value and final XOR 0xFFFFFFFF).
///
/// ```
/// assert_eq!(wizard::gzip::crc32(b"123456789"), 0xCBF4_3926);
/// ```
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// LZ77 with lazy matching; writes literals and (length, distance) pairs.
fn deflate(data: &[u8], bits: &mut Bits) {
    let mut lz = Lz { data, head: vec![NONE; 1 << HASH_BITS], prev: vec![NONE; WINDOW] };
    let mut i = 0;
    // The match already found (and inserted) at `i` by the lazy look-ahead.
    let mut found = None;
    while let Some(&byte) = data.get(i) {
        let (len, dist) = found.take().unwrap_or_else(|| lz.search_insert(i));
        if len < MIN_MATCH {
            bits.symbol(u16::from(byte));
            i += 1;
            continue;
        }
        if len < LAZY_ENOUGH {
            let next = lz.search_insert(i + 1);
            if next.0 > len {
                bits.symbol(u16::from(byte));
                i += 1;
                found = Some(next);
                continue;
            }
            // i + 1 is in the chains already.
            lz.insert_range(i + 2, i + len);
        } else {
            lz.insert_range(i + 1, i + len);
        }
        bits.copy(len, dist);
        i += len;
    }
}

/// The LZ77 search state: chains of earlier positions with equal hashes.
struct Lz<'a> {
    data: &'a [u8],
    /// Latest position for each hash of 3 bytes.
    head: Vec<usize>,
    /// For position `p`, at `p % WINDOW`: the previous position with its hash.
    prev: Vec<usize>,
}

impl Lz<'_> {
    /// Hash of the 3 bytes at `pos`, or `None` near the end.
    fn hash(&self, pos: usize) -> Option<usize> {
        let &[b0, b1, b2] = self.data.get(pos..pos.checked_add(3)?)? else { return None };
        let v = u32::from_le_bytes([b0, b1, b2, 0]);
        Some((v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize)
    }

    /// Puts `pos` at the head of its hash chain.
    fn insert(&mut self, pos: usize) {
        let Some(h) = self.hash(pos) else { return };
        if let (Some(head), Some(prev)) = (self.head.get_mut(h), self.prev.get_mut(pos % WINDOW)) {
            *prev = *head;
            *head = pos;
        }
    }

    fn insert_range(&mut self, from: usize, to: usize) {
        for pos in from..to {
            self.insert(pos);
        }
    }

    /// The longest match for `pos` (length, distance), length 0 if none;
    /// then inserts `pos`.
    fn search_insert(&mut self, pos: usize) -> (usize, usize) {
        let found = self.search(pos);
        self.insert(pos);
        found
    }

    fn search(&self, pos: usize) -> (usize, usize) {
        let Some(h) = self.hash(pos) else { return (0, 0) };
        let Some(here) = self.data.get(pos..) else { return (0, 0) };
        let here = here.get(..MAX_MATCH).unwrap_or(here);
        let (mut best_len, mut best_dist) = (0, 0);
        let mut cand = self.head.get(h).copied().unwrap_or(NONE);
        let mut before = pos;
        for _ in 0..MAX_CHAIN {
            // Chains only go back; stop at the window edge or a stale entry.
            if cand >= before || pos - cand > WINDOW {
                break;
            }
            before = cand;
            if let Some(there) = self.data.get(cand..) {
                // Cheap test first: could this candidate beat the best?
                if there.get(best_len) == here.get(best_len) {
                    let len = there.iter().zip(here).take_while(|(a, b)| a == b).count();
                    if len > best_len {
                        (best_len, best_dist) = (len, pos - cand);
                        if len == here.len() {
                            break;
                        }
                    }
                }
            }
            cand = self.prev.get(cand % WINDOW).copied().unwrap_or(NONE);
        }
        (best_len, best_dist)
    }
}

/// A match length's code (0..=28, for symbols 257..=285), and the count
/// and value of its extra bits (RFC 1951, 3.2.5): codes 0-7 are the lengths
/// 3-10, each later group of four takes one more extra bit and spans twice
/// as many lengths, and 258 has a code of its own. Computed, not looked up:
/// the table search cost a comparison per code.
fn length_code(len: usize) -> (u32, u32, u32) {
    if len >= MAX_MATCH {
        return (28, 0, 0);
    }
    let l = len.saturating_sub(MIN_MATCH) as u32;
    if l < 8 {
        return (l, 0, 0);
    }
    let extra = l.ilog2() - 2;
    (4 * extra + 4 + ((l >> extra) & 3), extra, l & ((1 << extra) - 1))
}

/// A distance's code (0..=29) and the count and value of its extra bits:
/// codes 0-3 are the distances 1-4, then each pair of codes takes one more
/// extra bit.
fn distance_code(dist: usize) -> (u32, u32, u32) {
    let d = dist.saturating_sub(1) as u32;
    if d < 4 {
        return (d, 0, 0);
    }
    let extra = d.ilog2() - 1;
    (2 * extra + 2 + ((d >> extra) & 1), extra, d & ((1 << extra) - 1))
}

/// The output bit stream: bits go in least significant first.
struct Bits {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl Bits {
    /// Appends the `len` low bits of `value` (at most 24 bits at once).
    fn put(&mut self, value: u32, len: u32) {
        self.acc |= value << self.n;
        self.n += len;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// Appends a Huffman code: most significant bit first (RFC 1951, 3.1.1).
    fn code(&mut self, code: u32, len: u32) {
        self.put(code.reverse_bits() >> (32 - len), len);
    }

    /// Appends literal/length symbol `sym` (0..=287) in the fixed code (3.2.6).
    fn symbol(&mut self, sym: u16) {
        let sym = u32::from(sym);
        match sym {
            0..=143 => self.code(0x30 + sym, 8),
            144..=255 => self.code(0x190 + sym - 144, 9),
            256..=279 => self.code(sym - 256, 7),
            _ => self.code(0xC0 + sym - 280, 8),
        }
    }

    /// Appends a match: `len` in 3..=258, `dist` in 1..=32768.
    fn copy(&mut self, len: usize, dist: usize) {
        let (code, extra, value) = length_code(len);
        self.symbol(257 + code as u16);
        self.put(value, extra);
        let (code, extra, value) = distance_code(dist);
        self.code(code, 5);
        self.put(value, extra);
    }

    /// The bytes, the last one padded with zero bits.
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Length codes 257..=285: base length and extra bits (RFC 1951, 3.2.5).
    const LEN_BASE: [u16; 29] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258,
    ];
    const LEN_EXTRA: [u8; 29] =
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    /// Distance codes 0..=29: base distance (extra bits: 0 for codes 0..4, then `code / 2 - 1`).
    const DIST_BASE: [u16; 30] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
        2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ];

    /// The computed codes are the RFC's tables' (3.2.5), for every length
    /// and every distance.
    #[test]
    fn length_and_distance_codes_are_the_tables() {
        for len in MIN_MATCH..=MAX_MATCH {
            let lc = LEN_BASE.iter().rposition(|&b| usize::from(b) <= len).unwrap();
            let want =
                (lc as u32, u32::from(LEN_EXTRA[lc]), (len - usize::from(LEN_BASE[lc])) as u32);
            assert_eq!(length_code(len), want, "length {len}");
        }
        for dist in 1..=WINDOW {
            let dc = DIST_BASE.iter().rposition(|&b| usize::from(b) <= dist).unwrap();
            let extra = if dc < 4 { 0 } else { dc as u32 / 2 - 1 };
            let want = (dc as u32, extra, (dist - usize::from(DIST_BASE[dc])) as u32);
            assert_eq!(distance_code(dist), want, "distance {dist}");
        }
    }

    /// A shell script like the wizard's: a preamble, functions, and lines
    /// that repeat with small changes.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    fn shell_script(target: usize) -> Vec<u8> {
        let mut s = String::from("#!/bin/sh\nset -eu\numask 077\n\n");
        s.push_str("log() { printf '%s %s\\n' \"$(date +%H:%M:%S)\" \"$*\" >&2; }\n");
        s.push_str("die() { log \"error: $*\"; exit 1; }\n\n");
        let mut i = 0;
        while s.len() < target {
            s.push_str(&format!(
                "if ! ip -4 addr show dev eth0 | grep -q 'inet 192.168.1.{n}/24'; then\n  \
                 ip addr add 192.168.1.{n}/24 dev eth0 || die \"cannot add 192.168.1.{n}\"\n  \
                 log \"added 192.168.1.{n}\"\nfi\n",
                n = 10 + i % 200
            ));
            i += 1;
        }
        s.into_bytes()
    }

    #[test]
    fn crc32_known_values() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn header_is_fixed() {
        let gz = gzip(b"abc");
        assert_eq!(gz.get(..10), Some(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255][..]));
        assert_eq!(gz, gzip(b"abc"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod native {
        use std::io::{Read, Write};
        use std::process::{Command, Stdio};

        use proptest::prelude::*;

        use super::*;

        fn gunzip(gz: &[u8]) -> Vec<u8> {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(gz).read_to_end(&mut out).expect("valid gzip");
            out
        }

        fn round_trip(data: &[u8]) {
            let gz = gzip(data);
            assert_eq!(gunzip(&gz), data, "round trip of {} bytes", data.len());
            let isize = gz.get(gz.len() - 4..).expect("trailer");
            assert_eq!(isize, (data.len() as u32).to_le_bytes());
        }

        #[test]
        fn round_trips_edge_cases() {
            round_trip(b"");
            round_trip(b"a");
            round_trip(b"abc");
            round_trip(b"abcabcabc");
            // Length 258 repeatedly, distance 1, and the 1..=2 byte tail.
            round_trip(&[b'x'; 300]);
            round_trip(&[b'x'; 258 * 3 + 2]);
            round_trip(&(0..=255).collect::<Vec<u8>>());
            round_trip(&(0..=255).cycle().take(5000).collect::<Vec<u8>>());
        }

        #[test]
        fn round_trips_across_the_window_edge() {
            // A block, then 32 KiB and a little of other text, then the block
            // again: just too far back to copy, unlike its near repeats.
            let block: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 251) as u8).collect();
            let mut data = block.clone();
            for gap in [WINDOW - 1000, WINDOW - 2000, WINDOW, WINDOW + 1] {
                let filler = shell_script(gap);
                data.extend_from_slice(filler.get(..gap).unwrap_or(&filler));
                data.extend_from_slice(&block);
            }
            // Exactly the maximum distance: a run that repeats after 32768 bytes.
            let far: Vec<u8> = (0..WINDOW * 3).map(|i| (i % WINDOW % 253) as u8).collect();
            round_trip(&data);
            round_trip(&far);
            round_trip(&shell_script(70_000));
        }

        #[test]
        fn round_trips_a_shell_script_and_compresses_it() {
            let script = shell_script(20 * 1024);
            round_trip(&script);
            let ratio = gzip(&script).len() as f64 / script.len() as f64;
            assert!(ratio < 0.5, "ratio {ratio:.3}");
        }

        /// The wizard's own scripts (every method of a few systems), first 20 KiB.
        fn rendered_scripts() -> Vec<u8> {
            use crate::catalog::Os;
            use crate::plan::{validate, Form};
            let mut text = Vec::new();
            for os in [Os::Ubuntu20, Os::Alinux3, Os::Debian13, Os::Sles15] {
                let form = Form { os: os.as_str().into(), ..Form::guide_example() };
                let plan = validate(&form).expect("the guide example is valid");
                for r in crate::render::render_all(&plan) {
                    for a in r.artifacts() {
                        text.extend_from_slice(a.content.as_bytes());
                    }
                }
            }
            text.truncate(20 * 1024);
            text
        }

        #[test]
        fn ratio_on_shell_text() {
            for (name, text) in
                [("synthetic", shell_script(20 * 1024)), ("rendered", rendered_scripts())]
            {
                let ours = gzip(&text);
                assert_eq!(gunzip(&ours), text);
                let mut best =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                best.write_all(&text).expect("in memory");
                let best = best.finish().expect("in memory");
                let n = text.len() as f64;
                eprintln!(
                    "gzip {name} {} bytes: ours {} ({:.3}), flate2 best {} ({:.3})",
                    text.len(),
                    ours.len(),
                    ours.len() as f64 / n,
                    best.len(),
                    best.len() as f64 / n
                );
                assert!(ours.len() * 2 < text.len(), "{name}: {} bytes", ours.len());
            }
        }

        #[test]
        fn the_gzip_program_reads_it() {
            let data = [shell_script(40_000), (0..=255).collect()].concat();
            let gz = gzip(&data);
            let child = Command::new("gzip")
                .arg("-dc")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn();
            let Ok(mut child) = child else {
                eprintln!("!!! SKIPPED: no `gzip` program on PATH; output not checked with it");
                return;
            };
            let mut stdin = child.stdin.take().expect("piped stdin");
            let writer = std::thread::spawn(move || stdin.write_all(&gz));
            let out = child.wait_with_output().expect("gzip ran");
            writer.join().expect("writer thread").expect("wrote to gzip");
            assert!(out.status.success(), "gzip -dc failed: {:?}", out.status);
            assert_eq!(out.stdout, data);
        }

        proptest! {
            #[test]
            fn round_trips_any_bytes(data in proptest::collection::vec(any::<u8>(), 0..70_000)) {
                prop_assert_eq!(gunzip(&gzip(&data)), data);
            }

            #[test]
            fn round_trips_small_alphabets(data in "[ab\n]{0,2000}|[a-d ]{0,70000}") {
                prop_assert_eq!(gunzip(&gzip(data.as_bytes())), data.as_bytes());
            }
        }
    }
}
