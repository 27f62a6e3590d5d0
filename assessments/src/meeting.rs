//! Meetings of the committee: who is there, the quorum, the agenda, conflicts of interest,
//! votes and minority opinions. A conflicted member neither votes nor signs for that pilot.
//! When a decision is recorded in a meeting, the pilot's part of the meeting is copied into
//! the decision ([`MeetingRecord`]), so the record that is signed says who was there.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::base::error::{Error, Problems, Result};
use crate::base::text::{check_len, parse_date, MAX_LINE, MAX_TEXT};
use crate::committee::Role;

/// A committee member invited to a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Attendee {
    pub name: String,
    pub role: Role,
    pub present: bool,
}

/// How many members must take part for the committee to decide on a pilot. Members with a
/// conflict of interest for that pilot do not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum QuorumRule {
    /// More than half of the members.
    Majority,
    /// At least this many members.
    AtLeast { count: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConflictOfInterest {
    pub member: String,
    pub pilot_id: Uuid,
    pub reason: String,
    /// Who put it in the minutes, signed (absent in meetings from before signed minutes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<Recording>,
}

/// The secretary's signature on one act in the minutes (a vote, a conflict of interest, a
/// minority opinion): *vastgelegd door de secretaris*. Made with the secretary's key, opened
/// once for the meeting (see `Assessments::open_minutes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Recording {
    pub member_id: Uuid,
    pub name: String,
    pub key_id: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub at: OffsetDateTime,
    /// Ed25519 (hex) over [`MINUTES_DOMAIN`] and [`act_statement`].
    pub signature: String,
}

/// Prefixed to what the secretary signs for an act in the minutes.
pub const MINUTES_DOMAIN: &[u8] = b"AI-toets minutes entry v1\n";

/// The bytes the secretary signs for one act: the domain prefix and the canonical JSON of
/// `{act, at, format, keyId, meetingId, member, pilotId, recordedBy, value}`.
pub fn act_statement(
    meeting_id: Uuid,
    act: &str,
    member: &str,
    pilot_id: Uuid,
    value: &str,
    recording: &Recording,
) -> Result<Vec<u8>> {
    let statement = serde_json::json!({
        "format": "ai-toets/minutes-entry/v1",
        "meetingId": meeting_id,
        "act": act,
        "member": member,
        "pilotId": pilot_id,
        "value": value,
        "recordedBy": recording.member_id,
        "keyId": recording.key_id,
        "at": crate::base::dates::rfc3339(recording.at),
    });
    let mut bytes = MINUTES_DOMAIN.to_vec();
    bytes.extend_from_slice(crate::base::hash::canonical(&statement)?.as_bytes());
    Ok(bytes)
}

/// Why an act's recording does not hold, if it does not: absent, or not signed by the key the
/// roster log gives the secretary in office at that moment, or not over this act.
pub fn recording_problem(
    meeting_id: Uuid,
    act: &Act<'_>,
    roster: &crate::committee::roster_log::RosterState,
) -> Option<String> {
    let Some(rec) = act.recorded_by else {
        return Some("niet vastgelegd door de secretaris".into());
    };
    let key = roster.members.get(&rec.member_id).and_then(|m| m.keys.iter().find(|k| k.id == rec.key_id));
    let Some(key) = key else {
        return Some("vastgelegd met een onbekende sleutel".into());
    };
    if let Some((nl, _)) = roster.signer_problem(rec.member_id, Role::Secretary, rec.key_id, &key.public_key, rec.at) {
        return Some(nl.to_string());
    }
    let holds = act_statement(meeting_id, act.kind, act.member, act.pilot_id, &act.value, rec)
        .is_ok_and(|bytes| crate::committee::keys::verify_prefixed(&key.public_key, &bytes, &rec.signature).is_ok());
    (!holds).then(|| "de handtekening van de secretaris klopt niet".into())
}

