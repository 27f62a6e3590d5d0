//! The Dutch words for the core's states and choices, in one place: the PDF prints them
//! (`label_nl`) and the screens show them (`ui/src/lib/labels.generated.ts`, written from
//! [`label_sets`] with the bindings and checked by the same drift test).

use serde::Serialize;

use crate::committee::Role;
use crate::followup::{ConditionStatus, LifeStage};
use crate::framework::AppliesWhen;
use crate::pilot::{ConditionKind, Outcome, Status, Verdict};
use crate::wizard::{AiRole, Instrument, RegisterCategory, RiskClass, WizardAnswer};

/// One enum's labels: its TypeScript type, and each value (as serialised) with its label, in
/// the enum's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelSet {
    /// The name of the generated constant (`statusLabel`).
    pub name: &'static str,
    /// The TypeScript type of the keys (`Status`), or `string`.
    pub type_name: &'static str,
    pub labels: Vec<(String, String)>,
}

fn set<T: Serialize + Copy>(
    name: &'static str,
    type_name: &'static str,
    all: &[T],
    label: fn(T) -> String,
) -> LabelSet {
    let key = |v: &T| serde_json::to_value(v).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    LabelSet { name, type_name, labels: all.iter().map(|v| (key(v), label(*v))).collect() }
}

/// Every label the screens show for a value of the core.
pub fn label_sets() -> Vec<LabelSet> {
    let mut sets = review_labels();
    sets.extend(after_the_decision());
    sets
}

/// The follow-up's and the re-assessment's labels.
fn after_the_decision() -> Vec<LabelSet> {
    vec![
        set(
            "conditionStatusLabel",
            "ConditionStatus",
            &[
                ConditionStatus::Open,
                ConditionStatus::InProgress,
                ConditionStatus::Met,
                ConditionStatus::NotMet,
                ConditionStatus::Lapsed,
            ],
            |c| c.label_nl().into(),
        ),
        set(
            "lifeStageLabel",
            "LifeStage",
            &[LifeStage::InPilot, LifeStage::InUse, LifeStage::Extended, LifeStage::Stopped, LifeStage::PhasedOut],
            |l| l.label_nl().into(),
        ),
        set(
            "reassessmentReasonLabel",
            "ReassessmentReason",
            &[crate::pilot::ReassessmentReason::Scheduled, crate::pilot::ReassessmentReason::Change],
            |r| r.label_nl().into(),
        ),
        set(
            "questionDifferenceLabel",
            "QuestionDifference",
            &[
                crate::comparison::QuestionDifference::Same,
                crate::comparison::QuestionDifference::Added,
                crate::comparison::QuestionDifference::Removed,
                crate::comparison::QuestionDifference::Revised,
            ],
            |c| c.label_nl().into(),
        ),
    ]
}

/// The labels of the review, the decision and the AI Act.
fn review_labels() -> Vec<LabelSet> {
    use Status::*;
    vec![
        set("statusLabel", "Status", &[Draft, Submitted, InReview, Decided, Signed], |s| s.label_nl().into()),
        set(
            "verdictLabel",
            "Verdict",
            &[Verdict::Complies, Verdict::CompliesWithConditions, Verdict::DoesNotComply, Verdict::NotApplicable],
            |v| v.label_nl().into(),
        ),
        set(
            "outcomeLabel",
            "Outcome",
            &[Outcome::Positive, Outcome::PositiveWithConditions, Outcome::Postponed, Outcome::Negative],
            |o| o.label_nl().into(),
        ),
        set("roleLabel", "Role", &[Role::Chair, Role::Secretary, Role::Member], |r| r.label_nl().into()),
        set("conditionKindLabel", "ConditionKind", &[ConditionKind::Suspensive, ConditionKind::Accompanying], |k| {
            k.label_nl().into()
        }),
        set(
            "appliesWhenLabel",
            "AppliesWhen",
            &[
                AppliesWhen::Always,
                AppliesWhen::PersonalData,
                AppliesWhen::GenerativeAi,
                AppliesWhen::HighRisk,
                AppliesWhen::FriaRequired,
            ],
            |a| a.label_nl().into(),
        ),
        set(
            "riskClassLabel",
            "RiskClass",
            &[
                RiskClass::NotApplicable,
                RiskClass::Prohibited,
                RiskClass::HighRisk,
                RiskClass::Transparency,
                RiskClass::Minimal,
            ],
            |c| c.label_nl().into(),
        ),
        set("aiRoleLabel", "AiRole", &[AiRole::Deployer, AiRole::Provider, AiRole::ProviderAndDeployer], |r| {
            r.label_nl().into()
        }),
        set("answerLabel", "WizardAnswer", &[WizardAnswer::Yes, WizardAnswer::No, WizardAnswer::Unknown], |a| {
            a.label_nl().into()
        }),
        set(
            "registerInstrumentLabel",
            "RegisterCategory",
            &[RegisterCategory::A, RegisterCategory::B, RegisterCategory::C],
            |category| Instrument::Register { category }.label_nl(),
        ),
        LabelSet {
            name: "instrumentLabelByKind",
            type_name: "string",
            labels: [
                Instrument::Dpia,
                Instrument::DpiaReasoning,
                Instrument::Fria,
                Instrument::IamaRecommended,
                Instrument::TransparencyNotice,
            ]
            .iter()
            .map(|i| {
                let kind = serde_json::to_value(i)
                    .ok()
                    .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(String::from))
                    .unwrap_or_default();
                (kind, i.label_nl())
            })
            .collect(),
        },
    ]
}

/// The labels as a TypeScript module, for the screens.
pub fn typescript() -> String {
    let sets = label_sets();
    let mut types: Vec<&str> = sets.iter().map(|s| s.type_name).filter(|t| *t != "string").collect();
    types.sort_unstable();
    types.dedup();
    let mut out = String::from(
        "// Generated from the core's labels (assessments/src/labels.rs). Do not edit: run\n\
         // UPDATE_BINDINGS=1 cargo test -p ai-toets bindings.\n",
    );
    out.push_str(&format!("import type {{ {} }} from \"./bindings\";\n", types.join(", ")));
    for set in &sets {
        out.push_str(&format!("\nexport const {}: Record<{}, string> = {{\n", set.name, set.type_name));
        for (key, label) in &set.labels {
            let key = serde_json::to_string(key).unwrap_or_default();
            let label = serde_json::to_string(label).unwrap_or_default();
            out.push_str(&format!("  {key}: {label},\n"));
        }
        out.push_str("};\n");
    }
    let months: Vec<String> =
        crate::base::dates::MONTHS.iter().map(|m| serde_json::to_string(m).unwrap_or_default()).collect();
    out.push_str(&format!(
        "\n/** The months as dates are written in Dutch. */\nexport const monthsNl: readonly string[] = [{}];\n",
        months.join(", ")
    ));
    out
}

#[cfg(test)]
mod tests {
    /// Every label set names each value once, with a label.
    #[test]
    fn every_value_has_one_label() {
        for set in super::label_sets() {
            let mut keys: Vec<_> = set.labels.iter().map(|(k, _)| k.as_str()).collect();
            assert!(keys.iter().all(|k| !k.is_empty()), "{}", set.name);
            assert!(set.labels.iter().all(|(_, l)| !l.is_empty()), "{}", set.name);
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), set.labels.len(), "{}", set.name);
        }
    }
}
