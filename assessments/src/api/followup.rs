//! After the decision: conditions followed up, the pilot's life, and what is due (see
//! [`crate::followup`]).

use uuid::Uuid;

use super::Assessments;
use crate::audit::Change;
use crate::base::error::{Error, Result};
use crate::followup::monitoring::MonitoringReportInput;
use crate::followup::{
    ConditionReport, ConditionStatus, Due, FollowUp, FollowUpEvent, FollowUpKind, LaterRound, LifeChange,
};
use crate::pilot::{Pilot, ReassessmentRequest, Status};
use crate::views::PilotView;

impl Assessments {
    /// The follow-up of a signed, positive decision as it stands today; `None` for any other pilot.
    pub fn follow_up(&mut self, pilot_id: Uuid) -> Result<Option<FollowUp>> {
        let pilot = self.store.load(pilot_id)?;
        let events = self.own_events(&pilot)?;
        let later = self.later_round(pilot_id)?;
        Ok(FollowUp::of(&pilot, &events, later, (self.now)().date()))
    }

    /// The re-assessment of `earlier`, if one was started.
    pub(super) fn later_round(&mut self, earlier: Uuid) -> Result<Option<LaterRound>> {
        self.store.later_round(earlier)
    }

    /// Starts a re-assessment of the signed decision of `earlier`: a new round of the same
    /// pilot, a draft with its proposal, reviewed against the framework in force today. Refused
    /// for a decision not signed, one already being assessed again, or a pilot that has ended.
    pub fn reassess(&mut self, earlier: Uuid, request: ReassessmentRequest) -> Result<PilotView> {
        let now = (self.now)();
        let pilot = self.store.load(earlier)?;
        let events = self.own_events(&pilot)?;
        let later = self.later_round(earlier)?;
        let framework = self.registry()?.current_on(now.date())?.clone();
        let mut round = Pilot::reassess(&pilot, &request, &framework, now)?;
        crate::followup::check_reassessment(&events, later)?;
        let audit = Change::new(
            request.by.trim().to_string(),
            format!("herbeoordeling gestart: {}", request.reason.label_nl().to_lowercase()),
        );
        self.store.create(&mut round, &audit)?;
        self.view(round)
    }

    /// The events that follow up `pilot`'s signed decision: those naming its content hash (a
    /// body copied from another decision does not count; the check on open names it).
    pub(super) fn own_events(&mut self, pilot: &crate::pilot::Pilot) -> Result<Vec<FollowUpEvent>> {
        if pilot.status != Status::Signed {
            return Ok(Vec::new());
        }
        let hash = crate::pilot::signing::content_hash(pilot)?;
        Ok(self.store.follow_up_events(Some(pilot.id))?.into_iter().filter(|e| e.decision_hash == hash).collect())
    }

    /// A report on a condition by whoever sees to it. *Voldaan*, *niet voldaan* and *vervallen*
    /// reported here wait for the committee's confirmation in a meeting.
    pub fn report_condition(&mut self, pilot_id: Uuid, report: ConditionReport) -> Result<FollowUp> {
        let by = report.by.trim().to_string();
        let audit = Change::new(
            by.clone(),
            format!("voorwaarde {} gemeld: {}", report.condition.saturating_add(1), report.status.label_nl()),
        );
        let kind = FollowUpKind::ConditionReported {
            condition: report.condition,
            status: report.status,
            note: report.note,
            evidence: report.evidence,
        };
        self.append_follow_up(pilot_id, by, kind, audit)
    }

    /// The committee confirms a final status of a condition in meeting `meeting_id`: only while
    /// the secretary's minutes of that meeting are open, recorded with the secretary's key.
    // Invariant (ARCHITECTURE.md): voldaan, niet voldaan and vervallen only by the committee in a
    // meeting.
    pub fn confirm_condition(
        &mut self,
        meeting_id: Uuid,
        pilot_id: Uuid,
        condition: u32,
        status: ConditionStatus,
        note: &str,
    ) -> Result<FollowUp> {
        self.meeting_today(meeting_id)?;
        let decision_hash = crate::pilot::signing::content_hash(&self.store.load(pilot_id)?)?;
        let value = crate::followup::confirmation_value(&decision_hash, condition, status, note);
        let recording = self.record(
            meeting_id,
            crate::followup::CONFIRMATION_ACT,
            crate::followup::COMMITTEE_MEMBER,
            pilot_id,
            &value,
        )?;
        let by = format!("{} (secretaris) namens de commissie", recording.name);
        let audit = Change::new(
            by.clone(),
            format!("voorwaarde {} bevestigd: {}", condition.saturating_add(1), status.label_nl()),
        );
        let kind = FollowUpKind::ConditionConfirmed {
            condition,
            status,
            note: note.trim().to_string(),
            meeting_id,
            recording,
        };
        self.append_follow_up(pilot_id, by, kind, audit)
    }

    /// The project lead's monitoring report, on the current questionnaire.
    pub fn report_monitoring(&mut self, pilot_id: Uuid, input: MonitoringReportInput) -> Result<FollowUp> {
        let by = input.by.trim().to_string();
        let audit = Change::new(by.clone(), "monitoringsrapportage ingediend");
        let kind = FollowUpKind::MonitoringReport { questionnaire: input.questionnaire, answers: input.answers };
        self.append_follow_up(pilot_id, by, kind, audit)
    }

