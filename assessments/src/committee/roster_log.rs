//! The roster as a signed log (*ledenlogboek*): every change to who is on the committee, in
//! which role, with which key, and which signatures a decision needs, is one event signed by
//! the members who approve it. The roster in force at any moment is what replaying the log
//! gives, so nobody alone at the keyboard can put a key, a member or a role in someone else's
//! name: that takes the approvers' private keys, which only their passphrases open.
//!
//! Who approves what (checked on every replay, also by `ai-toets-verify --roster`):
//! - *Founded* (the first event): every chair and secretary it names, with their own keys.
//! - A member's own key rotation: that member's key valid at that moment (the old key).
//! - Everything else (a member added, a role changed, a membership ended, the signing policy
//!   changed, a key replaced after a lost passphrase, a key declared compromised): two
//!   signatures by distinct members in office other than the subject, including every chair
//!   and secretary in office who is not the subject.
//!
//! At most one chair and one secretary are in office at a time. Ending a membership or
//! retiring a key leaves what was signed before valid; only a key declared *compromised since*
//! a moment invalidates what it signed from that moment on.
//!
//! Architecture invariant (ARCHITECTURE.md): the roster is this signed log; every new event is
//! checked against the replayed log ([`RosterState::apply`]) before anything is stored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::audit::GENESIS;
use crate::base::error::{Error, Message, Result};
use crate::base::hash::{canonical, sha256_hex};
use crate::committee::keys::MemberKey;
use crate::committee::roster::{CommitteeMember, SigningPolicy};
use crate::committee::Role;

/// Names the format of a roster event.
pub const EVENT_FORMAT: &str = "ai-toets/roster-event/v1";
/// Prefixed to what an approver signs, so it can never be taken for a decision signature.
pub const ROSTER_DOMAIN: &[u8] = b"AI-toets roster event v1\n";
/// Names the format of the exported roster (`ledenlijst.json`).
pub const ROSTER_FILE_FORMAT: &str = "ai-toets/roster/v1";

/// The public half of a member's key as the log records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyEntry {
    pub id: Uuid,
    pub public_key: String,
    pub fingerprint: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub valid_from: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub valid_until: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub compromised_since: Option<OffsetDateTime>,
}

impl KeyEntry {
    pub fn of(key: &MemberKey) -> Self {
        Self {
            id: key.id,
            public_key: key.public_key.clone(),
            fingerprint: key.fingerprint.clone(),
            valid_from: key.valid_from,
            valid_until: key.valid_until,
            // A key revoked before the log existed was never to count: compromised from its start.
            compromised_since: key.compromised_since.or(key.revoked.then_some(key.valid_from)),
        }
    }

    /// Was the key usable at `at`, as far as is known now?
    pub fn valid_at(&self, at: OffsetDateTime) -> bool {
        at >= self.valid_from
            && self.valid_until.is_none_or(|until| at < until)
            && self.compromised_since.is_none_or(|since| at < since)
    }

    fn retire(&mut self, at: OffsetDateTime) {
        self.valid_until = Some(self.valid_until.map_or(at, |u| u.min(at)));
    }
}

/// A member as the log records them when they join (or when the committee is founded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemberEntry {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    pub keys: Vec<KeyEntry>,
    /// In office since (only when a roster from before the log is adopted; otherwise the
    /// moment of the event).
    #[serde(default, with = "time::serde::rfc3339::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub since: Option<OffsetDateTime>,
}

