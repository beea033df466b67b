//! QR Code symbols for share links, encoded here from ISO/IEC 18004:2015.
//!
//! The share link is printed on the A4 form and shown on the page as a QR Code, so a person
//! can carry their answers to a phone or an office counter. This module does only what that
//! needs: one byte-mode segment (clause 7.4.5), versions 1–40, the four error-correction
//! levels, and the eight data masks scored by the four penalty rules (clause 7.8.3).
//!
//! Not encoded, on purpose: numeric, alphanumeric and Kanji modes (a URL with lower-case
//! letters does not fit alphanumeric mode), mixed-mode segments, ECI, Structured Append and
//! Micro QR. A decoder reads byte-mode data as bytes, which is all an ASCII link needs.
//!
//! ```
//! use anju::portal::qr::{encode, Ecc};
//! let code = encode(b"https://example.org/", Ecc::Medium).unwrap();
//! assert_eq!(code.size(), 25); // version 2
//! assert!(code.svg(4).starts_with("<svg"));
//! ```

use std::fmt::{self, Write as _};

/// How much of the symbol may be damaged and still be read (Table 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ecc {
    /// Level L: about 7 % of codewords can be restored.
    Low,
    /// Level M: about 15 %.
    Medium,
    /// Level Q: about 25 %.
    Quartile,
    /// Level H: about 30 %.
    High,
}

impl Ecc {
    /// Row of the error-correction tables below.
    fn row(self) -> usize {
        match self {
            Ecc::Low => 0,
            Ecc::Medium => 1,
            Ecc::Quartile => 2,
            Ecc::High => 3,
        }
    }

    /// The two bits that name the level in the format information (clause 7.9.1,
    /// Table 12): they are not in L, M, Q, H order.
    fn format_bits(self) -> u32 {
        match self {
            Ecc::Low => 0b01,
            Ecc::Medium => 0b00,
            Ecc::Quartile => 0b11,
            Ecc::High => 0b10,
        }
    }
}

/// Why a symbol could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrError {
    /// The data does not fit a version 40 symbol at the level asked for.
    TooLong {
        /// Bytes given.
        len: usize,
        /// The most bytes a version 40 symbol holds at that level.
        max: usize,
    },
}

impl fmt::Display for QrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QrError::TooLong { len, max } => write!(
                f,
                "the link is {len} bytes long, but a QR code at this error-correction \
                 level holds at most {max} bytes"
            ),
        }
    }
}

impl std::error::Error for QrError {}

/// A finished QR Code symbol: a square of dark and light modules, without quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrCode {
    /// Modules per side: 21 for version 1, 4 more for each version up to 177.
    size: usize,
    /// Row by row, `true` for a dark module.
    modules: Vec<bool>,
}

impl QrCode {
    /// Modules per side, not counting the quiet zone.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Whether the module in column `x`, row `y` (from the top left) is dark; `false`
    /// (light, like the quiet zone) outside the symbol.
    pub fn get(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.modules[y * self.size + x]
    }

    /// An SVG path `d` attribute that draws every dark module as part of a one-module-high
    /// horizontal run, in module units, shifted by a quiet zone of `border` modules.
    pub fn svg_path(&self, border: usize) -> String {
        let mut d = String::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if !self.get(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.size && self.get(x, y) {
                    x += 1;
                }
                let run = x - start;
                // Writing to a String cannot fail.
                let _ = write!(
                    d,
                    "M{} {}h{run}v1h-{run}z",
                    start.saturating_add(border),
                    y.saturating_add(border)
                );
            }
        }
        d
    }

    /// A complete SVG image: black modules on a white square that includes a quiet zone
    /// of `border` modules (the standard asks for 4). It has a `viewBox` but no width or
    /// height, so the page's CSS decides how large it is drawn.
    pub fn svg(&self, border: usize) -> String {
        let side = self.size.saturating_add(border.saturating_mul(2));
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
             shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" \
             fill=\"#fff\"/><path d=\"{}\" fill=\"#000\"/></svg>",
            self.svg_path(border)
        )
    }
}

/// Encodes `data` in byte mode into the smallest version (1–40) that holds it at level
/// `ecc`, choosing the data mask with the lowest penalty.
///
/// # Errors
///
/// [`QrError::TooLong`] when even version 40 cannot hold the data at that level (2,953
/// bytes at [`Ecc::Low`], 2,331 at [`Ecc::Medium`], 1,663 at [`Ecc::Quartile`], 1,273 at
/// [`Ecc::High`]).
pub fn encode(data: &[u8], ecc: Ecc) -> Result<QrCode, QrError> {
    let version = (1..=MAX_VERSION)
        .find(|&v| data.len() <= byte_capacity(v, ecc))
        .ok_or(QrError::TooLong {
            len: data.len(),
            max: byte_capacity(MAX_VERSION, ecc),
        })?;
    Ok(encode_at(data, ecc, version, None))
}

// ---------------------------------------------------------------------------------------
// Capacity (clause 7.4.5 and Table 9)

/// The largest version.
const MAX_VERSION: usize = 40;

