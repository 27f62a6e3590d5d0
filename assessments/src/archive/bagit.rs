//! BagIt (RFC 8493): a folder with the payload under `data/`, `bagit.txt`, a SHA-256 manifest
//! of every payload file, `bag-info.txt` and a tag manifest. [`Writer`] makes one in a hidden
//! folder beside the target and renames it into place only when every file is written, so a
//! failure never leaves half a bag. [`check`] applies the RFC's rules for a complete and valid
//! bag and names every one that does not hold.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::base::error::{Error, Message, Result};
use crate::base::hash::sha256_hex;

pub const BAGIT_TXT: &str = "bagit.txt";
pub const MANIFEST: &str = "manifest-sha256.txt";
pub const TAG_MANIFEST: &str = "tagmanifest-sha256.txt";
pub const BAG_INFO: &str = "bag-info.txt";
const DECLARATION: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::BadFile(Message::new(
        format!("Kan {} niet schrijven of lezen: {e}", path.display()),
        format!("Cannot write or read {}: {e}", path.display()),
    ))
}

/// A path in a manifest, encoded as RFC 8493 §2.1.3 asks (`%`, CR and LF percent-encoded).
fn encode(path: &str) -> String {
    path.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn decode(path: &str) -> String {
    path.replace("%0D", "\r").replace("%0d", "\r").replace("%0A", "\n").replace("%0a", "\n").replace("%25", "%")
}

/// Whether `relative` (with `/`) is a plain path inside the bag: no root, no `..`, no empty or
/// `.` part, no backslash.
fn plain(relative: &str) -> bool {
    !relative.is_empty()
        && !relative.starts_with('/')
        && !relative.contains('\\')
        && relative.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
}

/// A bag being written.
pub struct Writer {
    target: PathBuf,
    dir: tempfile::TempDir,
    /// Payload path (from `data/`) → SHA-256 and size.
    payload: BTreeMap<String, (String, u64)>,
}

impl Writer {
    /// Starts a bag that will become the folder `target` (which must not exist yet).
    pub fn new(target: &Path) -> Result<Self> {
        if target.exists() {
            return Err(Error::not_allowed(
                format!(
                    "Er staat al een map of bestand {}; kies een nieuwe naam. Er is niets geschreven.",
                    target.display()
                ),
                format!("{} already exists; choose a new name. Nothing was written.", target.display()),
            ));
        }
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let dir =
            tempfile::Builder::new().prefix(".ai-toets-overdracht-").tempdir_in(parent).map_err(|e| io(parent, e))?;
        Ok(Self { target: target.to_path_buf(), dir, payload: BTreeMap::new() })
    }

    fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        let mut file = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
        file.write_all(bytes).map_err(|e| io(&path, e))?;
        file.sync_all().map_err(|e| io(&path, e))
    }

    /// Adds a payload file at `relative` below `data/`.
    pub fn add(&mut self, relative: &str, bytes: &[u8]) -> Result<()> {
        let relative = format!("data/{relative}");
        if !plain(&relative) || self.payload.contains_key(&relative) {
            return Err(Error::Internal(format!("bag path {relative:?}")));
        }
        self.write(&relative, bytes)?;
        self.payload.insert(relative, (sha256_hex(bytes), bytes.len() as u64));
        Ok(())
    }

    /// Writes the tag files (`info`: the lines of `bag-info.txt` besides `Payload-Oxum`) and
    /// moves the bag into place.
    pub fn finish(self, info: &[(&str, String)]) -> Result<PathBuf> {
        let manifest: String =
            self.payload.iter().map(|(path, (sha, _))| format!("{sha}  {}\n", encode(path))).collect();
        let octets: u64 = self.payload.values().map(|(_, size)| size).sum();
        let bag_info = info_text(info, octets, self.payload.len());
        let tags = [(BAGIT_TXT, DECLARATION.to_string()), (BAG_INFO, bag_info), (MANIFEST, manifest)];
        let mut tag_manifest = String::new();
        for (name, text) in &tags {
            self.write(name, text.as_bytes())?;
            tag_manifest.push_str(&format!("{}  {name}\n", sha256_hex(text.as_bytes())));
        }
        self.write(TAG_MANIFEST, tag_manifest.as_bytes())?;
        let dir = self.dir.keep();
        std::fs::rename(&dir, &self.target).map_err(|e| {
            let _ = std::fs::remove_dir_all(&dir);
            io(&self.target, e)
        })?;
        Ok(self.target)
    }
}

/// `bag-info.txt` as [`Writer::finish`] writes it: one `Label: value` line each (a line break
/// in a value becomes a space), then the `Payload-Oxum` of `octets` bytes in `files` files.
pub fn info_text(info: &[(&str, String)], octets: u64, files: usize) -> String {
    let mut text: String =
        info.iter().map(|(label, value)| format!("{label}: {}\n", value.replace(['\r', '\n'], " "))).collect();
    text.push_str(&format!("Payload-Oxum: {octets}.{files}\n"));
    text
}