/// One change to the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase", deny_unknown_fields)]
pub enum RosterChange {
    /// The first event: the committee's members (at least a chair and a secretary) and the
    /// signing policy. A database from before the log adopts its roster this way.
    Founded {
        members: Vec<MemberEntry>,
        policy: SigningPolicy,
    },
    MemberAdded {
        member: MemberEntry,
    },
    RoleChanged {
        member_id: Uuid,
        role: Role,
    },
    MembershipEnded {
        member_id: Uuid,
    },
    PolicyChanged {
        policy: SigningPolicy,
    },
    /// A new key for a member who lost their passphrase, approved by the officers.
    KeyReplaced {
        member_id: Uuid,
        key: KeyEntry,
    },
    /// A member's own new key, signed with their old one.
    KeyRotated {
        member_id: Uuid,
        key: KeyEntry,
    },
    KeyCompromised {
        member_id: Uuid,
        key_id: Uuid,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        since: OffsetDateTime,
    },
    /// The chair and the secretary confirm the audit trail as it stands (the event's
    /// checkpoint), e.g. when a meeting closes: nothing before it can change unseen.
    LogConfirmed,
}

impl RosterChange {
    /// The member the change is about (an approver may not approve a change about themselves).
    pub fn subject(&self) -> Option<Uuid> {
        match self {
            RosterChange::Founded { .. } | RosterChange::PolicyChanged { .. } | RosterChange::LogConfirmed => None,
            RosterChange::MemberAdded { member } => Some(member.id),
            RosterChange::RoleChanged { member_id, .. }
            | RosterChange::MembershipEnded { member_id }
            | RosterChange::KeyReplaced { member_id, .. }
            | RosterChange::KeyRotated { member_id, .. }
            | RosterChange::KeyCompromised { member_id, .. } => Some(*member_id),
        }
    }

    /// What happened, in Dutch, for the audit trail.
    pub fn describe_nl(&self, names: &dyn Fn(Uuid) -> String) -> String {
        match self {
            RosterChange::Founded { members, .. } => {
                let names: Vec<_> = members.iter().map(|m| m.name.clone()).collect();
                format!("commissie vastgesteld: {}", names.join(", "))
            }
            RosterChange::MemberAdded { member } => format!(
                "lid toegevoegd: {} ({}), sleutel {}",
                member.name,
                member.role.label_nl().to_lowercase(),
                member.keys.last().map(|k| k.fingerprint.as_str()).unwrap_or("-")
            ),
            RosterChange::RoleChanged { member_id, role } => {
                format!("rol van {} gewijzigd in {}", names(*member_id), role.label_nl().to_lowercase())
            }
            RosterChange::MembershipEnded { member_id } => format!("lidmaatschap van {} beëindigd", names(*member_id)),
            RosterChange::PolicyChanged { policy } => {
                let roles: Vec<_> = policy.normalized().iter().map(|r| r.label_nl().to_lowercase()).collect();
                format!("vereiste handtekeningen: {}", roles.join(", "))
            }
            RosterChange::KeyReplaced { member_id, key } => {
                format!("nieuwe sleutel voor {} (wachtzin kwijt), sleutel {}", names(*member_id), key.fingerprint)
            }
            RosterChange::KeyRotated { member_id, key } => {
                format!("{} heeft een nieuwe sleutel, sleutel {}", names(*member_id), key.fingerprint)
            }
            RosterChange::LogConfirmed => "logboek bevestigd".to_string(),
            RosterChange::KeyCompromised { member_id, key_id, since } => format!(
                "sleutel {key_id} van {} gecompromitteerd sinds {}",
                names(*member_id),
                crate::base::dates::rfc3339(*since)
            ),
        }
    }
}

/// One approver's signature on a roster event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Approval {
    pub member_id: Uuid,
    pub key_id: Uuid,
    /// Ed25519 (hex) over [`ROSTER_DOMAIN`] and the canonical JSON of the event without its
    /// approvals.
    pub signature: String,
}

/// One signed entry of the roster log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RosterEvent {
    pub format: String,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub seq: i64,
    /// The hash of the event before ([`GENESIS`] for the first).
    pub prev_hash: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub at: OffsetDateTime,
    pub change: RosterChange,
    /// The audit trail as it stood when the event was drafted: signed with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<crate::audit::Checkpoint>,
    pub approvals: Vec<Approval>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    format: &'a str,
    seq: i64,
    prev_hash: &'a str,
    at: String,
    change: &'a RosterChange,
    #[serde(skip_serializing_if = "Option::is_none")]
    checkpoint: Option<&'a crate::audit::Checkpoint>,
}