/// Error-correction codewords in each block, by level (L, M, Q, H) and version 1–40
/// (Table 9, "number of error correction codewords" divided by the number of blocks).
const ECC_PER_BLOCK: [[u8; MAX_VERSION]; 4] = [
    [
        7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, //
        28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, //
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ],
    [
        13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, //
        28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, //
        30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
];

/// Error-correction blocks, by level (L, M, Q, H) and version 1–40 (Table 9, both block
/// sizes counted together; the split between them follows from the totals).
const BLOCKS: [[u8; MAX_VERSION]; 4] = [
    [
        1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, //
        8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
    ],
    [
        1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, //
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ],
    [
        1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, //
        23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ],
    [
        1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, //
        25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ],
];

/// Centre rows and columns of the alignment patterns, by version (Annex E, Table E.1).
const ALIGNMENT: [&[u8]; MAX_VERSION] = [
    &[],
    &[6, 18],
    &[6, 22],
    &[6, 26],
    &[6, 30],
    &[6, 34],
    &[6, 22, 38],
    &[6, 24, 42],
    &[6, 26, 46],
    &[6, 28, 50],
    &[6, 30, 54],
    &[6, 32, 58],
    &[6, 34, 62],
    &[6, 26, 46, 66],
    &[6, 26, 48, 70],
    &[6, 26, 50, 74],
    &[6, 30, 54, 78],
    &[6, 30, 56, 82],
    &[6, 30, 58, 86],
    &[6, 34, 62, 90],
    &[6, 28, 50, 72, 94],
    &[6, 26, 50, 74, 98],
    &[6, 30, 54, 78, 102],
    &[6, 28, 54, 80, 106],
    &[6, 32, 58, 84, 110],
    &[6, 30, 58, 86, 114],
    &[6, 34, 62, 90, 118],
    &[6, 26, 50, 74, 98, 122],
    &[6, 30, 54, 78, 102, 126],
    &[6, 26, 52, 78, 104, 130],
    &[6, 30, 56, 82, 108, 134],
    &[6, 34, 60, 86, 112, 138],
    &[6, 30, 58, 86, 114, 142],
    &[6, 34, 62, 90, 118, 146],
    &[6, 30, 54, 78, 102, 126, 150],
    &[6, 24, 50, 76, 102, 128, 154],
    &[6, 28, 54, 80, 106, 132, 158],
    &[6, 32, 58, 84, 110, 136, 162],
    &[6, 26, 54, 82, 110, 138, 166],
    &[6, 30, 58, 86, 114, 142, 170],
];

/// Modules per side of a version: 21 for version 1, four more for each version after.
fn side(version: usize) -> usize {
    4 * version + 17
}

/// Bits of the character count indicator for byte mode (Table 3).
fn count_bits(version: usize) -> usize {
    if version < 10 { 8 } else { 16 }
}

/// Modules left for data and error correction: the whole square less the three finders
/// with their separators (8 × 8 each), the two timing patterns between them, the
/// alignment patterns (5 × 5, less the modules they share with a timing pattern), the
/// format information with the dark module, and the version information from version 7.
/// A test checks this against the grid that is actually drawn.
fn data_modules(version: usize) -> usize {
    let size = side(version);
    let n = ALIGNMENT[version - 1].len();
    let alignment = if n == 0 {
        0
    } else {
        25 * (n * n - 3) - 10 * (n - 2)
    };
    let version_info = if version >= 7 { 36 } else { 0 };
    size * size - 3 * 64 - 2 * (size - 16) - alignment - 31 - version_info
}

/// Codewords in the whole symbol, eight modules each (Table 1); the remainder bits
/// (0, 3, 4 or 7 modules) are left over.
fn total_codewords(version: usize) -> usize {
    data_modules(version) / 8
}

/// Data codewords at a version and level: the total less every block's error correction.
fn data_codewords(version: usize, ecc: Ecc) -> usize {
    let (blocks, per_block) = block_shape(version, ecc);
    total_codewords(version).saturating_sub(blocks * per_block)
}

/// (number of blocks, error-correction codewords per block).
fn block_shape(version: usize, ecc: Ecc) -> (usize, usize) {
    let i = version.clamp(1, MAX_VERSION) - 1;
    (
        usize::from(BLOCKS[ecc.row()][i]),
        usize::from(ECC_PER_BLOCK[ecc.row()][i]),
    )
}

/// The most bytes one byte-mode segment holds: data bits less the 4-bit mode indicator
/// and the character count (Table 7's "8-bit byte" column).
fn byte_capacity(version: usize, ecc: Ecc) -> usize {
    let bits = data_codewords(version, ecc) * 8;
    let fits = bits.saturating_sub(4 + count_bits(version)) / 8;
    // The count field must hold the length too; it always does for byte mode, but say so.
    fits.min((1 << count_bits(version)) - 1)
}

// ---------------------------------------------------------------------------------------
// Data encodation (clause 7.4)

/// Appends bits, most significant first.
struct Bits {
    bytes: Vec<u8>,
    len: usize,
}

impl Bits {
    fn push(&mut self, value: u32, count: usize) {
        for i in (0..count).rev() {
            if self.len.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if (value >> i) & 1 == 1
                && let Some(last) = self.bytes.last_mut()
            {
                *last |= 0x80 >> (self.len % 8);
            }
            self.len += 1;
        }
    }
}

/// The data codeword sequence: mode indicator 0100, character count, the bytes, a
/// terminator of up to four zero bits, zero bits to a codeword boundary, then the pad
/// codewords 11101100 and 00010001 in turn (clauses 7.4.5, 7.4.9, 7.4.10).
fn data_sequence(data: &[u8], version: usize, ecc: Ecc) -> Vec<u8> {
    let capacity = data_codewords(version, ecc);
    let mut bits = Bits {
        bytes: Vec::with_capacity(capacity),
        len: 0,
    };
    bits.push(0b0100, 4);
    bits.push(data.len() as u32, count_bits(version));
    for &b in data {
        bits.push(u32::from(b), 8);
    }
    let room = capacity * 8 - bits.len.min(capacity * 8);
    bits.push(0, room.min(4));
    let to_boundary = (8 - bits.len % 8) % 8;
    bits.push(0, to_boundary);
    let mut out = bits.bytes;
    let mut pad = [0xEC, 0x11].into_iter().cycle();
    while out.len() < capacity {
        out.extend(pad.next());
    }
    out.truncate(capacity);
    out
}

// ---------------------------------------------------------------------------------------
// Reed–Solomon error correction over GF(256) (clause 7.5.2, Annex A)

/// The field is built on the primitive polynomial x⁸ + x⁴ + x³ + x² + 1.
const PRIMITIVE: u16 = 0x11D;

/// Powers and logarithms of α = 2, built at compile time.
const fn gf_tables() -> ([u8; 256], [u8; 256]) {
    let mut exp = [0u8; 256];
    let mut log = [0u8; 256];
    let mut x: u16 = 1;
    let mut i = 0;
    while i < 255 {
        exp[i] = x as u8;
        log[x as usize] = i as u8;
        x <<= 1;
        if x & 0x100 != 0 {
            x ^= PRIMITIVE;
        }
        i += 1;
    }
    // α²⁵⁵ = 1; log 0 is undefined and never read.
    exp[255] = 1;
    (exp, log)
}

const GF_EXP: [u8; 256] = gf_tables().0;
const GF_LOG: [u8; 256] = gf_tables().1;

fn gf_mul(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        return 0;
    }
    let sum = usize::from(GF_LOG[usize::from(a)]) + usize::from(GF_LOG[usize::from(b)]);
    GF_EXP[sum % 255]
}

