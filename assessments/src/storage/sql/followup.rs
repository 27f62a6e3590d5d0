//! The follow-up table group: `follow_up_events`, append-only (the triggers of migration 0010),
//! each event kept as its JSON with its audit entry.

use uuid::Uuid;

use super::audit::append_audit;
use super::{args, corrupt, format_time, from_json, from_text, parse_uuid, to_json, Tx};
use crate::audit::{state_hash, Change};
use crate::base::error::Result;
use crate::followup::{DecisionTerms, FollowUpEvent, LaterRound};

/// The terms of every signed, positive decision: a few columns, not whole pilots; of the
/// conditions only their deadlines (the rest of each condition is skipped, not decoded).
pub(super) fn signed_decision_terms(tx: &mut dyn Tx) -> Result<Vec<DecisionTerms>> {
    #[derive(serde::Deserialize)]
    struct Deadline<'a> {
        #[serde(default, borrow)]
        deadline: Option<std::borrow::Cow<'a, str>>,
    }
    // The later round, if any, through the index of migration 0011.
    let earlier = tx.dialect().json_field("l.reassesses", "earlier");
    let sql = format!(
        "SELECT d.pilot_id, d.outcome, d.evaluation_date, d.conditions, l.id, l.status, ld.outcome, d.report_dates
         FROM decisions d
         LEFT JOIN pilots l ON l.reassesses IS NOT NULL AND {earlier} = d.pilot_id
         LEFT JOIN decisions ld ON ld.pilot_id = l.id
         WHERE d.signed = 1 AND d.outcome IN ('positive', 'positiveWithConditions')"
    );
    let rows = tx
        .query(&sql, &[])?
        .into_iter()
        .map(|mut r| {
            Ok((
                r.text(0)?,
                r.text(1)?,
                r.opt_text(2)?,
                r.text(3)?,
                r.opt_text(4)?,
                r.opt_text(5)?,
                r.opt_text(6)?,
                r.opt_text(7)?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let date = |d: &str| crate::base::text::parse_date(d).ok_or_else(|| corrupt("decision", "a date"));
    rows.into_iter()
        .map(|(id, outcome, evaluation_date, conditions, later, later_status, later_outcome, report_dates)| {
            let conditions: Vec<Deadline<'_>> =
                serde_json::from_str(&conditions).map_err(|e| corrupt("decision conditions", e))?;
            Ok(DecisionTerms {
                pilot_id: parse_uuid(&id)?,
                outcome: from_text(&outcome)?,
                deadlines: conditions
                    .iter()
                    .map(|c| c.deadline.as_deref().map(date).transpose())
                    .collect::<Result<_>>()?,
                evaluation_date: evaluation_date.as_deref().map(date).transpose()?,
                report_dates: match report_dates {
                    Some(json) => {
                        let dates: Vec<String> = from_json(&json)?;
                        dates.iter().map(|d| date(d)).collect::<Result<_>>()?
                    }
                    None => Vec::new(),
                },
                later: later
                    .map(|l| -> Result<LaterRound> {
                        let status = from_text(later_status.as_deref().unwrap_or_default())?;
                        let outcome = later_outcome.as_deref().map(from_text).transpose()?;
                        Ok(LaterRound::new(parse_uuid(&l)?, status, outcome))
                    })
                    .transpose()?,
            })
        })
        .collect()
}

/// The events of `pilot` (all pilots when `None`) in the order they were appended, and what
/// does not hold among the rows: a body that does not read, a row whose `id` or `pilot_id`
/// column differs from its body (a body copied to another pilot), a body id seen before (a body
/// copied again). Those rows are left out, so one bad row cannot break a page; the check on
/// open names them.
pub(super) fn events(tx: &mut dyn Tx, pilot: Option<Uuid>) -> Result<(Vec<FollowUpEvent>, Vec<String>)> {
    let rows = match pilot {
        Some(id) => tx.query(
            "SELECT id, pilot_id, body FROM follow_up_events WHERE pilot_id = ?1 ORDER BY rowid",
            args![id.to_string()],
        )?,
        None => tx.query("SELECT id, pilot_id, body FROM follow_up_events ORDER BY rowid", &[])?,
    };
    let rows = rows.into_iter().map(|mut r| Ok((r.text(0)?, r.text(1)?, r.text(2)?))).collect::<Result<Vec<_>>>()?;
    let (mut events, mut problems) = (Vec::new(), Vec::new());
    let mut seen = std::collections::HashSet::new();
    for (id, pilot_id, body) in rows {
        match from_json::<FollowUpEvent>(&body) {
            Err(_) => problems.push(format!("Opvolging {id}: onleesbaar")),
            Ok(e) if e.id.to_string() != id || e.pilot_id.to_string() != pilot_id => {
                problems.push(format!("Opvolging {id}: hoort bij een andere regel of pilot"));
            }
            Ok(e) if !seen.insert(e.id) => problems.push(format!("Opvolging {id}: dubbel")),
            Ok(e) => events.push(e),
        }
    }
    Ok((events, problems))
}

pub(super) fn add_event(tx: &mut dyn Tx, event: &FollowUpEvent, change: &Change) -> Result<()> {
    tx.execute(
        "INSERT INTO follow_up_events (id, pilot_id, body, recorded_at) VALUES (?1, ?2, ?3, ?4)",
        args![event.id.to_string(), event.pilot_id.to_string(), to_json(event)?, format_time(event.at)?],
    )?;
    append_audit(tx, change, event.audit_subject(), state_hash(event)?, event.at)
}
