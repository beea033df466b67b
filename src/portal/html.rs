//! A small HTML writer for the parts of pages that are drawn once and never change until the
//! whole part is drawn again (the results of a household): the text is escaped as it is
//! written, so a policy text or an answer can never become markup. Writing these parts as text
//! instead of as reactive views keeps the resident's program small.

/// HTML being written.
#[derive(Default)]
pub struct Html {
    out: String,
}

/// Appends `text` with `&`, `<`, `>` and `"` escaped (safe in text and in quoted attributes).
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

impl Html {
    /// Nothing written yet.
    pub fn new() -> Html {
        Html::default()
    }

    /// Opens `tag` with its attributes (their values escaped; an empty value is left out).
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Html {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            if value.is_empty() {
                continue;
            }
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(value, &mut self.out);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    /// Closes `tag`.
    pub fn close(&mut self, tag: &str) -> &mut Html {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Writes text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Html {
        escape_into(text, &mut self.out);
        self
    }

    /// Writes `<tag attrs>text</tag>`.
    pub fn el(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Html {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// The HTML written.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut h = Html::new();
        h.open("a", &[("href", "?p=q/x&back=\"1\""), ("class", "")])
            .text("<script>王 & 李</script>")
            .close("a");
        assert_eq!(
            h.finish(),
            "<a href=\"?p=q/x&amp;back=&quot;1&quot;\">&lt;script&gt;王 &amp; 李&lt;/script&gt;</a>"
        );
    }
}
