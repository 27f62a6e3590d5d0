//! The shared PostgreSQL backend, for a committee that works from several machines: the same
//! statements as SQLite ([`super::sql`]), over the synchronous `postgres` client.
//!
//! The app never changes the schema here: the database administrator creates it with
//! `scripts/postgres/setup.sql` (the migrations in `postgres/migrations/`, numbered as
//! SQLite's) under an owner role, and the app connects as a role that may read and write rows
//! but cannot truncate, alter, drop or disable a trigger (README, *Een gedeelde
//! PostgreSQL-server*). The app checks on connecting that the schema is the one it knows.
//!
//! Invariant (ARCHITECTURE.md): one writer at a time appends to the audit trail: every write
//! transaction first takes the advisory transaction lock [`WRITE_LOCK`], and `audit_log`'s
//! `UNIQUE (prev_hash)` lets the database itself refuse a fork of the chain.

mod location;

pub use location::{Location, ServerAddress};

use std::collections::HashMap;

use postgres::types::{FromSql, IsNull, ToSql, Type};
use postgres::{Client, Statement};

use super::sql::{corrupt, Backend, Dialect, Row, SqlStore, Tx, Value, TRIGGER_PREFIX};
use crate::base::error::{Error, Message, Result};

/// The store on a PostgreSQL server.
pub type PostgresStore = SqlStore<Postgres>;

/// The schema the administrator's script makes (`scripts/postgres/setup.sql`).
pub const SCHEMA: &str = "ai_toets";

/// What every connection of the app sets at its start, whatever the role's own defaults say
/// (any role may change those for itself, and so for every colleague's app): the schema, writes
/// allowed and kept on disk before they are acknowledged, no statement waiting for ever, and no
/// row hidden silently by a row-level policy (with `row_security=off` such a query fails).
pub const SESSION: &str = "-c search_path=ai_toets -c default_transaction_read_only=off \
    -c synchronous_commit=on -c default_transaction_isolation=read\\ committed -c statement_timeout=300s \
    -c idle_in_transaction_session_timeout=0 -c row_security=off";

/// How long a write waits for another writer (or a session holding the write lock) before it
/// says the database is busy, and nothing was saved.
const LOCK_TIMEOUT: &str = "10s";

/// The schema version this build reads and writes: the number of migrations in
/// `postgres/migrations/` (a test checks both against SQLite's).
pub const SCHEMA_VERSION: i64 = 15;

/// The advisory lock every write transaction takes first (`pg_advisory_xact_lock`): "AIToets" in
/// ASCII, so other programs on the same server are unlikely to pick it.
pub const WRITE_LOCK: i64 = 0x0041_4954_6f65_7473;

/// What the migrations make that guards the records (triggers with their functions, indexes,
/// CHECK and UNIQUE constraints), each as `kind name sha256-of-definition`, as a fresh schema
/// has them (`tests/it/postgres.rs` compares it with one; `UPDATE_GOLDEN=guards` writes it).
pub const GUARDS: &str = include_str!("guards.txt");

/// An open connection to the server, opened again when it was lost.
pub struct Postgres {
    address: ServerAddress,
    client: Option<Client>,
    /// Statements prepared on this connection, by their SQL as the shared code writes it.
    statements: HashMap<String, Statement>,
}

impl SqlStore<Postgres> {
    /// Connects to the server at `address` and checks that its schema is the one this build
    /// knows. Refused (and nothing is kept locally) when the server cannot be reached.
    pub fn connect(address: &ServerAddress) -> Result<Self> {
        let mut db = Postgres { address: address.clone(), client: None, statements: HashMap::new() };
        db.client()?;
        Ok(SqlStore::over(db))
    }

    /// Where this store is, without a password (there never is one in it).
    pub fn address(&self) -> &ServerAddress {
        &self.db.address
    }
}

impl Postgres {
    /// The connection, opened (again) when there is none or the server closed it.
    fn client(&mut self) -> Result<&mut Client> {
        if self.client.as_ref().is_none_or(Client::is_closed) {
            self.statements.clear();
            let mut client = self.address.connect()?;
            check_schema(&mut client, &self.address)?;
            self.client = Some(client);
        }
        self.client.as_mut().ok_or_else(|| Error::Internal("postgres client".into()))
    }

