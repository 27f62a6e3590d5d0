//! Reads a PDF that came from anyone, with bounded memory and work: what `ai-toets-verify`
//! opens before it trusts anything in it.
//!
//! lopdf parses every object of the cross-reference table into memory when it loads a file,
//! before anyone can look at it: a number in an array costs it about 130 bytes for the 2 it
//! takes in the file, an object stream or a cross-reference stream is inflated while loading,
//! and two objects may claim overlapping bytes, so one file can be parsed many times over. So
//! before lopdf sees the file, [`check`] walks it with a small lexer of the same grammar and
//! refuses, without allocating per token, anything an AI-toets PDF never holds:
//!
//! - more than [`MAX_PDF_BYTES`], anything before `%PDF-`;
//! - a cross-reference stream, an incremental update (`/Prev`), encryption, object streams;
//! - objects that overlap or leave their place in the file, a stream whose `/Length` is not a
//!   plain number, more than [`MAX_OBJECTS`] objects or [`MAX_TOKENS`] tokens outside streams.
//!
//! An AI-toets PDF (lopdf's writer, classic cross-reference table) passes unchanged. What lopdf
//! then loads is at most the file's own bytes once more, plus the tokens counted here. An
//! attached file is inflated through a hard cap ([`MAX_ATTACHMENT_BYTES`]), and so is every
//! page whose text is compared with the re-rendered file.

use lopdf::{Document, LoadOptions, Object};

use crate::base::error::{Error, Message, Result};

/// The largest PDF the verifier reads (an AI-toets decision is far below 1 MB).
pub const MAX_PDF_BYTES: usize = 20 * 1024 * 1024;
/// The largest attached file, after decompression.
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;
/// Objects in the cross-reference table (an AI-toets PDF has a few dozen).
pub const MAX_OBJECTS: usize = 4_000;
/// Numbers, names, strings, arrays and dictionaries outside streams, in the whole file.
pub const MAX_TOKENS: usize = 200_000;
/// Attached files.
const MAX_ATTACHMENTS: usize = 16;
/// Pages compared one by one when the file differs from the re-rendered one.
const MAX_PAGES_COMPARED: usize = 500;
/// Page content (as stored) read in total for that comparison.
const MAX_PAGE_CONTENT_BYTES: usize = 4 * 1024 * 1024;
/// One page's content, decompressed, for that comparison (a page of AI-toets is ~20 kB).
const MAX_PAGE_TEXT_BYTES: usize = 512 * 1024;
/// Nesting of arrays and dictionaries, and of parentheses in a string.
const MAX_DEPTH: usize = 32;

fn refused(nl: impl Into<String>, en: impl Into<String>) -> Error {
    Error::BadFile(Message::new(nl, en))
}

fn not_ours(nl: &str, en: &str) -> Error {
    refused(
        format!("Dit is geen PDF zoals AI-toets die maakt: {nl}"),
        format!("This is not a PDF as AI-toets makes them: {en}"),
    )
}

/// The file is larger than [`MAX_PDF_BYTES`].
pub fn too_large(bytes: u64) -> Error {
    let (size, max) = (bytes.div_ceil(1024 * 1024), MAX_PDF_BYTES / (1024 * 1024));
    refused(
        format!(
            "Het bestand is te groot ({size} MB); een besluit van AI-toets is hooguit {max} MB. Het is niet gelezen."
        ),
        format!("The file is too large ({size} MB); an AI-toets decision is at most {max} MB. It was not read."),
    )
}

fn attachment_too_large(name: &str) -> Error {
    let max = MAX_ATTACHMENT_BYTES / (1024 * 1024);
    refused(
        format!("De bijlage {name} is groter dan {max} MB (na uitpakken); zo groot is een besluit nooit. Ze is niet gelezen."),
        format!("The attachment {name} is larger than {max} MB (decompressed); no decision is that large. It was not read."),
    )
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0 | 0x0C)
}

fn is_delimiter(c: u8) -> bool {
    b"()<>[]{}/%".contains(&c)
}

fn is_regular(c: u8) -> bool {
    !is_ws(c) && !is_delimiter(c)
}