/// One act in the minutes with its kind and value, as signed.
pub struct Act<'a> {
    pub kind: &'static str,
    pub member: &'a str,
    pub pilot_id: Uuid,
    pub value: String,
    pub recorded_by: Option<&'a Recording>,
}

/// *Stem*: for, against or abstaining on the decision about a pilot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum VoteChoice {
    For,
    Against,
    Abstain,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Vote {
    pub member: String,
    pub pilot_id: Uuid,
    pub choice: VoteChoice,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<Recording>,
}

impl VoteChoice {
    /// As signed in the minutes.
    pub fn as_str(self) -> &'static str {
        match self {
            VoteChoice::For => "for",
            VoteChoice::Against => "against",
            VoteChoice::Abstain => "abstain",
        }
    }
}

/// *Minderheidsstandpunt*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MinorityOpinion {
    pub member: String,
    pub pilot_id: Uuid,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<Recording>,
}

/// What the secretary fills in for a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeetingInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub place: String,
    pub members: Vec<Attendee>,
    pub quorum: QuorumRule,
    /// Pilots in the order they are discussed.
    pub agenda: Vec<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    pub id: Uuid,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
    pub date: String,
    pub place: String,
    pub members: Vec<Attendee>,
    pub quorum: QuorumRule,
    pub agenda: Vec<Uuid>,
    pub conflicts: Vec<ConflictOfInterest>,
    pub votes: Vec<Vote>,
    pub minority_opinions: Vec<MinorityOpinion>,
    /// Every act in these minutes carries the secretary's signed [`Recording`] (meetings
    /// made by this version on; older meetings have none).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signed_minutes: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub updated_at: OffsetDateTime,
}

/// The pilot's part of the meeting, copied into the decision when it is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeetingRecord {
    pub meeting_id: Uuid,
    pub date: String,
    pub place: String,
    pub quorum: QuorumRule,
    /// Every member invited, with presence.
    pub members: Vec<Attendee>,
    pub conflicts: Vec<ConflictOfInterest>,
    pub votes: Vec<Vote>,
    pub minority_opinions: Vec<MinorityOpinion>,
}

impl MeetingRecord {
    /// May `name` sign in `role`? Present, not conflicted, and holding that role.
    pub fn may_sign(&self, name: &str, role: Role) -> Result<()> {
        let member = self.members.iter().find(|m| m.name.eq_ignore_ascii_case(name.trim()));
        let Some(member) = member else {
            return Err(refusal(
                format!("{} staat niet op de ledenlijst van de vergadering van {}.", name.trim(), self.date),
                "Only members of the meeting can sign.",
            ));
        };
        if !member.present {
            return Err(refusal(
                format!("{} was niet aanwezig en kan niet tekenen.", member.name),
                "Only members present can sign.",
            ));
        }
        if self.conflicts.iter().any(|c| c.member == member.name) {
            return Err(refusal(
                format!("{} heeft een belangenverstrengeling gemeld voor deze pilot en kan niet tekenen.", member.name),
                "A member with a conflict of interest cannot sign.",
            ));
        }
        if member.role != role {
            return Err(refusal(
                format!(
                    "{} is {} en tekent niet als {}.",
                    member.name,
                    member.role.label_nl().to_lowercase(),
                    role.label_nl().to_lowercase()
                ),
                "A member signs in their own role.",
            ));
        }
        Ok(())
    }
}

impl MeetingRecord {
    /// The required roles that no present, non-conflicted member can fill.
    pub fn signers_short_of(&self, required: &[Role]) -> Vec<Role> {
        let available = self
            .members
            .iter()
            .filter(|m| m.present && !self.conflicts.iter().any(|c| c.member == m.name))
            .map(|m| m.role);
        crate::committee::roster::uncovered_roles(required, available)
    }
}

fn refusal(nl: String, en: &str) -> Error {
    let mut p = Problems::default();
    p.add("memberId", nl, en);
    p.into_result().err().unwrap_or(Error::Locked)
}