    fn run<T>(&mut self, write: bool, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        let address = self.address.clone();
        let fail = |e: postgres::Error| server_error(&address, &e);
        // Borrow the client and the statement cache side by side.
        self.client()?;
        let Postgres { client: slot, statements, .. } = self;
        let client = slot.as_mut().ok_or_else(|| Error::Internal("postgres client".into()))?;
        let result = (|| {
            let mut tx = if write {
                let mut tx = client.transaction().map_err(fail)?;
                tx.batch_execute(&format!("SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")).map_err(fail)?;
                tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK]).map_err(fail)?;
                tx
            } else {
                client
                    .build_transaction()
                    .isolation_level(postgres::IsolationLevel::RepeatableRead)
                    .read_only(true)
                    .start()
                    .map_err(fail)?
            };
            let out = f(&mut PgTx { tx: &mut tx, statements, address: &address })?;
            tx.commit().map_err(fail)?;
            Ok(out)
        })();
        if client.is_closed() {
            *slot = None;
        }
        result
    }
}

impl Backend for Postgres {
    fn read<T>(&mut self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        self.run(false, f)
    }

    fn write<T>(&mut self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        self.run(true, f)
    }

    fn schema_problems(&mut self) -> Result<Vec<String>> {
        let address = self.address.clone();
        let client = self.client()?;
        let actual = guards(client).map_err(|e| server_error(&address, &e))?;
        let expected: HashMap<&str, &str> = GUARDS.lines().filter_map(|l| l.rsplit_once(' ')).collect();
        let mut out = Vec::new();
        let mut names: Vec<&&str> = expected.keys().collect();
        names.sort();
        for name in names {
            let shown = name.split_once(' ').map_or(*name, |(_, n)| n);
            match actual.get(*name) {
                None => out.push(format!("beveiliging {shown} ontbreekt")),
                Some(found) if found != expected[*name] => out.push(format!("beveiliging {shown} is gewijzigd")),
                Some(_) => {}
            }
        }
        let mut extra: Vec<&String> = actual.keys().filter(|n| !expected.contains_key(n.as_str())).collect();
        extra.sort();
        for name in extra {
            out.push(format!("onbekende beveiliging {}", name.split_once(' ').map_or(name.as_str(), |(_, n)| n)));
        }
        let client = self.client()?;
        // A trigger switched off, or set to fire only on a replica, does not lock anything.
        for row in client
            .query(
                "SELECT t.tgname::text FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'ai_toets' AND NOT t.tgisinternal AND t.tgenabled <> 'O'
                 ORDER BY 1",
                &[],
            )
            .map_err(|e| server_error(&address, &e))?
        {
            out.push(format!("beveiliging {} staat uit", row.get::<_, String>(0)));
        }
        Ok(out)
    }
}

/// Everything in the schema that decides what a write may do, by `kind name`, each with the
/// SHA-256 of its definition: triggers, functions (body, settings such as their search_path,
/// security definer), operators, tables, sequences and indexes (with row-level security on or
/// off), constraints, rules and row-level policies. A fresh schema has no rule and no policy, so
/// any is named.
pub fn guards(client: &mut Client) -> std::result::Result<HashMap<String, String>, postgres::Error> {
    use sha2::{Digest, Sha256};
    let rows = client.query(
        "WITH s AS (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 'ai_toets')
         SELECT 'trigger ' || t.tgname, pg_catalog.pg_get_triggerdef(t.oid)
           FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
          WHERE c.relnamespace = (SELECT oid FROM s) AND NOT t.tgisinternal
         UNION ALL
         SELECT 'function ' || p.oid::pg_catalog.regprocedure::text, pg_catalog.pg_get_functiondef(p.oid)
           FROM pg_catalog.pg_proc p WHERE p.pronamespace = (SELECT oid FROM s) AND p.prokind IN ('f', 'p')
         UNION ALL
         SELECT 'operator ' || o.oid::pg_catalog.regoperator::text, o.oprcode::text
           FROM pg_catalog.pg_operator o WHERE o.oprnamespace = (SELECT oid FROM s)
         UNION ALL
         SELECT 'relation ' || c.relname::text,
                c.relkind::text || ' rls=' || c.relrowsecurity::text || ' force=' || c.relforcerowsecurity::text
           FROM pg_catalog.pg_class c WHERE c.relnamespace = (SELECT oid FROM s)
         UNION ALL
         SELECT 'index ' || i.indexname::text, i.indexdef FROM pg_catalog.pg_indexes i WHERE i.schemaname = 'ai_toets'
         UNION ALL
         SELECT 'constraint ' || k.conname::text, pg_catalog.pg_get_constraintdef(k.oid) FROM pg_catalog.pg_constraint k
          WHERE k.connamespace = (SELECT oid FROM s) AND k.contype IN ('c', 'u', 'x', 'f', 'p')
         UNION ALL
         SELECT 'rule ' || r.rulename::text, r.definition FROM pg_catalog.pg_rules r WHERE r.schemaname = 'ai_toets'
         UNION ALL
         SELECT 'policy ' || p.policyname::text, coalesce(p.qual, '') || coalesce(p.with_check, '')
           FROM pg_catalog.pg_policies p WHERE p.schemaname = 'ai_toets'",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|r| (r.get::<_, String>(0), hex::encode(Sha256::digest(r.get::<_, String>(1).as_bytes()))))
        .collect())
}