/// The largest file a check reads: what the verifier reads of a PDF (20 MB); an attachment
/// is at most 5 MB.
pub const MAX_FILE_BYTES: u64 = crate::pdf::reader::MAX_PDF_BYTES as u64;
/// The most a check reads in all: it holds the bag in memory, so each file is read once and the
/// bytes it checks are the bytes it hashed.
pub const MAX_BAG_BYTES: u64 = 1024 * 1024 * 1024;

/// A bag as read: its payload files by path (`data/…`) with their bytes, and what does not hold.
#[derive(Debug, Default)]
pub struct Checked {
    pub payload: BTreeMap<String, Vec<u8>>,
    pub problems: Vec<Message>,
    pub info: Vec<(String, String)>,
    /// `bag-info.txt` as it is, when it is text.
    pub info_text: Option<String>,
}

fn problem(out: &mut Vec<Message>, nl: String, en: String) {
    out.push(Message::new(nl, en));
}

/// Every plain file below `dir` (paths relative to `root`, with `/`) with its bytes. A link, a
/// pipe or a device, a name with a backslash, a file over [`MAX_FILE_BYTES`] or beyond
/// [`MAX_BAG_BYTES`] in all is a problem and is not read.
fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>, total: &mut u64, problems: &mut Vec<Message>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        problem(problems, format!("map {} is niet te lezen", dir.display()), format!("cannot read {}", dir.display()));
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().to_string();
        let shown = crate::pdf::verify::shown(&relative);
        if entry.file_name().to_string_lossy().contains('\\') || entry.file_name().to_str().is_none() {
            problem(
                problems,
                format!("{shown}: een naam met een backslash of zonder geldige tekens wordt niet gelezen"),
                format!("{shown}: a name with a backslash or invalid characters is not read"),
            );
            continue;
        }
        let relative = relative.replace('\\', "/");
        // `DirEntry::file_type` and `metadata` do not follow links.
        let (Ok(kind), Ok(meta)) = (entry.file_type(), entry.metadata()) else { continue };
        if kind.is_dir() {
            walk(root, &path, out, total, problems);
        } else if !kind.is_file() {
            problem(
                problems,
                format!("{shown} is geen gewoon bestand (een koppeling, pijp of apparaat) en wordt niet gelezen"),
                format!("{shown} is not a plain file (a link, pipe or device) and is not read"),
            );
        } else if meta.len() > MAX_FILE_BYTES || *total + meta.len() > MAX_BAG_BYTES {
            problem(
                problems,
                format!("{shown} is te groot om te controleren ({} bytes)", meta.len()),
                format!("{shown} is too large to check ({} bytes)", meta.len()),
            );
        } else {
            let read = std::fs::File::open(&path).and_then(|f| {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes)?;
                Ok(bytes)
            });
            match read {
                Ok(bytes) if bytes.len() as u64 <= MAX_FILE_BYTES => {
                    *total += bytes.len() as u64;
                    out.insert(relative, bytes);
                }
                _ => problem(problems, format!("{shown} is niet te lezen"), format!("cannot read {shown}")),
            }
        }
    }
}

/// The lines of a manifest: path → checksum. Problems: a line that is not `checksum path`, a
/// path outside the bag, a path listed twice.
fn read_manifest(name: &str, text: &str, problems: &mut Vec<Message>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let parsed =
            line.split_once([' ', '\t']).map(|(sum, path)| (sum, decode(path.trim_start_matches([' ', '\t']))));
        match parsed {
            Some((sum, path)) if sum.len() == 64 && sum.bytes().all(|b| b.is_ascii_hexdigit()) && plain(&path) => {
                if out.insert(path.clone(), sum.to_ascii_lowercase()).is_some() {
                    problem(problems, format!("{name} noemt {path} twee keer"), format!("{name} lists {path} twice"));
                }
            }
            _ => problem(
                problems,
                format!("{name}, regel {}: geen 'checksum pad'", i + 1),
                format!("{name}, line {}: not 'checksum path'", i + 1),
            ),
        }
    }
    out
}

/// A tag file as text, from what [`walk`] read.
fn tag_text(all: &BTreeMap<String, Vec<u8>>, name: &str, problems: &mut Vec<Message>) -> Option<String> {
    match all.get(name).map(|b| String::from_utf8(b.clone())) {
        Some(Ok(text)) => Some(text),
        Some(Err(_)) => {
            problem(problems, format!("{name} is geen UTF-8"), format!("{name} is not UTF-8"));
            None
        }
        None => {
            problem(problems, format!("{name} ontbreekt"), format!("{name} is missing"));
            None
        }
    }
}