impl MeetingInput {
    pub fn validate(&self) -> Result<()> {
        let mut p = Problems::default();
        if parse_date(&self.date).is_none() {
            p.add("date", "Vul een geldige datum in.", "Enter a valid date.");
        }
        p.require("place", &self.place, "de plaats", "the place");
        check_len(&mut p, "place", &self.place, MAX_LINE);
        if self.members.is_empty() {
            p.add("members", "Voeg de leden van de commissie toe.", "Add the committee members.");
        }
        let mut names: Vec<String> = Vec::new();
        for m in &self.members {
            let name = m.name.trim();
            if name.is_empty() {
                p.add("members", "Elk lid heeft een naam nodig.", "Every member needs a name.");
            } else if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                p.add("members", format!("{name} staat twee keer op de lijst."), "A member is listed twice.");
            } else {
                names.push(name.to_string());
            }
            check_len(&mut p, "members", name, MAX_LINE);
        }
        for (role, nl) in [(Role::Chair, "voorzitter"), (Role::Secretary, "secretaris")] {
            if self.members.iter().filter(|m| m.role == role).count() != 1 {
                p.add("members", format!("Wijs precies één {nl} aan."), format!("Assign exactly one {role:?}."));
            }
        }
        if let QuorumRule::AtLeast { count } = self.quorum {
            if count == 0 || count as usize > self.members.len() {
                p.add(
                    "quorum",
                    "Het quorum moet tussen 1 en het aantal leden liggen.",
                    "The quorum must be between 1 and the number of members.",
                );
            }
        }
        let mut seen = Vec::new();
        for id in &self.agenda {
            if seen.contains(id) {
                p.add("agenda", "Een pilot staat twee keer op de agenda.", "A pilot is on the agenda twice.");
            }
            seen.push(*id);
        }
        p.into_result()
    }
}

impl Meeting {
    pub fn new(input: MeetingInput, now: OffsetDateTime) -> Result<Meeting> {
        input.validate()?;
        Ok(Meeting {
            id: Uuid::new_v4(),
            revision: 0,
            date: input.date,
            place: input.place.trim().to_string(),
            members: trimmed(input.members),
            quorum: input.quorum,
            agenda: input.agenda,
            conflicts: Vec::new(),
            votes: Vec::new(),
            minority_opinions: Vec::new(),
            signed_minutes: true,
            created_at: now,
            updated_at: now,
        })
    }

    /// Changes date, place, members, presence, quorum or agenda. Conflicts, votes and opinions
    /// of members no longer listed, or of pilots taken off the agenda, go with them.
    /// Invariant (ARCHITECTURE.md): votes, conflicts and opinions change only through the
    /// secretary's minutes. So an update may not take away what they stand on: a pilot with a
    /// recorded act stays on the agenda, a member with one stays on the list, and one who
    /// voted stays present. Nothing changes when it would.
    pub fn update(&mut self, input: MeetingInput) -> Result<()> {
        input.validate()?;
        let members = trimmed(input.members);
        let listed = |name: &str| members.iter().any(|m| m.name == name);
        let present = |name: &str| members.iter().any(|m| m.name == name && m.present);
        let mut lost: Vec<String> = self
            .acts()
            .iter()
            .filter(|a| {
                !input.agenda.contains(&a.pilot_id) || !listed(a.member) || (a.kind == "vote" && !present(a.member))
            })
            .map(|a| a.member.to_string())
            .collect();
        lost.sort();
        lost.dedup();
        if !lost.is_empty() {
            return Err(Error::not_allowed(
                format!(
                    "Deze wijziging zou vastgelegde stemmen, belangenverstrengelingen of minderheidsstandpunten wissen (van {}). Die veranderen alleen via de notulen; er is niets gewijzigd.",
                    lost.join(", ")
                ),
                format!(
                    "This change would erase recorded votes, conflicts of interest or minority opinions (of {}). Those change only through the minutes; nothing was changed.",
                    lost.join(", ")
                ),
            ));
        }
        self.date = input.date;
        self.place = input.place.trim().to_string();
        self.members = members;
        self.quorum = input.quorum;
        self.agenda = input.agenda;
        Ok(())
    }