/// Refuses a schema this build does not know: older (the administrator runs the setup script
/// again) or newer (a newer AI-toets made it).
fn check_schema(client: &mut Client, address: &ServerAddress) -> Result<()> {
    let version: Option<i64> = match client.query_one("SELECT max(version) FROM schema_version", &[]) {
        Ok(row) => row.get(0),
        Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => None,
        Err(e) => return Err(server_error(address, &e)),
    };
    match version {
        Some(SCHEMA_VERSION) => Ok(()),
        Some(v) if v > SCHEMA_VERSION => Err(Error::Storage {
            message: Message::new(
                format!("De database op {address} is gemaakt door een nieuwere AI-toets (versie {v} van de opbouw). Gebruik de nieuwste versie van AI-toets."),
                format!("The database on {address} was made by a newer AI-toets (schema version {v}). Use the latest AI-toets."),
            ),
            detail: format!("schema version {v}, this build knows {SCHEMA_VERSION}"),
        }),
        found => Err(Error::Storage {
            message: Message::new(
                format!("De database op {address} is nog niet (of niet helemaal) ingericht voor AI-toets. Vraag de beheerder het inrichtingsscript scripts/postgres/setup.sql uit te voeren."),
                format!("The database on {address} is not (fully) set up for AI-toets. Ask the administrator to run the setup script scripts/postgres/setup.sql."),
            ),
            detail: format!("schema version {found:?}, this build needs {SCHEMA_VERSION}"),
        }),
    }
}

/// A transaction on the server.
struct PgTx<'a, 'c> {
    tx: &'a mut postgres::Transaction<'c>,
    statements: &'a mut HashMap<String, Statement>,
    address: &'a ServerAddress,
}

impl PgTx<'_, '_> {
    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let prepared = self.tx.prepare(&numbered(sql)).map_err(|e| server_error(self.address, &e))?;
        self.statements.insert(sql.to_string(), prepared.clone());
        Ok(prepared)
    }
}

impl Tx for PgTx<'_, '_> {
    fn execute(&mut self, sql: &str, args: &[Value]) -> Result<usize> {
        let statement = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
        let n = self.tx.execute(&statement, &params).map_err(|e| server_error(self.address, &e))?;
        usize::try_from(n).map_err(|_| Error::Internal("row count".into()))
    }

    fn query(&mut self, sql: &str, args: &[Value]) -> Result<Vec<Row>> {
        let statement = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
        let rows = self.tx.query(&statement, &params).map_err(|e| server_error(self.address, &e))?;
        rows.iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| r.try_get::<_, Value>(i).map_err(|e| corrupt("row", e)))
                    .collect::<Result<Vec<_>>>()
                    .map(Row)
            })
            .collect()
    }

    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
}

/// The shared SQL's `?1` parameters as PostgreSQL's `$1` (outside quoted text).
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    for c in sql.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => out.push('$'),
            _ => out.push(c),
        }
    }
    out
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        // The server says which type each parameter is; the shared SQL gives the value.
        match (self, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Int(v), &Type::INT8) => v.to_sql(ty, out),
            (Value::Int(v), &Type::INT4) => i32::try_from(*v)?.to_sql(ty, out),
            (Value::Int(v), &Type::INT2) => i16::try_from(*v)?.to_sql(ty, out),
            (Value::Int(v), &Type::BOOL) => (*v != 0).to_sql(ty, out),
            (Value::Text(v), _) => v.to_sql(ty, out),
            (Value::Blob(v), &Type::BYTEA) => v.to_sql(ty, out),
            (v, ty) => Err(format!("{v:?} for a parameter of type {ty}").into()),
        }
    }

    fn accepts(ty: &Type) -> bool {
        [Type::INT8, Type::INT4, Type::INT2, Type::BOOL, Type::TEXT, Type::VARCHAR, Type::NAME, Type::BYTEA]
            .contains(ty)
    }

    postgres::types::to_sql_checked!();
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(match *ty {
            Type::INT8 => Value::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Int(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT2 => Value::Int(i64::from(i16::from_sql(ty, raw)?)),
            Type::BOOL => Value::Int(i64::from(bool::from_sql(ty, raw)?)),
            Type::BYTEA => Value::Blob(Vec::<u8>::from_sql(ty, raw)?),
            _ => Value::Text(String::from_sql(ty, raw)?),
        })
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(Value::Null)
    }

    fn accepts(ty: &Type) -> bool {
        <Value as ToSql>::accepts(ty)
    }
}