impl RosterEvent {
    /// A new, not yet approved event after `state`.
    pub fn draft(state: &RosterState, at: OffsetDateTime, change: RosterChange) -> Self {
        Self {
            format: EVENT_FORMAT.into(),
            seq: state.count + 1,
            prev_hash: state.head.clone(),
            at,
            change,
            checkpoint: None,
            approvals: vec![],
        }
    }

    /// The event signed with the audit trail's checkpoint.
    pub fn at_checkpoint(self, checkpoint: crate::audit::Checkpoint) -> Self {
        Self { checkpoint: Some(checkpoint), ..self }
    }

    /// What each approver signs (without the domain prefix, which [`approve`] adds).
    pub fn body(&self) -> Result<Vec<u8>> {
        let at = crate::base::dates::rfc3339(self.at);
        let body = Body {
            format: &self.format,
            seq: self.seq,
            prev_hash: &self.prev_hash,
            at,
            change: &self.change,
            checkpoint: self.checkpoint.as_ref(),
        };
        Ok(canonical(&body)?.into_bytes())
    }

    /// The hash that chains the next event to this one: over the whole event, approvals too.
    pub fn hash(&self) -> Result<String> {
        Ok(sha256_hex(canonical(self)?.as_bytes()))
    }

    /// Adds the approval of `member` with their key, opened with `passphrase`.
    pub fn approve(&mut self, member: &CommitteeMember, passphrase: &str) -> Result<()> {
        let key = member.current_key(self.at).ok_or_else(|| {
            Error::not_allowed(
                format!("{} heeft geen geldige sleutel en kan dit niet goedkeuren.", member.name),
                format!("{} has no valid key and cannot approve this.", member.name),
            )
        })?;
        let signing = key.open(passphrase)?;
        let mut bytes = ROSTER_DOMAIN.to_vec();
        bytes.extend_from_slice(&self.body()?);
        let signature = crate::committee::keys::sign_prefixed(&signing, &bytes);
        self.approvals.push(Approval { member_id: member.id, key_id: key.id, signature });
        Ok(())
    }
}

/// A member as the log has them: name, role over time, when the membership ended, keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemberState {
    pub id: Uuid,
    pub name: String,
    /// The role from each moment on, oldest first.
    pub roles: Vec<RoleSince>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub joined_at: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub ended_at: Option<OffsetDateTime>,
    pub keys: Vec<KeyEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoleSince {
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub since: OffsetDateTime,
    pub role: Role,
}

impl MemberState {
    /// The role now (the last one).
    pub fn role(&self) -> Role {
        self.roles.last().map_or(Role::Member, |r| r.role)
    }

    /// The role at `at`, if the member was in office then.
    pub fn role_at(&self, at: OffsetDateTime) -> Option<Role> {
        if at < self.joined_at || self.ended_at.is_some_and(|end| at >= end) {
            return None;
        }
        self.roles.iter().rev().find(|r| r.since <= at).map(|r| r.role)
    }

    pub fn in_office_at(&self, at: OffsetDateTime) -> bool {
        self.role_at(at).is_some()
    }

    fn key_valid_at(&self, at: OffsetDateTime) -> Option<&KeyEntry> {
        self.keys.iter().rev().find(|k| k.valid_at(at))
    }
}

/// The roster in force after replaying the log.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterState {
    pub members: BTreeMap<Uuid, MemberState>,
    pub policy: SigningPolicy,
    /// The signing policy from each moment on, oldest first (to check what a decision taken
    /// then had to require).
    pub policies: Vec<(OffsetDateTime, SigningPolicy)>,
    /// The hash of the founding event: the committee's identity, signed into every decision
    /// signature (statement v2), so a roster founded elsewhere confirms nobody.
    pub founding: Option<String>,
    /// When the committee was founded (or its older roster adopted).
    pub founded_at: Option<OffsetDateTime>,
    /// Events replayed, and the hash of the last.
    pub count: i64,
    pub head: String,
    /// The moment of the last event.
    pub last_at: Option<OffsetDateTime>,
}

