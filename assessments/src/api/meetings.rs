//! Meetings and their minutes: agenda, attendance, and the acts the secretary records.

use super::{Assessments, Minutes, MINUTES_HOURS, SECRETARY};
use crate::views::{AgendaItem, MeetingView, MinutesStatus};

use uuid::Uuid;

use crate::audit::Change;
use crate::base::error::{Error, Result};
use crate::committee::Role;
use crate::meeting::{act_statement, Meeting, MeetingInput, Recording, VoteChoice};
use crate::pilot::PilotSummary;
use crate::pilot::Status;

impl Assessments {
    /// The latest meeting with the pilot on its agenda.
    pub(super) fn meeting_of(&mut self, pilot_id: Uuid) -> Result<Option<Meeting>> {
        Ok(self.store.list_meetings()?.into_iter().find(|m| m.agenda.contains(&pilot_id)))
    }

    pub fn list_meetings(&mut self) -> Result<Vec<Meeting>> {
        self.store.list_meetings()
    }

    pub fn get_meeting(&mut self, id: Uuid) -> Result<MeetingView> {
        let meeting = self.store.load_meeting(id)?;
        let mut agenda = Vec::new();
        for pilot_id in &meeting.agenda {
            let pilot = self.store.load(*pilot_id)?;
            agenda.push(AgendaItem {
                pilot: PilotSummary::from(&pilot),
                eligible: meeting.eligible(*pilot_id).into_iter().map(|m| m.name.clone()).collect(),
                quorum_met: meeting.quorum_met(*pilot_id),
            });
        }
        // The follow-up recorded in this meeting, in the order it was recorded.
        let mut follow_up = Vec::new();
        let mut titles: std::collections::HashMap<Uuid, String> = std::collections::HashMap::new();
        for event in self.store.follow_up_events(None)? {
            if event.confirmation_act().is_some_and(|(m, _)| m == id) {
                let title = match titles.get(&event.pilot_id) {
                    Some(t) => t.clone(),
                    None => {
                        // A pilot that does not load breaks no page: its id stands in.
                        let t = self
                            .store
                            .load(event.pilot_id)
                            .map_or_else(|_| event.pilot_id.to_string(), |p| p.proposal.title);
                        titles.insert(event.pilot_id, t.clone());
                        t
                    }
                };
                follow_up.push(crate::views::MeetingFollowUp { pilot_id: event.pilot_id, pilot_title: title, event });
            }
        }
        Ok(MeetingView { meeting, agenda, follow_up })
    }

    pub fn create_meeting(&mut self, input: MeetingInput) -> Result<MeetingView> {
        self.check_agenda(&input.agenda, &[])?;
        let mut meeting = Meeting::new(input, (self.now)())?;
        self.store.create_meeting(&mut meeting, &Change::new(SECRETARY, "vergadering aangemaakt"))?;
        self.get_meeting(meeting.id)
    }

    /// Loads a meeting, applies `change`, saves it if the change succeeded.
    pub(super) fn change_meeting(
        &mut self,
        id: Uuid,
        audit: Change,
        change: impl FnOnce(&mut Meeting) -> Result<()>,
    ) -> Result<MeetingView> {
        let mut meeting = self.store.load_meeting(id)?;
        change(&mut meeting)?;
        meeting.updated_at = (self.now)();
        self.store.save_meeting(&mut meeting, &audit)?;
        self.get_meeting(id)
    }

    /// Changes date, place, members and presence, quorum or agenda.
    pub fn update_meeting(&mut self, id: Uuid, input: MeetingInput) -> Result<MeetingView> {
        let on_agenda = self.store.load_meeting(id)?.agenda;
        self.check_agenda(&input.agenda, &on_agenda)?;
        // A decided pilot keeps its place: its decision holds this meeting's part.
        for pilot_id in on_agenda.iter().filter(|p| !input.agenda.contains(p)) {
            let pilot = self.store.load(*pilot_id)?;
            if matches!(pilot.status, Status::Decided | Status::Signed) {
                return Err(Error::not_allowed(
                    format!(
                        "‘{}’ is in deze vergadering besloten en blijft op de agenda.",
                        pilot.proposal.title.trim()
                    ),
                    "A pilot decided in this meeting stays on its agenda.",
                ));
            }
        }
        self.change_meeting(id, Change::new(SECRETARY, "vergadering bijgewerkt"), |m| m.update(input))
    }