/// Turns a server failure into a sentence a secretary can act on.
pub(crate) fn server_error(address: &ServerAddress, e: &postgres::Error) -> Error {
    use postgres::error::SqlState;
    let detail = e.to_string();
    let Some(db) = e.as_db_error() else {
        // No answer from the server: the connection failed or was lost.
        return unreachable(address, detail);
    };
    if db.message().contains(TRIGGER_PREFIX) {
        return Error::Locked;
    }
    // The app connects with row_security=off: a policy that would hide rows makes the query fail.
    if db.message().contains("row-level security") {
        return Error::Storage {
            message: Message::new(
                format!("De databaseserver {address} verbergt rijen voor AI-toets (row-level security). Dat hoort niet: AI-toets laat niets zien of opslaan zolang dat zo is. Vraag de beheerder het na te lopen."),
                format!("The database server {address} hides rows from AI-toets (row-level security). That is not right: AI-toets shows and saves nothing while it is so. Ask the administrator to look into it."),
            ),
            detail,
        };
    }
    if db.constraint() == Some("pilots_one_reassessment") {
        return crate::followup::already_reassessed();
    }
    let message = match db.code() {
        c if *c == SqlState::UNIQUE_VIOLATION && db.constraint() == Some("audit_log_prev_hash_unique") => {
            return Error::Conflict;
        }
        c if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED => {
            return Error::Conflict;
        }
        c if *c == SqlState::LOCK_NOT_AVAILABLE || *c == SqlState::QUERY_CANCELED => Message::new(
            format!("De databaseserver {address} is bezet: een ander houdt de gegevens vast. Er is niets opgeslagen; wat u typte blijft staan. Probeer het over een minuut opnieuw."),
            format!("The database server {address} is busy: someone else holds the data. Nothing was saved; what you typed stays. Try again in a minute."),
        ),
        c if *c == SqlState::INSUFFICIENT_PRIVILEGE => Message::new(
            format!("De databaseserver {address} staat deze handeling niet toe voor uw account. Er is niets opgeslagen. Vraag de beheerder de rechten na te lopen (scripts/postgres/setup.sql)."),
            format!("The database server {address} does not allow this for your account. Nothing was saved. Ask the administrator to check the rights (scripts/postgres/setup.sql)."),
        ),
        c if *c == SqlState::DISK_FULL || *c == SqlState::OUT_OF_MEMORY => Message::new(
            format!("De databaseserver {address} heeft geen ruimte meer. Er is niets opgeslagen; vraag de beheerder om hulp."),
            format!("The database server {address} is out of space. Nothing was saved; ask your administrator."),
        ),
        c if *c == SqlState::ADMIN_SHUTDOWN || *c == SqlState::CANNOT_CONNECT_NOW || *c == SqlState::CRASH_SHUTDOWN => {
            return unreachable(address, detail);
        }
        _ => Message::new(
            format!("Er ging iets mis op de databaseserver {address}. Er is niets opgeslagen."),
            format!("Something went wrong on the database server {address}. Nothing was saved."),
        ),
    };
    Error::Storage { message, detail }
}

/// The server does not answer: nothing of the write was kept (a transaction is all or nothing).
fn unreachable(address: &ServerAddress, detail: String) -> Error {
    Error::Unreachable {
        message: Message::new(
            format!("De databaseserver {address} is niet bereikbaar. Er is niets half opgeslagen; wat u typte blijft staan en AI-toets probeert het opnieuw. Blijft dit zo, vraag dan de beheerder of de server aan staat."),
            format!("The database server {address} cannot be reached. Nothing was half saved; what you typed stays and AI-toets tries again. If this goes on, ask the administrator whether the server is running."),
        ),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::numbered;

    #[test]
    fn parameters_are_numbered_for_postgres_outside_quoted_text() {
        assert_eq!(
            numbered("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d IN (?2, ?10)"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d IN ($2, $10)"
        );
    }
}