fn invalid(nl: impl Into<String>, en: impl Into<String>) -> Error {
    Error::NotAllowed(Message::new(nl, en))
}

impl RosterState {
    fn empty() -> Self {
        Self { head: GENESIS.into(), ..Self::default() }
    }

    /// Replays the whole log; the first event that does not hold is an error naming it.
    pub fn replay(events: &[RosterEvent]) -> Result<Self> {
        let mut state = Self::empty();
        for event in events {
            state.apply(event).map_err(|e| {
                let m = e.message();
                invalid(
                    format!("Ledenlogboek, gebeurtenis {}: {}", event.seq, m.nl),
                    format!("Roster log, event {}: {}", event.seq, m.en),
                )
            })?;
        }
        Ok(state)
    }

    pub fn founded(&self) -> bool {
        self.count > 0
    }

    /// Who is in office in `role` at `at`.
    fn holder(&self, role: Role, at: OffsetDateTime) -> Option<&MemberState> {
        self.members.values().find(|m| m.role_at(at) == Some(role))
    }

    /// The founding event: the first members and policy, approved by the first chair and
    /// secretary.
    fn found(
        &mut self,
        event: &RosterEvent,
        body: &[u8],
        members: &[MemberEntry],
        policy: &SigningPolicy,
    ) -> Result<()> {
        let at = event.at;
        let next = self;
        if next.founded() {
            return Err(invalid("de commissie is al vastgesteld.", "the committee is already founded."));
        }
        policy.validate()?;
        for entry in members {
            next.admit(entry, at, true)?;
        }
        next.policy = SigningPolicy { required_roles: policy.normalized() };
        next.policies.push((at, next.policy.clone()));
        let officers: Vec<Uuid> = [Role::Chair, Role::Secretary]
            .into_iter()
            .map(|r| next.holder(r, at).map(|m| m.id))
            .collect::<Option<_>>()
            .ok_or_else(|| {
                invalid(
                    "een commissie begint met een voorzitter en een secretaris.",
                    "a committee starts with a chair and a secretary.",
                )
            })?;
        next.check_approvals(event, body, &officers, 0, None)?;
        Ok(())
    }

    /// A member's own new key: approved by the member alone, with the key valid now.
    fn check_rotation(&self, event: &RosterEvent, body: &[u8], member_id: Uuid) -> Result<()> {
        let at = event.at;
        let m = self.member(member_id)?;
        let current = m.key_valid_at(at).ok_or_else(|| {
            invalid("het lid heeft geen geldige sleutel om mee te tekenen.", "the member has no valid key.")
        })?;
        let [approval] = event.approvals.as_slice() else {
            return Err(invalid(
                "een eigen nieuwe sleutel wordt met de oude sleutel ondertekend, door het lid alleen.",
                "a member's own new key is signed with the old key, by the member alone.",
            ));
        };
        if approval.member_id != member_id || approval.key_id != current.id {
            return Err(invalid(
                "niet ondertekend met de huidige sleutel van het lid.",
                "not signed with the member's current key.",
            ));
        }
        crate::committee::keys::verify_prefixed(&current.public_key, body, &approval.signature)
            .map_err(|_| invalid("de handtekening klopt niet.", "the signature does not verify."))?;
        Ok(())
    }