    fn member(&self, name: &str) -> Result<&Attendee> {
        self.members.iter().find(|m| m.name == name).ok_or(Error::NotFound { what: "member" })
    }

    fn on_agenda(&self, pilot_id: Uuid) -> Result<()> {
        if self.agenda.contains(&pilot_id) {
            Ok(())
        } else {
            Err(Error::not_allowed(
                "Deze pilot staat niet op de agenda van deze vergadering.",
                "This pilot is not on this meeting's agenda.",
            ))
        }
    }

    pub fn is_conflicted(&self, member: &str, pilot_id: Uuid) -> bool {
        self.conflicts.iter().any(|c| c.member == member && c.pilot_id == pilot_id)
    }

    /// Members who may take part for this pilot: present and without a conflict.
    pub fn eligible(&self, pilot_id: Uuid) -> Vec<&Attendee> {
        self.members.iter().filter(|m| m.present && !self.is_conflicted(&m.name, pilot_id)).collect()
    }

    pub fn quorum_met(&self, pilot_id: Uuid) -> bool {
        let n = self.eligible(pilot_id).len();
        match self.quorum {
            QuorumRule::Majority => n * 2 > self.members.len(),
            QuorumRule::AtLeast { count } => n >= count as usize,
        }
    }

    /// A member declares a conflict of interest for a pilot; their vote and opinion on it go.
    pub fn declare_conflict(
        &mut self,
        member: &str,
        pilot_id: Uuid,
        reason: &str,
        recorded_by: Option<Recording>,
    ) -> Result<()> {
        self.member(member)?;
        self.on_agenda(pilot_id)?;
        let mut p = Problems::default();
        p.require("reason", reason, "waar de belangenverstrengeling uit bestaat", "what the conflict of interest is");
        check_len(&mut p, "reason", reason, MAX_TEXT);
        p.into_result()?;
        self.conflicts.retain(|c| !(c.member == member && c.pilot_id == pilot_id));
        self.conflicts.push(ConflictOfInterest {
            member: member.to_string(),
            pilot_id,
            reason: reason.trim().to_string(),
            recorded_by,
        });
        self.votes.retain(|v| !(v.member == member && v.pilot_id == pilot_id));
        self.minority_opinions.retain(|o| !(o.member == member && o.pilot_id == pilot_id));
        Ok(())
    }

    pub fn withdraw_conflict(&mut self, member: &str, pilot_id: Uuid) {
        self.conflicts.retain(|c| !(c.member == member && c.pilot_id == pilot_id));
    }

    fn ensure_may_take_part(&self, member: &str, pilot_id: Uuid) -> Result<()> {
        let m = self.member(member)?;
        self.on_agenda(pilot_id)?;
        if !m.present {
            return Err(Error::not_allowed(format!("{member} is niet aanwezig."), "This member is not present."));
        }
        if self.is_conflicted(member, pilot_id) {
            return Err(Error::not_allowed(
                format!("{member} heeft een belangenverstrengeling gemeld voor deze pilot en stemt niet mee."),
                "A member with a conflict of interest does not vote.",
            ));
        }
        Ok(())
    }

    pub fn cast_vote(
        &mut self,
        member: &str,
        pilot_id: Uuid,
        choice: VoteChoice,
        recorded_by: Option<Recording>,
    ) -> Result<()> {
        self.ensure_may_take_part(member, pilot_id)?;
        self.votes.retain(|v| !(v.member == member && v.pilot_id == pilot_id));
        self.votes.push(Vote { member: member.to_string(), pilot_id, choice, recorded_by });
        Ok(())
    }

