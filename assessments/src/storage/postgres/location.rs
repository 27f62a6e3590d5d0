//! Where the data is: a database file (the default) or a PostgreSQL server, as a person types it
//! in the settings or in `AI_TOETS_DATABASE`. A server's address never holds a password: it
//! comes from the person's pgpass file, as for `psql`.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use crate::base::error::{Error, FieldError, Message, Result};

/// Where the app keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file on this machine.
    File(PathBuf),
    /// A shared PostgreSQL server.
    Server(ServerAddress),
}

impl Location {
    /// A `postgres://` (or `postgresql://`) address is a server; anything else a file path.
    pub fn parse(text: &str) -> Result<Location> {
        let text = text.trim();
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            ServerAddress::parse(text).map(Location::Server)
        } else if text.is_empty() {
            Err(invalid("Vul een bestand of een postgres://-adres in.", "Enter a file or a postgres:// address."))
        } else if !Path::new(text).is_absolute() {
            Err(invalid(
                "Geef het volledige pad van het bestand (bijvoorbeeld C:\\Gegevens\\ai-toets.sqlite3).",
                "Give the file's full path (for example C:\\Data\\ai-toets.sqlite3).",
            ))
        } else {
            Ok(Location::File(PathBuf::from(text)))
        }
    }

    /// As a person reads it (a server without password, which it never has).
    pub fn shown(&self) -> String {
        match self {
            Location::File(path) => path.display().to_string(),
            Location::Server(address) => address.url.clone(),
        }
    }
}

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// TLS, the server's certificate checked against the trusted roots and its host name
    /// (`sslmode=verify-full`, the default).
    VerifyFull,
    /// TLS, the certificate checked against the trusted roots but not the host name.
    VerifyCa,
    /// No TLS: only to this machine itself (loopback or a local socket).
    None,
}

/// A PostgreSQL server as a `postgres://` address, checked: a user, no password, TLS that
/// checks the server unless the server is this machine itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    /// The address as given (without password: one is refused).
    url: String,
    /// The address without the parameters AI-toets handles itself.
    connect: String,
    pub protection: Protection,
    /// A file with the municipality's own root certificate (PEM), if any (`sslrootcert=`).
    pub root_certificate: Option<PathBuf>,
    host: String,
    port: u16,
    user: String,
    database: String,
}

impl std::fmt::Display for ServerAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}/{}", self.host, self.port, self.database)
    }
}

fn invalid(nl: &str, en: &str) -> Error {
    Error::Invalid(vec![FieldError { field: "database".into(), message: Message::new(nl, en) }])
}