    /// A change the officers approved (checked before): applied to the roster.
    fn apply_approved(&mut self, event: &RosterEvent, change: &RosterChange) -> Result<()> {
        let at = event.at;
        let next = self;
        match change {
            RosterChange::MemberAdded { member } => next.admit(member, at, false)?,
            RosterChange::RoleChanged { member_id, role } => {
                next.in_office(*member_id, at)?;
                let m = next.members.get_mut(member_id).ok_or(Error::NotFound { what: "member" })?;
                if m.role() == *role {
                    return Err(invalid("het lid heeft die rol al.", "the member already has that role."));
                }
                m.roles.push(RoleSince { since: at, role: *role });
                next.one_officer_each(at)?;
            }
            RosterChange::MembershipEnded { member_id } => {
                next.in_office(*member_id, at)?;
                let m = next.members.get_mut(member_id).ok_or(Error::NotFound { what: "member" })?;
                m.ended_at = Some(at);
                m.keys.iter_mut().for_each(|k| k.retire(at));
            }
            RosterChange::PolicyChanged { policy } => {
                policy.validate()?;
                next.policy = SigningPolicy { required_roles: policy.normalized() };
                next.policies.push((at, next.policy.clone()));
            }
            RosterChange::KeyReplaced { member_id, key } => next.new_key(*member_id, key, at)?,
            RosterChange::KeyCompromised { member_id, key_id, since } => {
                let m = next.members.get_mut(member_id).ok_or(Error::NotFound { what: "member" })?;
                let key = m.keys.iter_mut().find(|k| k.id == *key_id).ok_or(Error::NotFound { what: "key" })?;
                if *since > at {
                    return Err(invalid("het moment ligt in de toekomst.", "the moment is in the future."));
                }
                key.retire(at);
                key.compromised_since = Some(key.compromised_since.map_or(*since, |s| s.min(*since)));
            }
            RosterChange::LogConfirmed => {
                if event.checkpoint.is_none() {
                    return Err(invalid("er is geen logboekstand bevestigd.", "no checkpoint was confirmed."));
                }
            }
            RosterChange::Founded { .. } | RosterChange::KeyRotated { .. } => unreachable!("handled above"),
        }
        Ok(())
    }

    /// Checks `event` against the roster as it stands and applies it.
    pub fn apply(&mut self, event: &RosterEvent) -> Result<()> {
        if event.format != EVENT_FORMAT {
            return Err(invalid("onbekend formaat.", "unknown format."));
        }
        if event.seq != self.count + 1 || event.prev_hash != self.head {
            return Err(invalid(
                "staat niet op zijn plaats in de keten (verwijderd, vervangen of ingevoegd).",
                "is out of place in the chain (removed, replaced or inserted).",
            ));
        }
        if self.last_at.is_some_and(|last| event.at < last) {
            return Err(invalid("is ouder dan de gebeurtenis ervoor.", "is older than the event before it."));
        }
        let at = event.at;
        let body = {
            let mut bytes = ROSTER_DOMAIN.to_vec();
            bytes.extend_from_slice(&event.body()?);
            bytes
        };
        let mut next = self.clone();
        match &event.change {
            RosterChange::Founded { members, policy } => next.found(event, &body, members, policy)?,
            RosterChange::KeyRotated { member_id, key } => {
                self.check_rotation(event, &body, *member_id)?;
                next.new_key(*member_id, key, at)?;
            }
            change => {
                let subject = change.subject();
                // Two approvals by distinct members in office (before the change) other than
                // the subject, covering every chair and secretary in office who is not it.
                let (officers, min) = self.approvers(subject, event.at);
                self.check_approvals(event, &body, &officers, min, subject)?;
                next.apply_approved(event, change)?;
            }
        }
        next.count = event.seq;
        next.head = event.hash()?;
        if event.seq == 1 {
            next.founding = Some(next.head.clone());
            next.founded_at = Some(at);
        }
        next.last_at = Some(at);
        *self = next;
        Ok(())
    }

    fn member(&self, id: Uuid) -> Result<&MemberState> {
        self.members
            .get(&id)
            .ok_or_else(|| invalid("dit lid staat niet op de ledenlijst.", "this member is not on the roster."))
    }

    fn in_office(&self, id: Uuid, at: OffsetDateTime) -> Result<()> {
        if !self.member(id)?.in_office_at(at) {
            return Err(invalid("dit lid is niet (meer) in functie.", "this member is not (or no longer) in office."));
        }
        Ok(())
    }

