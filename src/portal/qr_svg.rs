//! A share link as a QR code, drawn as a small SVG image.
//!
//! The symbol itself comes from the `qrcodegen` crate (ISO/IEC 18004, every version and mask,
//! no dependencies of its own); this module only picks the error-correction level and writes
//! the SVG, so that the page's CSS and the printed form decide how large it is.
//!
//! ```
//! let svg = anju::portal::qr_svg::encode("https://example.org/").unwrap();
//! assert!(svg.starts_with("<svg") && svg.contains("viewBox=\"0 0 33 33\"")); // version 2
//! assert!(anju::portal::qr_svg::encode(&"x".repeat(3000)).is_err());
//! ```

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};
use std::fmt::Write as _;

pub use qrcodegen::DataTooLong;

/// Light modules around the symbol on every side: the standard asks for four, and a phone
/// camera finds the symbol far more reliably with them than without.
pub const QUIET_ZONE: i32 = 4;

/// The QR code of `text` (a share link) as a complete SVG image.
///
/// Error correction: level Q (about 25 % of the symbol may be lost), raised to H when that costs
/// no extra modules, and lowered to M only when Q would need a symbol larger than version
/// [`MAX_VERSION_AT_Q`]. A share link is about a hundred characters (format 2 of
/// [`crate::portal::share_link`]), which Q holds in version 6 or 7: 49 or 53 modules a side
/// with the quiet zone, at least 4.5 px a module in the 240 px (15rem) a phone gives the code
/// beside the link's text, over half a millimetre on the printed forms. It is read by cheap cameras under poor light, from a screen with glare
/// and from paper that may be creased or smudged; Q mends far more of that than M, and with
/// links this short it costs one or two versions, not the module size a camera needs. Only a
/// link too long for that (never one the portal writes) falls back to M, to stay as large as
/// it can.
///
/// The image is black modules on a white square that includes the quiet zone, in module units
/// (`viewBox` only, no `width` or `height`), with `shape-rendering="crispEdges"` so that scaling
/// never blurs module edges into grey.
///
/// # Errors
///
/// [`DataTooLong`] when even version 40 cannot hold the text at level M (2,331 bytes of a
/// link), so the page shows no code rather than failing.
pub fn encode(text: &str) -> Result<String, DataTooLong> {
    symbol(text).map(|code| draw(&code))
}

/// Beyond this version (57 modules a side, 65 with the quiet zone: 5 px a module in the 328 px
/// of a 360 px screen that a larger code is given),
/// level Q gives way to M, which keeps the symbol smaller.
pub const MAX_VERSION_AT_Q: u8 = 10;

/// The symbol's version (1–40) and error-correction level (`'M'`, `'Q'` or `'H'`) for `text`,
/// as [`encode`] draws it: for the figures in the README and the tests.
///
/// # Errors
///
/// [`DataTooLong`], as [`encode`].
pub fn version_and_level(text: &str) -> Result<(u8, char), DataTooLong> {
    let code = symbol(text)?;
    let level = match code.error_correction_level() {
        QrCodeEcc::Low => 'L',
        QrCodeEcc::Medium => 'M',
        QrCodeEcc::Quartile => 'Q',
        QrCodeEcc::High => 'H',
    };
    Ok((code.version().value(), level))
}

/// The symbol for `text`: level Q (boosted) up to [`MAX_VERSION_AT_Q`], else the smallest at M
/// (boosted); of the ways to cut the text into segments, the one that gives the smaller symbol
/// (or the stronger level); the mask is qrcodegen's choice.
fn symbol(text: &str) -> Result<QrCode, DataTooLong> {
    let rank = |c: &QrCode| {
        (
            c.version().value(),
            std::cmp::Reverse(c.error_correction_level()),
        )
    };
    let mut best: Option<QrCode> = None;
    let mut error = None;
    for segments in segmentations(text) {
        match at_best_level(&segments) {
            Ok(code) if best.as_ref().is_none_or(|b| rank(&code) < rank(b)) => best = Some(code),
            Ok(_) => {}
            Err(e) => error = Some(e),
        }
    }
    best.ok_or_else(|| error.unwrap_or(DataTooLong::SegmentTooLong))
}

