//! A small XML writer for the files an archive receives (MDTO metadata, the validation
//! record): elements, text escaped, indentation, and nothing else. XML 1.0 cannot carry most
//! control characters at all; such a character is written as the visible text `\u{…}`, so
//! nothing is dropped silently and the file stays well-formed.

use std::fmt::Write as _;

/// An XML document written top to bottom.
pub struct Xml {
    out: String,
    open: Vec<&'static str>,
}

/// Whether XML 1.0 allows `c` in text (§2.2 `Char`).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// `text` as element content or an attribute value: `&`, `<`, `>`, `"` escaped, a character
/// XML cannot carry written as `\u{…}`, and a carriage return kept as `&#13;` (a parser would
/// otherwise turn it into a line feed).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    out
}

impl Xml {
    /// A document whose root element `root` declares `attributes` (namespaces, schema location).
    pub fn new(root: &'static str, attributes: &[(&str, &str)]) -> Self {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
        out.push_str(root);
        for (name, value) in attributes {
            let _ = write!(out, " {name}=\"{}\"", escape(value));
        }
        out.push_str(">\n");
        Self { out, open: vec![root] }
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    /// Opens `tag`; [`Xml::close`] ends it.
    pub fn open(&mut self, tag: &'static str) -> &mut Self {
        self.indent();
        let _ = writeln!(self.out, "<{tag}>");
        self.open.push(tag);
        self
    }

    /// Closes the element opened last.
    pub fn close(&mut self) -> &mut Self {
        if let Some(tag) = self.open.pop() {
            self.indent();
            let _ = writeln!(self.out, "</{tag}>");
        }
        self
    }

    /// `<tag>text</tag>`.
    pub fn leaf(&mut self, tag: &'static str, text: &str) -> &mut Self {
        self.indent();
        let _ = writeln!(self.out, "<{tag}>{}</{tag}>", escape(text));
        self
    }

    /// [`Xml::leaf`] when there is a value.
    pub fn leaf_opt(&mut self, tag: &'static str, text: Option<&str>) -> &mut Self {
        if let Some(text) = text {
            self.leaf(tag, text);
        }
        self
    }

    /// The document, every element closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            if self.open.len() == 1 {
                let root = self.open.pop().unwrap_or_default();
                let _ = writeln!(self.out, "</{root}>");
            } else {
                self.close();
            }
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_stay_visible() {
        assert_eq!(escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
        assert_eq!(escape("x\u{0}y\u{1b}z\u{FFFE}"), "x\\u{0}y\\u{1b}z\\u{fffe}");
        assert_eq!(escape("r\rn\n"), "r&#13;n\n");
    }

    #[test]
    fn elements_nest_and_close() {
        let mut x = Xml::new("root", &[("xmlns", "urn:x")]);
        x.open("a").leaf("b", "1 < 2").close();
        let out = x.finish();
        assert_eq!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root xmlns=\"urn:x\">\n  <a>\n    <b>1 &lt; 2</b>\n  </a>\n</root>\n"
        );
    }
}