    fn admit(&mut self, entry: &MemberEntry, at: OffsetDateTime, founding: bool) -> Result<()> {
        let since = match entry.since {
            Some(since) if founding && since <= at => since,
            None => at,
            Some(_) => return Err(invalid("een nieuw lid begint nu.", "a new member starts now.")),
        };
        let name = entry.name.trim();
        if name.is_empty() || name != entry.name || name.chars().count() > crate::base::text::MAX_LINE {
            return Err(invalid("de naam ontbreekt of is te lang.", "the name is missing or too long."));
        }
        if self.members.contains_key(&entry.id) {
            return Err(invalid("dit lid staat al op de lijst.", "this member is already listed."));
        }
        if self.members.values().any(|m| m.in_office_at(at) && m.name.to_lowercase() == name.to_lowercase()) {
            return Err(invalid("er is al een lid met deze naam.", "a member with this name is already listed."));
        }
        if entry.keys.is_empty() {
            return Err(invalid("een nieuw lid heeft een sleutel nodig.", "a new member needs a key."));
        }
        for key in &entry.keys {
            check_key(key)?;
        }
        if !entry.keys.iter().any(|k| k.valid_at(at)) {
            return Err(invalid("de sleutel van het nieuwe lid is niet geldig.", "the new member's key is not valid."));
        }
        self.members.insert(
            entry.id,
            MemberState {
                id: entry.id,
                name: name.to_string(),
                roles: vec![RoleSince { since, role: entry.role }],
                joined_at: since,
                ended_at: None,
                keys: entry.keys.clone(),
            },
        );
        self.one_officer_each(at)
    }

    fn new_key(&mut self, member_id: Uuid, key: &KeyEntry, at: OffsetDateTime) -> Result<()> {
        check_key(key)?;
        if key.valid_from != at || key.valid_until.is_some() || key.compromised_since.is_some() {
            return Err(invalid("een nieuwe sleutel geldt vanaf nu.", "a new key is valid from now on."));
        }
        if self.members.values().flat_map(|m| &m.keys).any(|k| k.id == key.id || k.public_key == key.public_key) {
            return Err(invalid("deze sleutel staat al op de lijst.", "this key is already listed."));
        }
        self.in_office(member_id, at)?;
        let m = self.members.get_mut(&member_id).ok_or(Error::NotFound { what: "member" })?;
        m.keys.iter_mut().for_each(|k| k.retire(at));
        m.keys.push(key.clone());
        Ok(())
    }

    /// At most one chair and one secretary in office at `at`.
    fn one_officer_each(&self, at: OffsetDateTime) -> Result<()> {
        for role in [Role::Chair, Role::Secretary] {
            if self.members.values().filter(|m| m.role_at(at) == Some(role)).count() > 1 {
                return Err(invalid(
                    format!("er kan maar één {} tegelijk zijn.", role.label_nl().to_lowercase()),
                    format!("there can be only one {} at a time.", role_en(role)),
                ));
            }
        }
        Ok(())
    }