fn at_best_level(segments: &[QrSegment]) -> Result<QrCode, DataTooLong> {
    // Stated in full rather than through `encode_text`, so the boost is visible here.
    let boost_ecc = true;
    let at = |level, max| {
        QrCode::encode_segments_advanced(
            segments,
            level,
            Version::MIN,
            Version::new(max),
            None,
            boost_ecc,
        )
    };
    at(QrCodeEcc::Quartile, MAX_VERSION_AT_Q)
        .or_else(|_| at(QrCodeEcc::Medium, Version::MAX.value()))
}

/// Ways to write the text as QR segments: qrcodegen's single segment for the whole text, and,
/// when the text ends in characters of QR's alphanumeric mode (upper-case letters, digits, `.`
/// and a few more, as a share link's fragment does), a byte segment for the address and an
/// alphanumeric one for that tail, which holds 5.5 bits a character instead of 8.
fn segmentations(text: &str) -> Vec<Vec<QrSegment>> {
    let mut ways = vec![QrSegment::make_segments(text)];
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| QrSegment::is_alphanumeric(c.encode_utf8(&mut [0; 4])))
        .last()
        .map_or(text.len(), |(i, _)| i);
    let (head, tail) = text.split_at(start);
    if !head.is_empty() && !tail.is_empty() {
        ways.push(vec![
            QrSegment::make_bytes(head.as_bytes()),
            QrSegment::make_alphanumeric(tail),
        ]);
    }
    ways
}