    /// Conflicts, votes and opinions on a pilot are part of its decision: once the decision is
    /// recorded they stay as they were (reopen the decision to change them).
    pub(super) fn ensure_open_for_meeting(&mut self, pilot_id: Uuid) -> Result<()> {
        open_for_meeting(&self.store.load(pilot_id)?)
    }

    /// Votes and minority opinions are about the decision: only while the committee reviews
    /// the pilot (`Actions::vote`), and never once the decision is recorded.
    pub(super) fn ensure_votable(&mut self, pilot_id: Uuid) -> Result<()> {
        let pilot = self.store.load(pilot_id)?;
        open_for_meeting(&pilot)?;
        if !pilot.actions().vote {
            return Err(Error::not_allowed(
                "Stemmen en minderheidsstandpunten kunnen pas als de commissie het voorstel in behandeling heeft.",
                "Votes and minority opinions can only be recorded once the committee reviews the proposal.",
            ));
        }
        Ok(())
    }

    /// The secretary opens the minutes of a meeting with their passphrase, once: from then on
    /// every vote, conflict of interest and minority opinion is recorded with their key
    /// (*vastgelegd door de secretaris*), until [`Self::close_minutes`], another meeting's
    /// minutes are opened, the app stops, or [`MINUTES_HOURS`] pass. Only the secretary in
    /// office (by the signed roster log) can open them.
    pub fn open_minutes(&mut self, meeting_id: Uuid, passphrase: &str) -> Result<MinutesStatus> {
        let now = (self.now)();
        self.store.load_meeting(meeting_id)?;
        let log = self.founded_log()?;
        let secretary =
            log.members.values().find(|m| m.role_at(now) == Some(Role::Secretary)).map(|m| m.id).ok_or_else(|| {
                Error::not_allowed("Er is geen secretaris in functie.", "There is no secretary in office.")
            })?;
        let member = self.store.load_member(secretary)?;
        if log.difference(&member).is_some() {
            return Err(Error::not_allowed(
                "De secretaris staat anders in de ledenlijst dan in het ondertekende ledenlogboek.",
                "The secretary differs from the signed roster log.",
            ));
        }
        let (key_id, signing) = self.attempt(&member, |m| {
            let key = m.current_key(now).ok_or_else(|| {
                Error::not_allowed("De secretaris heeft geen geldige sleutel.", "The secretary has no valid key.")
            })?;
            Ok((key.id, key.open(passphrase)?))
        })?;
        self.minutes = Some(Minutes {
            meeting_id,
            member_id: member.id,
            name: member.name.clone(),
            key_id,
            signing,
            opened_at: now,
        });
        Ok(self.minutes_status())
    }

    /// Closes the minutes: the secretary's key is wiped from memory.
    pub fn close_minutes(&mut self) -> MinutesStatus {
        self.minutes = None;
        self.minutes_status()
    }

    /// Whose minutes are open, for which meeting.
    pub fn minutes_status(&mut self) -> MinutesStatus {
        let now = (self.now)();
        if self.minutes.as_ref().is_some_and(|m| now - m.opened_at > time::Duration::hours(MINUTES_HOURS)) {
            self.minutes = None;
        }
        match &self.minutes {
            Some(m) => MinutesStatus { meeting_id: Some(m.meeting_id), secretary: Some(m.name.clone()) },
            None => MinutesStatus { meeting_id: None, secretary: None },
        }
    }

    /// The secretary's signed recording of one act in meeting `meeting_id`'s minutes.
    // Invariant (ARCHITECTURE.md): votes, conflicts and minority opinions only while the
    // secretary's minutes are open, each signed with the secretary's key.
    pub(super) fn record(
        &mut self,
        meeting_id: Uuid,
        kind: &str,
        member: &str,
        pilot_id: Uuid,
        value: &str,
    ) -> Result<Recording> {
        let now = (self.now)();
        if self.minutes_status().meeting_id != Some(meeting_id) {
            return Err(Error::not_allowed(
                "Open eerst de notulen van deze vergadering met de wachtzin van de secretaris.",
                "Open this meeting's minutes with the secretary's passphrase first.",
            ));
        }
        let minutes = self.minutes.as_ref().ok_or(Error::NotFound { what: "minutes" })?;
        let mut recording = Recording {
            member_id: minutes.member_id,
            name: minutes.name.clone(),
            key_id: minutes.key_id,
            at: now,
            signature: String::new(),
        };
        let bytes = act_statement(meeting_id, kind, member, pilot_id, value, &recording)?;
        recording.signature = crate::committee::keys::sign_prefixed(&minutes.signing, &bytes);
        Ok(recording)
    }