/// The generator polynomial (x − α⁰)(x − α¹)…(x − αⁿ⁻¹), highest power first, leading 1
/// included.
fn generator(degree: usize) -> Vec<u8> {
    let mut g = vec![1u8];
    for i in 0..degree {
        let root = GF_EXP[i % 255];
        let mut next = vec![0u8; g.len() + 1];
        for (j, &c) in g.iter().enumerate() {
            // Subtraction is addition (XOR) in GF(2⁸).
            next[j] ^= c;
            next[j + 1] ^= gf_mul(c, root);
        }
        g = next;
    }
    g
}

/// The error-correction codewords for one block: the remainder of data(x)·xⁿ divided by
/// the generator of degree n.
fn ecc_codewords(data: &[u8], generator: &[u8]) -> Vec<u8> {
    let n = generator.len().saturating_sub(1);
    let mut rem = vec![0u8; n];
    for &d in data {
        let factor = d ^ rem.first().copied().unwrap_or(0);
        rem.rotate_left(1.min(n));
        if let Some(last) = rem.last_mut() {
            *last = 0;
        }
        if factor == 0 {
            continue;
        }
        let log_factor = usize::from(GF_LOG[usize::from(factor)]);
        for (r, &g) in rem.iter_mut().zip(&generator[1..]) {
            if g != 0 {
                *r ^= GF_EXP[(usize::from(GF_LOG[usize::from(g)]) + log_factor) % 255];
            }
        }
    }
    rem
}

/// Splits the data into blocks, adds error correction to each, and interleaves them:
/// first codeword of every block, then the second, …, data before error correction
/// (clause 7.6). Shorter blocks come first and hold one data codeword less.
fn final_sequence(data: &[u8], version: usize, ecc: Ecc) -> Vec<u8> {
    let (blocks, per_block) = block_shape(version, ecc);
    let total = total_codewords(version);
    let long_blocks = total % blocks;
    let short_len = total / blocks - per_block;
    let gen_poly = generator(per_block);

    let mut data_blocks = Vec::with_capacity(blocks);
    let mut ecc_blocks = Vec::with_capacity(blocks);
    let mut start = 0;
    for b in 0..blocks {
        let len = short_len + usize::from(b >= blocks - long_blocks);
        let end = (start + len).min(data.len());
        let block = &data[start.min(end)..end];
        ecc_blocks.push(ecc_codewords(block, &gen_poly));
        data_blocks.push(block);
        start = end;
    }

    let mut out = Vec::with_capacity(total);
    for i in 0..=short_len {
        out.extend(data_blocks.iter().filter_map(|b| b.get(i)));
    }
    for i in 0..per_block {
        out.extend(ecc_blocks.iter().filter_map(|b| b.get(i)));
    }
    out
}

// ---------------------------------------------------------------------------------------
// The module grid: function patterns (clause 6.3), placement (7.7), masking (7.8)

/// A grid being built: module colours, and which modules are function patterns or
/// format/version information and so take no data and no mask.
#[derive(Clone)]
struct Grid {
    size: usize,
    dark: Vec<bool>,
    reserved: Vec<bool>,
}

impl Grid {
    /// A grid with finder, separator, timing and alignment patterns, the dark module, and
    /// room kept for format and version information.
    fn with_function_patterns(version: usize) -> Grid {
        let size = side(version);
        let mut grid = Grid {
            size,
            dark: vec![false; size * size],
            reserved: vec![false; size * size],
        };

        // Timing patterns: row 6 and column 6, dark on even positions (6.3.5).
        for i in 0..size {
            grid.set(6, i, i % 2 == 0);
            grid.set(i, 6, i % 2 == 0);
        }

        // Finder patterns with their separators, in three corners (6.3.3, 6.3.4).
        let far = size - 4;
        for (cx, cy) in [(3, 3), (far, 3), (3, far)] {
            for dy in -4isize..=4 {
                for dx in -4isize..=4 {
                    let ring = dx.abs().max(dy.abs());
                    grid.set_signed(cx, cy, dx, dy, ring != 2 && ring != 4);
                }
            }
        }

        // Alignment patterns, except where they would cover a finder (6.3.6).
        let centres = ALIGNMENT[version - 1];
        let last = centres.len().saturating_sub(1);
        for (i, &cy) in centres.iter().enumerate() {
            for (j, &cx) in centres.iter().enumerate() {
                let on_finder = (i == 0 && (j == 0 || j == last)) || (i == last && j == 0);
                if on_finder {
                    continue;
                }
                for dy in -2isize..=2 {
                    for dx in -2isize..=2 {
                        let ring = dx.abs().max(dy.abs());
                        grid.set_signed(usize::from(cx), usize::from(cy), dx, dy, ring != 1);
                    }
                }
            }
        }

        // Room for format information, and the module that is always dark (7.9.1).
        grid.draw_format(0);
        grid.set(8, size - 8, true);

        if version >= 7 {
            grid.draw_version(version);
        }
        grid
    }

    /// Sets a function module.
    fn set(&mut self, x: usize, y: usize, dark: bool) {
        if x < self.size && y < self.size {
            let i = y * self.size + x;
            self.dark[i] = dark;
            self.reserved[i] = true;
        }
    }

