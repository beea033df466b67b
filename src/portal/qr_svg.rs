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
/// Error correction: level M (about 15 % of the symbol may be lost), raised to Q or H when the
/// link still fits in the same version. A share link is a few hundred bytes and is read from a
/// phone screen at the counter and from a printed A4 form that may be creased or smudged: L
/// would leave too little margin for either, while asking for Q or H outright makes a long
/// link's symbol several versions larger, with modules too small for a cheap camera at arm's
/// length. A stronger level that costs no extra modules is taken for free.
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

/// The smallest symbol for `text` at level M or better; the mask is qrcodegen's choice.
fn symbol(text: &str) -> Result<QrCode, DataTooLong> {
    // Stated in full rather than through `encode_text`, so the boost is visible here.
    let boost_ecc = true;
    QrCode::encode_segments_advanced(
        &QrSegment::make_segments(text),
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        None,
        boost_ecc,
    )
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

    /// A link of the length and shape a real household's answers make (329 bytes).
    const SHARE_LINK: &str = "https://example.gov.cn/services/anju/?p=results#v=1&p=lucheng\
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
        // No size of its own: `.share-qr`, `.form-qr` and `.counter-qr` set the width.
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
        for text in ["", "A", "https://example.org/", SHARE_LINK] {
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
    fn a_short_link_is_version_2_and_gets_level_q_for_free() {
        // 20 bytes: version 2 holds 26 bytes at M and exactly 20 at Q, so Q costs nothing.
        let code = symbol("https://example.org/").unwrap();
        assert_eq!((code.version().value(), code.size()), (2, 25));
        assert_eq!(code.error_correction_level(), QrCodeEcc::Quartile);
        assert_eq!(side(&encode("https://example.org/").unwrap()), 25 + 8);
    }

    #[test]
    fn a_household_link_is_the_smallest_version_that_holds_it_at_level_m() {
        // 329 bytes: version 12 holds 287 at M and version 13 holds 331 (and 241 at Q).
        assert_eq!(SHARE_LINK.len(), 329);
        let code = symbol(SHARE_LINK).unwrap();
        assert_eq!(code.version().value(), 13);
        assert_eq!(code.error_correction_level(), QrCodeEcc::Medium);
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