impl ServerAddress {
    pub fn parse(url: &str) -> Result<ServerAddress> {
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let (mut protection, mut root_certificate, mut kept) = (Protection::VerifyFull, None, Vec::new());
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=').unwrap_or((pair, "")) {
                ("sslmode", "verify-full") => protection = Protection::VerifyFull,
                ("sslmode", "verify-ca") => protection = Protection::VerifyCa,
                ("sslmode", "disable") => protection = Protection::None,
                ("sslmode", other) => {
                    return Err(invalid(
                        &format!("sslmode={other} controleert niet met welke server AI-toets praat. Gebruik sslmode=verify-full (of sslmode=disable alleen voor een server op deze computer)."),
                        &format!("sslmode={other} does not check which server AI-toets talks to. Use sslmode=verify-full (or sslmode=disable only for a server on this computer)."),
                    ))
                }
                ("sslrootcert", path) => root_certificate = Some(PathBuf::from(path)),
                ("password", _) => return Err(password_refused()),
                // `hostaddr` would send the connection elsewhere than the host it names (and
                // than the local-only check sees); `options` would change what the app sets.
                ("hostaddr" | "options", _) => {
                    return Err(invalid(
                        &format!("Het adres mag geen {} bevatten. Noem de server bij zijn naam.", pair.split('=').next().unwrap_or(pair)),
                        &format!("The address may not hold {}. Name the server by its name.", pair.split('=').next().unwrap_or(pair)),
                    ))
                }
                _ => kept.push(pair),
            }
        }
        let connect = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
        let config = postgres::Config::from_str(&connect).map_err(|e| {
            invalid(
                &format!("Dit is geen geldig postgres://-adres ({e}). Voorbeeld: postgres://naam@server.gemeente.nl/aitoets"),
                &format!("This is not a valid postgres:// address ({e}). Example: postgres://name@server.example.org/aitoets"),
            )
        })?;
        if config.get_password().is_some() {
            return Err(password_refused());
        }
        let user = config.get_user().filter(|u| !u.is_empty()).ok_or_else(|| {
            invalid(
                "Het adres noemt geen gebruiker. Voorbeeld: postgres://naam@server.gemeente.nl/aitoets",
                "The address names no user. Example: postgres://name@server.example.org/aitoets",
            )
        })?;
        let hosts = config.get_hosts();
        let local = !hosts.is_empty()
            && hosts.iter().all(|h| match h {
                postgres::config::Host::Tcp(name) => {
                    ["localhost", "127.0.0.1", "::1", "[::1]"].contains(&name.as_str())
                }
                #[cfg(unix)]
                postgres::config::Host::Unix(_) => true,
            });
        if protection == Protection::VerifyCa && root_certificate.is_none() {
            return Err(invalid(
                "sslmode=verify-ca controleert de naam van de server niet en vertrouwt dan elk openbaar certificaat. Gebruik sslmode=verify-full, of verify-ca met sslrootcert=<het certificaat van uw eigen CA>.",
                "sslmode=verify-ca does not check the server's name and would trust any public certificate. Use sslmode=verify-full, or verify-ca with sslrootcert=<your own CA's certificate>.",
            ));
        }
        if protection == Protection::None && !local {
            return Err(invalid(
                "Zonder TLS (sslmode=disable) kan AI-toets alleen met een server op deze computer praten. Gebruik sslmode=verify-full.",
                "Without TLS (sslmode=disable) AI-toets only talks to a server on this computer. Use sslmode=verify-full.",
            ));
        }
        let host = match hosts.first() {
            Some(postgres::config::Host::Tcp(name)) => name.clone(),
            #[cfg(unix)]
            Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
            None => "localhost".to_string(),
        };
        Ok(ServerAddress {
            url: url.to_string(),
            connect,
            protection,
            root_certificate,
            port: config.get_ports().first().copied().unwrap_or(5432),
            database: config.get_dbname().unwrap_or(user).to_string(),
            user: user.to_string(),
            host,
        })
    }

    /// Opens a connection: the password from the pgpass file, TLS as the address says.
    pub fn connect(&self) -> Result<postgres::Client> {
        let mut config = postgres::Config::from_str(&self.connect).map_err(|e| Error::Internal(e.to_string()))?;
        config
            .application_name("AI-toets")
            .connect_timeout(Duration::from_secs(5))
            .keepalives(true)
            .options(super::SESSION);
        if let Some(password) = pgpass_password(&self.host, self.port, &self.database, &self.user) {
            config.password(password);
        }
        let result = match self.protection {
            Protection::None => config.ssl_mode(postgres::config::SslMode::Disable).connect(postgres::NoTls),
            Protection::VerifyFull | Protection::VerifyCa => {
                let mut builder = native_tls::TlsConnector::builder();
                if let Some(path) = &self.root_certificate {
                    builder.add_root_certificate(read_certificate(path)?);
                }
                if self.protection == Protection::VerifyCa {
                    // Only the municipality's own CA then, not every public one.
                    builder.danger_accept_invalid_hostnames(true).disable_built_in_roots(true);
                }
                let connector = builder.build().map_err(|e| Error::Internal(format!("tls: {e}")))?;
                config
                    .ssl_mode(postgres::config::SslMode::Require)
                    .connect(postgres_native_tls::MakeTlsConnector::new(connector))
            }
        };
        result.map_err(|e| super::server_error(self, &e))
    }
}

fn password_refused() -> Error {
    invalid(
        "Zet geen wachtwoord in het adres: het zou leesbaar in de instellingen staan. Zet het in uw pgpass-bestand (zie de README).",
        "Do not put a password in the address: it would be readable in the settings. Put it in your pgpass file (see the README).",
    )
}

fn read_certificate(path: &Path) -> Result<native_tls::Certificate> {
    let pem = crate::base::files::read_bounded(path, 1_000_000).map_err(|e| Error::BadFile(e.message()))?;
    native_tls::Certificate::from_pem(&pem).map_err(|e| {
        Error::BadFile(Message::new(
            format!("Het certificaat {} is geen PEM-certificaat ({e}).", path.display()),
            format!("The certificate {} is not a PEM certificate ({e}).", path.display()),
        ))
    })
}

