//! The report as tables: the one form the PDF, the spreadsheet and the CSV all print, so they
//! cannot say different things.

use super::{Figure, YearlyReport};

/// One cell: text, or a whole number a spreadsheet can count with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Number(i64),
    /// Nothing to measure ("—" on paper, empty in a spreadsheet).
    Empty,
}

impl Cell {
    /// As printed: numbers in full, nothing as "—".
    pub fn shown(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => "—".into(),
        }
    }
}

impl From<&str> for Cell {
    fn from(t: &str) -> Cell {
        Cell::Text(t.to_string())
    }
}

impl From<String> for Cell {
    fn from(t: String) -> Cell {
        Cell::Text(t)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Cell {
        Cell::Number(i64::from(n))
    }
}

impl From<Option<i64>> for Cell {
    fn from(n: Option<i64>) -> Cell {
        n.map_or(Cell::Empty, Cell::Number)
    }
}

/// One table of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Short name, also the spreadsheet's sheet name (at most 31 characters).
    pub name: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn figure_table(name: &str, title: &str, figures: &[Figure], report: &YearlyReport) -> Table {
    Table {
        name: name.into(),
        title: title.into(),
        columns: vec!["Onderwerp".into(), report.period.label_nl(), report.previous.label_nl()],
        rows: figures.iter().map(|f| vec![f.label.as_str().into(), f.now.into(), f.before.into()]).collect(),
    }
}

fn list_table(name: &str, title: &str, column: &str, items: &[String]) -> Table {
    Table {
        name: name.into(),
        title: title.into(),
        columns: vec![column.into()],
        rows: items.iter().map(|t| vec![t.as_str().into()]).collect(),
    }
}

impl YearlyReport {
    /// Every table, in the order of the report's sections.
    pub fn tables(&self) -> Vec<Table> {
        let mut tables = self.review_tables();
        tables.extend(self.follow_up_tables());
        tables.extend(self.framework_and_committee_tables());
        tables
    }

    /// Sections 1 to 4: what came in, what was decided, how the framework was used.
    fn review_tables(&self) -> Vec<Table> {
        let r = self;
        vec![
            figure_table("1 Kerncijfers", "1. Kerncijfers", &r.key_figures, r),
            Table {
                name: "1 Besluiten per kwartaal".into(),
                title: "Besluiten per kwartaal".into(),
                columns: ["Kwartaal", "Positief", "Onder voorwaarden", "Aangehouden", "Negatief"]
                    .map(String::from)
                    .to_vec(),
                rows: r
                    .quarters
                    .iter()
                    .map(|q| {
                        vec![
                            format!("K{} {}", q.quarter, r.period.year).into(),
                            q.positive.into(),
                            q.with_conditions.into(),
                            q.postponed.into(),
                            q.negative.into(),
                        ]
                    })
                    .collect(),
            },
            Table {
                name: "2 Portfolio".into(),
                title: "2. Portfolio".into(),
                columns: [
                    "Pilot",
                    "Ronde",
                    "Afdeling",
                    "Risicoklasse",
                    "Categorie",
                    "Stand",
                    "Besluit",
                    "Besloten op",
                    "Voorwaarden",
                    "Open",
                    "Evaluatie",
                    "Gepubliceerd",
                ]
                .map(String::from)
                .to_vec(),
                rows: r
                    .portfolio
                    .iter()
                    .map(|p| {
                        vec![
                            p.title.as_str().into(),
                            p.round.into(),
                            p.department.as_str().into(),
                            p.risk_class.as_str().into(),
                            p.register_category.as_str().into(),
                            p.stage.as_str().into(),
                            p.decision.as_str().into(),
                            p.decided_on.as_str().into(),
                            p.conditions.into(),
                            p.conditions_open.into(),
                            p.evaluation.as_str().into(),
                            (if p.published { "ja" } else { "nee" }).into(),
                        ]
                    })
                    .collect(),
            },
            figure_table("3 Risicoklassen", "3. Besluiten per risicoklasse (AI-verordening)", &r.risk_classes, r),
            figure_table(
                "3 Registercategorieën",
                "Besluiten per categorie van het Algoritmeregister",
                &r.register_categories,
                r,
            ),
            Table {
                name: "4 Toetsingskader".into(),
                title: "4. Het toetsingskader in de praktijk: oordelen per thema".into(),
                columns: ["Thema", "Voldoet", "Onder voorwaarden", "Voldoet niet", "Niet van toepassing"]
                    .map(String::from)
                    .to_vec(),
                rows: r
                    .heat_map
                    .iter()
                    .map(|h| {
                        vec![
                            h.area.as_str().into(),
                            h.complies.into(),
                            h.with_conditions.into(),
                            h.does_not_comply.into(),
                            h.not_applicable.into(),
                        ]
                    })
                    .collect(),
            },
        ]
    }

