//! The committee: founding, members, keys, the signing policy and the roster log.

use super::{rename_field, Assessments, ORGANIZATION};
use crate::views::{MemberView, RosterStatus};

use std::path::Path;

use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::audit::Change;
use crate::base::error::{Error, Result};
use crate::committee::roster::{CommitteeMember, MemberInput, SigningPolicy};
use crate::committee::roster_log::{KeyEntry, RosterChange, RosterEvent, RosterFile, RosterState};
use crate::committee::Role;

/// A new member with the passphrase that seals their key (founding the committee).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NewMember {
    pub name: String,
    pub role: Role,
    pub passphrase: String,
}
/// An approver's consent to a roster change: their passphrase opens their key, which signs it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Approver {
    pub member_id: Uuid,
    pub passphrase: String,
}
impl Assessments {
    /// The committee roster as the screens show it (never the sealed keys): the stored members
    /// in office. (Signing compares a member with the signed roster log; this list does not.)
    pub fn roster(&mut self) -> Result<Vec<MemberView>> {
        let now = (self.now)();
        let members = self.store.list_members()?;
        Ok(members.iter().filter(|m| m.active()).map(|m| MemberView::of(m, now)).collect())
    }

    /// Whether the committee is founded, and who must approve a change about `subject` now.
    pub fn roster_status(&mut self, subject: Option<Uuid>) -> Result<RosterStatus> {
        let now = (self.now)();
        let log = self.roster_log_state()?;
        let legacy = !log.founded() && !self.store.list_members()?.is_empty();
        let (officers, approvals) = log.approvers(subject, now);
        Ok(RosterStatus {
            founded: log.founded(),
            legacy,
            officers,
            approvals: approvals as i32,
            events: log.count as i32,
        })
    }

    /// Founds the committee: the first chair and secretary, each with a key sealed with their
    /// own passphrase, sign the first roster event. Only on an empty roster.
    pub fn found_committee(&mut self, chair: NewMember, secretary: NewMember) -> Result<Vec<MemberView>> {
        let now = (self.now)();
        let log = self.roster_log_state()?;
        if log.founded() || !self.store.list_members()?.is_empty() {
            return Err(Error::not_allowed(
                "De commissie is al vastgesteld. Voeg leden toe met goedkeuring van de voorzitter en de secretaris.",
                "The committee is already founded. Add members with the approval of the chair and the secretary.",
            ));
        }
        let mut p = crate::base::error::Problems::default();
        if chair.role != Role::Chair || secretary.role != Role::Secretary {
            p.add(
                "role",
                "Een commissie begint met een voorzitter en een secretaris.",
                "A committee starts with a chair and a secretary.",
            );
        }
        if chair.name.trim().eq_ignore_ascii_case(secretary.name.trim()) {
            p.add(
                "name",
                "De voorzitter en de secretaris zijn twee verschillende mensen.",
                "The chair and the secretary are two different people.",
            );
        }
        p.into_result()?;
        let chair_member =
            CommitteeMember::new(MemberInput { name: chair.name, role: Role::Chair }, &chair.passphrase, now)
                .map_err(|e| rename_field(rename_field(e, "passphrase", "chairPassphrase"), "name", "chairName"))?;
        let secretary_member = CommitteeMember::new(
            MemberInput { name: secretary.name, role: Role::Secretary },
            &secretary.passphrase,
            now,
        )
        .map_err(|e| rename_field(rename_field(e, "passphrase", "secretaryPassphrase"), "name", "secretaryName"))?;
        let policy = self.store.signing_policy()?;
        let change = RosterChange::Founded { members: vec![chair_member.entry(), secretary_member.entry()], policy };
        let mut event = self.draft(&log, now, change)?;
        event.approve(&chair_member, &chair.passphrase)?;
        event.approve(&secretary_member, &secretary.passphrase)?;
        self.commit_roster_event(log, event, vec![chair_member, secretary_member])?;
        self.roster()
    }

    /// A database from before the signed roster log: its chair and secretary adopt the roster
    /// as it is (members, keys, signing policy) as the first roster event.
    pub fn adopt_roster(&mut self, approvers: Vec<Approver>) -> Result<Vec<MemberView>> {
        let now = (self.now)();
        let log = self.roster_log_state()?;
        let members = self.store.list_members()?;
        if log.founded() || members.is_empty() {
            return Err(Error::not_allowed("Er is geen ledenlijst over te nemen.", "There is no roster to adopt."));
        }
        let entries = members
            .iter()
            .filter(|m| m.active())
            .map(|m| crate::committee::roster_log::MemberEntry { since: Some(m.created_at), ..m.entry() })
            .collect();
        let change = RosterChange::Founded { members: entries, policy: self.store.signing_policy()? };
        let mut event = self.draft(&log, now, change)?;
        self.collect_approvals(&mut event, &approvers)?;
        self.commit_roster_event(log, event, vec![])?;
        self.roster()
    }