    /// Every approval verifies with a key the member held at the event's moment; approvers
    /// are distinct, in office, not `subject`; `required` are among them; at least `min`.
    fn check_approvals(
        &self,
        event: &RosterEvent,
        body: &[u8],
        required: &[Uuid],
        min: usize,
        subject: Option<Uuid>,
    ) -> Result<()> {
        let at = event.at;
        let mut seen = Vec::new();
        for approval in &event.approvals {
            let m = self.member(approval.member_id)?;
            if seen.contains(&m.id) {
                return Err(invalid("iemand keurde twee keer goed.", "someone approved twice."));
            }
            if Some(m.id) == subject {
                return Err(invalid(
                    format!("{} kan een wijziging over zichzelf niet goedkeuren.", m.name),
                    format!("{} cannot approve a change about themselves.", m.name),
                ));
            }
            if !m.in_office_at(at) {
                return Err(invalid(
                    format!("{} is niet in functie.", m.name),
                    format!("{} is not in office.", m.name),
                ));
            }
            let key = m.keys.iter().find(|k| k.id == approval.key_id && k.valid_at(at)).ok_or_else(|| {
                invalid(
                    format!("de sleutel van {} was toen niet geldig.", m.name),
                    format!("{}'s key was not valid then.", m.name),
                )
            })?;
            crate::committee::keys::verify_prefixed(&key.public_key, body, &approval.signature).map_err(|_| {
                invalid(
                    format!("de goedkeuring van {} klopt niet.", m.name),
                    format!("{}'s approval does not verify.", m.name),
                )
            })?;
            seen.push(m.id);
        }
        let missing: Vec<&str> = required
            .iter()
            .filter(|id| !seen.contains(id))
            .filter_map(|id| self.members.get(id))
            .map(|m| m.name.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(invalid(
                format!("goedkeuring ontbreekt van {}.", missing.join(" en ")),
                format!("approval missing from {}.", missing.join(" and ")),
            ));
        }
        if seen.len() < min {
            return Err(invalid(
                format!("er zijn {min} goedkeuringen nodig van andere leden dan wie het betreft."),
                format!("{min} approvals are needed from members other than the one concerned."),
            ));
        }
        Ok(())
    }

    /// The signing policy in force at `at`, if the log says (it begins at the founding).
    pub fn policy_at(&self, at: OffsetDateTime) -> Option<&SigningPolicy> {
        self.policies.iter().rev().find(|(since, _)| *since <= at).map(|(_, p)| p)
    }

    /// Who must approve a change about `subject` at `at` (for the screens, and when an event is
    /// applied): the officers in office other than the subject, and how many approvals in all.
    pub fn approvers(&self, subject: Option<Uuid>, at: OffsetDateTime) -> (Vec<Uuid>, usize) {
        let officers = [Role::Chair, Role::Secretary]
            .into_iter()
            .filter_map(|r| self.holder(r, at).map(|m| m.id))
            .filter(|id| Some(*id) != subject)
            .collect();
        (officers, 2)
    }

    /// Why a decision signature by `member_id` in `role` with key `key_id` / `public_key` at
    /// `at` does not count, if it does not: the roster must assign that key to that member
    /// and role at that moment, and the key must not be known as compromised then.
    pub fn signer_problem(
        &self,
        member_id: Uuid,
        role: Role,
        key_id: Uuid,
        public_key: &str,
        at: OffsetDateTime,
    ) -> Option<(&'static str, &'static str)> {
        let Some(m) = self.members.get(&member_id) else {
            return Some((
                "Onbekende sleutel: niet van een lid op de ledenlijst.",
                "Unknown key: not a roster member's.",
            ));
        };
        let Some(key) = m.keys.iter().find(|k| k.id == key_id) else {
            return Some(("Onbekende sleutel: niet van dit lid.", "Unknown key: not this member's."));
        };
        if key.public_key != public_key {
            return Some(("Onbekende sleutel.", "Unknown key."));
        }
        match m.role_at(at) {
            None => return Some(("Het lid was toen niet in functie.", "The member was not in office then.")),
            Some(r) if r != role => {
                return Some(("Het lid had toen een andere rol.", "The member held another role then."));
            }
            Some(_) => {}
        }
        if key.compromised_since.is_some_and(|since| at >= since) {
            return Some((
                "Gezet met een sleutel die toen al gecompromitteerd was.",
                "Made with a key that was already compromised then.",
            ));
        }
        if !key.valid_at(at) {
            return Some(("De sleutel was toen niet geldig.", "The key was not valid at that moment."));
        }
        None
    }

    /// A roster from before the signed log (the members table alone), for checking old
    /// databases the same way: each member in their current role since they joined.
    pub fn unsigned(members: &[CommitteeMember]) -> Self {
        let members = members
            .iter()
            .map(|m| {
                let state = MemberState {
                    id: m.id,
                    name: m.name.clone(),
                    roles: vec![RoleSince { since: m.created_at, role: m.role }],
                    joined_at: m.created_at,
                    ended_at: m.ended_at,
                    keys: m.keys.iter().map(KeyEntry::of).collect(),
                };
                (m.id, state)
            })
            .collect();
        Self { members, head: GENESIS.into(), ..Self::default() }
    }