    /// Sets the function module at (cx + dx, cy + dy), if that lies in the grid.
    fn set_signed(&mut self, cx: usize, cy: usize, dx: isize, dy: isize, dark: bool) {
        if let (Some(x), Some(y)) = (cx.checked_add_signed(dx), cy.checked_add_signed(dy)) {
            self.set(x, y, dark);
        }
    }

    /// Writes the 15 format bits in both copies: bit 0 is the least significant
    /// (clause 7.9.1).
    fn draw_format(&mut self, bits: u32) {
        let bit = |i: usize| (bits >> i) & 1 == 1;
        let size = self.size;
        // Around the top-left finder: down column 8, then leftwards along row 8,
        // stepping over the timing patterns.
        for i in 0..6 {
            self.set(8, i, bit(i));
        }
        self.set(8, 7, bit(6));
        self.set(8, 8, bit(7));
        self.set(7, 8, bit(8));
        for i in 9..15 {
            self.set(14 - i, 8, bit(i));
        }
        // The copy: row 8 under the top-right finder, then column 8 beside the
        // bottom-left finder.
        for i in 0..8 {
            self.set(size - 1 - i, 8, bit(i));
        }
        for i in 8..15 {
            self.set(8, size - 15 + i, bit(i));
        }
    }

    /// Writes the 18 version bits in both blocks of 6 × 3 modules (clause 7.10).
    fn draw_version(&mut self, version: usize) {
        let bits = version_bits(version);
        for i in 0..18 {
            let dark = (bits >> i) & 1 == 1;
            let a = self.size - 11 + i % 3;
            let b = i / 3;
            self.set(a, b, dark); // top right
            self.set(b, a, dark); // bottom left
        }
    }

    /// Places the codewords, most significant bit first, in two-module columns from the
    /// bottom right, upwards then downwards in turn, skipping function modules and the
    /// vertical timing pattern. Modules left over (remainder bits) stay light (7.7.3).
    fn place(&mut self, codewords: &[u8]) {
        let size = self.size;
        let total_bits = codewords.len() * 8;
        let mut next = 0;
        let mut right = size - 1;
        let mut upward = true;
        loop {
            if right == 6 {
                right = 5;
            }
            for step in 0..size {
                let y = if upward { size - 1 - step } else { step };
                for x in [right, right - 1] {
                    let i = y * size + x;
                    if self.reserved[i] {
                        continue;
                    }
                    self.dark[i] =
                        next < total_bits && (codewords[next / 8] >> (7 - next % 8)) & 1 == 1;
                    next += 1;
                }
            }
            if right < 3 {
                break;
            }
            right -= 2;
            upward = !upward;
        }
    }

    /// Inverts every data module that the mask's condition selects (Table 10; i is the
    /// row, j the column).
    fn apply_mask(&mut self, mask: u8) {
        for i in 0..self.size {
            for j in 0..self.size {
                let k = i * self.size + j;
                if !self.reserved[k] && mask_selects(mask, i, j) {
                    self.dark[k] = !self.dark[k];
                }
            }
        }
    }
}

#[allow(
    clippy::manual_is_multiple_of,
    reason = "written as Table 10 writes them, (i + j) mod 2 = 0"
)]
fn mask_selects(mask: u8, i: usize, j: usize) -> bool {
    match mask {
        0 => (i + j) % 2 == 0,
        1 => i % 2 == 0,
        2 => j % 3 == 0,
        3 => (i + j) % 3 == 0,
        4 => (i / 2 + j / 3) % 2 == 0,
        5 => (i * j) % 2 + (i * j) % 3 == 0,
        6 => ((i * j) % 2 + (i * j) % 3) % 2 == 0,
        _ => ((i + j) % 2 + (i * j) % 3) % 2 == 0,
    }
}

/// Remainder of `value` (already shifted up by the generator's degree) divided by
/// `generator`, in GF(2) polynomial arithmetic.
fn bch_remainder(mut value: u32, generator: u32) -> u32 {
    let degree = 31 - generator.leading_zeros();
    while value != 0 && 31 - value.leading_zeros() >= degree {
        value ^= generator << (31 - value.leading_zeros() - degree);
    }
    value
}

/// The 15 format bits: level and mask, BCH(15,5) check bits from the generator
/// x¹⁰ + x⁸ + x⁵ + x⁴ + x² + x + 1, all XORed with 101010000010010 so that they are never
/// all light (clause 7.9.1, Annex C).
fn format_bits(ecc: Ecc, mask: u8) -> u32 {
    let data = (ecc.format_bits() << 3) | u32::from(mask & 7);
    let shifted = data << 10;
    (shifted | bch_remainder(shifted, 0x537)) ^ 0x5412
}

/// The 18 version bits: version, then BCH(18,6) check bits from the generator
/// x¹² + x¹¹ + x¹⁰ + x⁹ + x⁸ + x⁵ + x² + 1 (clause 7.10, Annex D). No mask.
fn version_bits(version: usize) -> u32 {
    let shifted = (version as u32 & 0x3F) << 12;
    shifted | bch_remainder(shifted, 0x1F25)
}

// ---------------------------------------------------------------------------------------
// Mask evaluation (clause 7.8.3, Table 11)

/// Penalty for one row or column: rule 1 (runs of five or more of one colour, 3 + the
/// length beyond five) and rule 3 (1:1:3:1:1 finder-like runs with four light modules on
/// one side, 40 each). Outside the symbol counts as light, as the quiet zone is.
fn line_penalty(line: &[bool]) -> u32 {
    const FINDER_THEN_LIGHT: u16 = 0b101_1101_0000;
    const LIGHT_THEN_FINDER: u16 = 0b000_0101_1101;
    let mut score = 0;
    let mut run_colour = false;
    let mut run = 0u32;
    // The last eleven modules, newest in bit 0; it starts as light quiet zone.
    let mut window = 0u16;
    for &d in line {
        if d == run_colour {
            run += 1;
        } else {
            if run >= 5 {
                score += run - 2;
            }
            run_colour = d;
            run = 1;
        }
        window = ((window << 1) | u16::from(d)) & 0x7FF;
        if window == FINDER_THEN_LIGHT || window == LIGHT_THEN_FINDER {
            score += 40;
        }
    }
    if run >= 5 {
        score += run - 2;
    }
    // Four modules of quiet zone after the line.
    for _ in 0..4 {
        window = (window << 1) & 0x7FF;
        if window == FINDER_THEN_LIGHT {
            score += 40;
        }
    }
    score
}