/// Where libpq looks for the password file: `PGPASSFILE`, else `~/.pgpass`
/// (`%APPDATA%\postgresql\pgpass.conf` on Windows).
fn pgpass_file() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PGPASSFILE") {
        return Some(PathBuf::from(path));
    }
    if cfg!(windows) {
        std::env::var_os("APPDATA").map(|d| PathBuf::from(d).join("postgresql").join("pgpass.conf"))
    } else {
        std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".pgpass"))
    }
}

/// The password for this server, database and user from the pgpass file, as libpq reads it
/// (`host:port:database:user:password`, `*` matches anything, `\` escapes). On Unix a file that
/// others can read is ignored, as libpq does.
fn pgpass_password(host: &str, port: u16, database: &str, user: &str) -> Option<String> {
    let path = pgpass_file()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if std::fs::metadata(&path).ok()?.permissions().mode() & 0o077 != 0 {
            return None;
        }
    }
    let text = std::fs::read_to_string(path).ok()?;
    pgpass_lookup(&text, host, port, database, user)
}

/// The first line of a pgpass file that matches.
pub(crate) fn pgpass_lookup(text: &str, host: &str, port: u16, database: &str, user: &str) -> Option<String> {
    let host = if host.starts_with('/') { "localhost" } else { host };
    let port = port.to_string();
    text.lines().filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty()).find_map(|line| {
        let fields = split_pgpass(line);
        let [h, p, d, u, password] = fields.as_slice() else { return None };
        let matches = |pattern: &str, value: &str| pattern == "*" || pattern == value;
        (matches(h, host) && matches(p, &port) && matches(d, database) && matches(u, user)).then(|| password.clone())
    })
}

/// A pgpass line's five fields: `:` separates, `\` escapes the next character.
fn split_pgpass(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut chars) = (Vec::new(), String::new(), line.chars());
    while let Some(c) = chars.next() {
        match c {
            '\\' => field.extend(chars.next()),
            ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_address_is_refused() {
        for url in
            ["postgres://lid:geheim@db.gemeente.nl/aitoets", "postgres://lid@db.gemeente.nl/aitoets?password=geheim"]
        {
            let e = ServerAddress::parse(url).expect_err(url);
            assert!(e.to_string().contains("pgpass"), "{url}: {e}");
        }
    }

    #[test]
    fn tls_that_does_not_check_the_server_is_refused_and_verify_full_is_the_default() {
        let a = ServerAddress::parse("postgres://lid@db.gemeente.nl/aitoets").expect("plain");
        assert_eq!(a.protection, Protection::VerifyFull);
        for mode in ["require", "prefer", "allow"] {
            assert!(ServerAddress::parse(&format!("postgres://lid@db.gemeente.nl/aitoets?sslmode={mode}")).is_err());
        }
        assert!(ServerAddress::parse("postgres://lid@db.gemeente.nl/aitoets?sslmode=disable").is_err());
        let local = ServerAddress::parse("postgres://lid@127.0.0.1:54329/aitoets?sslmode=disable").expect("loopback");
        assert_eq!(local.protection, Protection::None);
        assert_eq!(local.to_string(), "127.0.0.1:54329/aitoets");
        assert!(ServerAddress::parse("postgres://db.gemeente.nl/aitoets").is_err(), "no user");
    }

    #[test]
    fn pgpass_lines_match_as_libpq_reads_them() {
        let text = "# comment\ndb.gemeente.nl:5432:aitoets:lid:p\\:w\\\\d\n*:*:*:lid:fallback\n";
        assert_eq!(pgpass_lookup(text, "db.gemeente.nl", 5432, "aitoets", "lid").as_deref(), Some("p:w\\d"));
        assert_eq!(pgpass_lookup(text, "other", 5433, "x", "lid").as_deref(), Some("fallback"));
        assert_eq!(pgpass_lookup(text, "other", 5433, "x", "someone"), None);
    }

    #[test]
    fn a_location_is_a_server_only_with_a_postgres_address() {
        let file = std::env::temp_dir().join("ai-toets.sqlite3");
        assert!(matches!(Location::parse(&file.display().to_string()), Ok(Location::File(_))));
        assert!(Location::parse("ai-toets.sqlite3").is_err(), "a relative path depends on where the app started");
        assert!(matches!(Location::parse("postgresql://lid@localhost/aitoets"), Ok(Location::Server(_))));
        assert!(Location::parse("  ").is_err());
    }
}