    /// Records (or, with empty text, removes) a member's minority opinion on a pilot.
    pub fn set_minority_opinion(
        &mut self,
        member: &str,
        pilot_id: Uuid,
        text: &str,
        recorded_by: Option<Recording>,
    ) -> Result<()> {
        self.ensure_may_take_part(member, pilot_id)?;
        let mut p = Problems::default();
        check_len(&mut p, "minorityOpinion", text, MAX_TEXT);
        p.into_result()?;
        self.minority_opinions.retain(|o| !(o.member == member && o.pilot_id == pilot_id));
        if !text.trim().is_empty() {
            self.minority_opinions.push(MinorityOpinion {
                member: member.to_string(),
                pilot_id,
                text: text.trim().to_string(),
                recorded_by,
            });
        }
        Ok(())
    }

    /// Every act in the minutes, for checking the secretary's signatures.
    pub fn acts(&self) -> Vec<Act<'_>> {
        acts(&self.conflicts, &self.votes, &self.minority_opinions)
    }

    /// Checks that the committee can decide on the pilot now: quorum, every eligible member
    /// voted, and more votes for than against. Returns the record for the decision.
    pub fn record_for_decision(&self, pilot_id: Uuid) -> Result<MeetingRecord> {
        self.on_agenda(pilot_id)?;
        if !self.quorum_met(pilot_id) {
            return Err(Error::not_allowed(
                "Er zijn te weinig leden aanwezig zonder belangenverstrengeling: het quorum is niet gehaald.",
                "Too few members without a conflict of interest are present: no quorum.",
            ));
        }
        let votes: Vec<_> = self.votes.iter().filter(|v| v.pilot_id == pilot_id).cloned().collect();
        let missing: Vec<_> = self
            .eligible(pilot_id)
            .into_iter()
            .filter(|m| !votes.iter().any(|v| v.member == m.name))
            .map(|m| m.name.clone())
            .collect();
        if !missing.is_empty() {
            return Err(Error::not_allowed(
                format!("Nog niet iedereen heeft gestemd: {}.", missing.join(", ")),
                format!("Not everyone has voted yet: {}.", missing.join(", ")),
            ));
        }
        let count = |c: VoteChoice| votes.iter().filter(|v| v.choice == c).count();
        if count(VoteChoice::For) <= count(VoteChoice::Against) {
            return Err(Error::not_allowed(
                "Er is geen meerderheid voor dit besluit. Pas het besluit aan en stem opnieuw.",
                "There is no majority for this decision. Change it and vote again.",
            ));
        }
        Ok(MeetingRecord {
            meeting_id: self.id,
            date: self.date.clone(),
            place: self.place.clone(),
            quorum: self.quorum,
            members: self.members.clone(),
            conflicts: self.conflicts.iter().filter(|c| c.pilot_id == pilot_id).cloned().collect(),
            votes,
            minority_opinions: self.minority_opinions.iter().filter(|o| o.pilot_id == pilot_id).cloned().collect(),
        })
    }
}

fn trimmed(members: Vec<Attendee>) -> Vec<Attendee> {
    members.into_iter().map(|m| Attendee { name: m.name.trim().to_string(), ..m }).collect()
}

/// The acts of `conflicts`, `votes` and `opinions`, each with what was signed for it.
pub fn acts<'a>(
    conflicts: &'a [ConflictOfInterest],
    votes: &'a [Vote],
    opinions: &'a [MinorityOpinion],
) -> Vec<Act<'a>> {
    let conflicts = conflicts.iter().map(|c| Act {
        kind: "conflict",
        member: &c.member,
        pilot_id: c.pilot_id,
        value: c.reason.clone(),
        recorded_by: c.recorded_by.as_ref(),
    });
    let votes = votes.iter().map(|v| Act {
        kind: "vote",
        member: &v.member,
        pilot_id: v.pilot_id,
        value: v.choice.as_str().to_string(),
        recorded_by: v.recorded_by.as_ref(),
    });
    let opinions = opinions.iter().map(|o| Act {
        kind: "minorityOpinion",
        member: &o.member,
        pilot_id: o.pilot_id,
        value: o.text.clone(),
        recorded_by: o.recorded_by.as_ref(),
    });
    conflicts.chain(votes).chain(opinions).collect()
}