/// Writes the symbol as SVG: one `<path>` in which each horizontal run of dark modules is one
/// rectangle, which keeps the markup a few kilobytes even for a large version.
fn draw(code: &QrCode) -> String {
    let size = code.size();
    let side = size + 2 * QUIET_ZONE;
    let mut d = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            let run = x - start;
            // Writing to a String cannot fail.
            let _ = write!(
                d,
                "M{} {}h{run}v1h-{run}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            );
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" \
         fill=\"#fff\"/><path d=\"{d}\" fill=\"#000\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// A share link of format 2 as a household's answers make it (90 bytes: the Lucheng school
    /// household of tests/fixtures/answers-lucheng-2014.json with every service; the policy
    /// cases' links are 72 to 93 bytes with this address).
    const SHARE_LINK: &str = "https://www.example.gov.cn/services/anju/?p=results#2lucheng.6XXZN37MJCF55PS158AR8G94JBGHD";

    /// A format-1 link (329 bytes), as the portal wrote them before.
    const OLD_LINK: &str = "https://example.gov.cn/services/anju/?p=results#v=1&p=lucheng\
        &d=2014-06-01&s=school,insurance,permit&f=child_birth_date:2008-06-02,\
        fixed_residence:y,residence_permit_held:y,social_insurance_months:36,work_kind:employed,\
        lawful_residence_kind:rented,parent_in_city:y,child_enrolled_before:n\
        &u=housing_contract_registered&c=1a2b3c4d";

    /// Splits the SVG into its tags, checking that every one is closed and the nesting is
    /// `svg > (rect, path)`; returns the tags' texts in order.
    fn tags(svg: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = svg;
        while let Some(open) = rest.find('<') {
            assert!(rest[..open].trim().is_empty(), "text outside tags: {rest}");
            let close = rest[open..].find('>').expect("tag is closed") + open;
            let tag = &rest[open + 1..close];
            assert!(!tag.contains('<'), "tag inside a tag: {tag}");
            assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
            out.push(tag);
            rest = &rest[close + 1..];
        }
        assert!(rest.is_empty(), "text after the last tag: {rest}");
        out
    }

    /// The value of attribute `name` in a tag's text.
    fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
        let key = format!(" {name}=\"");
        let start = tag
            .find(&key)
            .unwrap_or_else(|| panic!("no {name} in {tag}"))
            + key.len();
        let len = tag[start..].find('"').expect("attribute is closed");
        &tag[start..start + len]
    }

    /// Modules per side of the image, quiet zone included, from its `viewBox`.
    fn side(svg: &str) -> i32 {
        let view_box = attr(tags(svg)[0], "viewBox");
        let numbers: Vec<i32> = view_box.split(' ').map(|n| n.parse().unwrap()).collect();
        assert_eq!(numbers[..2], [0, 0], "{view_box}");
        assert_eq!(numbers[2], numbers[3], "square: {view_box}");
        numbers[2]
    }

    /// Draws the path's rectangles back into a grid of `side` × `side` modules, checking the
    /// path's grammar and that no rectangle overlaps another or leaves the image.
    fn drawn(svg: &str) -> Vec<Vec<bool>> {
        let side = usize::try_from(side(svg)).unwrap();
        let d = attr(tags(svg)[2], "d");
        let mut grid = vec![vec![false; side]; side];
        for run in d.split_terminator('z') {
            let rest = run.strip_prefix('M').expect("each run starts with M");
            let (x, rest) = rest.split_once(' ').expect("x, space, y");
            let (y, rest) = rest.split_once('h').expect("y, then h");
            let (n, back) = rest.split_once("v1h-").expect("h n v1 h-n");
            assert_eq!(n, back, "the run closes on itself");
            let (x, y, n): (usize, usize, usize) =
                (x.parse().unwrap(), y.parse().unwrap(), n.parse().unwrap());
            assert!(
                n > 0 && x + n <= side && y < side,
                "inside the image: {run}"
            );
            for cell in &mut grid[y][x..x + n] {
                assert!(!*cell, "runs overlap at {run}");
                *cell = true;
            }
        }
        grid
    }

    #[test]
    fn svg_is_one_path_on_a_white_square_sized_by_css() {
        let svg = encode(SHARE_LINK).unwrap();
        let tags = tags(&svg);
        assert_eq!(tags.len(), 4, "{tags:?}");
        let (root, rect, path, end) = (tags[0], tags[1], tags[2], tags[3]);
        assert!(root.starts_with("svg "));
        assert_eq!(attr(root, "xmlns"), "http://www.w3.org/2000/svg");
        assert_eq!(attr(root, "shape-rendering"), "crispEdges");
        // No size of its own: `.qr-figure .qr` and `.form-qr` set the width.
        assert!(
            !root.contains(" width=") && !root.contains(" height="),
            "{root}"
        );
        let side = side(&svg).to_string();
        assert!(rect.starts_with("rect ") && rect.ends_with('/'));
        assert_eq!(
            (attr(rect, "width"), attr(rect, "height")),
            (&*side, &*side)
        );
        assert_eq!(attr(rect, "fill"), "#fff");
        assert!(path.starts_with("path ") && path.ends_with('/'));
        assert_eq!(attr(path, "fill"), "#000");
        assert_eq!(end, "/svg");
    }

    #[test]
    fn path_draws_exactly_the_dark_modules_inside_a_quiet_zone() {
        for text in ["", "A", "https://example.org/", SHARE_LINK, OLD_LINK] {
            let code = symbol(text).unwrap();
            let svg = encode(text).unwrap();
            let grid = drawn(&svg);
            // Four written out rather than QUIET_ZONE, so that narrowing the zone fails here.
            let width = code.size() + 2 * 4;
            assert_eq!(side(&svg), width);
            let in_zone = |i: i32| !(4..width - 4).contains(&i);
            for (y, row) in (0..).zip(&grid) {
                for (x, &dark) in (0..).zip(row) {
                    assert!(
                        !(dark && (in_zone(x) || in_zone(y))),
                        "{text:?}: ({x}, {y})"
                    );
                    assert_eq!(dark, code.get_module(x - 4, y - 4), "{text:?}: ({x}, {y})");
                }
            }
            // The top left finder pattern starts right inside the zone.
            assert!(grid[4][4] && !grid[3][3]);
        }
    }

    #[test]
    fn a_short_link_is_the_smallest_version_at_level_q() {
        // 20 bytes: version 2 holds 26 bytes at M, exactly 20 at Q and 14 at H.
        let code = symbol("https://example.org/").unwrap();
        assert_eq!((code.version().value(), code.size()), (2, 25));
        assert_eq!(code.error_correction_level(), QrCodeEcc::Quartile);
        assert_eq!(side(&encode("https://example.org/").unwrap()), 25 + 8);
        assert_eq!(
            version_and_level("https://example.org/").ok(),
            Some((2, 'Q'))
        );
    }

    #[test]
    fn a_household_link_is_level_q_in_a_small_symbol_and_its_fragment_alphanumeric() {
        // 59 bytes of address and place, then 31 characters from the `.` on in alphanumeric
        // mode: 4 + 8 + 472 bits and 4 + 9 + 171, 668 bits in all, which version 7 holds at Q
        // (704; version 6 holds 608) and not at H (528); in byte mode alone (4 + 8 + 720 = 732
        // bits) it would need version 8.
        assert_eq!(SHARE_LINK.len(), 90);
        assert_eq!(version_and_level(SHARE_LINK).ok(), Some((7, 'Q')));
        let bytes_only = QrCode::encode_segments_advanced(
            &QrSegment::make_segments(SHARE_LINK),
            QrCodeEcc::Quartile,
            Version::MIN,
            Version::MAX,
            None,
            true,
        )
        .unwrap();
        assert_eq!(bytes_only.version().value(), 8);
        // A link typed in lower case has no alphanumeric tail: one segment in byte mode.
        let lower = SHARE_LINK.to_ascii_lowercase();
        assert_eq!(segmentations(&lower).len(), 1);
        assert_eq!(version_and_level(&lower).ok(), Some((8, 'Q')));
    }

    #[test]
    fn a_link_too_long_for_level_q_in_version_10_falls_back_to_m() {
        // 329 bytes: Q would need version 15; M holds it in 13 (331 bytes).
        assert_eq!(OLD_LINK.len(), 329);
        assert_eq!(version_and_level(OLD_LINK).ok(), Some((13, 'M')));
        // Version 10 holds 151 bytes at Q.
        assert_eq!(version_and_level(&"a".repeat(151)).ok(), Some((10, 'Q')));
        assert_eq!(
            version_and_level(&"a".repeat(152)).ok().map(|v| v.1),
            Some('M')
        );
    }

    #[test]
    fn too_long_for_any_version_is_an_error_not_a_panic() {
        // Version 40 holds 2,331 bytes at level M.
        assert!(encode(&"a".repeat(2331)).is_ok());
        assert!(encode(&"a".repeat(2332)).is_err());
        assert!(encode(&"a".repeat(100_000)).is_err());
    }

    /// A greyscale image (PGM) of what the SVG path draws, 4 px a module, for `zbarimg`.
    fn pgm(grid: &[Vec<bool>]) -> Vec<u8> {
        const PX: usize = 4;
        let side = grid.len() * PX;
        let mut out = format!("P5\n{side} {side}\n255\n").into_bytes();
        for row in grid {
            for _ in 0..PX {
                for &dark in row {
                    out.extend([if dark { 0 } else { 255 }; PX]);
                }
            }
        }
        out
    }

    #[test]
    fn zbarimg_reads_the_drawn_svg_back_as_the_link() {
        let dir = std::env::temp_dir().join(format!("anju-qr-svg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in [
            ("short", "https://example.org/"),
            ("household", SHARE_LINK),
            ("old household", OLD_LINK),
            ("long", &"anju/share-link/".repeat(60)),
        ] {
            let path = dir.join(format!("{name}.pgm"));
            std::fs::write(&path, pgm(&drawn(&encode(text).unwrap()))).unwrap();
            // -Sbinary: the bytes as encoded, no character-set guess; --nodbus: no session bus.
            let out = Command::new("zbarimg")
                .args(["--raw", "-q", "--nodbus", "-Sbinary", "-Sdisable"])
                .arg("-Sqrcode.enable")
                .arg(&path)
                .output()
                .unwrap_or_else(|e| {
                    panic!("cannot run zbarimg ({e}): `.ci/setup` installs zbar-tools")
                });
            assert!(out.status.success(), "zbarimg could not read {name}");
            assert_eq!(String::from_utf8_lossy(&out.stdout), text, "{name}");
            let _ = std::fs::remove_file(&path);
        }
        let _ = std::fs::remove_dir(&dir);
    }
}
