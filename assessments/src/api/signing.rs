//! Signing a decision, and the roster signatures are checked against.

use super::Assessments;
use crate::views::PilotView;

use uuid::Uuid;

use crate::audit::Change;
use crate::base::error::{Error, Result};
use crate::committee::roster_log::RosterState;

/// The audit trail's action of a signature on a decision in `role` (what the backup reminder
/// looks for).
pub(super) fn signature_action(role: crate::committee::Role) -> String {
    format!("ondertekend als {}", role.label_nl().to_lowercase())
}

impl Assessments {
    /// A roster member signs the decision with their key, opened with `passphrase`.
    pub fn sign(&mut self, id: Uuid, member_id: Uuid, passphrase: &str) -> Result<PilotView> {
        let member = self.store.load_member(member_id)?;
        let log = self.roster_log_state()?;
        if log.founded() && log.difference(&member).is_some() {
            return Err(Error::not_allowed(
                format!(
                    "{} staat anders in de ledenlijst dan in het ondertekende ledenlogboek; er is niets ondertekend.",
                    member.name
                ),
                format!("{} differs from the signed roster log; nothing was signed.", member.name),
            ));
        }
        let now = (self.now)();
        let unsealed = self.attempt(&member, |m| {
            m.current_key(now)
                .ok_or_else(|| {
                    Error::not_allowed(
                        format!(
                            "{} heeft geen geldige sleutel. Maak eerst een nieuwe sleutel bij de commissie.",
                            m.name
                        ),
                        "This member has no valid key. Make a new key on the committee screen first.",
                    )
                })?
                .unseal(passphrase)
        })?;
        let audit = Change::new(&member.name, signature_action(member.role));
        let checkpoint = self.store.audit_head()?;
        let committee = log.founding.clone();
        self.change(id, audit, |p, _, now| p.sign_with(&member, &unsealed, checkpoint, committee, now))
    }

    /// The roster signatures are checked against: the signed roster log once the committee is
    /// founded; before that (a database from before the log), the stored members as they are.
    pub(super) fn trusted_roster(&mut self) -> Result<RosterState> {
        let state = self.roster_log_state()?;
        if state.founded() {
            Ok(state)
        } else {
            Ok(RosterState::unsigned(&self.store.list_members()?))
        }
    }

    /// The roster log replayed; an error when it does not hold.
    ///
    /// Replaying checks every approval's signature, so the result is kept while the audit
    /// trail's head stays the same (every write through the app moves it): opening a pilot does
    /// not replay the log again. The check on open always replays.
    pub(super) fn roster_log_state(&mut self) -> Result<RosterState> {
        let head = self.store.audit_head()?;
        if let Some((at, state)) = &self.roster_cache {
            if *at == head {
                return Ok(state.clone());
            }
        }
        let state = RosterState::replay(&self.store.roster_log()?)?;
        self.roster_cache = Some((head, state.clone()));
        Ok(state)
    }
}
