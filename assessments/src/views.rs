//! Read models: what the screens and the PDF get, built from the records and the rules.

use std::collections::BTreeMap;

use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::base::error::Result;
use crate::committee::roster::CommitteeMember;
use crate::committee::roster_log::RosterState;
use crate::committee::Role;
use crate::framework::Framework;
use crate::framework::{FrameworkDiff, Registry, Text};
use crate::meeting::Meeting;
use crate::pilot::applicability::{reason, Facts};
use crate::pilot::signing::{self, SignatureCheck};
use crate::pilot::{Pilot, PilotSummary};

/// A pilot as the screens need it: the record, the framework version it pinned, and what
/// the rules derive from them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PilotView {
    pub pilot: Pilot,
    pub framework: Framework,
    /// Question ids without a verdict.
    pub unanswered: Vec<String>,
    /// Knock-out questions answered "voldoet niet".
    pub knock_outs: Vec<String>,
    /// The AI Act wizard's conclusion from the answers in the proposal.
    pub ai_act: crate::wizard::Conclusion,
    /// Questions that do not apply to this pilot, with the reason (by question id).
    pub not_applicable: BTreeMap<String, Text>,
    pub missing_roles: Vec<Role>,
    /// What the walk-through suggests for the decision.
    pub draft: crate::pilot::DecisionDraft,
    /// The (latest) meeting with this pilot on its agenda, if any.
    pub meeting: Option<MeetingContext>,
    /// After a signed, positive decision: its conditions followed up, the pilot's life stage.
    pub follow_up: Option<crate::followup::FollowUp>,
    /// The re-assessment of this round, once started (signed, it supersedes this decision).
    pub later_round: Option<crate::followup::LaterRound>,
    /// A re-assessment of this round may start now.
    pub may_reassess: bool,
    /// The pilot's attachments (no contents), where they belong.
    pub attachments: Vec<crate::attachments::Attachment>,
    /// Files may be added to the proposal now (until the decision).
    pub may_attach_to_proposal: bool,
    /// The stored record differs from what the audit trail says was last written: it was
    /// changed outside AI-toets.
    pub changed_outside: bool,
    /// The hash every signer signs (of the record as it is now).
    pub content_hash: String,
    pub signature_checks: Vec<SignatureCheck>,
    /// What can be done with the pilot now.
    pub actions: crate::pilot::Actions,
    /// The members who may sign now (a role still needed, present and without a conflict,
    /// not signed yet, in office with a valid key).
    pub signers: Vec<Signer>,
}

/// A member who may sign a decision now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Signer {
    pub member_id: Uuid,
    pub name: String,
    pub role: Role,
    /// The fingerprint of the key that signs now, for the member to recognise.
    pub fingerprint: String,
}
impl Signer {
    /// `m` as a signer at `now`, if they hold a key valid then.
    pub fn of(m: &crate::committee::roster::CommitteeMember, now: time::OffsetDateTime) -> Option<Signer> {
        let key = m.current_key(now)?;
        Some(Signer { member_id: m.id, name: m.name.clone(), role: m.role, fingerprint: key.fingerprint.clone() })
    }
}

