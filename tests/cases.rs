use serde::Deserialize;
use stimmung::{Analyzer, Label};

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    label: String,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    terms: Vec<String>,
}

macro_rules! load {
    ($name:expr) => {
        toml::from_str::<Cases>(include_str!(concat!("cases/", $name, ".toml")))
            .expect(concat!("tests/cases/", $name, ".toml parses"))
            .case
    };
}

fn rule_name(r: &stimmung::Rule) -> String {
    serde_json::to_value(r).unwrap().as_str().unwrap().to_string()
}

#[test]
fn polarity_cases() {
    let analyzer = Analyzer::new();
    let cases = load!("polarity");
    assert!(cases.len() >= 40, "gold cases went missing");
    let mut failures = Vec::new();
    for case in &cases {
        let a = analyzer.analyze(&case.text);
        let want = Label::parse(&case.label).expect("valid label in case file");
        let rules: Vec<String> =
            a.hits().iter().flat_map(|h| h.rules().iter().map(rule_name)).collect();
        let terms: Vec<&str> = a.hits().iter().map(|h| h.term()).collect();
        let mut problems = Vec::new();
        if a.label() != want {
            problems.push(format!(
                "label {} (compound {:+.3}), want {want}",
                a.label(),
                a.compound()
            ));
        }
        for r in &case.rules {
            if !rules.contains(r) {
                problems.push(format!("no hit carries rule {r:?} (rules: {rules:?})"));
            }
        }
        for t in &case.terms {
            if !terms.contains(&t.as_str()) {
                problems.push(format!("term {t:?} not among hits {terms:?}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {:?}\n    {}",
                case.name,
                case.text,
                problems.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn case_names_are_unique() {
    let cases = load!("polarity");
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "duplicate case names");
}