/// Total penalty of a masked symbol; the mask with the lowest one is used.
fn penalty(size: usize, dark: &[bool]) -> u32 {
    let mut score = 0;
    let mut transposed = vec![false; size * size];
    for (y, row) in dark.chunks_exact(size).enumerate() {
        score += line_penalty(row);
        for (x, &d) in row.iter().enumerate() {
            transposed[x * size + y] = d;
        }
    }
    for column in transposed.chunks_exact(size) {
        score += line_penalty(column);
    }

    // Rule 2: each 2 × 2 block of one colour, 3 each (blocks may overlap).
    let rows: Vec<&[bool]> = dark.chunks_exact(size).collect();
    for pair in rows.windows(2) {
        let (top, bottom) = (pair[0], pair[1]);
        for x in 1..size {
            let c = top[x];
            if top[x - 1] == c && bottom[x - 1] == c && bottom[x] == c {
                score += 3;
            }
        }
    }

    // Rule 4: 10 for each full 5 % by which the dark share strays from 50 %.
    let total = size * size;
    let dark_count = dark.iter().filter(|&&d| d).count();
    let k = (20 * dark_count).abs_diff(10 * total) / total;
    score + 10 * k as u32
}

/// Builds the symbol at a given version (which must hold the data) with the given mask,
/// or the best of the eight when `mask` is `None`.
fn encode_at(data: &[u8], ecc: Ecc, version: usize, mask: Option<u8>) -> QrCode {
    let codewords = final_sequence(&data_sequence(data, version, ecc), version, ecc);
    let mut grid = Grid::with_function_patterns(version);
    grid.place(&codewords);

    let masks = match mask {
        Some(m) => m & 7..=m & 7,
        None => 0..=7,
    };
    let mut best: Option<(u32, Grid)> = None;
    for m in masks {
        let mut candidate = grid.clone();
        candidate.apply_mask(m);
        candidate.draw_format(format_bits(ecc, m));
        let score = penalty(candidate.size, &candidate.dark);
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, candidate));
        }
    }
    let chosen = best.map(|(_, g)| g).unwrap_or(grid);
    QrCode {
        size: chosen.size,
        modules: chosen.dark,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::process::Command;

    const LEVELS: [Ecc; 4] = [Ecc::Low, Ecc::Medium, Ecc::Quartile, Ecc::High];

    // --- Building blocks against the standard's own numbers ------------------------------

    #[test]
    fn gf256_tables_are_built_on_the_qr_polynomial() {
        // α⁸ = x⁴ + x³ + x² + 1 = 29; log 3 = 25 (Annex A's field).
        assert_eq!(GF_EXP[8], 29);
        assert_eq!(GF_LOG[2], 1);
        assert_eq!(GF_LOG[3], 25);
        assert_eq!(GF_LOG[5], 50);
        // α is primitive: its 255 powers are every non-zero byte once.
        let mut seen = [false; 256];
        for &e in &GF_EXP[..255] {
            assert!(!seen[usize::from(e)], "{e} repeats");
            seen[usize::from(e)] = true;
        }
        assert!(!seen[0]);
        for v in 1..=255u8 {
            assert_eq!(GF_EXP[usize::from(GF_LOG[usize::from(v)])], v);
        }
        assert_eq!(gf_mul(0x53, 0xCA), gf_mul(0xCA, 0x53));
        assert_eq!(gf_mul(7, 1), 7);
        assert_eq!(gf_mul(0, 200), 0);
    }

    #[test]
    fn generator_polynomials_match_annex_a() {
        let exponents = |degree| -> Vec<u8> {
            generator(degree)[1..]
                .iter()
                .map(|&c| GF_LOG[usize::from(c)])
                .collect()
        };
        assert_eq!(generator(7)[0], 1);
        assert_eq!(exponents(7), [87, 229, 146, 149, 238, 102, 21]);
        assert_eq!(exponents(10), [251, 67, 46, 61, 118, 70, 64, 94, 32, 45]);
    }

    #[test]
    fn reed_solomon_matches_the_annex_i_example_01234567_1m() {
        let data = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
            0xEC, 0x11,
        ];
        assert_eq!(
            ecc_codewords(&data, &generator(10)),
            [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55]
        );
        // Version 1-M is one block, so the final sequence is data then error correction.
        assert_eq!(
            final_sequence(&data, 1, Ecc::Medium)[16..],
            [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55]
        );
    }

    #[test]
    fn reed_solomon_matches_hello_world_1q() {
        let data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236];
        assert_eq!(
            ecc_codewords(&data, &generator(13)),
            [168, 72, 22, 82, 217, 54, 156, 0, 46, 15, 180, 122, 16]
        );
    }

    #[test]
    fn format_bits_match_annex_c() {
        // Annex C's example: level M, mask 101 → 100000011001110.
        assert_eq!(format_bits(Ecc::Medium, 5), 0b100_0000_1100_1110);
        // Level M, mask 000 is all zero before the XOR mask.
        assert_eq!(format_bits(Ecc::Medium, 0), 0x5412);
        assert_eq!(format_bits(Ecc::Low, 0), 0b111_0111_1100_0100);
        // Any two of the 32 format words differ in at least 7 bits (BCH(15,5)).
        let all: Vec<u32> = LEVELS
            .iter()
            .flat_map(|&e| (0..8).map(move |m| format_bits(e, m)))
            .collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!((a ^ b).count_ones() >= 7, "{a:015b} {b:015b}");
            }
        }
    }

    #[test]
    fn version_bits_match_annex_d() {
        assert_eq!(version_bits(7), 0x07C94);
        assert_eq!(version_bits(8), 0x085BC);
        assert_eq!(version_bits(40), 0x28C69);
        for v in 7..=40 {
            assert_eq!(version_bits(v) >> 12, v as u32);
        }
    }

    #[test]
    fn codeword_counts_match_table_1() {
        assert_eq!(total_codewords(1), 26);
        assert_eq!(total_codewords(2), 44);
        assert_eq!(total_codewords(7), 196);
        assert_eq!(total_codewords(10), 346);
        assert_eq!(total_codewords(40), 3706);
        for v in 1..=MAX_VERSION {
            let remainder = match v {
                2..=6 => 7,
                14..=20 | 28..=34 => 3,
                21..=27 => 4,
                _ => 0,
            };
            assert_eq!(data_modules(v) % 8, remainder, "version {v}");
        }
    }

    #[test]
    fn data_module_count_matches_the_drawn_grid() {
        for v in 1..=MAX_VERSION {
            let grid = Grid::with_function_patterns(v);
            let free = grid.reserved.iter().filter(|&&r| !r).count();
            assert_eq!(free, data_modules(v), "version {v}");
        }
    }

    #[test]
    fn block_tables_are_consistent() {
        for v in 1..=MAX_VERSION {
            for ecc in LEVELS {
                let (blocks, per_block) = block_shape(v, ecc);
                let total = total_codewords(v);
                let short = total / blocks;
                // Blocks differ by at most one codeword and every block carries data.
                assert!(per_block < short, "{v}-{ecc:?}");
                let capacity = data_codewords(v, ecc);
                assert_eq!(capacity, total - blocks * per_block);
            }
            // Each level keeps fewer codewords for data than the one before it.
            let caps: Vec<usize> = LEVELS.iter().map(|&e| data_codewords(v, e)).collect();
            assert!(
                caps.windows(2).all(|w| w[0] > w[1]),
                "version {v}: {caps:?}"
            );
        }
        // Table 7's data codewords for the largest symbol.
        let top: Vec<usize> = LEVELS.iter().map(|&e| data_codewords(40, e)).collect();
        assert_eq!(top, [2956, 2334, 1666, 1276]);
    }

    #[test]
    fn alignment_table_is_evenly_spaced_from_the_far_edge() {
        for v in 2..=MAX_VERSION {
            let c: Vec<usize> = ALIGNMENT[v - 1].iter().map(|&p| usize::from(p)).collect();
            assert_eq!(c.len(), v / 7 + 2, "version {v}");
            assert_eq!(c[0], 6);
            assert_eq!(*c.last().unwrap(), side(v) - 7, "version {v}");
            let step = c[c.len() - 1] - c[c.len() - 2];
            assert_eq!(step % 2, 0, "version {v}");
            // Only version 32 has a first gap wider than the others (6, 34, 60, …).
            assert!(c[1] - c[0] <= step || v == 32, "version {v}");
            for w in c[1..].windows(2) {
                assert_eq!(w[1] - w[0], step, "version {v}");
            }
        }
    }

    #[test]
    fn byte_mode_data_sequence_has_header_terminator_and_pads() {
        // "AB" at 1-L: 0100 00000010 01000001 01000010 0000, then pads.
        let seq = data_sequence(b"AB", 1, Ecc::Low);
        assert_eq!(seq.len(), 19);
        assert_eq!(seq[..4], [0x40, 0x24, 0x14, 0x20]);
        assert!(
            seq[4..]
                .chunks(2)
                .all(|p| p[0] == 0xEC && p.get(1).is_none_or(|&b| b == 0x11))
        );
        // Full to the last bit: no terminator, no pads.
        let full = vec![0xFF; byte_capacity(1, Ecc::High)];
        let seq = data_sequence(&full, 1, Ecc::High);
        assert_eq!(seq.len(), 9);
        assert_eq!(seq[0], 0x40);
        assert_eq!(seq[1], 0x7F);
    }

    #[test]
    fn penalty_rules_score_as_table_11() {
        let line = |s: &str| -> Vec<bool> { s.bytes().map(|b| b == b'1').collect() };
        // Rule 1: five in a row score 3, each further module 1 more.
        assert_eq!(line_penalty(&line("0101011111010")), 3);
        assert_eq!(line_penalty(&line("0101111111010")), 5);
        // Rule 3: a finder-like run with four light modules each side counts once per
        // side; the edge of the symbol counts as light.
        assert_eq!(line_penalty(&line("0000101110100001")), 80);
        assert_eq!(line_penalty(&line("1011101")), 80);
        assert_eq!(line_penalty(&line("11011101")), 40);
        // Rule 4: an all-dark symbol strays by 50 %, ten steps of 5 %.
        let size = 21;
        let all_dark = vec![true; size * size];
        let runs = 2 * size as u32 * (size as u32 - 2);
        let blocks = 3 * (size as u32 - 1).pow(2);
        assert_eq!(penalty(size, &all_dark), runs + blocks + 100);
    }

    // --- Capacity -------------------------------------------------------------------------

    fn version_of(code: &QrCode) -> usize {
        (code.size() - 17) / 4
    }

    #[test]
    fn byte_capacities_match_table_7_and_one_more_byte_moves_up() {
        let expected = [
            (1, [17, 14, 11, 7]),
            (10, [271, 213, 151, 119]),
            (40, [2953, 2331, 1663, 1273]),
        ];
        for (version, caps) in expected {
            for (ecc, cap) in LEVELS.into_iter().zip(caps) {
                assert_eq!(byte_capacity(version, ecc), cap, "{version}-{ecc:?}");
                let fits = encode(&vec![b'a'; cap], ecc).unwrap();
                assert_eq!(version_of(&fits), version, "{cap} bytes at {ecc:?}");
                let over = encode(&vec![b'a'; cap + 1], ecc);
                if version == MAX_VERSION {
                    assert_eq!(
                        over,
                        Err(QrError::TooLong {
                            len: cap + 1,
                            max: cap
                        })
                    );
                } else {
                    assert_eq!(version_of(&over.unwrap()), version + 1, "{ecc:?}");
                }
            }
        }
    }

    // --- Reading the symbols back with a real decoder ---------------------------------------

    /// A binary greyscale image (PGM "P5") of the code: 4 px per module, 4-module quiet
    /// zone, dark 0 and light 255.
    fn pgm(code: &QrCode) -> Vec<u8> {
        const SCALE: usize = 4;
        const BORDER: usize = 4;
        let px = (code.size() + 2 * BORDER) * SCALE;
        let mut out = format!("P5\n{px} {px}\n255\n").into_bytes();
        for row in 0..px {
            for col in 0..px {
                let (x, y) = (col / SCALE, row / SCALE);
                let dark = x >= BORDER && y >= BORDER && code.get(x - BORDER, y - BORDER);
                out.push(if dark { 0 } else { 255 });
            }
        }
        out
    }

    /// Writes the code as an image and returns what `zbarimg` reads from it, as bytes.
    fn zbar(code: &QrCode, name: &str) -> Vec<u8> {
        let dir: PathBuf =
            std::env::temp_dir().join(format!("anju-qr-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.pgm"));
        std::fs::write(&path, pgm(code)).unwrap();
        // -Sbinary: the bytes exactly as encoded, with no character-set guess and no
        // newline added; --nodbus keeps zbarimg from looking for a session bus.
        let run = Command::new("zbarimg")
            .args([
                "--raw",
                "-q",
                "--nodbus",
                "-Sbinary",
                "-Sdisable",
                "-Sqrcode.enable",
            ])
            .arg(&path)
            .output();
        let out = match run {
            Ok(out) => out,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
                "zbarimg is not installed, so QR codes cannot be checked by a real decoder: \
                 run `.ci/setup` (it installs the Debian package zbar-tools)"
            ),
            Err(e) => panic!("could not run zbarimg: {e}"),
        };
        assert!(
            out.status.success(),
            "zbarimg could not read {} ({}): {}",
            path.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let _ = std::fs::remove_file(&path);
        out.stdout
    }

    /// Deterministic bytes (xorshift64), so a failure can be repeated.
    fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
        let mut s = seed;
        (0..len)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                (s >> 24) as u8
            })
            .collect()
    }

    fn share_link(len: usize) -> Vec<u8> {
        let mut link = String::from(
            "https://example.gov.cn/services/anju/?p=results#v=1&p=lucheng&d=2014-06-01",
        );
        let mut i = 0;
        while link.len() < len - 12 {
            link.push_str(&format!("&q{i}={}", ["yes", "no", "2019-09", "3"][i % 4]));
            i += 1;
        }
        link.truncate(len - 12);
        link.push_str("&c=1a2b3c4d");
        while link.len() < len {
            link.push('0');
        }
        link.into_bytes()
    }

    #[test]
    fn zbarimg_reads_back_share_links_and_bytes_at_every_level() {
        let link = share_link(400);
        assert_eq!(link.len(), 400);
        let long: Vec<u8> = (0..1200).map(|i| b"anju-share-link/"[i % 16]).collect();
        let payloads: [(&str, Vec<u8>); 5] = [
            ("one-byte", b"A".to_vec()),
            ("link-400", link),
            ("text-1200", long),
            ("random-300", random_bytes(0x5EED_1234_ABCD_0001, 300)),
            ("random-1000", random_bytes(0x0DDB_A11C_AFE0_0042, 1000)),
        ];
        for (name, data) in &payloads {
            for ecc in LEVELS {
                let code = encode(data, ecc).unwrap();
                let read = zbar(&code, &format!("{name}-{ecc:?}"));
                assert!(
                    read == *data,
                    "{name} at {ecc:?} (version {}) read back as {} bytes: {:?}",
                    version_of(&code),
                    read.len(),
                    String::from_utf8_lossy(&read[..read.len().min(80)])
                );
            }
        }
    }

    #[test]
    fn zbarimg_reads_back_a_full_symbol_of_every_version_and_level() {
        // Every row of the block tables and the alignment table is exercised once.
        for version in 1..=MAX_VERSION {
            for ecc in LEVELS {
                let data = random_bytes(
                    version as u64 * 4 + ecc.row() as u64 + 1,
                    byte_capacity(version, ecc),
                );
                let code = encode(&data, ecc).unwrap();
                assert_eq!(version_of(&code), version);
                let read = zbar(&code, &format!("full-{version}-{ecc:?}"));
                assert!(read == data, "version {version} at {ecc:?} read back wrong");
            }
        }
    }

    // --- Structure, no panics, SVG ---------------------------------------------------------

    #[test]
    fn symbols_carry_their_function_patterns() {
        for (len, ecc) in [(0, Ecc::Low), (100, Ecc::Medium), (1200, Ecc::High)] {
            let code = encode(&vec![b'x'; len], ecc).unwrap();
            let n = code.size();
            // Finder centres dark, their light rings light, separators light.
            for (cx, cy) in [(3, 3), (n - 4, 3), (3, n - 4)] {
                assert!(code.get(cx, cy) && code.get(cx - 3, cy) && !code.get(cx - 2, cy));
            }
            assert!(!code.get(7, 7) && !code.get(n - 8, 7) && !code.get(7, n - 8));
            for i in 8..n - 8 {
                assert_eq!(code.get(i, 6), i % 2 == 0);
                assert_eq!(code.get(6, i), i % 2 == 0);
            }
            assert!(code.get(8, n - 8), "dark module");
            assert!(!code.get(n, 0) && !code.get(0, n) && !code.get(usize::MAX, usize::MAX));
        }
    }

    #[test]
    fn format_and_version_information_read_back_from_both_copies() {
        // A decoder corrects a few wrong format or version bits, so reading the symbols
        // back would not notice one misplaced bit; read them here, most significant first.
        for (len, ecc) in [
            (10, Ecc::Low),
            (300, Ecc::Medium),
            (600, Ecc::Quartile),
            (1273, Ecc::High),
        ] {
            let code = encode(&random_bytes(len as u64, len), ecc).unwrap();
            let n = code.size();
            let read = |cells: Vec<(usize, usize)>| {
                cells
                    .into_iter()
                    .fold(0u32, |acc, (x, y)| (acc << 1) | u32::from(code.get(x, y)))
            };
            // Along row 8 from the left edge, then up column 8, stepping over timing.
            let first: Vec<_> = [0, 1, 2, 3, 4, 5, 7, 8]
                .map(|x| (x, 8))
                .into_iter()
                .chain([7, 5, 4, 3, 2, 1, 0].map(|y| (8, y)))
                .collect();
            // Up column 8 from the bottom edge, then along row 8 to the right edge.
            let second: Vec<_> = (n - 7..n)
                .rev()
                .map(|y| (8, y))
                .chain((n - 8..n).map(|x| (x, 8)))
                .collect();
            let (a, b) = (read(first), read(second));
            assert_eq!(a, b, "the two copies of the format information differ");
            assert!(
                (0..8).any(|m| format_bits(ecc, m) == a),
                "{a:015b} at {ecc:?}"
            );

            let version = version_of(&code);
            if version >= 7 {
                // Bit 17 first: bottom-left block column by column from the right,
                // top-right block row by row from the bottom.
                let bottom_left: Vec<_> = (0..6)
                    .rev()
                    .flat_map(|x| (n - 11..n - 8).rev().map(move |y| (x, y)))
                    .collect();
                let top_right: Vec<_> = (0..6)
                    .rev()
                    .flat_map(|y| (n - 11..n - 8).rev().map(move |x| (x, y)))
                    .collect();
                assert_eq!(read(bottom_left), version_bits(version));
                assert_eq!(read(top_right), version_bits(version));
            }
        }
    }

    #[test]
    fn empty_input_is_a_version_1_symbol() {
        for ecc in LEVELS {
            assert_eq!(encode(b"", ecc).unwrap().size(), 21);
        }
    }

    #[test]
    fn every_length_up_to_3000_encodes_or_says_too_long() {
        let data = random_bytes(7, 3000);
        let max = byte_capacity(MAX_VERSION, Ecc::Low);
        // Unoptimised test builds take tens of milliseconds for a large symbol, so the
        // lengths are shared out between threads.
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
        let versions: Vec<(usize, Option<usize>)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    let data = &data;
                    scope.spawn(move || {
                        (t..=3000)
                            .step_by(threads)
                            .map(|len| match encode(&data[..len], Ecc::Low) {
                                Ok(code) => {
                                    assert_eq!(code.modules.len(), code.size() * code.size());
                                    (len, Some(version_of(&code)))
                                }
                                Err(e) => {
                                    assert_eq!(e, QrError::TooLong { len, max });
                                    (len, None)
                                }
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            let mut all: Vec<_> = workers
                .into_iter()
                .flat_map(|w| w.join().unwrap())
                .collect();
            all.sort();
            all
        });
        assert_eq!(versions.len(), 3001);
        let mut previous = 1;
        for (len, version) in versions {
            match version {
                Some(v) => {
                    // The smallest version that holds the data: versions only grow with
                    // the length, one step at a time.
                    assert!(
                        len <= byte_capacity(v, Ecc::Low),
                        "{len} bytes: version {v}"
                    );
                    assert!(v == 1 || len > byte_capacity(v - 1, Ecc::Low));
                    assert!(
                        v == previous || v == previous + 1,
                        "{len} bytes: version {v}"
                    );
                    previous = v;
                }
                None => assert!(len > max, "{len} bytes refused"),
            }
        }
        assert_eq!(previous, MAX_VERSION);
    }

    #[test]
    fn too_long_reads_as_a_sentence() {
        let err = encode(&[0; 1300], Ecc::High).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the link is 1300 bytes long, but a QR code at this error-correction level \
             holds at most 1273 bytes"
        );
    }

    /// Draws an `svg_path` back into modules, checking its grammar on the way.
    fn parse_path(d: &str, side: usize) -> Vec<bool> {
        let mut grid = vec![false; side * side];
        for part in d.split_terminator('z') {
            let rest = part.strip_prefix('M').expect("each run starts with M");
            let (x, rest) = rest.split_once(' ').expect("x then space");
            let (y, rest) = rest.split_once('h').expect("y then h");
            let (n, rest) = rest.split_once("v1h-").expect("h n v1 h-n");
            assert_eq!(n, rest, "the run closes on itself");
            let (x, y, n): (usize, usize, usize) =
                (x.parse().unwrap(), y.parse().unwrap(), n.parse().unwrap());
            assert!(n > 0 && x + n <= side && y < side);
            for i in x..x + n {
                assert!(!grid[y * side + i], "runs overlap");
                grid[y * side + i] = true;
            }
        }
        grid
    }

    #[test]
    fn svg_draws_exactly_the_dark_modules() {
        for (data, ecc, border) in [
            (&b""[..], Ecc::Low, 0),
            (&b"https://example.gov.cn/"[..], Ecc::Medium, 4),
            (&share_link(600)[..], Ecc::Quartile, 4),
            (&[0xFF; 100][..], Ecc::High, 2),
        ] {
            let code = encode(data, ecc).unwrap();
            let side = code.size() + 2 * border;
            let svg = code.svg(border);
            let head = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
                 shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" \
                 fill=\"#fff\"/><path d=\""
            );
            assert!(svg.starts_with(&head), "{svg}");
            assert!(svg.ends_with("\" fill=\"#000\"/></svg>"));
            assert!(!svg.contains("width=\"100") && svg.matches('<').count() == 4);
            let d = code.svg_path(border);
            assert!(svg.contains(&d) && !d.contains('"'));
            let drawn = parse_path(&d, side);
            for y in 0..side {
                for x in 0..side {
                    let module = x >= border && y >= border && code.get(x - border, y - border);
                    assert_eq!(drawn[y * side + x], module, "({x}, {y})");
                }
            }
        }
    }
}