impl PilotView {
    /// `roster`: the roster to check each signature's key against; `members`: the stored
    /// members, of whom those who may sign `now` are named.
    pub fn new(
        pilot: Pilot,
        frameworks: &Registry,
        dates: &crate::wizard::DutyDates,
        roster: &RosterState,
        members: &[CommitteeMember],
        now: OffsetDateTime,
    ) -> Result<Self> {
        let framework = frameworks.find(&pilot.framework)?.clone();
        let signers = members
            .iter()
            .filter(|m| pilot.may_sign(m, now))
            .filter(|m| !roster.founded() || roster.difference(m).is_none())
            .filter_map(|m| Signer::of(m, now))
            .collect();
        Ok(Self {
            actions: pilot.actions(),
            signers,
            unanswered: pilot.unanswered(&framework).into_iter().map(String::from).collect(),
            knock_outs: pilot.knock_outs(&framework).into_iter().map(String::from).collect(),
            not_applicable: {
                let facts = Facts::of(&pilot);
                framework.questions().filter_map(|(_, q)| reason(q, facts).map(|r| (q.id.clone(), r))).collect()
            },
            ai_act: pilot.ai_act_with(dates)?,
            missing_roles: pilot.missing_roles(),
            draft: pilot.decision_draft(&framework),
            meeting: None,
            follow_up: None,
            later_round: None,
            may_reassess: false,
            attachments: Vec::new(),
            may_attach_to_proposal: false,
            changed_outside: false,
            content_hash: signing::content_hash(&pilot)?,
            signature_checks: signing::verify(&pilot, roster)?,
            framework,
            pilot,
        })
    }
}
/// One key of a member as the roster screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct KeyView {
    pub id: Uuid,
    pub fingerprint: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub valid_from: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub valid_until: Option<OffsetDateTime>,
    pub revoked: bool,
    /// The key that signs now.
    pub current: bool,
}
/// A roster member without the sealed private keys: those never leave the core.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    pub keys: Vec<KeyView>,
}
impl MemberView {
    pub(crate) fn of(member: &CommitteeMember, now: OffsetDateTime) -> Self {
        let current = member.current_key(now).map(|k| k.id);
        Self {
            id: member.id,
            name: member.name.clone(),
            role: member.role,
            keys: member
                .keys
                .iter()
                .map(|k| KeyView {
                    id: k.id,
                    fingerprint: k.fingerprint.clone(),
                    valid_from: k.valid_from,
                    valid_until: k.valid_until,
                    revoked: k.revoked,
                    current: current == Some(k.id),
                })
                .collect(),
        }
    }
}
/// A meeting as seen from one pilot on its agenda.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeetingContext {
    pub meeting: Meeting,
    /// Present members without a conflict for this pilot.
    pub eligible: Vec<String>,
    pub quorum_met: bool,
}
impl MeetingContext {
    pub(crate) fn new(meeting: Meeting, pilot_id: Uuid) -> Self {
        Self {
            eligible: meeting.eligible(pilot_id).into_iter().map(|m| m.name.clone()).collect(),
            quorum_met: meeting.quorum_met(pilot_id),
            meeting,
        }
    }
}
/// A meeting with its agenda spelled out, for the meeting screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeetingView {
    pub meeting: Meeting,
    pub agenda: Vec<AgendaItem>,
    /// The follow-up the committee recorded in this meeting (conditions confirmed, monitoring
    /// reports discussed), each with the secretary's recording: the minutes' follow-up part.
    pub follow_up: Vec<MeetingFollowUp>,
}

/// One follow-up act recorded in a meeting.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeetingFollowUp {
    pub pilot_id: Uuid,
    pub pilot_title: String,
    pub event: crate::followup::FollowUpEvent,
}
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    pub pilot: PilotSummary,
    pub eligible: Vec<String>,
    pub quorum_met: bool,
}
/// One framework version for the "toetsingskader" screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FrameworkVersion {
    pub framework: Framework,
    /// Shipped with the app, or loaded by the municipality (then: from which file).
    pub loaded_from: Option<String>,
    /// In effect for new assessments today.
    pub current: bool,
    /// What changed since the previous version, if there is one.
    pub changes: Option<FrameworkDiff>,
}
/// The first steps on a new installation, for the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FirstSteps {
    /// The municipality's name, once set.
    pub municipality: Option<String>,
    /// What to offer before it is set.
    pub suggested_municipality: String,
    /// The committee is founded: its chair and secretary have keys, so decisions can be signed.
    pub committee_founded: bool,
    /// The framework in force today (title and version), in both languages.
    pub framework: Option<crate::framework::Text>,
    pub has_pilots: bool,
    /// Every step done: the screen stops guiding.
    pub done: bool,
}

/// One version of the AI Act's duty dates, for the wizard's "data" panel.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DutyDatesVersion {
    pub dates: crate::wizard::DutyDates,
    /// Shipped with the app, or loaded by the municipality (then: from which file).
    pub loaded_from: Option<String>,
    /// In effect: the newest version.
    pub current: bool,
}

/// The state of the committee for the screens.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RosterStatus {
    /// The signed roster log has its first event.
    pub founded: bool,
    /// A roster from before the signed log, to be adopted by its chair and secretary.
    pub legacy: bool,
    /// The officers who must approve a change about the subject asked for.
    pub officers: Vec<Uuid>,
    /// How many approvals a change needs in all.
    pub approvals: i32,
    /// Events in the roster log.
    pub events: i32,
}
/// Whose minutes are open, for the meeting screens.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MinutesStatus {
    pub meeting_id: Option<Uuid>,
    pub secretary: Option<String>,
}
