//! Files between machines: the proposal file and the Algoritmeregister. Reading a file needs
//! no store (associated functions), so the shell reads and checks it before taking the store.

use super::{read_limited, Assessments};
use crate::views::PilotView;

use std::path::Path;

use uuid::Uuid;

use crate::base::error::{Error, Message, Result};
use crate::exchange::RegisterFile;
use crate::pilot::Proposal;

impl Assessments {
    /// Writes the proposal as a file for the committee secretary.
    pub fn export_proposal(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let pilot = self.store.load(id)?;
        let text = crate::exchange::proposal_file(&pilot.proposal, (self.now)())?;
        crate::base::files::write_atomically(path, text.as_bytes())
    }

    /// Reads and checks a proposal file; needs no store.
    pub fn read_proposal_file(path: &Path) -> Result<Proposal> {
        crate::exchange::read_proposal_file(&read_limited(path)?)
    }

    /// Makes a proposal read from a file a new pilot: handed in when complete, otherwise a
    /// draft. Refused, with nothing stored, when it answers a question the framework a new
    /// pilot starts with does not have.
    pub fn import_read_proposal(&mut self, proposal: Proposal) -> Result<PilotView> {
        let today = (self.now)().date();
        let framework = self.registry()?.current_on(today)?;
        if let Some(unknown) = proposal.question_answers.keys().find(|id| framework.question(id).is_none()) {
            let shown: String = unknown.chars().take(60).filter(|c| !c.is_control()).collect();
            return Err(Error::BadFile(Message::new(
                format!(
                    "Het voorstelbestand beantwoordt een vraag die toetsingskader {} niet kent: 'proposal.questionAnswers.{shown}'. Er is niets geïmporteerd.",
                    framework.version
                ),
                format!(
                    "The proposal file answers a question framework {} does not have: 'proposal.questionAnswers.{shown}'. Nothing was imported.",
                    framework.version
                ),
            )));
        }
        let complete = proposal.validate_complete().is_ok();
        let view = self.create(proposal)?;
        if complete {
            self.submit(view.pilot.id)
        } else {
            Ok(view)
        }
    }

    /// Reads a proposal file and makes it a new pilot (see [`Self::import_read_proposal`]).
    /// Nothing is stored when the file is wrong in any way.
    pub fn import_proposal(&mut self, path: &Path) -> Result<PilotView> {
        let proposal = Self::read_proposal_file(path)?;
        self.import_read_proposal(proposal)
    }

    /// Reads an Algoritmeregister file into its entries, each with the proposal it starts and
    /// the import report, for the project lead to choose from; needs no store and stores
    /// nothing (the chosen proposal is saved as a new draft with [`Self::create`]).
    pub fn read_register_file(path: &Path) -> Result<RegisterFile> {
        crate::exchange::read_register_file(&read_limited(path)?)
    }

    /// Writes a draft Algoritmeregister entry for a pilot with a signed positive decision.
    pub fn export_register_entry(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let view = self.get(id)?;
        let organization = self.municipality_name()?;
        let entry = crate::exchange::register_entry(&view, &organization)?;
        let text = serde_json::to_string_pretty(&entry).map_err(|e| Error::Internal(e.to_string()))?;
        crate::base::files::write_atomically(path, text.as_bytes())
    }

    /// Saves the monitoring-report form for pilot `id`'s signed decision, for the project lead
    /// to fill in on her own machine. Only while the decision takes follow-up.
    pub fn export_monitoring_form(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let pilot = self.store.load(id)?;
        let superseded = self.later_round(id)?.is_some_and(|l| l.supersedes);
        if self.follow_up(id)?.is_none() || superseded {
            return Err(Error::not_allowed(
                "Een rapportage hoort bij een positief, ondertekend besluit dat nog geldt.",
                "A report belongs to a positive, signed decision that still holds.",
            ));
        }
        let hash = crate::pilot::signing::content_hash(&pilot)?;
        let file = crate::exchange::monitoring_form(&pilot, &hash, (self.now)());
        let text = crate::exchange::monitoring_file_text(&file)?;
        crate::base::files::write_atomically(path, text.as_bytes())
    }

    /// Reads a monitoring-report file (a blank form or a filled one) with the questionnaire it
    /// answers; needs no store, so the project lead can fill it in on any AI-toets.
    pub fn read_monitoring_file(path: &Path) -> Result<crate::exchange::MonitoringForm> {
        let file = crate::exchange::read_monitoring_file(&read_limited(path)?)?;
        Ok(crate::exchange::MonitoringForm {
            file,
            questionnaire: crate::followup::monitoring::Questionnaire::current(),
        })
    }

    /// Writes a (partly) filled report file; needs no store.
    pub fn save_monitoring_file(file: &crate::exchange::MonitoringReportFile, path: &Path) -> Result<()> {
        let text = crate::exchange::monitoring_file_text(file)?;
        crate::base::files::write_atomically(path, text.as_bytes())
    }

    /// Hands in a report read from a file for pilot `id`: refused, with nothing kept, when the
    /// file is for another pilot or another decision, or when it is not complete.
    pub fn import_monitoring_report(
        &mut self,
        id: Uuid,
        file: crate::exchange::MonitoringReportFile,
    ) -> Result<crate::followup::FollowUp> {
        let pilot = self.store.load(id)?;
        let hash = crate::pilot::signing::content_hash(&pilot)?;
        if file.pilot_id != id || file.decision_hash != hash {
            return Err(Error::BadFile(Message::new(
                format!(
                    "Deze rapportage hoort bij een ander besluit ('{}'), niet bij het ondertekende besluit van deze pilot. Er is niets ingelezen.",
                    crate::exchange::shown_key(&file.pilot_title)
                ),
                "This report belongs to another decision, not to this pilot's signed decision. Nothing was read in.",
            )));
        }
        // A file not yet complete: say which questions it leaves open (the form on this screen
        // is not where they are).
        self.report_monitoring(id, file.report).map_err(|e| match e {
            Error::Invalid(fields) => {
                let questionnaire = crate::followup::monitoring::Questionnaire::current();
                let named = |field: &str, nl: bool| {
                    questionnaire
                        .questions
                        .iter()
                        .find(|q| q.id == field)
                        .map_or_else(|| field.to_string(), |q| if nl { q.text.nl.clone() } else { q.text.en.clone() })
                };
                let (nl, en): (Vec<String>, Vec<String>) = fields
                    .iter()
                    .map(|f| {
                        (
                            format!("{} {}", named(&f.field, true), f.message.nl),
                            format!("{} {}", named(&f.field, false), f.message.en),
                        )
                    })
                    .unzip();
                Error::BadFile(Message::new(
                    format!("De rapportage in het bestand is niet af: {} Er is niets ingelezen.", nl.join(" ")),
                    format!("The report in the file is not complete: {} Nothing was read in.", en.join(" ")),
                ))
            }
            other => other,
        })
    }
}