    /// Adds a member with a new key sealed with their own `passphrase`, approved by the chair
    /// and the secretary. Names are unique on the roster.
    pub fn add_member(&mut self, input: MemberInput, passphrase: &str, approvers: Vec<Approver>) -> Result<MemberView> {
        let now = (self.now)();
        let log = self.founded_log()?;
        let member = CommitteeMember::new(input, passphrase, now)?;
        if self.store.list_members()?.iter().any(|m| m.active() && m.name.eq_ignore_ascii_case(&member.name)) {
            let mut p = crate::base::error::Problems::default();
            p.add(
                "name",
                "Er staat al een lid met deze naam op de lijst.",
                "A member with this name is already listed.",
            );
            p.into_result()?;
        }
        let mut event = self.draft(&log, now, RosterChange::MemberAdded { member: member.entry() })?;
        self.collect_approvals(&mut event, &approvers)?;
        let id = member.id;
        self.commit_roster_event(log, event, vec![member])?;
        self.member_view(id)
    }

    /// Gives a member another role, approved by the officers (not by the member).
    pub fn change_role(&mut self, id: Uuid, role: Role, approvers: Vec<Approver>) -> Result<MemberView> {
        self.officers_change(id, (self.now)(), RosterChange::RoleChanged { member_id: id, role }, approvers, |m, _| {
            m.role = role;
            Ok(())
        })
    }

    /// Ends a membership, approved by the officers. What the member signed stays valid.
    pub fn end_membership(&mut self, id: Uuid, approvers: Vec<Approver>) -> Result<MemberView> {
        self.officers_change(id, (self.now)(), RosterChange::MembershipEnded { member_id: id }, approvers, |m, now| {
            m.end(now)
        })
    }

    /// A new key for a member who lost their passphrase, approved by the officers.
    pub fn replace_key(&mut self, id: Uuid, new_passphrase: &str, approvers: Vec<Approver>) -> Result<MemberView> {
        let now = (self.now)();
        let mut member = self.store.load_member(id)?;
        member.replace_key(new_passphrase, now).map_err(|e| rename_field(e, "passphrase", "newPassphrase"))?;
        let key = member.keys.last().map(KeyEntry::of).ok_or(Error::NotFound { what: "key" })?;
        self.officers_change(id, now, RosterChange::KeyReplaced { member_id: id, key }, approvers, move |m, _| {
            *m = CommitteeMember { revision: m.revision, ..member };
            Ok(())
        })
    }

    /// Declares a key compromised since `since`, approved by the officers: what it signed from
    /// then on no longer counts.
    pub fn declare_compromised(
        &mut self,
        id: Uuid,
        key_id: Uuid,
        since: OffsetDateTime,
        approvers: Vec<Approver>,
    ) -> Result<MemberView> {
        let change = RosterChange::KeyCompromised { member_id: id, key_id, since };
        self.officers_change(id, (self.now)(), change, approvers, move |m, now| m.compromise_key(key_id, since, now))
    }

    /// [`Self::declare_compromised`] with the moment as RFC 3339 text (from the screen).
    pub fn declare_compromised_at(
        &mut self,
        id: Uuid,
        key_id: Uuid,
        since: &str,
        approvers: Vec<Approver>,
    ) -> Result<MemberView> {
        let since =
            OffsetDateTime::parse(since.trim(), &time::format_description::well_known::Rfc3339).map_err(|_| {
                let mut p = crate::base::error::Problems::default();
                p.add("since", "Vul een geldig moment in.", "Fill in a valid moment.");
                p.into_result().err().unwrap_or(Error::Locked)
            })?;
        self.declare_compromised(id, key_id, since, approvers)
    }

    /// A member replaces their own key: the new key is announced signed with the old one.
    pub fn rotate_key(&mut self, id: Uuid, current_passphrase: &str, new_passphrase: &str) -> Result<MemberView> {
        let now = (self.now)();
        let log = self.founded_log()?;
        let before = self.store.load_member(id)?;
        self.attempt(&before, |m| {
            let key = m.current_key(now).ok_or_else(|| {
                Error::not_allowed(
                    "Er is geen geldige sleutel om te vervangen. Is de wachtzin kwijt? Dan geven de voorzitter en de secretaris een nieuwe sleutel vrij.",
                    "There is no valid key to replace. Lost the passphrase? Then the chair and the secretary approve a new key.",
                )
            })?;
            key.open(current_passphrase).map(|_| ())
        })?;
        let mut member = before.clone();
        member.replace_key(new_passphrase, now).map_err(|e| rename_field(e, "passphrase", "newPassphrase"))?;
        let key = member.keys.last().map(KeyEntry::of).ok_or(Error::NotFound { what: "key" })?;
        let mut event = self.draft(&log, now, RosterChange::KeyRotated { member_id: id, key })?;
        event.approve(&before, current_passphrase)?;
        member.updated_at = now;
        self.commit_roster_event(log, event, vec![member])?;
        self.member_view(id)
    }

    pub fn signing_policy(&mut self) -> Result<SigningPolicy> {
        let log = self.roster_log_state()?;
        if log.founded() {
            Ok(log.policy)
        } else {
            self.store.signing_policy()
        }
    }

