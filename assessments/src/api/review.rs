//! The committee's review: the walk-through, the decision, reopening it.

use super::{Assessments, COMMITTEE};
use crate::views::PilotView;

use uuid::Uuid;

use crate::audit::Change;
use crate::base::error::Result;
use crate::pilot::{Answer, DecisionContext, DecisionInput};

impl Assessments {
    pub fn start_review(&mut self, id: Uuid) -> Result<PilotView> {
        self.change(id, Change::new(COMMITTEE, crate::report::facts::REVIEW_ACTION), |p, _, _| p.start_review())
    }

    pub fn set_answer(&mut self, id: Uuid, question_id: &str, answer: Answer) -> Result<PilotView> {
        let audit = Change::new(COMMITTEE, format!("oordeel bij {question_id}"));
        self.change(id, audit, |p, f, _| p.set_answer(f, question_id, answer))
    }

    /// As [`Assessments::set_answer`], refused as changed by someone else when the stored answer
    /// is no longer `based_on` (what the screen last saw stored): what the screens call.
    pub fn set_answer_based_on(
        &mut self,
        id: Uuid,
        question_id: &str,
        answer: Answer,
        based_on: Answer,
    ) -> Result<PilotView> {
        let audit = Change::new(COMMITTEE, format!("oordeel bij {question_id}"));
        self.change(id, audit, |p, f, _| p.set_answer_based_on(f, question_id, answer, &based_on))
    }

    /// Records the decision. When the pilot is on a meeting's agenda, the meeting must have
    /// quorum, a vote from every eligible member and a majority for it, and its record goes
    /// into the decision (an invariant, ARCHITECTURE.md).
    pub fn decide(&mut self, id: Uuid, input: DecisionInput) -> Result<PilotView> {
        let record = match self.meeting_of(id)? {
            Some(meeting) => Some(meeting.record_for_decision(id)?),
            None => None,
        };
        let policy = self.signing_policy()?;
        let dates = self.duty_dates()?;
        let attachments = self.store.attachments(id)?;
        self.change(id, Change::new(COMMITTEE, "besluit vastgelegd"), |p, f, now| {
            let context =
                DecisionContext { meeting: record, policy: &policy, dates: &dates, attachments: &attachments };
            p.decide(f, input, context, now)
        })
    }

    pub fn reopen(&mut self, id: Uuid) -> Result<PilotView> {
        self.change(id, Change::new(COMMITTEE, "besluit heropend"), |p, _, _| p.reopen())
    }
}