/// What the lexer needs to know of a dictionary.
#[derive(Default)]
struct DictInfo {
    /// `/Length` as a plain non-negative number; `Err` when it is anything else.
    length: Option<std::result::Result<usize, ()>>,
    ty: Option<Vec<u8>>,
    keys: Vec<Vec<u8>>,
}

enum Token {
    Unsigned(u64),
    Dict(DictInfo),
    Other,
}

/// A lexer of lopdf's object grammar over `bytes[..end]` that only counts and measures.
struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
    end: usize,
    tokens: usize,
}

type Lex<T> = std::result::Result<T, &'static str>;

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        (self.at < self.end).then(|| self.bytes[self.at])
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        let i = self.at + ahead;
        (i < self.end).then(|| self.bytes[i])
    }

    fn rest(&self) -> &'a [u8] {
        &self.bytes[self.at..self.end]
    }

    fn eat(&mut self, word: &[u8]) -> bool {
        if self.rest().starts_with(word) {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    /// White space and comments (a comment runs to the end of its line).
    fn space(&mut self) -> Lex<()> {
        loop {
            match self.peek() {
                Some(c) if is_ws(c) => self.at += 1,
                Some(b'%') => {
                    let line = self.rest().iter().position(|c| *c == b'\r' || *c == b'\n');
                    self.at += line.ok_or("comment without end of line")?;
                }
                _ => return Ok(()),
            }
        }
    }

    /// `\r\n`, `\n` or `\r`.
    fn eol(&mut self) -> bool {
        self.eat(b"\r\n") || self.eat(b"\n") || self.eat(b"\r")
    }

    fn digits(&mut self) -> usize {
        let n = self.rest().iter().take_while(|c| c.is_ascii_digit()).count();
        self.at += n;
        n
    }

    fn unsigned(&mut self) -> Lex<u64> {
        let start = self.at;
        if self.digits() == 0 {
            return Err("number expected");
        }
        std::str::from_utf8(&self.bytes[start..self.at]).ok().and_then(|s| s.parse().ok()).ok_or("number too large")
    }

    fn count(&mut self) -> Lex<()> {
        self.tokens += 1;
        if self.tokens > MAX_TOKENS {
            return Err("too many tokens");
        }
        Ok(())
    }

    /// One direct object and the space after it.
    fn value(&mut self, depth: usize) -> Lex<Token> {
        if depth > MAX_DEPTH {
            return Err("nested too deeply");
        }
        self.count()?;
        let token = match self.peek().ok_or("unexpected end")? {
            b'/' => {
                self.name()?;
                Token::Other
            }
            b'(' => {
                self.literal_string()?;
                Token::Other
            }
            b'<' if self.peek_at(1) == Some(b'<') => Token::Dict(self.dictionary(depth)?),
            b'<' => {
                self.hex_string()?;
                Token::Other
            }
            b'[' => {
                self.at += 1;
                self.space()?;
                while self.peek() != Some(b']') {
                    self.value(depth + 1)?;
                }
                self.at += 1;
                Token::Other
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number()?,
            _ => {
                let word = self.rest().iter().take_while(|c| is_regular(**c)).count();
                if !matches!(&self.rest()[..word], b"true" | b"false" | b"null") {
                    return Err("unknown keyword");
                }
                self.at += word;
                Token::Other
            }
        };
        self.space()?;
        Ok(token)
    }

    /// A number, or a reference `n g R` (one object, as lopdf reads it).
    fn number(&mut self) -> Lex<Token> {
        let start = self.at;
        let signed = matches!(self.peek(), Some(b'+' | b'-'));
        if signed {
            self.at += 1;
        }
        let whole = self.digits();
        let fraction = if self.peek() == Some(b'.') {
            self.at += 1;
            Some(self.digits())
        } else {
            None
        };
        if whole == 0 && fraction.unwrap_or(0) == 0 {
            return Err("number expected");
        }
        if signed || fraction.is_some() {
            return Ok(Token::Other);
        }
        let value = std::str::from_utf8(&self.bytes[start..self.at]).ok().and_then(|s| s.parse().ok());
        // `n g R`: lopdf tries a reference before a number.
        let after = self.at;
        if self.space().is_ok() && self.digits() > 0 && self.space().is_ok() && self.peek() == Some(b'R') {
            self.at += 1;
            return Ok(Token::Other);
        }
        self.at = after;
        Ok(value.map(Token::Unsigned).unwrap_or(Token::Other))
    }

    /// A name, `#xx` escapes decoded.
    fn name(&mut self) -> Lex<Vec<u8>> {
        self.at += 1;
        let mut name = Vec::new();
        loop {
            match self.peek() {
                Some(b'#') => {
                    let hex = self.bytes.get(self.at + 1..self.at + 3).filter(|_| self.at + 3 <= self.end);
                    let byte = hex
                        .and_then(|h| std::str::from_utf8(h).ok())
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                        .ok_or("bad # escape in a name")?;
                    name.push(byte);
                    self.at += 3;
                }
                Some(c) if is_regular(c) => {
                    name.push(c);
                    self.at += 1;
                }
                _ => return Ok(name),
            }
        }
    }

    /// `( … )` with nested parentheses and backslash escapes, as lopdf reads it.
    fn literal_string(&mut self) -> Lex<()> {
        self.at += 1;
        let mut depth = 1;
        loop {
            match self.peek().ok_or("unterminated string")? {
                b'\\' => {
                    self.at += 1;
                    match self.peek().ok_or("unterminated string")? {
                        b'0'..=b'7' => {
                            let n = self.rest().iter().take(3).take_while(|c| (b'0'..=b'7').contains(*c)).count();
                            self.at += n;
                        }
                        b'\r' | b'\n' => {
                            self.eol();
                        }
                        _ => self.at += 1,
                    }
                }
                b'(' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err("string nested too deeply");
                    }
                    self.at += 1;
                }
                b')' => {
                    depth -= 1;
                    self.at += 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => self.at += 1,
            }
        }
    }

    fn hex_string(&mut self) -> Lex<()> {
        self.at += 1;
        loop {
            match self.peek().ok_or("unterminated hex string")? {
                b'>' => {
                    self.at += 1;
                    return Ok(());
                }
                c if is_ws(c) || c.is_ascii_hexdigit() => self.at += 1,
                _ => return Err("bad hex string"),
            }
        }
    }

    fn dictionary(&mut self, depth: usize) -> Lex<DictInfo> {
        self.at += 2;
        self.space()?;
        let mut info = DictInfo::default();
        while !self.eat(b">>") {
            if self.peek() != Some(b'/') {
                return Err("dictionary key expected");
            }
            self.count()?;
            let key = self.name()?;
            self.space()?;
            match key.as_slice() {
                b"Length" => {
                    let token = self.value(depth + 1)?;
                    info.length = Some(match token {
                        Token::Unsigned(n) => usize::try_from(n).map_err(|_| ()),
                        _ => Err(()),
                    });
                }
                b"Type" if self.peek() == Some(b'/') => {
                    self.count()?;
                    info.ty = Some(self.name()?);
                    self.space()?;
                }
                _ => {
                    self.value(depth + 1)?;
                }
            }
            info.keys.push(key);
        }
        Ok(info)
    }

    /// `id gen obj … endobj`, filling `[at, end)` exactly (white space after it allowed).
    fn indirect_object(&mut self, id: u32, generation: u16) -> Lex<()> {
        self.space()?;
        if self.unsigned()? != u64::from(id) {
            return Err("object number differs from the cross-reference table");
        }
        self.space()?;
        if self.unsigned()? != u64::from(generation) {
            return Err("generation differs from the cross-reference table");
        }
        self.space()?;
        if !self.eat(b"obj") {
            return Err("obj expected");
        }
        self.space()?;
        if let Token::Dict(info) = self.value(0)? {
            if matches!(info.ty.as_deref(), Some(b"ObjStm" | b"XRef")) {
                return Err("object or cross-reference stream");
            }
            if self.eat(b"stream") {
                while matches!(self.peek(), Some(b' ' | b'\t')) {
                    self.at += 1;
                }
                if !self.eol() {
                    return Err("end of line expected after stream");
                }
                let Some(Ok(length)) = info.length else { return Err("stream without a plain /Length") };
                if length > self.end - self.at {
                    return Err("stream longer than its place in the file");
                }
                self.at += length;
                self.eol();
                if !self.eat(b"endstream") {
                    return Err("endstream expected");
                }
                self.space()?;
            }
        }
        if !self.eat(b"endobj") {
            return Err("endobj expected");
        }
        self.space()?;
        if self.at != self.end {
            return Err("bytes after endobj");
        }
        Ok(())
    }
}

/// Where lopdf looks for the cross-reference table: `startxref` just before the last `%%EOF`
/// in the last 512 bytes.
fn xref_start(pdf: &[u8]) -> Option<usize> {
    let find_last = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    let tail = pdf.len().saturating_sub(512);
    let eof = tail + find_last(&pdf[tail..], b"%%EOF")?;
    if eof <= 25 {
        return None;
    }
    let at = eof - 25 + find_last(&pdf[eof - 25..eof], b"startxref")?;
    let number = std::str::from_utf8(&pdf[at + b"startxref".len()..eof]).ok()?.trim();
    number.parse().ok()
}

/// One row of the cross-reference table in use.
struct Entry {
    id: u32,
    generation: u16,
    offset: usize,
}

/// One 20-byte row of a classic cross-reference table: offset, generation, in use.
fn xref_row(row: &[u8]) -> Lex<(usize, u32, bool)> {
    let number = |r: std::ops::Range<usize>| {
        let digits = &row[r];
        digits.iter().all(u8::is_ascii_digit).then(|| std::str::from_utf8(digits).ok()?.parse::<u64>().ok()).flatten()
    };
    let (Some(offset), Some(generation)) = (number(0..10), number(11..16)) else { return Err("bad xref row") };
    if row[10] != b' ' || row[16] != b' ' || !matches!(&row[18..20], b" \r" | b" \n" | b"\r\n") {
        return Err("bad xref row");
    }
    let in_use = match row[17] {
        b'n' => true,
        b'f' => false,
        _ => return Err("bad xref row"),
    };
    let offset = usize::try_from(offset).map_err(|_| "offset too large")?;
    let generation = u32::try_from(generation).map_err(|_| "generation too large")?;
    Ok((offset, generation, in_use))
}

/// Reads the classic cross-reference table at `at`; returns the rows in use and where the
/// trailer starts.
fn xref_table(pdf: &[u8], at: usize) -> Lex<(Vec<Entry>, usize)> {
    let mut lx = Lexer { bytes: pdf, at, end: pdf.len(), tokens: 0 };
    if !lx.eat(b"xref") {
        return Err("no classic cross-reference table (a cross-reference stream?)");
    }
    lx.eat(b" ");
    if !lx.eol() {
        return Err("bad xref line");
    }
    let mut entries = Vec::new();
    let mut seen = std::collections::HashSet::new();
    loop {
        lx.space()?;
        if lx.rest().starts_with(b"trailer") {
            break;
        }
        let first = lx.unsigned()?;
        if !lx.eat(b" ") {
            return Err("bad xref section");
        }
        let count = lx.unsigned()?;
        lx.eat(b" ");
        if !lx.eol() {
            return Err("bad xref section");
        }
        for i in 0..count {
            let row = lx.rest().get(..20).ok_or("xref table cut short")?;
            let (offset, generation, in_use) = xref_row(row)?;
            lx.at += 20;
            if !in_use {
                continue;
            }
            let id = u32::try_from(first + i).map_err(|_| "object number too large")?;
            let generation = u16::try_from(generation).map_err(|_| "generation too large")?;
            if !seen.insert(id) {
                return Err("object listed twice");
            }
            entries.push(Entry { id, generation, offset });
            if entries.len() > MAX_OBJECTS {
                return Err("too many objects");
            }
        }
    }
    Ok((entries, lx.at))
}

/// Walks the whole file as lopdf will load it and refuses what could make that unbounded (see
/// the module documentation).
pub fn check(pdf: &[u8]) -> Result<()> {
    if pdf.len() > MAX_PDF_BYTES {
        return Err(too_large(pdf.len() as u64));
    }
    if !pdf.starts_with(b"%PDF-") {
        return Err(refused("Dit is geen PDF.", "This is not a PDF."));
    }
    let structure = |problem: &str| {
        not_ours(
            &format!("de opbouw van het bestand wijkt af ({problem})."),
            &format!("the file's structure differs ({problem})."),
        )
    };
    let start = xref_start(pdf).filter(|s| *s < pdf.len()).ok_or_else(|| structure("startxref"))?;
    let (mut entries, trailer) = xref_table(pdf, start).map_err(structure)?;

    // The trailer: no earlier table, no cross-reference stream beside it, no encryption.
    let mut lx = Lexer { bytes: pdf, at: trailer + b"trailer".len(), end: pdf.len(), tokens: 0 };
    lx.space().map_err(structure)?;
    if lx.peek() != Some(b'<') || lx.peek_at(1) != Some(b'<') {
        return Err(structure("trailer"));
    }
    let Token::Dict(info) = lx.value(0).map_err(structure)? else { return Err(structure("trailer")) };
    if let Some(key) = info.keys.iter().find(|k| matches!(k.as_slice(), b"Prev" | b"XRefStm" | b"Encrypt")) {
        return Err(structure(if key == b"Encrypt" { "encrypted" } else { "incremental update" }));
    }
    let mut tokens = lx.tokens;

    // Every object in its own place, in the order of the file, before the table.
    entries.sort_by_key(|e| e.offset);
    let ends: Vec<usize> = entries.iter().skip(1).map(|e| e.offset).chain([start]).collect();
    for (entry, end) in entries.iter().zip(ends) {
        if entry.offset < 8 || entry.offset >= end {
            return Err(structure("objects overlap"));
        }
        let mut lx = Lexer { bytes: pdf, at: entry.offset, end, tokens };
        lx.indirect_object(entry.id, entry.generation).map_err(structure)?;
        tokens = lx.tokens;
    }
    Ok(())
}

/// Loads a file that passed [`check`]. Nothing is inflated while loading.
fn load(pdf: &[u8]) -> Result<Document> {
    check(pdf)?;
    let options = LoadOptions { max_decompressed_size: Some(MAX_ATTACHMENT_BYTES), ..LoadOptions::default() };
    let doc = Document::load_mem_with_options(pdf, options)
        .map_err(|_| refused("Dit is geen leesbare PDF.", "This is not a readable PDF."))?;
    if doc.is_encrypted() {
        return Err(not_ours("het bestand is versleuteld.", "the file is encrypted."));
    }
    Ok(doc)
}

/// What the verifier reads from a PDF: the attached files and who made it.
pub struct Opened {
    /// The information dictionary's `Producer` (AI-toets writes its renderer version there).
    pub producer: Option<String>,
    /// Every attached file, by name, in the order of the file's name tree.
    pub attachments: Vec<(String, Vec<u8>)>,
}

impl Opened {
    pub fn attachment(&self, name: &str) -> Option<&[u8]> {
        self.attachments.iter().find(|(n, _)| n == name).map(|(_, b)| b.as_slice())
    }
}

fn deref<'d>(doc: &'d Document, object: &'d Object) -> Option<&'d Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

fn dict<'d>(doc: &'d Document, object: &'d Object) -> Option<&'d lopdf::Dictionary> {
    deref(doc, object).and_then(|o| o.as_dict().ok())
}

/// Why a stream's content could not be had.
enum Unread {
    TooLarge,
    Unsupported,
}

/// A stream's content, inflated through a cap: no filter or one `/FlateDecode`, nothing else.
fn content(stream: &lopdf::Stream, limit: usize) -> std::result::Result<Vec<u8>, Unread> {
    let flate = match stream.dict.get(b"Filter") {
        Err(_) => false,
        Ok(Object::Name(n)) if n == b"FlateDecode" => true,
        Ok(Object::Array(a)) if matches!(a.as_slice(), [Object::Name(n)] if n == b"FlateDecode") => true,
        Ok(_) => return Err(Unread::Unsupported),
    };
    if stream.dict.has(b"DecodeParms") {
        return Err(Unread::Unsupported);
    }
    if !flate {
        return if stream.content.len() > limit { Err(Unread::TooLarge) } else { Ok(stream.content.clone()) };
    }
    // lopdf reads the inflater through `take(limit + 1)`: never more than that in memory.
    match stream.decompressed_content_with_limit(limit) {
        Ok(bytes) => Ok(bytes),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => Err(Unread::TooLarge),
        Err(_) => Err(Unread::Unsupported),
    }
}

/// Reads a PDF from anyone: checks it ([`check`]), loads it, and takes out the attached files
/// (each at most [`MAX_ATTACHMENT_BYTES`] decompressed) and the `Producer`.
pub fn open(pdf: &[u8]) -> Result<Opened> {
    let doc = load(pdf)?;
    let producer = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|info| dict(&doc, info))
        .and_then(|info| info.get(b"Producer").ok())
        .and_then(|p| deref(&doc, p))
        .and_then(|p| p.as_str().ok())
        .map(super::archive::decode_text);

    let mut attachments: Vec<(String, Vec<u8>)> = Vec::new();
    let catalog = doc.catalog().map_err(|_| not_ours("de catalogus ontbreekt.", "the catalog is missing."))?;
    let files = catalog
        .get(b"Names")
        .ok()
        .and_then(|n| dict(&doc, n))
        .and_then(|n| n.get(b"EmbeddedFiles").ok())
        .and_then(|f| dict(&doc, f));
    let Some(files) = files else { return Ok(Opened { producer, attachments }) };
    if files.has(b"Kids") {
        return Err(not_ours("de lijst met bijlagen is gelaagd.", "the list of attachments is nested."));
    }
    let list = files.get(b"Names").ok().and_then(|l| deref(&doc, l)).and_then(|l| l.as_array().ok());
    let bad = || not_ours("een bijlage is onleesbaar.", "an attachment cannot be read.");
    for pair in list.map(Vec::as_slice).unwrap_or_default().chunks(2) {
        let [key, spec] = pair else { return Err(bad()) };
        let name = deref(&doc, key).and_then(|k| k.as_str().ok()).map(super::archive::decode_text).ok_or_else(bad)?;
        if attachments.iter().any(|(n, _)| *n == name) {
            return Err(not_ours("een bijlage staat er twee keer in.", "an attachment is listed twice."));
        }
        if attachments.len() == MAX_ATTACHMENTS {
            return Err(not_ours("te veel bijlagen.", "too many attachments."));
        }
        let stream = dict(&doc, spec)
            .and_then(|s| s.get(b"EF").ok())
            .and_then(|ef| dict(&doc, ef))
            .and_then(|ef| ef.get(b"F").ok())
            .and_then(|f| deref(&doc, f))
            .and_then(|f| f.as_stream().ok())
            .ok_or_else(bad)?;
        let bytes = content(stream, MAX_ATTACHMENT_BYTES).map_err(|why| match why {
            Unread::TooLarge => attachment_too_large(&crate::pdf::verify::shown(&name)),
            Unread::Unsupported => bad(),
        })?;
        attachments.push((name, bytes));
    }
    Ok(Opened { producer, attachments })
}

/// The text of each page, for naming the pages on which two files differ (their content
/// streams differ on every page as soon as the fonts' subsets do). `None` when the file
/// cannot be read that far, or holds more than the comparison reads.
pub fn page_texts(pdf: &[u8]) -> Option<Vec<String>> {
    let doc = load(pdf).ok()?;
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES_COMPARED {
        return None;
    }
    let mut left = MAX_PAGE_CONTENT_BYTES;
    let mut out = Vec::with_capacity(pages.len());
    for (number, id) in pages {
        // Decoding a page's operators costs far more than its bytes: read only what a page of
        // AI-toets could hold.
        let size: usize = doc
            .get_page_contents(id)
            .into_iter()
            .map(|c| doc.get_object(c).and_then(Object::as_stream).map(|s| s.content.len()).unwrap_or(0))
            .sum();
        left = left.checked_sub(size)?;
        out.push(doc.extract_text_with_limit(&[number], MAX_PAGE_TEXT_BYTES).ok()?);
    }
    Some(out)
}