    /// Sets which signatures future decisions require, approved by the officers; decisions
    /// already taken keep theirs.
    pub fn set_signing_policy(&mut self, policy: SigningPolicy, approvers: Vec<Approver>) -> Result<SigningPolicy> {
        policy.validate()?;
        let now = (self.now)();
        let log = self.founded_log()?;
        let policy = SigningPolicy { required_roles: policy.normalized() };
        let mut event = self.draft(&log, now, RosterChange::PolicyChanged { policy: policy.clone() })?;
        self.collect_approvals(&mut event, &approvers)?;
        self.commit_roster_event(log, event, vec![])?;
        Ok(policy)
    }

    /// The roster for publication (`ledenlijst.json`): the signed log and what it gives.
    pub fn roster_file(&mut self) -> Result<RosterFile> {
        let log = self.store.roster_log()?;
        RosterFile::new(ORGANIZATION, log, (self.now)())
    }

    /// Writes [`Self::roster_file`] to `path`.
    pub fn export_roster(&mut self, path: &Path) -> Result<()> {
        let file = self.roster_file()?;
        if file.log.is_empty() {
            return Err(Error::not_allowed(
                "De commissie is nog niet vastgesteld.",
                "The committee has not been founded yet.",
            ));
        }
        let text = serde_json::to_string_pretty(&file).map_err(|e| Error::Internal(e.to_string()))?;
        crate::base::files::write_atomically(path, text.as_bytes())
    }

    /// A new roster event after `log`, signed with the audit trail's checkpoint.
    pub(super) fn draft(
        &mut self,
        log: &RosterState,
        now: OffsetDateTime,
        change: RosterChange,
    ) -> Result<RosterEvent> {
        Ok(RosterEvent::draft(log, now, change).at_checkpoint(self.store.audit_head()?))
    }

    /// The chair and the secretary confirm the audit trail as it stands: a roster event that
    /// signs its checkpoint (for the end of a meeting). Nothing before it can change unseen.
    pub fn confirm_log(&mut self, approvers: Vec<Approver>) -> Result<crate::audit::Checkpoint> {
        let now = (self.now)();
        let log = self.founded_log()?;
        let mut event = self.draft(&log, now, RosterChange::LogConfirmed)?;
        let checkpoint = event.checkpoint.clone().ok_or(Error::NotFound { what: "checkpoint" })?;
        self.collect_approvals(&mut event, &approvers)?;
        self.commit_roster_event(log, event, vec![])?;
        Ok(checkpoint)
    }

    pub(super) fn founded_log(&mut self) -> Result<RosterState> {
        let log = self.roster_log_state()?;
        if !log.founded() {
            return Err(Error::not_allowed(
                "Stel eerst de commissie vast: een voorzitter en een secretaris, elk met een eigen wachtzin.",
                "Found the committee first: a chair and a secretary, each with their own passphrase.",
            ));
        }
        Ok(log)
    }

    pub(super) fn member_view(&mut self, id: Uuid) -> Result<MemberView> {
        let now = (self.now)();
        Ok(MemberView::of(&self.store.load_member(id)?, now))
    }

    /// A change about member `id` that the officers approve: applied to the stored member with
    /// `apply`, announced in the roster log with `change`.
    pub(super) fn officers_change(
        &mut self,
        id: Uuid,
        now: OffsetDateTime,
        change: RosterChange,
        approvers: Vec<Approver>,
        apply: impl FnOnce(&mut CommitteeMember, OffsetDateTime) -> Result<()>,
    ) -> Result<MemberView> {
        let log = self.founded_log()?;
        let mut member = self.store.load_member(id)?;
        apply(&mut member, now)?;
        member.updated_at = now;
        let mut event = self.draft(&log, now, change)?;
        self.collect_approvals(&mut event, &approvers)?;
        self.commit_roster_event(log, event, vec![member])?;
        self.member_view(id)
    }

    /// Each approver's key, opened with their passphrase, signs the event. A wrong passphrase
    /// is recorded and slows that member's next attempts.
    pub(super) fn collect_approvals(&mut self, event: &mut RosterEvent, approvers: &[Approver]) -> Result<()> {
        for approver in approvers {
            let member = self.store.load_member(approver.member_id)?;
            let mut scratch = event.clone();
            self.attempt(&member, |m| scratch.approve(m, &approver.passphrase))?;
            *event = scratch;
        }
        Ok(())
    }

    /// Checks the event against the log (who approved, what may change) and stores it with
    /// the members it writes, all at once; nothing is stored when it does not hold.
    // Invariant (ARCHITECTURE.md): event, members and their audit entries in one transaction.
    pub(super) fn commit_roster_event(
        &mut self,
        mut log: RosterState,
        event: RosterEvent,
        mut members: Vec<CommitteeMember>,
    ) -> Result<()> {
        log.apply(&event)?;
        let names = |id: Uuid| log.members.get(&id).map_or_else(|| id.to_string(), |m| m.name.clone());
        let action = event.change.describe_nl(&names);
        let approvers: Vec<String> = event.approvals.iter().map(|a| names(a.member_id)).collect();
        let audit = Change::new(approvers.join(" en "), action);
        self.store.record_roster_event(&event, &mut members, &audit)
    }
}