    /// The audit trail's actor for an act recorded by the secretary on `member`'s behalf.
    pub(super) fn on_behalf(&self, member: &str) -> String {
        let secretary = self.minutes.as_ref().map_or("secretaris", |m| m.name.as_str());
        format!("{secretary} (secretaris) namens {member}")
    }

    pub fn declare_conflict(&mut self, id: Uuid, member: &str, pilot_id: Uuid, reason: &str) -> Result<MeetingView> {
        self.ensure_open_for_meeting(pilot_id)?;
        let recording = self.record(id, "conflict", member, pilot_id, reason.trim())?;
        let audit = Change::new(self.on_behalf(member), format!("belangenverstrengeling gemeld voor pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| m.declare_conflict(member, pilot_id, reason, Some(recording)))
    }

    pub fn withdraw_conflict(&mut self, id: Uuid, member: &str, pilot_id: Uuid) -> Result<MeetingView> {
        self.ensure_open_for_meeting(pilot_id)?;
        self.record(id, "conflictWithdrawn", member, pilot_id, "")?;
        let audit =
            Change::new(self.on_behalf(member), format!("belangenverstrengeling ingetrokken voor pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| {
            m.withdraw_conflict(member, pilot_id);
            Ok(())
        })
    }

    pub fn cast_vote(&mut self, id: Uuid, member: &str, pilot_id: Uuid, choice: VoteChoice) -> Result<MeetingView> {
        self.ensure_votable(pilot_id)?;
        let recording = self.record(id, "vote", member, pilot_id, choice.as_str())?;
        let audit = Change::new(self.on_behalf(member), format!("gestemd over pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| m.cast_vote(member, pilot_id, choice, Some(recording)))
    }

    pub fn set_minority_opinion(&mut self, id: Uuid, member: &str, pilot_id: Uuid, text: &str) -> Result<MeetingView> {
        self.ensure_votable(pilot_id)?;
        let recording = self.record(id, "minorityOpinion", member, pilot_id, text.trim())?;
        let audit = Change::new(self.on_behalf(member), format!("minderheidsstandpunt over pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| m.set_minority_opinion(member, pilot_id, text, Some(recording)))
    }

    /// Every pilot on `agenda` exists, and each one not already on it (`on_agenda`) may be put
    /// on an agenda now (handed in or in review): nothing is stored otherwise.
    // Invariant (ARCHITECTURE.md): the core refuses what the screens must not offer.
    pub(super) fn check_agenda(&mut self, agenda: &[Uuid], on_agenda: &[Uuid]) -> Result<()> {
        let mut p = crate::base::error::Problems::default();
        for id in agenda {
            let pilot = self.store.load(*id)?;
            if !on_agenda.contains(id) && !pilot.actions().put_on_agenda {
                p.add(
                    "agenda",
                    format!(
                        "‘{}’ kan niet op de agenda: alleen een ingediend voorstel of een voorstel in behandeling (nu: {}).",
                        pilot.proposal.title.trim(),
                        pilot.status.label_nl().to_lowercase()
                    ),
                    "Only a submitted proposal or one in review can be put on the agenda.",
                );
            }
        }
        p.into_result()
    }

    /// The pilots the meeting form offers for the agenda: those that may be put on one now,
    /// and those already on meeting `meeting`'s agenda.
    pub fn agenda_candidates(&mut self, meeting: Option<Uuid>) -> Result<Vec<PilotSummary>> {
        let on_agenda = match meeting {
            Some(id) => self.store.load_meeting(id)?.agenda,
            None => vec![],
        };
        let mut pilots = self.store.list()?;
        pilots.retain(|p| on_agenda.contains(&p.id) || p.status.may_go_on_agenda());
        Ok(pilots)
    }
}

/// Conflicts, votes and opinions on a pilot are part of its decision: once the decision is
/// recorded they stay as they were (reopen the decision to change them).
fn open_for_meeting(pilot: &crate::pilot::Pilot) -> Result<()> {
    match pilot.status {
        Status::Decided | Status::Signed => Err(Error::not_allowed(
            "Het besluit over deze pilot is al vastgelegd. Heropen het besluit om dit te wijzigen.",
            "The decision on this pilot has been recorded. Reopen it to change this.",
        )),
        _ => Ok(()),
    }
}