/// Checks the bag at `dir` by RFC 8493, reading each file once: `bagit.txt` declares version
/// 1.0 (or 0.97) and UTF-8; `data/` exists; `manifest-sha256.txt` lists every payload file
/// exactly once and nothing else, each with its SHA-256 (complete and valid, §3); a manifest of
/// another algorithm cannot be checked here and is named; `Payload-Oxum` in `bag-info.txt`,
/// when present, gives the payload's size and count; `tagmanifest-sha256.txt`, when present,
/// gives each tag file's SHA-256 and names no payload file. A file outside `data/` other than
/// these tag files is named too: nothing in the folder goes unseen.
pub fn check(dir: &Path) -> Checked {
    let mut c = Checked::default();
    let p = &mut c.problems;
    let mut all = BTreeMap::new();
    walk(dir, dir, &mut all, &mut 0, p);
    let (payload, all): (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) =
        all.into_iter().partition(|(f, _)| f.starts_with("data/"));
    match tag_text(&all, BAGIT_TXT, p) {
        Some(text) => {
            let lines: Vec<&str> = text.lines().collect();
            let version_ok = matches!(lines.first(), Some(&"BagIt-Version: 1.0" | &"BagIt-Version: 0.97"));
            if lines.len() != 2 || !version_ok || lines[1] != "Tag-File-Character-Encoding: UTF-8" {
                problem(
                    p,
                    format!("{BAGIT_TXT} is niet zoals RFC 8493 vraagt"),
                    format!("{BAGIT_TXT} is not as RFC 8493 asks"),
                );
            }
        }
        None => return c,
    }
    if !dir.join("data").is_dir() {
        problem(p, "de map data/ ontbreekt".into(), "the data/ folder is missing".into());
        return c;
    }
    for other in all.keys() {
        let known = [BAGIT_TXT, BAG_INFO, MANIFEST, TAG_MANIFEST].contains(&other.as_str());
        if other.starts_with("manifest-") && !known {
            problem(
                p,
                format!("{other}: dit algoritme controleert ai-toets-verify niet"),
                format!("{other}: ai-toets-verify does not check this algorithm"),
            );
        } else if !known {
            let shown = crate::pdf::verify::shown(other);
            problem(
                p,
                format!("onverwacht bestand buiten data/: {shown} (in geen manifest)"),
                format!("unexpected file outside data/: {shown} (in no manifest)"),
            );
        }
    }
    let Some(text) = tag_text(&all, MANIFEST, p) else { return c };
    let manifest = read_manifest(MANIFEST, &text, p);
    let mut octets = 0u64;
    for (path, bytes) in &payload {
        octets += bytes.len() as u64;
        match manifest.get(path) {
            None => {
                let shown = crate::pdf::verify::shown(path);
                problem(p, format!("{shown} staat niet in het manifest"), format!("{shown} is not in the manifest"));
            }
            Some(sum) if sha256_hex(bytes) != *sum => problem(
                p,
                format!("{path}: de SHA-256 klopt niet met het manifest"),
                format!("{path}: the SHA-256 does not match the manifest"),
            ),
            Some(_) => {}
        }
    }
    for path in manifest.keys().filter(|path| !payload.contains_key(*path)) {
        let outside = !path.starts_with("data/");
        let shown = crate::pdf::verify::shown(path);
        problem(
            p,
            if outside { format!("het manifest noemt {shown}, buiten data/") } else { format!("{shown} ontbreekt") },
            if outside { format!("the manifest lists {shown}, outside data/") } else { format!("{shown} is missing") },
        );
    }
    if let Some(info) = tag_text(&all, BAG_INFO, p) {
        c.info_text = Some(info.clone());
        c.info = info
            .lines()
            .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
            .collect();
        if let Some((_, oxum)) = c.info.iter().find(|(k, _)| k == "Payload-Oxum") {
            if *oxum != format!("{octets}.{}", payload.len()) {
                problem(
                    p,
                    format!("Payload-Oxum {oxum} klopt niet: {octets} bytes in {} bestanden", payload.len()),
                    format!("Payload-Oxum {oxum} does not hold: {octets} bytes in {} files", payload.len()),
                );
            }
        }
    }
    if all.contains_key(TAG_MANIFEST) {
        if let Some(text) = tag_text(&all, TAG_MANIFEST, p) {
            for (path, sum) in read_manifest(TAG_MANIFEST, &text, p) {
                let holds = all.get(&path).is_some_and(|bytes| sha256_hex(bytes) == sum);
                if !holds {
                    problem(
                        p,
                        format!("{TAG_MANIFEST}: {path} klopt niet"),
                        format!("{TAG_MANIFEST}: {path} does not hold"),
                    );
                }
            }
        }
    }
    c.payload = payload;
    c
}