    /// Sections 5 to 7: after the decisions.
    fn follow_up_tables(&self) -> Vec<Table> {
        let r = self;
        vec![
            figure_table("5 Voorwaarden", "5. Voorwaarden", &r.conditions, r),
            Table {
                name: "5 Voorwaarden per afdeling".into(),
                title: "Voorwaarden per afdeling".into(),
                columns: ["Afdeling", "Totaal", "Voldaan", "Open", "Over de termijn", "Vervallen"]
                    .map(String::from)
                    .to_vec(),
                rows: r
                    .conditions_by_department
                    .iter()
                    .map(|d| {
                        vec![
                            d.department.as_str().into(),
                            d.total.into(),
                            d.met.into(),
                            d.open.into(),
                            d.overdue.into(),
                            d.lapsed.into(),
                        ]
                    })
                    .collect(),
            },
            figure_table(
                "5 Leeftijd open voorwaarden",
                "Hoe lang open voorwaarden openstaan",
                &r.open_condition_ages,
                r,
            ),
            figure_table("6 Monitoring", "6. Monitoring en herbeoordeling", &r.monitoring, r),
            Table {
                name: "6 Gestopt".into(),
                title: "Gestopte pilots".into(),
                columns: ["Pilot", "Fase", "Datum", "Reden"].map(String::from).to_vec(),
                rows: r
                    .stopped
                    .iter()
                    .map(|s| {
                        vec![
                            s.title.as_str().into(),
                            s.stage.as_str().into(),
                            s.date.as_str().into(),
                            s.reason.as_str().into(),
                        ]
                    })
                    .collect(),
            },
            list_table("6 Zonder einddatum", "Lopende pilots zonder einddatum", "Pilot", &r.without_end_date),
            list_table(
                "6 Zonder exitcriteria",
                "Lopende pilots zonder exitcriteria",
                "Pilot",
                &r.without_exit_criteria,
            ),
            figure_table("7 Transparantie", "7. Transparantie: het Algoritmeregister", &r.transparency, r),
        ]
    }

    /// Sections 8 and 9: the framework's revisions and the committee.
    fn framework_and_committee_tables(&self) -> Vec<Table> {
        let r = self;
        vec![
            Table {
                name: "8 Herzieningen".into(),
                title: "8. Herzieningen van het toetsingskader".into(),
                columns: ["Versie", "Geldig vanaf", "Wat veranderde", "Vragen erbij", "Vragen eraf", "Vragen herzien"]
                    .map(String::from)
                    .to_vec(),
                rows: r
                    .revisions
                    .iter()
                    .map(|v| {
                        vec![
                            v.version.as_str().into(),
                            v.effective_from.as_str().into(),
                            v.summary.as_str().into(),
                            v.added.into(),
                            v.removed.into(),
                            v.revised.into(),
                        ]
                    })
                    .collect(),
            },
            Table {
                name: "9 Commissie".into(),
                title: "9. De commissie".into(),
                columns: ["Lid", "Rol", "Aanwezig", "Uitgenodigd"].map(String::from).to_vec(),
                rows: r
                    .members
                    .iter()
                    .map(|m| vec![m.name.as_str().into(), m.role.as_str().into(), m.present.into(), m.invited.into()])
                    .collect(),
            },
            Table {
                name: "9 Wijzigingen ledenlijst".into(),
                title: "Wijzigingen in de ledenlijst".into(),
                columns: ["Datum", "Wijziging"].map(String::from).to_vec(),
                rows: r.roster_changes.iter().map(|c| vec![c.date.as_str().into(), c.change.as_str().into()]).collect(),
            },
        ]
    }
}