    /// The committee takes note of monitoring report `report` in meeting `meeting_id` (held
    /// today, the secretary's minutes open), recorded with the secretary's key.
    pub fn note_report(&mut self, meeting_id: Uuid, pilot_id: Uuid, report: Uuid, note: &str) -> Result<FollowUp> {
        self.meeting_today(meeting_id)?;
        let decision_hash = crate::pilot::signing::content_hash(&self.store.load(pilot_id)?)?;
        let value = crate::followup::noted_value(&decision_hash, report, note);
        let recording =
            self.record(meeting_id, crate::followup::NOTED_ACT, crate::followup::COMMITTEE_MEMBER, pilot_id, &value)?;
        let by = format!("{} (secretaris) namens de commissie", recording.name);
        let audit = Change::new(by.clone(), "monitoringsrapportage besproken");
        let kind = FollowUpKind::ReportNoted { report, note: note.trim().to_string(), meeting_id, recording };
        self.append_follow_up(pilot_id, by, kind, audit)
    }

    /// Refuses a meeting not held today: the committee records what it discusses now.
    fn meeting_today(&mut self, meeting_id: Uuid) -> Result<()> {
        let meeting = self.store.load_meeting(meeting_id)?;
        let today = crate::base::text::iso_date((self.now)().date());
        if meeting.date != today {
            return Err(Error::not_allowed(
                format!(
                    "De commissie legt dit vast in de vergadering van vandaag; deze vergadering is op {}.",
                    meeting.date
                ),
                "The committee records this in today's meeting; this meeting is on another day.",
            ));
        }
        Ok(())
    }

    /// The pilot moves on in its life after the decision (in gebruik, verlengd, gestopt,
    /// uitgefaseerd).
    pub fn change_life_stage(&mut self, pilot_id: Uuid, change: LifeChange) -> Result<FollowUp> {
        let by = change.by.trim().to_string();
        let audit = Change::new(by.clone(), format!("pilot {}", change.stage.label_nl().to_lowercase()));
        let kind =
            FollowUpKind::Life { stage: change.stage, date: change.date.trim().to_string(), reason: change.reason };
        self.append_follow_up(pilot_id, by, kind, audit)
    }

    /// The pilot is published in the Algoritmeregister: the date and the entry's address.
    pub fn record_publication(
        &mut self,
        pilot_id: Uuid,
        publication: crate::followup::Publication,
    ) -> Result<FollowUp> {
        let by = publication.by.trim().to_string();
        let audit = Change::new(by.clone(), "gepubliceerd in het Algoritmeregister");
        let kind = FollowUpKind::Published {
            date: publication.date.trim().to_string(),
            url: publication.url.trim().to_string(),
        };
        self.append_follow_up(pilot_id, by, kind, audit)
    }

    /// What is due today across every signed pilot: overdue conditions, conditions due within
    /// two weeks, confirmations waiting for the committee, evaluations due.
    pub fn due(&mut self) -> Result<Due> {
        let today = (self.now)().date();
        let mut events: std::collections::HashMap<Uuid, Vec<FollowUpEvent>> = std::collections::HashMap::new();
        for event in self.store.follow_up_events(None)? {
            events.entry(event.pilot_id).or_default().push(event);
        }
        let mut due = Due::default();
        for terms in self.store.signed_decision_terms()? {
            due.add(&terms, events.get(&terms.pilot_id).map_or(&[][..], Vec::as_slice), today);
        }
        Ok(due)
    }

    /// A re-assessment beside the round it reviews again (per question then and now, the
    /// earlier conditions with their status); `None` for a first assessment.
    pub fn comparison(&mut self, pilot_id: Uuid) -> Result<Option<crate::comparison::Comparison>> {
        let now = self.store.load(pilot_id)?;
        let Some(link) = now.reassesses.clone() else { return Ok(None) };
        let earlier = self.store.load(link.earlier)?;
        let registry = self.registry()?;
        let (now_fw, then_fw) = (registry.find(&now.framework)?.clone(), registry.find(&earlier.framework)?.clone());
        let events = self.own_events(&earlier)?;
        let later = self.later_round(earlier.id)?;
        // The earlier decision's conditions with their status today.
        let conditions =
            FollowUp::of(&earlier, &events, later, (self.now)().date()).map(|f| f.conditions).unwrap_or_default();
        Ok(crate::comparison::Comparison::of((&earlier, &then_fw), (&now, &now_fw), conditions))
    }

    fn append_follow_up(&mut self, pilot_id: Uuid, by: String, kind: FollowUpKind, audit: Change) -> Result<FollowUp> {
        let pilot = self.store.load(pilot_id)?;
        let events = self.own_events(&pilot)?;
        let later = self.later_round(pilot_id)?;
        // FollowUp::check refuses an unsigned or negative decision, or a superseded one.
        let event = FollowUpEvent {
            id: Uuid::new_v4(),
            pilot_id,
            decision_hash: crate::pilot::signing::content_hash(&pilot)?,
            at: (self.now)(),
            by,
            kind,
        };
        FollowUp::check(&pilot, &events, later, &event)?;
        self.store.add_follow_up_event(&event, &audit)?;
        let mut all = events;
        all.push(event);
        FollowUp::of(&pilot, &all, later, (self.now)().date()).ok_or(Error::NotFound { what: "follow-up" })
    }
}