    /// How one stored member differs from the log, if they do.
    pub fn difference(&self, m: &CommitteeMember) -> Option<String> {
        match self.members.get(&m.id) {
            None => Some(format!("{} staat niet in het ondertekende ledenlogboek", m.name)),
            Some(s) => {
                let keys: Vec<KeyEntry> = m.keys.iter().map(KeyEntry::of).collect();
                (s.name != m.name || s.role() != m.role || s.ended_at != m.ended_at || s.keys != keys)
                    .then(|| format!("{} wijkt af van het ondertekende ledenlogboek", m.name))
            }
        }
    }

    /// Where the stored members differ from the log: each by name.
    pub fn differences(&self, stored: &[CommitteeMember]) -> Vec<String> {
        let mut out: Vec<String> = stored.iter().filter_map(|m| self.difference(m)).collect();
        for s in self.members.values() {
            if !stored.iter().any(|m| m.id == s.id) {
                out.push(format!("{} ontbreekt in de ledenlijst", s.name));
            }
        }
        out
    }
}

fn role_en(role: Role) -> &'static str {
    match role {
        Role::Chair => "chair",
        Role::Secretary => "secretary",
        Role::Member => "member",
    }
}

fn check_key(key: &KeyEntry) -> Result<()> {
    // Lower-case hex only: one key has one spelling, so a key cannot be listed twice.
    let lower = key.public_key.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let bytes = hex::decode(&key.public_key).ok().filter(|b| b.len() == 32 && lower);
    match bytes {
        Some(b) if crate::committee::keys::fingerprint(&b) == key.fingerprint => Ok(()),
        _ => Err(invalid("een sleutel is beschadigd.", "a key is damaged.")),
    }
}

/// The roster as published (`ledenlijst.json`): the log with its signatures, and the roster
/// it gives, for `ai-toets-verify --roster`. Anyone can replay the log to check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RosterFile {
    pub format: String,
    pub organization: String,
    #[serde(with = "time::serde::rfc3339")]
    pub exported_at: OffsetDateTime,
    /// The roster the log gives (for a person to read; the verifier recomputes it).
    pub members: Vec<MemberState>,
    pub log: Vec<RosterEvent>,
}

impl RosterFile {
    pub fn new(organization: &str, log: Vec<RosterEvent>, now: OffsetDateTime) -> Result<Self> {
        let state = RosterState::replay(&log)?;
        Ok(Self {
            format: ROSTER_FILE_FORMAT.into(),
            organization: organization.into(),
            exported_at: now,
            members: state.members.into_values().collect(),
            log,
        })
    }

    /// Checks the file: its format, the log replays, and the members listed are what it gives.
    pub fn state(&self) -> Result<RosterState> {
        if self.format != ROSTER_FILE_FORMAT {
            return Err(Error::BadFile(Message::new(
                format!("Onbekend formaat van de ledenlijst {:?}; verwacht {ROSTER_FILE_FORMAT}.", self.format),
                format!("Unknown roster format {:?}; expected {ROSTER_FILE_FORMAT}.", self.format),
            )));
        }
        let state = RosterState::replay(&self.log)?;
        if !state.founded() {
            return Err(Error::BadFile(Message::new("De ledenlijst is leeg.", "The roster is empty.")));
        }
        let listed: Vec<&MemberState> = self.members.iter().collect();
        let derived: Vec<&MemberState> = state.members.values().collect();
        if listed != derived {
            return Err(Error::BadFile(Message::new(
                "De leden in de ledenlijst volgen niet uit het ondertekende logboek erin.",
                "The members listed do not follow from the signed log in the file.",
            )));
        }
        Ok(state)
    }
}
