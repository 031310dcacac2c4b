//! Tone markers against a hand-labelled set of my own sentences, seed
//! phrases and controls (tests/markers/*.tsv: `id<TAB>kinds<TAB>text`,
//! kinds comma-separated or `-`). `dev.tsv` was used while writing the
//! patterns; `heldout.tsv` was written at the same time and scored once
//! before patterns were fixed on its misses; `heldout2.tsv` (real PotTS
//! tweets and new sentences) was labelled after that, before its first run.

use std::collections::BTreeSet;

use stimmung::{Analyzer, Flag, MarkerKind};

struct Figures {
    rows: Vec<(MarkerKind, f64, f64, usize)>,
    misses: Vec<String>,
}

fn score(tsv: &str) -> Figures {
    let rows = tsv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|line| {
        let mut cols = line.splitn(3, '\t');
        (cols.next().unwrap(), cols.next().unwrap(), cols.next().unwrap())
    });
    score_rows(rows)
}

fn score_rows<'a>(rows: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Figures {
    let analyzer = Analyzer::new();
    let mut tp = [0usize; 4];
    let mut fp = [0usize; 4];
    let mut fne = [0usize; 4];
    let mut misses = Vec::new();
    for (id, kinds, text) in rows {
        let want: BTreeSet<MarkerKind> = kinds.split(',').filter_map(MarkerKind::parse).collect();
        let a = analyzer.analyze(text);
        let got: BTreeSet<MarkerKind> = a.flags().iter().map(|f| f.kind()).collect();
        for (i, k) in MarkerKind::ALL.iter().enumerate() {
            match (want.contains(k), got.contains(k)) {
                (true, true) => tp[i] += 1,
                (false, true) => fp[i] += 1,
                (true, false) => fne[i] += 1,
                _ => {}
            }
        }
        if want != got {
            let flags: Vec<String> =
                a.flags().iter().map(|f| format!("{}:{:?}", f.pattern(), f.text())).collect();
            misses.push(format!("{id} want {want:?} got {got:?} {flags:?}: {text}"));
        }
    }
    let rows = MarkerKind::ALL
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let p = tp[i] as f64 / (tp[i] + fp[i]).max(1) as f64;
            let r = tp[i] as f64 / (tp[i] + fne[i]).max(1) as f64;
            (k, p, r, tp[i] + fne[i])
        })
        .collect();
    Figures { rows, misses }
}

fn report(name: &str, f: &Figures) -> String {
    let mut out = format!("{name}:\n");
    for (k, p, r, n) in &f.rows {
        out += &format!("  {:<20} n={n:<3} precision {p:.3} recall {r:.3}\n", k.as_str());
    }
    for m in &f.misses {
        out += &format!("  miss: {m}\n");
    }
    out
}

fn check(name: &str, f: &Figures, floors: &[(MarkerKind, f64, f64)]) {
    let text = report(name, f);
    eprintln!("{text}");
    for &(kind, p_min, r_min) in floors {
        let (_, p, r, _) = f.rows.iter().find(|row| row.0 == kind).unwrap();
        assert!(*p >= p_min && *r >= r_min, "{kind:?} below P {p_min} / R {r_min}\n{text}");
    }
}

#[test]
fn markers_on_the_dev_set() {
    let f = score(include_str!("markers/dev.tsv"));
    check(
        "dev",
        &f,
        &[
            (MarkerKind::Boilerplate, 0.9, 0.9),
            (MarkerKind::NegativeExperience, 0.85, 0.85),
            (MarkerKind::HardSell, 0.85, 0.85),
            (MarkerKind::Spam, 0.8, 0.8),
        ],
    );
}

#[test]
fn markers_on_the_heldout_set() {
    let f = score(include_str!("markers/heldout.tsv"));
    // Held-out text was never used to write patterns: the floors guard
    // against regressions, the README reports the figures.
    check(
        "heldout",
        &f,
        &[(MarkerKind::Boilerplate, 0.8, 0.7), (MarkerKind::NegativeExperience, 0.75, 0.6)],
    );
}

#[test]
fn markers_on_the_second_heldout_set() {
    // Real PotTS tweets (mostly controls) and new sentences, labelled before
    // the detector first ran on them.
    let f = score(include_str!("markers/heldout2.tsv"));
    check(
        "heldout2",
        &f,
        &[(MarkerKind::Boilerplate, 0.8, 0.7), (MarkerKind::NegativeExperience, 0.6, 0.6)],
    );
}

/// The texts of sets in ../shared/data by (set, id), or `None` (with a
/// message) if one is absent: their licences keep them out of this
/// repository, so the label files hold ids only.
fn shared_texts(sets: &[&str]) -> Option<std::collections::HashMap<(String, String), String>> {
    let mut texts = std::collections::HashMap::new();
    for set in sets {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../shared/data/{set}.tsv"));
        let Ok(data) = std::fs::read_to_string(&path) else {
            eprintln!(
                "skipped: {} is absent (the marker sets on real text need it)",
                path.display()
            );
            return None;
        };
        // Rows are also named by their number (`row:0` is the first after
        // the header): filmstarts' ids are review pages, shared by the
        // user reviews on one page.
        for (n, line) in data.lines().skip(1).enumerate() {
            let mut cols = line.splitn(3, '\t');
            if let (Some(id), Some(_), Some(text)) = (cols.next(), cols.next(), cols.next()) {
                texts.insert((set.to_string(), id.to_string()), text.to_string());
                texts.insert((set.to_string(), format!("row:{n}")), text.to_string());
            }
        }
    }
    Some(texts)
}

/// Scores label rows `(set, id, kinds)` against the texts they name.
fn shared_figures<'a>(
    sets: &[&str],
    rows: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
) -> Option<Figures> {
    let texts = shared_texts(sets)?;
    let rows: Vec<(&str, &str, &str)> = rows
        .map(|(set, id, kinds)| {
            let text = texts
                .get(&(set.to_string(), id.to_string()))
                .unwrap_or_else(|| panic!("{id} is not in ../shared/data/{set}.tsv"));
            (id, kinds, text.as_str())
        })
        .collect();
    Some(score_rows(rows.into_iter()))
}

/// Label lines after the header, split at tabs.
fn label_lines(labels: &str) -> impl Iterator<Item = std::str::Split<'_, char>> {
    labels.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split('\t'))
}

/// Real customer feedback: GermEval-2017 (Deutsche Bahn) texts that I
/// labelled by hand (`id<TAB>kinds`). `heldout3` was labelled, run once
/// blind, then the detector was fixed on its misses; `heldout4` was
/// labelled after those fixes and run blind once, then fixed again for
/// general causes; so were `heldout5` to `heldout7`, each one session later.
fn germeval_figures(labels: &str) -> Option<Figures> {
    let rows = label_lines(labels)
        .map(|mut cols| ("germeval2017_dev", cols.next().unwrap(), cols.next().unwrap()));
    shared_figures(&["germeval2017_dev"], rows)
}

/// Checks GermEval label rows `labels` (`id<TAB>kinds`) against `floors`;
/// skipped with a message without ../shared.
fn check_germeval(name: &str, labels: &str, floors: &[(MarkerKind, f64, f64)]) {
    if let Some(f) = germeval_figures(labels) {
        check(name, &f, floors);
    }
}

/// SB-10k and PotTS tweets about companies other than the railway
/// (`set<TAB>id<TAB>kinds`), labelled by hand before their first run.
fn tweet_figures(labels: &str) -> Option<Figures> {
    set_figures(labels, &["sb10k_train", "sb10k_dev", "potts"])
}

/// Checks the label rows `labels` (`set<TAB>id<TAB>kinds`, naming texts
/// of `sets`) against `floors`; skipped with a message without ../shared.
fn check_labels(name: &str, labels: &str, sets: &[&str], floors: &[(MarkerKind, f64, f64)]) {
    if let Some(f) = set_figures(labels, sets) {
        check(name, &f, floors);
    }
}

/// Label rows `set<TAB>id<TAB>kinds` naming texts of `sets`.
fn set_figures(labels: &str, sets: &[&str]) -> Option<Figures> {
    let rows = label_lines(labels)
        .map(|mut cols| (cols.next().unwrap(), cols.next().unwrap(), cols.next().unwrap()));
    shared_figures(sets, rows)
}

#[test]
fn markers_on_real_customer_feedback() {
    // (name, labels, negative-experience floors): the floors guard the
    // figures after the fixes; the blind first runs are noted per file.
    let files: [(&str, &str, f64, f64); 5] = [
        // Blind first runs: heldout3 P 0.75 R 0.25, heldout4 P 0.50 R 0.14.
        ("heldout3 (GermEval)", include_str!("markers/heldout3_germeval.tsv"), 0.8, 0.75),
        ("heldout4 (GermEval)", include_str!("markers/heldout4_germeval.tsv"), 0.75, 0.45),
        // Blind first run P 0.40 R 0.18.
        ("heldout5 (GermEval)", include_str!("markers/heldout5_germeval.tsv"), 0.6, 0.5),
        // Blind first run P 0.40 R 0.20.
        ("heldout6 (GermEval)", include_str!("markers/heldout6_germeval.tsv"), 0.5, 0.4),
        // Blind first run P 0.60 R 0.27, with 31 cues written beforehand
        // from general complaint vocabulary. Recall 6 -> 5 of 11 (floor 0.5
        // -> 0.45) when a time word stopped being context in long
        // impersonal texts (news): a long comment that says `m.M.` for
        // `meiner Meinung` is read as news now; on 40 fresh GermEval flags
        // that rule removed 8 of 22 false ones and none of the 18 real ones.
        ("heldout7 (GermEval)", include_str!("markers/heldout7_germeval.tsv"), 0.8, 0.45),
    ];
    for (name, labels, precision, recall) in files {
        check_germeval(name, labels, &[(MarkerKind::NegativeExperience, precision, recall)]);
    }
}

/// Recall on feedback no flag had reached: 320 GermEval texts drawn at
/// random from those that no label file used — which, as every flag on the
/// rest had been labelled, are texts no version of stimmung had flagged —
/// labelled by hand for negative experience only (32 of them, 11 clear-cut,
/// the rest implicit, sarcastic or habitual). At the session's start none
/// of the first 160 was flagged and 1 of the other 160. Rows 1–80 and
/// 161–320 were then used to write the cue-less complaint rule and six
/// cues; rows 81–160, run blind after them: 1 of 10 found, no false flag.
/// 8 of 32 at that session's end, 9 after the next (`Musste bis 3:30 Uhr
/// warten`). Other kinds are not labelled here.
#[test]
fn recall_on_feedback_no_flag_had_reached() {
    check_germeval(
        "heldout18 (GermEval, never flagged)",
        include_str!("markers/heldout18_germeval_unflagged.tsv"),
        &[(MarkerKind::NegativeExperience, 0.9, 0.25)],
    );
}

/// A second such sample, drawn in the next session from the 1,463
/// GermEval texts that no label file used and no version had flagged: 240
/// texts labelled by hand for negative experience only before stimmung ran
/// on them (20, of them 8 clear-cut: `Die Bahn war nicht verspätet sie ist
/// gar nicht gekommen`, `Ich stehe seit 6.30h in Halle/S. am Bahnhof`).
/// Rows 1–160 were then read for rules (2 found: a stop that lasted, a
/// time word in the next sentence of a short post); rows 161–240, run
/// blind after them: 0 of 6. Cues written from the clear-cut misses of
/// all rows after that blind run (`ohne Antwort`, `hat nichts gebracht`
/// near a company): 4 of 20.
#[test]
fn recall_on_a_second_sample_no_flag_had_reached() {
    // A third sample, drawn at the end of that session from the 1,200
    // GermEval texts no label file used and labelled before stimmung ran
    // on them (`heldout26`, 160 texts, 10 experiences, 6 clear-cut: `meine
    // Bahn hat 'nen Oberleitungsschaden`, `Durch einen Türschaden … jetzt
    // +25min`, `4h später … als geplant`), run blind with all that
    // session's rules: 0 of 10. After cues from its clear-cut misses: 4.
    check_germeval(
        "heldout26 (GermEval, blind)",
        include_str!("markers/heldout26_germeval_blind.tsv"),
        &[(MarkerKind::NegativeExperience, 0.9, 0.4)],
    );
    check_germeval(
        "heldout20 (GermEval, never flagged)",
        include_str!("markers/heldout20_germeval_unflagged.tsv"),
        &[(MarkerKind::NegativeExperience, 0.9, 0.2)],
    );
    // Session 22's blind sample: 200 of the 1,033 GermEval texts no label
    // file used, drawn regardless of flags and labelled before the run.
    // Run blind with all the session's rules: 0 of 10; 1 after a comment
    // on a company's page counts as speaking to it (`Re: Deutsche Bahn
    // Personenverkehr Heute Abend in Freiburg war ja unter aller Sau`), 2
    // after `nicht mehr gültig` near a company.
    check_germeval(
        "heldout29 (GermEval, blind)",
        include_str!("markers/heldout29_germeval_blind.tsv"),
        &[(MarkerKind::NegativeExperience, 0.9, 0.2)],
    );
}

/// The flags the last two sessions' rules added on GermEval texts no label
/// file had used (21: 18 real, 3 false — a disruption ticker, others'
/// outrage, a talk turned down at a hackathon), labelled by hand as found,
/// so that the figure of all flags on unlabelled feedback can be redone.
#[test]
fn flags_the_complaint_and_context_rules_added() {
    check_germeval(
        "heldout21 (GermEval, new flags)",
        include_str!("markers/heldout21_germeval_new_flags.tsv"),
        &[(MarkerKind::NegativeExperience, 0.8, 0.95)],
    );
    // Session 22: the flags on unlabelled GermEval texts that a comment on
    // a company's page added (2 real, 1 a question in a sad tone).
    check_germeval(
        "heldout30 (GermEval, new flags)",
        include_str!("markers/heldout30_germeval_new_flags.tsv"),
        &[(MarkerKind::NegativeExperience, 0.6, 0.95)],
    );
}

/// Boilerplate where it is written: the GermEval texts in a company's
/// voice (signed by a service team, `… /je`, or greeting the reader and
/// speaking as `wir` to `Sie`) that no label file used, 19, labelled by
/// hand for boilerplate only (5 carry a service formula or a non-answer:
/// `Wir sind morgen wieder für Sie da`, `Gerne habe ich Ihren Bericht an
/// den Fachbereich weitergeleitet`, `liegen mir leider keine Echtzeitdaten
/// vor`). As drawn: 0 of 5 found. After patterns written from the misses:
/// 4 of 5 (`Ich hoffe, das hilft ein wenig` stood too far from the
/// reply's `Ihnen`), no false flag; 5 of 5 since a reply signed with a
/// team's initials (`… ein wenig. /ar`) counts as in its voice throughout.
///
/// `heldout27`: the 10 GermEval texts in a company's voice that were left
/// after that (found by signatures and greetings, `Viele Grüße, Julia von
/// FlixBus`, `Hallo Laurenz, vielen Dank …`), labelled by hand for every
/// kind before their first run. 5 carry formulas; **run blind: 2 of 5**
/// (`vielen Dank für dein Interesse`, `Wir geben den Wunsch … gerne
/// weiter`, `das Thema ist uns durchaus bekannt` missed), and the money
/// pitch among them (`verdient dein PC … auch schon Geld? … schreibe mir
/// ein PN`) was no spam. After patterns for service replies (from these
/// misses and a collection of reply phrases): 5 of 5, the pitch found.
#[test]
fn boilerplate_in_company_replies() {
    check_germeval(
        "heldout22 (GermEval, company replies)",
        include_str!("markers/heldout22_germeval_company_replies.tsv"),
        &[(MarkerKind::Boilerplate, 0.9, 0.95)],
    );
    check_germeval(
        "heldout27 (GermEval, company replies left)",
        include_str!("markers/heldout27_germeval_company_replies.tsv"),
        &[(MarkerKind::Boilerplate, 0.9, 0.95), (MarkerKind::Spam, 0.9, 0.95)],
    );
}

/// What service teams write in replies, with and without a company's voice
/// near: the plain formulas count anywhere, the `~` ones (also said among
/// friends, or of others in news) only in that voice.
#[test]
fn service_reply_formulas() {
    let plain = [
        "Vielen Dank für dein Interesse an einem Praktikum.",
        "Das Problem ist uns bekannt und wir arbeiten daran.",
        "Leider können wir Ihnen hier nicht weiterhelfen, sorry.",
        "Wir arbeiten stetig daran, unseren Service zu verbessern.",
        "Wir investieren kontinuierlich in unsere Infrastruktur.",
        "Wir nehmen Ihre Anregung gerne auf.",
        "Die zuständigen Kollegen werden sich mit Ihnen in Verbindung setzen.",
        "Schick uns gern eine DM mit deiner Buchungsnummer.",
        "Wir hoffen auf Ihr Verständnis.",
        "Die Sicherheit unserer Fahrgäste hat höchste Priorität.",
        "Wir bedauern, dass Sie unzufrieden sind.",
        "Das entspricht nicht unseren Qualitätsstandards.",
        "Der Vorgang wird derzeit geprüft.",
        "Wir haben dein Feedback weitergegeben.",
        "Wir halten Sie auf dem Laufenden.",
        "Wir bitten, dies zu entschuldigen.",
        "Wir behalten uns rechtliche Schritte vor.",
    ];
    let reply = |formula: &str| format!("Hallo Anna, wir haben deine Nachricht gelesen. {formula}");
    let in_voice: Vec<String> = [
        "Verspätungen lassen sich leider nicht immer vermeiden.",
        "Das ist natürlich ärgerlich.",
        "Das sollte natürlich nicht passieren.",
        "Wir wünschen Ihnen trotzdem eine gute Fahrt.",
        "Unsere Techniker arbeiten bereits an einer Lösung.",
        "Darauf haben wir leider keinen Einfluss.",
    ]
    .iter()
    .map(|f| reply(f))
    .collect();
    let mut flagged: Vec<&str> = plain.to_vec();
    flagged.extend(in_voice.iter().map(String::as_str));
    let everyday = [
        "Das ist natürlich ärgerlich, wenn man den Bus verpasst.",
        "Ich wünsche euch eine gute Fahrt!",
        // A club to its fans (GermEval).
        "Egal wie Ihr nach Nürnberg kommt, wir wünschen Euch eine gute Fahrt.",
        // News of a union (GermEval).
        "Die Betriebsräte arbeiteten deshalb schon jetzt an zielführenden Lösungen.",
        "Forscher arbeiten bereits an einer Lösung für das Problem.",
        "Die Polizei prüft den Vorfall.",
        "Gerne helfe ich dir weiter, wenn du Fragen zum Rezept hast.",
        "Darauf hat der Trainer leider keinen Einfluss.",
    ];
    check_kind(MarkerKind::Boilerplate, &flagged, &everyday);
}

/// German ad language collected before the last ad sample was drawn
/// (calls, deadlines, discounts, bait), with the everyday and review
/// senses of the same words as controls.
#[test]
fn ad_calls_deadlines_and_discounts() {
    let ads = [
        "Greif zu, solange der Vorrat an Rabatten reicht!",
        "Schnapp dir jetzt dein Exemplar!",
        "Hol dir jetzt dein Ticket!",
        "Jetzt Probefahrt vereinbaren!",
        "Hier geht's zum Shop: http://x.de",
        "Schnell sein lohnt sich!",
        "Nur für kurze Zeit: alle Schuhe zum halben Preis.",
        "Das Angebot gilt bis Freitag.",
        "Räumungsverkauf: Alles muss raus!",
        "Stark limitiert: nur 100 Exemplare.",
        "Zum Einführungspreis von nur 19 €.",
        "Early Bird Tickets jetzt erhältlich.",
        "UVP 199 €, bei uns nur 149 €!",
        "Kostenloser Versand ab 20 € Bestellwert.",
        "Mit dem Code WINTER10 sparst du 10 Euro.",
        "Kaufe 2, zahle 1!",
        "Zwei zum Preis von einem!",
        "Heute 0% Finanzierung.",
        "Mitmachen und gewinnen!",
        "Der erste Monat ist gratis.",
        // SB-10k tweets.
        "Gutschein: Geschenkt! Go Stygimoloch im Wert von 14,99 Euro beim Kauf eines Sets http://t.co/x",
        "Im Rahmen unserer Sonderaktion bieten wir folgendes an: http://t.co/x",
        // From the misses of the last ad sample (heldout28), run blind.
        "iPhone, TV, Tablet: Blitz-Angebote bei... http://t.co/x",
        "Das Paket, bei dem Ihr 24x 10,- € sparen könnt http://t.co/x",
        "Das Ticket dazu gibt's hier gratis: http://t.co/x Schnell mitmachen!",
        "Bezahle weniger für Festplatten. Beste Preise ansehen http://t.co/x",
    ];
    let everyday = [
        // A film review, a room offered with a wink (GermEval), an
        // encyclopedia (Wikipedia).
        "Wer tolle Charaktere und ein schnelles Spiel will, sollte zu diesem Film greifen.",
        "Ab Mai wird mein Zimmer frei! Eigene Wohnung zum halben Preis ;)",
        "25 % Preissenkung im Winterschlussverkauf kann eine Software planen.",
        "Viele greifen zu Schmerzmitteln, wenn der Rücken weh tut.",
        "Es hat sich gelohnt, schnell zu sein: wir haben den Zug noch erwischt.",
        "Die Stadt will im nächsten Jahr 5 Millionen Euro sparen.",
        "Verbraucher zahlen weniger für Strom als im Vorjahr.",
    ];
    check_kind(MarkerKind::HardSell, &ads, &everyday);
}

/// Money-making pitches (`Geld verdienen`, `Nebenverdienst`, `Heimarbeit`)
/// are spam with a way to reach the pitcher: a link, or a call to write.
#[test]
fn money_making_pitches_are_spam_where_the_pitcher_can_be_reached() {
    let pitches = [
        // PotTS and SB-10k tweets.
        "Heimarbeit mit Top - Verdienst Einfach und schnell umzusetzen auch ohne Homepage http://t.co/x",
        "geld verdienen - Jeden Tag Zahlungen auf Ihr PayPalkonto http://t.co/x",
        "Ihr Verdienst bei Umfragen 0,75 € und 7 € pro vollständiger Umfrage http://t.co/x",
        "Sie wollen zusätzlich Geld verdienen? http://t.co/x",
        "Jetzt 1.000 Euro oder mehr im Internet verdienen mit PC Arbeit GRATIS INFO! http://t.co/x",
        // A comment's pitch without a link, with a call to write.
        "Verdient dein Smartphone auch schon Geld? Bei mir schon, 10 Klicks am Tag. \
         Du kannst dir ein nettes Zusatzeinkommen aufbauen. Schreib mir eine PN!",
    ];
    let news = [
        "Abgeordnete verdienen im Schnitt 170.000 Euro http://t.co/x",
        "Al Gore verdiente 75 Millionen Euro im Monat http://t.co/x",
        "Was verdient man eigentlich bei der Bahn?",
        // No link and no call to write: a wish, not a pitch.
        "Ich würde gern nebenbei Geld verdienen, hat jemand eine Idee?",
    ];
    check_kind(MarkerKind::Spam, &pitches, &news);
    let flags = Analyzer::new().analyze(pitches[5]).flags().to_vec();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0].category(), "money_scheme");
    // The pitch and the call to write are its evidence.
    let roles: Vec<(&str, &str)> =
        flags[0].evidence().iter().map(|e| (e.role(), e.text())).collect();
    assert_eq!(roles[0].0, "pitch", "{roles:?}");
    assert!(roles.contains(&("contact", "Schreib mir eine PN")), "{roles:?}");
}

/// Hard selling where it is written: tweets with a link and a word of price
/// or offer (`€`, `%`, `gratis`, `Gewinnspiel`, `Angebot`) that no label
/// file used, labelled by hand for hard sell only (a call to buy, a
/// discount, a deadline, a giveaway or free offer as bait; not news of a
/// price or of something free). `heldout23`, 80 tweets, 27 hard sells: 0
/// found as drawn — the labelled sets' recall of 1.00 was in-sample. After
/// patterns written from its misses: 18 of 27. `heldout24`, 60 tweets drawn
/// after that round from the 181 left, 24 hard sells, 0 before the round:
/// **8 of 24 run blind**, then 12 after free offers with a second word of
/// selling near (`Gratis Beauty-Box ab 15€ Einkauf <link>`), 16 (and 1
/// false: a headline) after a post that opens with a free offer and a link
/// counted as bait (`Gratis Web Cam Sex: … <link>`); `heldout23` 23 of 27.
/// `heldout25`, 50 more drawn after that from the 121 left, 17 hard sells,
/// **run blind: 6 of 17** (and of the 10 unlike any text seen before, 0);
/// 10 after patterns from its misses (`Nur noch wenige Plätze frei`, `bis
/// zu 30 EUR Rabatt`, `Unschlagbarer Preis`, `Normalpreis: 52.99 €`).
/// `heldout28`, the 71 left (26 hard sells), drawn after 33 patterns were
/// written from a collection of German ad language (not from tweets):
/// **run blind: 13 of 26** (12 with the session's starting rules), no
/// false flag; 20 after patterns from its misses (`Blitz-Angebote`,
/// `Kreditaktion`, `bei dem Ihr 24x 10,- € sparen könnt`, `Schnell
/// mitmachen!`, `Bezahle weniger`, `Top Preis:`).
#[test]
fn hard_selling_in_ad_tweets() {
    let sets = ["sb10k_train", "sb10k_dev", "potts"];
    // Each sample with its recall floor (precision 0.9 for all).
    for (name, labels, recall) in [
        ("heldout23 (ad tweets)", include_str!("markers/heldout23_tweet_ads.tsv"), 0.8),
        ("heldout24 (ad tweets)", include_str!("markers/heldout24_tweet_ads.tsv"), 0.6),
        ("heldout25 (ad tweets)", include_str!("markers/heldout25_tweet_ads.tsv"), 0.55),
        ("heldout28 (ad tweets)", include_str!("markers/heldout28_tweet_ads.tsv"), 0.7),
    ] {
        check_labels(name, labels, &sets, &[(MarkerKind::HardSell, 0.9, recall)]);
    }
    let selling = [
        "Achtung! Nur noch wenige Plätze frei. Gratis Webinar zum Social Media Marketing!",
        "Gutschein: bis zu 30 EUR Rabatt bei Dokter Online http://t.co/x",
        "Festplatte 80GB: Unschlagbarer Preis http://t.co/x",
        "Küchenwaage - Normalpreis: 52.99 € - heute 29.99 € http://t.co/x",
        "Sparen Sie jetzt bei allen Festplatten! http://t.co/x",
        "Angebot des Tages: femininer Rock aus dem Designer Outlet http://t.co/x",
        "Ab heute: 10% auf das gesamte Sortiment im Online-Shop!",
        "Preisabschlag 50% Preis: 18,40 €. Damen Shirt http://t.co/x",
        "Macht mit beim großen Gewinnspiel und gewinnt tolle Bücher!",
        "Unser Gewinnspiel läuft noch bis Sonntag!",
        "Document Viewer: Heute gratis für iPhone http://t.co/x",
        "Onlinespiel kostenlos: einfach ausprobieren http://t.co/x",
        "Ihr Geschenk wartet schon auf Sie!",
        "Beim Casting warten Preise im Gesamtwert von 5.000 €.",
        "Gratis Beauty-Box ab 15€ Einkauf http://t.co/x",
    ];
    let news = [
        "Man hätte sich das Geld sparen können. Jetzt ist es zu spät.",
        "Die Bahn stellt heute ein neues kostenloses Entertainmentsystem vor.",
        "Die Zahl der Arbeitslosen stieg um 5 % auf 3 Millionen.",
        "Pilotprojekt: S-Bahn Stuttgart testet kostenloses WLAN http://t.co/x",
        "Dann gleich ins Kino, wo es aber wohl keiner so richtig registriert.",
        "@DB_Bahn Wollte die Differenz zum 34€ Normalpreis zahlen, musste 48€ blechen.",
    ];
    check_kind(MarkerKind::HardSell, &selling, &news);
}

/// Precision on feedback nobody had tuned on: 40 negative-experience flags
/// drawn at random from the GermEval dev texts that no other label file
/// uses, then labelled by hand (18 real experiences; 8 of the 22 false ones
/// news). Recall is of those 18 only: the sample holds flagged texts.
#[test]
fn flags_on_fresh_customer_feedback() {
    // As drawn: precision 0.45. After news stopped counting as a person's
    // report: 18 of 32 flags real, all 18 kept; after `~` cues: 18 of 31;
    // after this session's rounds (heldout12, heldout13): 18 of 29; after
    // a sentence opened by `Wenn` counted as hypothetical in its
    // consequence too (unless `immer`, `jedes Mal` make it `whenever`):
    // 18 of 27.
    check_germeval(
        "heldout11 (GermEval flags)",
        include_str!("markers/heldout11_germeval_flags.tsv"),
        &[(MarkerKind::NegativeExperience, 0.6, 1.0)],
    );
}

/// The same on tweets of any topic (SB-10k and PotTS, none used by another
/// label file): 40 negative-experience flags drawn at random, 4 real (a
/// shop's missing delivery, a car's gasket, a Sky cancellation, a delayed
/// train). Experiences are rare there and the cues' other senses are not:
/// `kaputt` = exhausted, `schmutzige Gedanken`, `immer noch kein Papst`.
#[test]
fn flags_on_fresh_tweets_of_any_topic() {
    // As drawn: precision 0.10. After `geht … nicht` needed `mehr`: 0.11;
    // after cues with other senses needed a company, product or account
    // named (`~`): 0.17 (4 of 23), all 4 kept; after a person's account no
    // longer counted: 0.33 (3 of 9), the shop's delivery lost (its
    // accounts, `@Patrick_Kunkel @berlinwerbung`, do not read as a shop).
    // After the film review round (subjects near the cue, `nie wieder` as
    // a vow): 0.60 (3 of 5).
    if let Some(f) = tweet_figures(include_str!("markers/heldout12_tweets_flags.tsv")) {
        check("heldout12 (tweet flags)", &f, &[(MarkerKind::NegativeExperience, 0.5, 0.75)]);
    }
}

/// Tweets to companies' accounts beyond the railway: the 44 SB-10k and
/// PotTS tweets (retweets aside) that mention a service's account and that
/// no label file used, labelled by hand for negative experience only (9,
/// 5 clear-cut). As drawn 0 of 9 flagged; 2 of them had been seen among the
/// complaint rule's flags before labelling. After cues written from the
/// misses (`nicht angekündigt`, `SIM gesperrt`): 3 of 9, no false flag.
/// After the next session's context rules, written from other texts (a
/// company's account in the cue's sentence, a reply opening `.@DB_Bahn`):
/// 5 of 9.
#[test]
fn recall_on_tweets_to_companies() {
    if let Some(f) = tweet_figures(include_str!("markers/heldout19_tweets_to_companies.tsv")) {
        check("heldout19 (tweets to companies)", &f, &[(MarkerKind::NegativeExperience, 0.9, 0.5)]);
    }
}

/// A fresh sample after this session's rounds: all 72 negative-experience
/// flags on the 15,389 GermEval texts and tweets that no label file had
/// used, 20 GermEval and all 15 tweet flags drawn (seed 20261123) and
/// labelled by hand. A writer's own bad experience with a company,
/// product or service counts, a recurring one told to the company too
/// (`@DB_Bahn … jeden Tag zu spät`); news, advice, plots and other senses
/// do not.
#[test]
fn flags_on_a_fresh_mixed_sample() {
    // As drawn: precision 0.40 (14 of 35): GermEval 9 of 20, tweets 5 of
    // 15. After the round it prompted (`anmachen`, `keine Antwort`,
    // `Kündigung`, `seit <n> Stunden` …): 0.50 (14 of 28). After the film
    // review round (heldout15): 0.54 (13 of 24), with `nie wieder` only as
    // a vow 0.57 (13 of 23); lost `kam bis heute nichts an :(` (a
    // programme's registration), as `bis heute … nichts` now needs a named
    // company or service.
    let sets = ["germeval2017_dev", "sb10k_train", "sb10k_dev", "potts"];
    check_labels(
        "heldout13 (fresh flags)",
        include_str!("markers/heldout13_flags.tsv"),
        &sets,
        &[(MarkerKind::NegativeExperience, 0.5, 0.9)],
    );
}

/// Then all 34 flags left on the rest of those texts (GermEval only; no
/// tweet was flagged any more), labelled the same way.
#[test]
fn flags_on_the_rest_of_the_fresh_feedback() {
    // As drawn: precision 0.50 (17 of 34). Two false ones were the
    // railway's own replies (`es tut mir leid, wenn Sie … verpassen`):
    // after empathy formulas became boilerplate and a cue or context word
    // inside a formula stopped counting, 0.53 (17 of 32).
    let sets = ["germeval2017_dev"];
    check_labels(
        "heldout14 (fresh flags)",
        include_str!("markers/heldout14_germeval_flags.tsv"),
        &sets,
        &[(MarkerKind::NegativeExperience, 0.5, 1.0)],
    );
}

/// Another domain: user reviews of films (filmstarts), where complaints
/// about a company are rare and plots, idioms and opinions are not. All
/// 124 negative-experience flags on the 3,886 reviews, labelled by hand
/// (`row:N` names the N-th review): a writer's warning about the film they
/// saw (`Finger weg!`, `kann ich nicht empfehlen`, `nie wieder ansehen`)
/// counts, as `nie wieder` and `Finger weg` do for any product; a plot, an
/// opinion of the film (`das funktioniert nicht`) or a cue in another
/// sense (`eiskalt` = cold-blooded, `Strand` for `gestrandet`, `wuchs` for
/// `Wucher`) does not.
#[test]
fn flags_on_film_reviews() {
    // As drawn: precision 0.20 (25 of 124): the first 62 flags 0.23, the
    // other 62 0.18. The round on the causes in the first 62 (exact forms
    // where stems collide, cues in other senses asking for a named
    // subject, that subject within two sentences before the cue or one
    // after, `Kino` no longer one, `funktioniert … nicht` ordered):
    // first 62 0.65 (13 of 20), the other 62, run blind, 0.29 (10 of 34);
    // then `Betrug`, `nichts passiert`, `ausgefallen` asking for a subject
    // too: 0.37 (10 of 27). 47 flags left of 124. Then `nie wieder` only
    // as a vow (exclaimed, or with a first-person word): 0.72 and 0.43,
    // all 124 0.56 (23 of 41); after the audit of stemmed cue words
    // (`words_that_only_stem_alike_are_no_cues`): 0.58 (23 of 40). Then,
    // in a text that names a work (`[negative_experience/work]`), every
    // cue but a strong one asking for a subject: 0.71 (22 of 31; lost: a
    // reviewer's warning that the film would `unterjubeln` propaganda).
    // Then no phone, computer or train as that subject (props of plots):
    // 0.85 (22 of 26).
    check_labels(
        "heldout15 (film review flags)",
        include_str!("markers/heldout15_filmstarts_flags.tsv"),
        &["filmstarts"],
        &[(MarkerKind::NegativeExperience, 0.8, 0.85)],
    );
}

/// Boilerplate and hard sell on text no label file had used: all 110 of
/// their flags on the ../shared texts not named by another label file
/// (tweets, GermEval, film reviews, Wikipedia), labelled by hand. A formula
/// counts where it is a company's or institution's language, also quoted
/// or reported (`Einsatzplaner arbeiten mit Hochdruck daran`), a call to
/// buy where something is sold; everyday senses do not (`kein Kommentar`
/// between friends, a review's sign-off, `nur noch 3 Tage` until an
/// election). Only these two kinds were judged.
#[test]
fn boilerplate_and_hard_sell_flags_on_fresh_text() {
    // As drawn: boilerplate 0.41 (20 of 49; the flags at even rows 0.36,
    // odd rows 0.46), hard sell 0.62 (38 of 61; 0.67 and 0.58). The round
    // on the even rows only (`~` formulas and calls that count only near a
    // company's voice or a word of selling; `nur noch <num> Tage` in
    // order; exact `sale` and `teilen`; a negation just before a call;
    // `freigesetzt` of staff only): even rows 0.75 and 0.95, the odd rows,
    // run blind, 0.61 and 0.69. Then a round on the odd rows (`leider …
    // nicht möglich`, `Vorreiter`, `Synergien` as `~`; ordered
    // `automatisch erstellt`, `jetzt zugreifen` and prices): all 0.91 (20
    // of 22) and 0.86 (38 of 44), no right flag lost.
    let sets = [
        "germeval2017_dev",
        "sb10k_train",
        "sb10k_dev",
        "potts",
        "filmstarts",
        "wikipedia_neutral",
    ];
    check_labels(
        "heldout16 (fresh boilerplate and hard-sell flags)",
        include_str!("markers/heldout16_fresh_flags.tsv"),
        &sets,
        &[(MarkerKind::Boilerplate, 0.85, 1.0), (MarkerKind::HardSell, 0.8, 1.0)],
    );
}

/// Formulas that are also everyday language count only in a company's or
/// institution's voice near them (`wir`, `Ihnen`, `Unternehmen`,
/// `Sprecher`), and the flag names that context as evidence.
#[test]
fn everyday_formulas_are_boilerplate_only_in_a_company_voice() {
    let company = [
        "Zu den Gerüchten sagte der Sprecher des Unternehmens nur: Kein Kommentar.",
        "Zu Spekulationen nehmen wir keine Stellung.",
        "Wir begegnen unseren Kunden auf Augenhöhe.",
        "Sehr geehrter Herr Müller, vielen Dank für Ihre Nachricht.",
        "Der Konzern hat 300 Mitarbeiter freigesetzt.",
        "Mit freundlichen Grüßen, Ihr Service-Team",
        "Wir nehmen Ihre Kritik sehr ernst.",
        // What a service team's replies say (GermEval: a sample of 33
        // company replies, 3 of whose formulas no pattern had found).
        "Wir sind morgen wieder für Sie da. Gute Nacht!",
        "Gerne habe ich Ihren Bericht an den Fachbereich weitergeleitet.",
        "Das Lob geben wir gern an die Kollegen weiter.",
        "Zu Ihrem Zug liegen uns leider keine Informationen vor.",
        // A reply signed with a team's initials is in its voice throughout.
        "Die Haltestelle ist am Bahnhofsvorplatz. Der Bus fährt alle zehn Minuten. \
         Ich hoffe, das hilft ein wenig. /ar",
    ];
    let everyday = [
        "Ich habe die Nachricht an meinen Bruder weitergeleitet.",
        "Ich bin immer für dich da.",
        "Zum Unfall liegen der Polizei noch keine Informationen vor.",
        "Ich hoffe, das hilft dir weiter.",
        "Kein Kommentar! Du kennst mich ja.",
        "Zu religiösen Fragen nahm er nie Stellung.",
        "Die beiden Hauptdarstellerinnen spielen auf Augenhöhe.",
        "Sehr geehrter Herr Müller, haben Sie am Sonntag Zeit?",
        "Das Gas wird beim Abbau freigesetzt.",
        "Ein toller Film, den ich jedem empfehle. Mit freundlichen Grüßen, Jana",
        "Die Kritik am Streik sollte man ernst nehmen.",
        "Alles Positive wurde schon gesagt, daher ein paar Gedanken zum Thema.",
    ];
    check_kind(MarkerKind::Boilerplate, &company, &everyday);
    let analysis = Analyzer::new().analyze(company[0]);
    let flag = analysis.flags().iter().find(|f| f.kind() == MarkerKind::Boilerplate).unwrap();
    let roles: Vec<(&str, &str)> = flag.evidence().iter().map(|e| (e.role(), e.text())).collect();
    // The nearest context word is the evidence.
    assert_eq!(roles, [("cue", "Kein Kommentar"), ("context", "Unternehmens")]);
}

/// Scarcity and giveaway words that are also everyday language count as
/// hard selling only near a word of selling (`Rabatt`, `€`, `Shop`,
/// `bestellen`).
#[test]
fn scarcity_is_hard_selling_only_where_something_is_sold() {
    let selling = [
        "Nur noch 3 Tage: alle Jacken 30 % reduziert!",
        "Letzte Chance: nur heute 20 € Rabatt im Shop!",
        "Nur noch 3 Plätze frei, jetzt buchen!",
        "Dieses Angebot nicht verpassen!",
    ];
    let everyday = [
        "Nur noch 3 Tage bis zur Wahl!",
        "Das war wohl seine letzte Chance.",
        "Noch 40 Tage: versteht der Minister nur Bahnhof.",
        "Am Turnier nahmen zehn Teams teil, die auch an den Playoffs teilnehmen durften und aufstiegen.",
        "Jetzt haben wir den Salat.",
        "@DB_Bahn ist aber kein Gutscheincode gekommen!",
    ];
    check_kind(MarkerKind::HardSell, &selling, &everyday);
}

/// Spam on text no label file had used: the 29 spam flags other than
/// repeats on those ../shared texts (tweets, GermEval), labelled by hand.
/// Link and loan spam counts; a tweet sharing an article it names or
/// cheering someone does not, nor a `Mehr Infos unter …` ending news.
#[test]
fn spam_flags_on_fresh_text() {
    // As drawn: 0.38 (11 of 29; even rows 0.47, odd rows 0.29). The round
    // on the even rows (praise with a link and an `@name` past the
    // addressees is sharing; `Mehr Infos unter` only near a word of
    // selling; exact `post`, which by stem was `Poster`): even rows 0.75,
    // the odd rows, run blind, 0.67. Then, from the odd rows, praise of a
    // title it quotes is sharing too: 0.91 (10 of 11). Lost: a poster
    // shop's ad, found only through `Poster`.
    let sets = ["germeval2017_dev", "sb10k_train", "sb10k_dev", "potts"];
    check_labels(
        "heldout17 (fresh spam flags)",
        include_str!("markers/heldout17_spam_flags.tsv"),
        &sets,
        &[(MarkerKind::Spam, 0.85, 0.9)],
    );
}

/// Generic praise with a link is a drive-by; praise that names whose
/// article it shares, quotes its title or cheers someone is a tweet
/// passing something on.
#[test]
fn sharing_an_article_is_no_link_drop() {
    let spam = [
        "Toller Beitrag! Schaut mal hier: http://example.com/angebot",
        "@anna Toller Artikel! http://bit.ly/xyz",
        "Kredit ohne Schufa, mehr Infos unter http://kredit.example.com",
    ];
    let sharing = [
        "Schöner Artikel in der FAZ http://faz.net/x via @alio",
        "Interessanter Artikel: \"Googles gefährliche Meinungsmache\" http://t.co/x",
        "Weiter so @jusos! http://t.co/abc",
        "Weichenstörung in Wiebelsbach. Mehr Informationen auf http://bahn.example.com",
        // A poster is no post (by stem they were one).
        "Schönes Poster im Flur gesehen: http://t.co/x",
    ];
    check_kind(MarkerKind::Spam, &spam, &sharing);
    let analysis =
        Analyzer::new().analyze("Neue Angebote im Shop, mehr Infos unter http://shop.example.com");
    let flag = analysis.flags().iter().find(|f| f.kind() == MarkerKind::Spam).unwrap();
    let roles: Vec<&str> = flag.evidence().iter().map(|e| e.role()).collect();
    assert_eq!(roles, ["praise", "link", "context"], "{flag:?}");
}

/// A company's reply tells of the reader's trouble in its formulas; the
/// writer had no experience (the cue or its context word is inside one).
#[test]
fn a_service_reply_reports_no_experience_of_its_own() {
    let replies = [
        "Hallo Herr Kirchner, es tut mir leid, wenn Sie wegen Verzögerungen Ihren Anschlusszug verpassen.",
        "Hallo Frau Kaya, wir verstehen, dass Sie sich über wiederholte Verspätungen ärgern.",
        "Ich wünsche Ihnen trotz der Verspätung noch ein schönes Wochenende.",
    ];
    let complaints = [
        ("Es tut mir leid, aber seit drei Wochen warte ich auf eine Antwort.", "waiting/"),
        ("Wir verstehen nicht, dass Sie uns seit Wochen auf das Paket warten lassen!", "waiting/"),
    ];
    check_experience_cues(&complaints, &replies);
    for text in replies.iter().take(2) {
        let analysis = Analyzer::new().analyze(text);
        assert!(analysis.flags().iter().any(|f| f.kind() == MarkerKind::Boilerplate), "{text}");
    }
}

#[test]
fn markers_on_tweets_about_other_companies() {
    // heldout8: 90 tweets naming a company, shop or service (2
    // experiences, 2 hard sells, 11 shop ads). Blind first run: experience
    // 0 of 2 with 2 false flags, hard sell 2 of 2 with 1 false flag, spam
    // 1 of 11.
    if let Some(f) = tweet_figures(include_str!("markers/heldout8_tweets.tsv")) {
        check(
            "heldout8 (tweets)",
            &f,
            &[
                (MarkerKind::NegativeExperience, 1.0, 0.5),
                (MarkerKind::HardSell, 1.0, 1.0),
                (MarkerKind::Spam, 1.0, 0.5),
            ],
        );
    }
    // heldout9: 70 negative tweets naming a service (8 experiences). Blind
    // first run: 0 of 8, no false flags.
    if let Some(f) = tweet_figures(include_str!("markers/heldout9_tweets.tsv")) {
        check("heldout9 (tweets)", &f, &[(MarkerKind::NegativeExperience, 1.0, 0.5)]);
    }
    // heldout10: 80 more negative tweets, drawn and labelled after the
    // fixes of heldout8 and 9 (6 experiences, 1 spam). Blind first run:
    // experience 1 of 6, no false flags; 1 false hard sell (a customer's
    // demand for a discount, reported); the spam (a loan ad) missed.
    if let Some(f) = tweet_figures(include_str!("markers/heldout10_tweets.tsv")) {
        check(
            "heldout10 (tweets)",
            &f,
            &[(MarkerKind::NegativeExperience, 1.0, 0.33), (MarkerKind::Spam, 1.0, 1.0)],
        );
    }
}

#[test]
fn boilerplate_is_not_sentiment() {
    let analyzer = Analyzer::new();
    let reply = "Vielen Dank für Ihr Verständnis. Wir bedauern die Unannehmlichkeiten. \
                 Mit freundlichen Grüßen";
    let a = analyzer.analyze(reply);
    assert!(a.is_neutral(), "a reply of formulas only is neutral: {a:?}");
    assert!(a.hits().is_empty(), "masked formulas leave no hits: {:?}", a.hits());
    assert_eq!(a.flags().len(), 3);
    let plain = Analyzer::builder().markers([]).build().unwrap().analyze(reply);
    assert!(!plain.hits().is_empty(), "without markers the formulas are scored");
}

#[test]
fn flags_carry_spans_patterns_and_evidence() {
    let text = "Super Produkt. Seit drei Wochen warte ich auf eine Antwort.";
    let a = Analyzer::new().analyze(text);
    let f = a
        .flags()
        .iter()
        .find(|f| f.kind() == MarkerKind::NegativeExperience)
        .expect("a negative experience");
    assert_eq!(&text[f.start()..f.end()], f.text());
    assert_eq!(f.category(), "waiting");
    assert!(f.pattern().starts_with("waiting/"), "{}", f.pattern());
    let roles: Vec<&str> = f.evidence().iter().map(|e| e.role()).collect();
    assert!(roles.contains(&"cue") && roles.contains(&"context"), "{roles:?}");
    for e in f.evidence() {
        assert_eq!(&text[e.start()..e.end()], e.text());
    }
}

#[test]
fn opening_thanks_is_no_good_experience() {
    let analyzer = Analyzer::new();
    let has_experience = |text: &str| {
        let a = analyzer.analyze(text);
        (a.flags().iter().any(|f| f.kind() == MarkerKind::NegativeExperience), a.is_negative())
    };
    // Sarcastic thanks opening the sentence: the experience stands, and the
    // thanks turns sarcastic with it.
    let sarcastic =
        "Danke @Reisebuero, dass wir wegen falscher Tickets nachts um 2 Uhr in Wien stranden.";
    assert_eq!(has_experience(sarcastic), (true, true), "{sarcastic}");
    // Thanks closing a report of a repair is sincere: a good experience.
    let sincere = "Das defekte Teil wurde innerhalb von zwei Tagen ersetzt, danke!";
    assert!(!has_experience(sincere).0, "{sincere}");
}

/// Each phrase the tone-marker issue names, exactly as written there, gets
/// a flag of its kind and category; so do the patterns an audit found that
/// could never match (`funkstille|totstellen|stellt sich tot` read as
/// `… sich tot` after every alternative).
#[test]
fn the_named_phrases_are_flagged_as_written() {
    let analyzer = Analyzer::new();
    let named = [
        (
            "Zu Spekulationen und Gerüchten nehmen wir grundsätzlich keine Stellung.",
            "boilerplate",
            "non_answer",
        ),
        ("Das können wir so nicht bestätigen.", "boilerplate", "non_answer"),
        ("Zu diesem Thema wurde schon alles gesagt.", "boilerplate", "non_answer"),
        ("Dazu geben wir keinen Kommentar ab.", "boilerplate", "non_answer"),
        ("Vielen Dank für Ihr Verständnis.", "boilerplate", "service_formula"),
        ("Wir bedauern die Unannehmlichkeiten.", "boilerplate", "service_formula"),
        ("Ihr Anliegen wurde weitergeleitet.", "boilerplate", "service_formula"),
        ("Wir leiten Ihr Anliegen an die Fachabteilung weiter.", "boilerplate", "service_formula"),
        ("Wir stellen uns neu auf.", "boilerplate", "pr_euphemism"),
        ("Es gibt eine moderate Preisanpassung.", "boilerplate", "pr_euphemism"),
        ("Die Verschlankung der Verwaltung ist beschlossen.", "boilerplate", "pr_euphemism"),
        ("Wir denken ganzheitlich.", "boilerplate", "buzzword"),
        ("Wir wollen Synergien heben.", "boilerplate", "pr_euphemism"),
        ("Unsere 360-Grad-Kommunikation.", "boilerplate", "buzzword"),
        ("Seit drei Wochen warte ich auf eine Antwort.", "negative_experience", "waiting"),
        ("Nie wieder!", "negative_experience", "never_again"),
        ("Finger weg!", "negative_experience", "never_again"),
        ("Ich hänge seit einer Stunde in der Warteschleife.", "negative_experience", "waiting"),
        ("Seit Tagen meldet sich niemand bei mir.", "negative_experience", "no_answer"),
        (
            "Mir wurde ein Rückruf versprochen, passiert ist nichts.",
            "negative_experience",
            "broken_promise",
        ),
        ("Die Erstattung wurde mir verweigert.", "negative_experience", "refusal"),
        ("Ich wurde dreimal weiterverbunden.", "negative_experience", "passed_around"),
        (
            "Ich wurde bei der Hotline dreimal weitergeleitet.",
            "negative_experience",
            "passed_around",
        ),
        (
            "Ich wurde bei der Hotline hin und her verbunden.",
            "negative_experience",
            "passed_around",
        ),
        (
            "Jedesmal ein anderer Mitarbeiter, ich bin genervt.",
            "negative_experience",
            "passed_around",
        ),
        ("Ich wurde am Telefon abgewimmelt.", "negative_experience", "passed_around"),
        ("Vom Vermieter herrscht bei mir Funkstille.", "negative_experience", "no_answer"),
        (
            "Der Vermieter stellt sich seit Wochen tot, ich bin sauer.",
            "negative_experience",
            "no_answer",
        ),
        ("Jetzt sofort kaufen!", "hard_sell", "pressure"),
        ("Nur heute im Shop!", "hard_sell", "scarcity"),
        ("10% Rabatt auf alles im Shop!", "hard_sell", "discount"),
        ("Solange der Vorrat reicht!", "hard_sell", "scarcity"),
        ("I LOVE this blog! Awesome Job!", "spam", "english_praise"),
    ];
    for (text, kind, category) in named {
        let a = analyzer.analyze(text);
        let found: Vec<_> = a.flags().iter().map(|f| (f.kind().as_str(), f.category())).collect();
        assert!(found.contains(&(kind, category)), "{text}: {found:?}");
    }
    // A message passed on is no experience of being passed around.
    check_kind(MarkerKind::NegativeExperience, &[], &["Ich habe dir den Link weitergeleitet."]);
}

#[test]
fn praise_in_another_clause_makes_no_good_experience() {
    // Praise in a clause of its own, before or after the cue (the labelled
    // sets: SB-10k, heldout2): the experience stands.
    let flagged = [
        "@MaxundMichaKrim Thx4 rosa Empfehlung, sehe rot, beim Anblick meines gecrashten PCs.",
        "Seit Montag kein Internet und der Techniker kommt erst nächste Woche, echt super Service...",
    ];
    // A concession joins the clauses: then the sentence as a whole says how
    // it went. A face comments on every clause of its sentence (PotTS).
    let not_flagged = [
        "Heute trotz Verspätung super Service!",
        "Die Lieferung kam zwar mit Verspätung, aber alles war super.",
        "Die Lieferung kam mit Verspätung, immerhin war alles heil.",
        "Bei mir kam das Paket erst nach drei Tagen an, dafür war der Preis unschlagbar.",
        "Ich hatte heute einen Termin bei der Telekom, kein Durchkommen am Schalter :-)",
    ];
    check_kind(MarkerKind::NegativeExperience, &flagged, &not_flagged);
}

#[test]
fn the_writers_reaction_after_a_report_is_its_context() {
    // SB-10k: the sentence after says what the writer does about it. A
    // time word after is no context: it belongs to what comes next.
    let flagged = ["Meh, trojita immer noch kein Support für mehrere Accounts. Muss mich wohl doch nach nem andern Mailclient umsehen."];
    let not_flagged = ["Die App hat immer noch keinen Dark Mode. Morgen ist auch noch ein Tag."];
    assert!(Analyzer::new()
        .analyze("Die App hat immer noch keinen Dark Mode. Ich bin genervt.")
        .flags()
        .iter()
        .any(|f| f.kind() == MarkerKind::NegativeExperience));
    check_kind(MarkerKind::NegativeExperience, &flagged, &not_flagged);
}

/// A company's account named in the cue's sentence is told what happened,
/// as one a text opens with (GermEval and SB-10k: `WTF! @DB_Bahn #RE3 …
/// mit defekter Klimaanlage`; `.@DB_Bahn` makes a reply public); a quoted
/// account (`RT @…:`) and one named as a report's source (`… - S5:
/// @SBahnBerlin - 13.01.2016`) are told nothing.
#[test]
fn a_company_named_in_the_sentence_is_told() {
    let cues = [
        ("Na toll! @DB_Bahn #RE7 nach Kiel mit defekter Klimaanlage!", "defect/"),
        ("Warum heißt ihr @DB_Info, wenn man keine Infos bekommt?", "no_answer/keine_infos"),
        (".@DB_Bahn Der ICE nach Köln fällt aus. #Sturm", "waiting/zug_ausfall"),
        ("\"@SBahnBerlin Der Entwerter hat noch nie funktioniert.\"", "defect/"),
    ];
    let controls = [
        // Without the account, the same sentence tells no one.
        "Der RE7 nach Kiel mit defekter Klimaanlage!",
        "RT @sbahn_chaos_de: S1 Richtung Kirchheim ausgefallen wg. Störung",
        "Eine neue S-Bahn Meldung - S5: @SBahnBerlin - 13.01.2016 21:15: Verspätungen wegen einer Störung",
    ];
    check_experience_cues(&cues, &controls);
}

/// In a short post the sentence after goes on with the same report, so a
/// time word there is context (GermEval: `Halt auf freier Strecke. Ansage:
/// … Da war die Bahn wohl wieder sparsam.`); a unit of time alone is not
/// (`Morgen ist auch noch ein Tag`, in
/// `the_writers_reaction_after_a_report_is_its_context`), and in a long
/// text the next sentence tells the next report.
#[test]
fn in_a_short_post_the_sentence_after_goes_on_with_the_report() {
    let cues = [(
        "Halt auf freier Strecke. Da war die Bahn wohl wieder sparsam.",
        "stranded/freie_strecke",
    )];
    let long = format!(
        "{} Halt auf freier Strecke. Heute gibt es Ersatzbusse.",
        "Die Strecke zwischen Hamburg und Berlin wird ab Montag für Bauarbeiten gesperrt, wie der Konzern mitteilte; Fernzüge werden umgeleitet und brauchen länger.",
    );
    check_experience_cues(&cues, &[long.as_str()]);
}

/// Each text of `cues` gets a negative-experience flag whose pattern starts
/// with the one given; no text of `controls` gets one.
fn check_experience_cues(cues: &[(&str, &str)], controls: &[&str]) {
    let analyzer = Analyzer::new();
    let patterns = |text: &str| -> Vec<String> {
        analyzer
            .analyze(text)
            .flags()
            .iter()
            .filter(|f| f.kind() == MarkerKind::NegativeExperience)
            .map(|f| f.pattern().to_string())
            .collect()
    };
    for (text, pattern) in cues {
        let found = patterns(text);
        assert!(found.iter().any(|p| p.starts_with(pattern)), "{text}: {found:?}");
    }
    for text in controls {
        assert!(patterns(text).is_empty(), "{text}: {:?}", patterns(text));
    }
}

#[test]
fn waiting_in_vain_and_a_delivery_that_never_came_are_experiences() {
    // Told in the simple past, or with the participle put first: the
    // word order of a story rather than of a complaint.
    let cues = [
        (
            "Der Monteur wollte um acht kommen. Gestern wartete ich vergebens.",
            "no_answer/wartete_vergebens",
        ),
        ("Ich warte seit dem Anruf vergeblich auf den Rückruf.", "no_answer/wartete_vergebens"),
        (
            "Ich habe das Päckchen am Montag verschickt. Angekommen ist es nie!",
            "waiting/nie_angekommen",
        ),
        (
            "Ich habe im Shop bestellt und bezahlt. Geliefert wurde bis heute nichts.",
            "waiting/nie_angekommen",
        ),
    ];
    let controls = [
        // no writer and no time: someone else's waiting
        "Die Fans warteten vergeblich auf ein Tor.",
        // no company, product or service near it
        "Er wanderte 1850 nach Amerika aus. Angekommen ist er nie.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn no_shows_cancellations_and_detours_are_experiences() {
    // A train named by its type, a no-show, having to walk: cues found in
    // real feedback (GermEval heldout6) and said in many other ways.
    let cues = [
        ("@DB_Bahn IC 2073 ab Niebüll nach Berlin fällt aus. Was tun?", "waiting/zug_ausfall"),
        ("Unsere Bahn kam heute einfach nicht.", "waiting/nicht_gekommen"),
        (
            "Der Techniker ist bis heute nicht gekommen, ich habe Urlaub genommen.",
            "waiting/nicht_gekommen",
        ),
        ("Wir mussten wieder zum Hauptbahnhof zurücklaufen.", "stranded/ausweichen_muessen"),
        ("Seit 20 Minuten kommt keine Bahn.", "waiting/kein_zug_kommt"),
    ];
    // Controls: `Fall` is no `fallen`, advice in the second person is no
    // report, a train that comes is none.
    let controls = [
        "Auf jeden Fall wird die Strecke ab dem nächsten Fahrplanwechsel vom IC befahren.",
        "Dann musst du wirklich hier laufen, Hasen sind manchmal auch unterwegs :)",
        "Mein Zug kam heute pünktlich, danke!",
        "Wieder ein Grund mehr, nicht Bahn zu fahren.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn everyday_complaints_beyond_the_railway() {
    let cues = [
        ("Habe meinen Anschluss in Hannover verpasst.", "waiting/anschluss_verpasst"),
        ("Ich habe jetzt dreimal angerufen und nachgefragt.", "no_answer/mehrfach_nachgefragt"),
        ("Der Zug war heute wieder total überfüllt.", "defect/ueberfuellt"),
        ("Im Waggon ist es heute wie in der Sauna.", "defect/sauna"),
        ("Mein Ticket wurde vom Schaffner nicht anerkannt.", "refusal/ticket_nicht_anerkannt"),
        ("Wir mussten 60 Euro Strafe zahlen.", "refusal/strafe_gezahlt"),
        ("Gestern kam eine Mahnung, obwohl ich längst bezahlt habe.", "refusal/mahnung_trotz"),
        ("Meine Kündigung wurde bis heute nicht bestätigt.", "refusal/kuendigung_nicht_bestaetigt"),
        ("Meine Kündigung wird seit Monaten ignoriert.", "refusal/kuendigung_ignoriert"),
        (
            "Die Fahrkarte ist angeblich ungültig, sagt mir der Schaffner.",
            "refusal/ticket_ungueltig",
        ),
        ("Die Vase wurde mir zerbrochen geliefert.", "defect/beschaedigt_angekommen"),
        (
            "Die Mitarbeiterin hat mich herablassend behandelt.",
            "rude_treatment/unhoeflich_behandelt",
        ),
        ("Unser Zug steht auf freier Strecke.", "stranded/freie_strecke"),
        ("@DB_Bahn Beim Halt kurz vor Spandau, der 20 Minuten dauerte.", "stranded/halt_dauer"),
        ("Musste gestern bis 3:30 Uhr warten, bis eine Bahn kam.", "waiting/bis_uhr_warten_musste"),
        (
            "@Telekom_hilft Der Neustart des Routers hat auch nichts gebracht",
            "no_answer/nichts_gebracht",
        ),
        ("Meine Verlustmeldung ist seit zwei Tagen ohne Antwort.", "no_answer/"),
        ("Mein Koffer ist bis heute nicht wieder aufgetaucht.", "waiting/gepaeck_nicht_gefunden"),
        // From the blind heldout26: a vehicle's damage by its compound,
        // later than planned, a forced stop (`dank Taxi` is no praise).
        (
            "Es ist Wochenende und meine Bahn hat 'nen Oberleitungsschaden.",
            "defect/fahrzeugschaden",
        ),
        (
            "Ich habe Hamburg 4h später erreicht als geplant. Super, Bahn!",
            "waiting/spaeter_als_geplant",
        ),
        (
            "Nach der 45 minütigen Zwangspause in Harburg hat mich die Bahn dank Taxi doch noch \
             nach Hause gebracht",
            "waiting/zwangspause",
        ),
        ("Ich hing 40 Minuten in der Warteschlange der Hotline.", "waiting/warteschlange"),
        ("Youtube ruckelt heute schon wieder, danke @Telekom_hilft", "defect/ruckelt"),
        ("Mein Konto bei der Sparkasse wurde gestern ohne Grund gesperrt.", "defect/gesperrt"),
        (
            "@DB_Bahn es wurde nicht angekündigt, dass der Halt in Duisburg entfällt.",
            "no_answer/nicht_angekuendigt",
        ),
        ("Ich habe heute wieder keine Infos bekommen.", "no_answer/keine_infos"),
        // an abbreviated duration is a time word
        ("Der ICE hat 30 Min Verspätung.", "waiting/verspaetung"),
        ("Meine App ist gestern schon wieder abgeschmiert.", "defect/abgeschmiert"),
        ("Das Geld wurde mir bis heute nicht gutgeschrieben.", "refusal/nicht_gutgeschrieben"),
        (
            "Die Punkte wurden nicht auf mein Konto gut geschrieben.",
            "refusal/nicht_gut_geschrieben",
        ),
        ("Im Zug sind heute gefühlte 35 Grad, ich schmelze.", "defect/gefuehlte_grad"),
        ("Uns wurde ein Vertrag untergeschoben.", "bad_experience/untergeschoben"),
        ("Nach dem Ärger wechsle ich jetzt den Anbieter.", "never_again/anbieter_wechseln"),
        ("Die Bahn ignoriert meine Beschwerde seit Wochen.", "no_answer/ignoriert"),
        ("Meine Mails an den Kundenservice werden einfach ignoriert.", "no_answer/ignoriert"),
        // Internet and telephone providers (a blind sample of SB-10k and
        // PotTS tweets about companies other than the railway).
        ("Sorry, meine Internetverbindung ist schlecht.", "defect/verbindung_schlecht"),
        ("Bei meinem WLAN ist gerade wieder der Wurm drin.", "defect/wurm_drin"),
        ("Mein DSL wird ständig gedrosselt.", "defect/gedrosselt"),
        ("Halbe Stunde in der Hotline und kein Durchkommen.", "no_answer/nicht_erreichbar"),
        ("Ich hatte einen miserablen Kundenservice.", "bad_experience/schlechter_service"),
        ("Wir zahlen 2 Euro pro MB, das ist Wucher.", "never_again/abzocke"),
        ("Die App funktioniert nicht.", "defect/app_geht_nicht"),
        // `wenn` with a word of frequency is `whenever`: a report.
        (
            "Wenn ich bei der Hotline anrufe, lande ich jedes Mal in der Warteschleife.",
            "waiting/warteschleife",
        ),
        ("Mein Laptop ist heute schon wieder abgestürzt.", "defect/abgestuerzt"),
        // Service gone since a given day, help put off, a promise never
        // kept, a bus gone early (the labelled sets: heldout, heldout2,
        // GermEval heldout7).
        ("Seit Freitag keine Heizung in unserer Wohnung.", "waiting/seit_tag_kein"),
        ("Der Techniker kommt erst nächste Woche, sagt die Hotline.", "waiting/erst_naechste"),
        ("Die versprochene Gutschrift ist nie gekommen.", "broken_promise/versprochenes_nie"),
        ("Mir ist die U17 heute 2 Minuten zu früh abgefahren.", "waiting/zu_frueh_abgefahren"),
        ("Der Bus ist mir vor der Nase weggefahren.", "waiting/vor_der_nase"),
        // A third batch, written from general complaint vocabulary.
        ("Meine Lieferung lässt auf sich warten.", "waiting/laesst_auf_sich_warten"),
        ("Ich habe ewig in der Schlange gewartet.", "waiting/ewig_gewartet"),
        ("Mein Reparaturtermin wurde schon wieder verschoben.", "waiting/termin_verschoben"),
        ("Unser Flug war überbucht.", "waiting/ueberbucht"),
        ("Mein Koffer ist in Frankfurt verschwunden.", "waiting/gepaeck_weg"),
        ("Ich habe seit Tagen vergeblich versucht, jemanden zu erreichen.", "no_answer/vergeblich"),
        ("Bei der Hotline geht seit Stunden niemand ran.", "no_answer/niemand_geht_ran"),
        ("Die Hotline ist bei mir seit heute früh dauerbesetzt.", "no_answer/dauerbesetzt"),
        ("Der Mitarbeiter hat bei mir einfach aufgelegt.", "no_answer/aufgelegt"),
        ("Mein Liefertermin wurde wieder nicht eingehalten.", "broken_promise/nicht_eingehalten"),
        ("Die App zeigt mir seit dem Update eine Fehlermeldung.", "defect/fehlermeldung"),
        ("Mein Laptop hängt sich ständig auf.", "defect/haengt_sich_auf"),
        ("Auf meiner Rechnung stehen versteckte Kosten.", "defect/versteckte_kosten"),
        (
            "Ich habe angerufen, aber niemand bei der Hotline konnte mir helfen.",
            "refusal/nicht_helfen",
        ),
        ("Ich werde dort nicht mehr bestellen.", "never_again/nicht_mehr_bestellen"),
        ("Da kaufe ich nicht mehr, ich bin enttäuscht.", "never_again/bestelle_nicht_mehr"),
        ("Das war das letzte Mal, dass ich dort gebucht habe.", "never_again/das_letzte_mal"),
        // Advice with the writer's own report in it is still a report.
        (
            "Das musst du dir vorstellen: ich hänge seit einer Stunde in der Warteschleife.",
            "waiting/",
        ),
        // A cancellation by the company, not the writer's own.
        ("Meine Bestellung wurde ohne Grund storniert, ich bin sauer.", "refusal/storniert"),
        ("Die Bahn hat meine Reservierung einfach storniert.", "refusal/storniert"),
        // A hashtag's word counts as the word.
        ("Wir stehen hier im Nirgendwo. #gestrandet", "stranded/gestrandet"),
    ];
    // Controls, most from SB-10k, PotTS and Wikipedia, where earlier
    // drafts of these cues fired: a comparison, a condition, a court, a
    // fridge, an exclamation, news about someone else.
    let controls = [
        "Im Westen sind die Hörsäle heute überfüllter als im Osten.",
        "Ich stehe gerade in der Warteschlange beim Bäcker.",
        // A timetable: `hält` is no `Halt`.
        "Der Zug hält heute alle 20 Minuten in Fulda.",
        // A plan, not a wait that was; a talk that led nowhere names no company.
        "Muss bis 17 Uhr warten, bis ich das neue Spiel spielen kann.",
        "Die Diskussion im Bundestag hat heute nichts gebracht.",
        // Later than planned, a forced break: no company, product or service.
        "Die Europameisterschaft startete einen Tag später als geplant.",
        "Nach seiner Zwangspause kehrt der Stürmer heute zurück.",
        "Die Straße ist seit gestern gesperrt.",
        "Das Video ruckelt, meine Oma filmt mit zittriger Hand.",
        "Heute sind es gefühlte 35 Grad in der Stadt, ich schmelze.",
        "Ich finde den Roman gut geschrieben, aber nicht gut übersetzt.",
        "Wenn er sich nicht entschuldigt, wähle ich SPD!",
        "Das Gericht hat die Klage heute abgewiesen.",
        "Ich schaff mir ne Mikro und n Kühlschrank in meine Küche an.",
        "Absolute Frechheit! #KeinGentleman",
        "Ein ehemaliger Kunde hat die Firma verklagt.",
        "Ich habe den Anschluss noch erwischt, auf dem Weg zum Anschlusszug.",
        // Being ignored is an experience only for the writer or their
        // messages (PotTS: politics ignoring facts).
        "Ich fürchte nur, die Politik wird die Fakten weiterhin ignorieren.",
        // A condition opening the sentence tells what might happen (PotTS),
        // in its consequence too (GermEval).
        "Wenn ich heute nichts Süßes bekomme, geh ich auf die Palme!",
        "@freundin Wenn die @DB_Bahn nicht entgegenkommt, ist das reine Abzocke.",
        // News of an accusation tells of others (PotTS).
        "RT @x: Opposition wirft dem Minister Betrug vor.",
        "Betrug mit Pferdefleisch größer als bekannt.",
        // `seit … Jahren` in encyclopedic writing is no waiting.
        "Zum letzten Mal trat die Pest im Jahre 1680 auf, und seit 1713 ist sie verschwunden.",
        // Not software (PotTS: posters hung up; a side, a government).
        "Einmal hat sie drei Stunden Plakate aufgehängt und dann keine Lust mehr gehabt.",
        "Auf der anderen Seite geht das nicht.",
        "Die Regierung funktioniert nicht.",
        // No company, no service: a promise in politics, a season.
        "Die versprochene Reform ist nie gekommen.",
        "Seit gestern kein Regen mehr, endlich Sommer.",
        // Where the third batch fired on SB-10k and filmstarts before it
        // asked for the writer, a company or a vow: a joke, a condition of
        // sale, a book (by stem `buche` is `Buch`).
        "Mr. Coffee versucht vergeblich, meine Lebensgeister zu wecken.",
        "Google translate kann mir grad nicht helfen.",
        // Advice to a reader (GermEval): nothing happened.
        "@freund @DB_Bahn kündigen kannst du ja einfach per Post oder so.",
        // The writer's own cancellation (heldout2, a control that was flagged).
        "Ich habe meine Bestellung storniert, weil ich das Geschenk doch woanders gefunden habe.",
        "Gemeint ist, dass man nach dem 31. den Download nicht mehr kaufen kann.",
        "Man könnte meinen, ich habe die Hälfte vom Buch nicht gelesen, es ist mehr als 15 Jahre her.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn a_cue_that_starts_before_a_condition_is_not_inside_it() {
    // The cue starts with a hashtag before the sentence's first word, a
    // `wenn`: this once sliced backwards and panicked.
    let a = Analyzer::new().analyze("#Zug wenn der fällt aus, ich warte.");
    assert!(
        a.flags().iter().any(|f| f.kind() == MarkerKind::NegativeExperience),
        "{:?}",
        a.flags()
    );
}

#[test]
fn never_again_a_bad_thing_is_a_wish() {
    let analyzer = Analyzer::new();
    let kinds = |text: &str| -> Vec<MarkerKind> {
        analyzer.analyze(text).flags().iter().map(|f| f.kind()).collect()
    };
    // A wish (GermEval heldout7: a headline); the complaint names what it
    // leaves.
    assert!(kinds("Nie wieder Chaos bei der Bahn plant Bundeswehr der Zukunft").is_empty());
    assert!(kinds("Nie wieder Krieg!").is_empty());
    assert!(kinds("Nie wieder Bahn!").contains(&MarkerKind::NegativeExperience));
    assert!(kinds("Nie wieder bestelle ich hier.").contains(&MarkerKind::NegativeExperience));
    // The words between the parts of a cue found in any order are no part
    // of it: `nutzlos` makes the sentence negative.
    assert!(kinds("Korrigiere: Die Bahn rollt ja gerade nicht, sondern steht nur nutzlos herum")
        .contains(&MarkerKind::NegativeExperience));
    // `am gleichen Tag … kaufe` is no `gleich kaufen`.
    let question =
        "Wenn ich eine Fahrkarte am Automaten kaufe, kann ich am gleichen Tag zurückfahren?";
    assert!(!kinds(question).contains(&MarkerKind::HardSell));
    assert!(kinds("Gleich kaufen, nur heute!").contains(&MarkerKind::HardSell));
}

/// Each text of `flagged` gets a flag of `kind`, no text of `not_flagged`
/// does.
fn check_kind(kind: MarkerKind, flagged: &[&str], not_flagged: &[&str]) {
    let analyzer = Analyzer::new();
    let has = |text: &str| analyzer.analyze(text).flags().iter().any(|f| f.kind() == kind);
    for text in flagged {
        assert!(has(text), "{text}");
    }
    for text in not_flagged {
        assert!(!has(text), "{text}");
    }
}

#[test]
fn descriptions_are_no_experiences() {
    // Encyclopedic and news sentences that share words with the cues:
    // `betrug` = amounted to (only the capitalized noun is the fraud); a
    // cue's own time word (`heute` in `Bis heute … kein`) is no context;
    // `keine Spur` is not `keiner meldet sich`.
    let descriptions = [
        "Die durchschnittliche Haushaltsgröße betrug 2,33 Personen.",
        "Der Rückstand betrug am Ende lediglich 22 Sekunden.",
        "Bis heute ist kein Bild dieser Kirche bekannt.",
        "Noch immer keine Spur vom Täter, meldet die Polizei.",
        // a habit, not a report: `warten` alone is no cue
        "Ich muss jeden Tag im Dunkeln am Bahnhof auf meine Bahn warten.",
        // `fest` before the verb, apart, is an adverb, no stranding
        "Menschen, die eine Bierflasche fest umschlungen in der Bahn sitzen, machen mir Angst.",
    ];
    let experiences = [
        "Das ist Betrug, die Ware habe ich nie erhalten!",
        "Bis heute habe ich keine Antwort bekommen.",
        "Seit drei Wochen meldet sich keiner bei mir.",
        "Wir sitzen seit zwei Stunden in Göppingen fest!",
        "Wir haben drei Stunden in Fulda festgesessen.",
    ];
    check_kind(MarkerKind::NegativeExperience, &experiences, &descriptions);
}

/// Senses that made false flags on GermEval texts no rule was written from
/// (precision there 0.74 → 0.79, no real flag lost): dirt as a metaphor or
/// what one looks through, a charge for false statements, rails laid
/// wrong, hours on a motorway in a rant. A smell in the train and a wrong
/// display still count.
#[test]
fn dirt_charges_and_rails_are_no_experiences() {
    let others = [
        "@FrauBlaBla Waffenhandel in Ordnung. Aber die Bahn? NEIN das ist ein schmutziges Geschäft.",
        "Scheibe in der Bahn ist dreckig aber genau den Typ meinte ich heut früh.",
        "Ich bin gestern Bahn gefahren. Jetzt droht mir eine Anzeige wegen falschen Angaben.",
        "@DB_Bahn neue Gleise falsch verlegt... vermutlich im Kreis #Ironie",
        "Früher, wenn man mit dem Auto stundenlang über die Autobahn fuhr, war die Scheibe \
         danach schwarz vor Insekten. Heute nicht mehr.",
    ];
    let experiences = [
        "S-Bahn nach Hannover... Hier stinkt es nach Klo",
        "Falsche Anzeige am Bahnsteig, ich bin in den falschen Zug gestiegen.",
    ];
    check_kind(MarkerKind::NegativeExperience, &experiences, &others);
}

/// A ticket the company no longer takes, told to it (heldout29); the
/// announcement of a change of fares is none.
#[test]
fn a_ticket_no_longer_valid_told_to_the_company() {
    check_experience_cues(
        &[("@DB_Bahn Die VGM sagte nein, nicht mehr gültig?!", "defect/nicht_mehr_gueltig")],
        &["Die alten Fahrkarten der Bahn sind ab Januar nicht mehr gültig."],
    );
}

/// Film reviews (filmstarts, 3,886 of them) tell plots and give verdicts:
/// a cue read in any order across a long sentence, a third person waiting
/// or `erleben`, `Seit langem der beste Film` had flagged 243 of them as
/// negative experiences (most false); tightened, 167. The complaints those
/// cues are for still count.
#[test]
fn plots_and_verdicts_in_reviews_are_no_experiences() {
    let cues = [
        ("Das Internet geht seit gestern nicht mehr, ich bin genervt.", "defect/geht_nicht"),
        (
            "Ich würde gerne schlafen, aber dank der Bahn geht das nun nicht mehr.",
            "defect/geht_nicht",
        ),
        ("Ich habe mein Paket immer noch nicht bekommen.", "waiting/"),
        ("Die Ware habe ich nie erhalten, ich bin sauer.", "waiting/nicht_angekommen"),
        (
            "Seit meiner Beschwerde ist nichts passiert, ärgerlich!",
            "broken_promise/nichts_passiert",
        ),
        ("Wir warten seit zwei Stunden auf den Techniker, eine Frechheit.", "waiting/"),
        ("Was ich heute im Laden erlebt habe, war unverschämt.", "bad_experience/erlebt"),
        // In a review, a cue near a subject still tells of the writer's
        // evening, and a strong cue needs none.
        (
            "Der Film war toll, aber im Kino wurde mir das Ticket doppelt berechnet.",
            "defect/doppelt_abgebucht",
        ),
        ("Den Film kann ich nicht empfehlen.", "never_again/nicht_empfehlen"),
        // a book bought: its delivery is no plot
        ("Das Buch ist toll, aber das Paket ist bei mir immer noch nicht angekommen.", "waiting/"),
    ];
    let controls = [
        "Es geht darum, dass ein Mädchen in einem Bunker aufwacht und nicht weiß, was passiert ist.",
        "Zum Film: hab ihn mal auf ARTE gesehn! Da geht nichts drüber!",
        "Also der Lindner geht ja gar nicht, da könnte ich glatt beleidigend werden!",
        "Hier geht es nicht um Verbot, sondern um einen Denkanstoß. Locker bleiben!",
        "Ich habe den Eindruck, er hat nicht die letzte Rolle in diesem Genre bekommen.",
        "Ich fand ihn langweilig. Es passiert einfach nichts, die Figuren bleiben blass.",
        "Ich mochte ihn nicht: er wartet im Gefängnis auf die Todesstrafe, die Szenen sind grausam.",
        "Man leidet mit und darf erleben, was die Hauptfigur Schlimmes durchmacht.",
        "Seit langem habe ich nicht so einen schlechten Film gesehen.",
        // A text that names a work tells of its scenes (filmstarts,
        // heldout15): no subject near, no experience.
        "Ich habe den Film gestern gesehen. Am Ende gab es bei mir keine Reaktion, so vorhersehbar war es.",
        "Ich fand die Handlung schwach: sie irrt tagelang durch die Wüste, kein Netz, keine Hilfe.",
        "Ich habe Fight Club öfter gesehen als jeden anderen Film. Ich will gar keine Antwort darauf.",
        // technology and transport in a review are props of the plot
        "Ich fand den Film öde: der Held hat seit Tagen kein Netz auf seinem Handy.",
        "Im Film irrt sie mit dem Zug umher, der Computer ist tagelang kaputt. Ich war enttäuscht.",
    ];
    check_experience_cues(&cues, &controls);
}

/// News tells of delays too, with time words everywhere: a long text that
/// speaks as no one and to no one is someone else's report, and a time word
/// alone is no context there. A short post, or one with `ich`, `ihr` or a
/// mention, is a person's.
#[test]
fn news_reports_are_no_experiences() {
    let analyzer = Analyzer::new();
    let experience = |text: &str| {
        analyzer.analyze(text).flags().iter().any(|f| f.kind() == MarkerKind::NegativeExperience)
    };
    let news = "Bahnverkehr gestört: Nach einer Brandstiftung an einem Kabelschacht werden die \
        Züge des Fernverkehrs zwischen Münster und Rheine seit Montag über Osnabrück umgeleitet \
        und erhalten dadurch eine Verspätung von etwa 40 Minuten, teilte ein Sprecher mit.";
    assert!(news.len() > 200);
    assert!(!experience(news), "{news}");
    for text in [
        "Seit Montag wieder 40 Minuten Verspätung zwischen Münster und Rheine.",
        &news.replace("teilte ein Sprecher mit", "und ich komme zu spät zur Arbeit"),
        &format!("@DB_Bahn {news}"),
        // `über` without a verb of informing is no topic
        "Ich ärgere mich seit Wochen über Verspätungen!",
    ] {
        assert!(experience(text), "{text}");
    }
    // What a message informs about is its topic, even in a short post.
    let headline = "Bahn informiert jetzt auch via WhatsApp über Verspätungen https://t.co/xyz";
    assert!(!experience(headline), "{headline}");
    // A reproach in the second person tells no experience of the writer's
    // own: the writer never says `ich`.
    let reproach = news.replace("teilte ein Sprecher mit", "schämt ihr euch nicht");
    assert!(!experience(&reproach), "{reproach}");
}

/// A long text whose writer never says `ich` or `wir` in a statement of
/// their own tells no experience of the writer's: a guide speaks to its
/// reader of what may happen to them, and asks in the reader's voice; a
/// paper quotes the people it reports on. There time words are no
/// context, nor are first-person words in questions, in quotes or in the
/// editors' `wir` to the reader, and a sentence in the second person
/// speaks of the reader. (Blind on web12:
/// the session-start binary flagged 4 of 15 guides and 3 of 6 reports,
/// this rule none, and found the same 14 of 16 experiences.)
#[test]
fn guides_and_quoted_reports_tell_no_experience_of_the_writer() {
    let guides = [
        // time words in a guide to `ihr`
        "Was tun, wenn die Bestellung nicht ankommt? Der Versand dauert laut Händler bis zu drei \
         Werktage. Manchmal ändert sich der Status in der Sendungsverfolgung aber tagelang nicht, \
         oder ein Paket gilt als zugestellt, obwohl ihr es nie erhalten habt. Dann solltet ihr \
         euch an den Kundenservice wenden.",
        // the first person only in the reader's questions
        "Ist mein Paket verloren? Kommt es überhaupt noch an? Und was kann ich tun, wenn es \
         einfach nicht auftaucht? Dieser Ratgeber zeigt Ihnen Schritt für Schritt, welche \
         Möglichkeiten Sie haben, wenn ein Paket beim Versand verloren geht.",
        // the cue in a sentence to the reader
        "Stellen Sie sich vor: Ihr Internet ist seit Tagen tot und Ihr Festnetz schweigt. Nach \
         vielen Anrufen bei der Hotline kommt endlich ein Techniker. Das Licht am Router leuchtet \
         wieder grün, doch die Freude währt nicht lange. Was können Kunden in so einem Fall tun?",
        // the writer speaks, but of nothing that went wrong: the cue is the reader's
        "Hattest du schon einmal Ärger mit einer Airline? Bisher ging das für mich glimpflich \
         aus. Besonders wenn du deinen Anschlussflug verpasst und das Hotel am Ziel schon bezahlt \
         ist, ist das richtig ärgerlich. Welche Rechte du dann hast, steht in diesem Artikel.",
        // the editors' `wir` speaks to the reader
        "Der Magen knurrt, die Couch lockt, und gekocht wird heute nicht. Ein paar Klicks, die \
         Bestellung ist raus. Doch dann beginnt das Warten. In diesem Artikel beleuchten wir, \
         warum eine Lieferando-Bestellung manchmal nicht ankommt, und zeigen dir, was du dann \
         tun kannst.",
        // a report quoting a resident
        "Ärger mit dem Paketdienst: In der Siedlung am Stadtrand kommen Sendungen seit Monaten \
         erst Tage später an. „Der Bote klingelt gar nicht erst bei uns, er legt nur einen Zettel \
         in den Briefkasten“, erzählt eine Anwohnerin. Die Firma verweist auf fehlendes Personal.",
    ];
    let experiences = [
        // the writer quotes themselves, and speaks outside the quote too
        (
            "Ärger mit dem Paketdienst: Bei uns in der Siedlung kommen Sendungen seit Monaten \
             erst Tage später an. „Der Bote klingelt gar nicht erst“, habe ich der Firma im Mai \
             geschrieben. Eine Antwort kam nie. Die Firma verweist auf fehlendes Personal.",
            "no_answer/",
        ),
        // a comment quoted whole in an export is the comment, not a quote
        (
            "Re: Reisetipps \"Seit drei Wochen warte ich auf eine Antwort der Bahn wegen meiner \
             Erstattung. Niemand meldet sich, und am Telefon hänge ich jedes Mal eine halbe \
             Stunde in der Warteschleife. So geht man wirklich nicht mit seinen Kunden um.\"",
            "waiting/",
        ),
        // `wir` telling, then advising the reader
        (
            "Wir haben am Freitag beim Möbelhaus ein Sofa bestellt. Die Lieferung sollte vier \
             Wochen dauern. Seit drei Monaten warten wir nun, und niemand meldet sich bei uns. \
             Wir raten euch: bestellt dort nichts.",
            "waiting/",
        ),
        // questions to a company, greeted after a reply header's title
        (
            "Re: Max Muster Liebe Deutsche Bahn, warum bekomme ich seit drei Wochen keine \
             Antwort auf meine Beschwerde wegen des ausgefallenen Zuges? Wo bleibt eigentlich \
             meine Erstattung? Wie lange soll ich denn noch warten, bis sich jemand bei mir \
             meldet???",
            "waiting/",
        ),
    ];
    for text in guides.iter().chain(experiences.iter().map(|(t, _)| t)) {
        assert!(text.len() > 200, "a long text: {text}");
    }
    check_experience_cues(&experiences, &guides);
}

/// Cues with other common senses (`~` in the pattern file) count only in a
/// text that names a company, product or service, or an account; the flag
/// shows the word it named as evidence.
#[test]
fn cues_with_other_senses_need_a_company_or_product() {
    let cues = [
        ("Mein Drucker ist seit gestern kaputt, so ein Mist.", "defect/kaputt"),
        ("Seit Tagen immer noch kein Paket, ich bin sauer.", "waiting/"),
        ("@Pizzablitz wir warten jetzt seit einer Stunde, eine Frechheit!", "waiting/"),
        ("Der Techniker kam heute schon wieder zu spät, unmöglich.", "waiting/"),
    ];
    let controls = [
        "Ich bin heute total kaputt, die Woche war lang.",
        "Ich verstehe immer noch nicht, warum die Parteien das machen.",
        "Oh Mist, jetzt ist es zu spät, ich wäre so gern dabei gewesen.",
        "Du stinkst mich gewaltig an.",
        "Ich warte nur noch darauf, dass sich wieder einer beschwert :-(",
    ];
    check_experience_cues(&cues, &controls);
    assert_eq!(experience_subject(cues[0].0).as_deref(), Some("Drucker"));
}

/// The subject evidence of a text's first negative-experience flag.
fn experience_subject(text: &str) -> Option<String> {
    let analysis = Analyzer::new().analyze(text);
    let flag = analysis.flags().iter().find(|f| f.kind() == MarkerKind::NegativeExperience)?;
    let subject = flag.evidence().iter().find(|e| e.role() == "subject")?;
    Some(subject.text().to_string())
}

/// Cues tightened on the fresh sample heldout13 (each change removed only
/// false flags on the unlabelled sets: 284 -> 272).
#[test]
fn switching_on_counting_hours_and_a_popes_resignation_are_no_experiences() {
    let cues = [
        ("Der Kontrolleur hat mich total blöd angemacht.", "rude_treatment/"),
        ("Ich wurde im Zug von der Schaffnerin angemacht, unmöglich.", "rude_treatment/"),
        ("Seit drei Wochen warte ich auf eine Antwort.", "waiting/"),
        (
            "Ich habe heute meinen Vertrag gekündigt, der Service ist eine Katastrophe.",
            "never_again/",
        ),
        ("Eine Antwort habe ich keine bekommen, ärgerlich.", "no_answer/"),
    ];
    let controls = [
        "Ich hab das Licht im Wohnzimmer angemacht. #Papst",
        "Seit 24 Stunden twitter ich, dass es ein Argentinier wird.",
        "Warum hat man DAS gerade Jesus nicht gesagt? #Papst #Kündigung",
        "Notiz zu Fragen mit Antworten, irreführend (ich hatte keine Fragen).",
        "Eines Tages, wenn wir Demokratie haben, geht sowas nicht mehr!",
        "Ein viel zu lauter Partyspaß, leider nicht lustig.",
    ];
    check_experience_cues(&cues, &controls);
}

/// An account stands for a company where its handle reads as one (a
/// subject word, a brand, `hilft`, `_de`); a person's account is no
/// subject. (SB-10k and PotTS tweets: 23 such flags fewer, all false.)
#[test]
fn a_service_account_is_a_subject_and_a_persons_is_none() {
    let cues = [
        ("@DHLPaket immer noch kein Fahrer da, ich warte seit Stunden", "waiting/"),
        ("@Telekom_hilft warum ist das schon wieder kaputt?", "defect/kaputt"),
        ("@vodafone_de ihr habt mich schon wieder vertröstet", "broken_promise/"),
        ("Die Telekom hat mich schon wieder vertröstet.", "broken_promise/"),
    ];
    let controls = [
        "@sweetymona79 bin auch ziemlich kaputt. Musste heute länger machen",
        "@muesteri richtige Nazis oder nur leicht kaputt?",
        "@JohannesPonader immer noch kein Papst, wo hängt es denn",
        "RT @alios: die @kattascha in der ZEIT: Wir werden belogen und hingehalten",
    ];
    check_experience_cues(&cues, &controls);
    assert_eq!(experience_subject(cues[1].0).as_deref(), Some("@Telekom_hilft"));
    assert_eq!(experience_subject(cues[3].0).as_deref(), Some("Telekom"));
}

/// A text to a company's account that tells it, in a clearly negative
/// sentence with a first-person or time word, what went wrong is a
/// complaint without any cue; a party's account is no company's, an
/// opinion or a generalization reports nothing, and a service team's
/// signed reply tells of its customer's trouble.
#[test]
fn a_complaint_to_a_company_needs_no_cue() {
    let complaints = [
        (
            "Liebe @DB_Bahn, du machst es einem wirklich nicht leicht. ALLE neuen \
             IC-Doppelstockwagen, mit denen ich bisher gefahren bin, waren fehlerhaft",
            "complaint/to_company",
        ),
        (
            "@DB_Bahn sagt mal, die S-Bahn um 23 von Essen West nach Borbeck... Wo is die \
             geblieben? Warum gibt es hier nichts? :(",
            "complaint/to_company",
        ),
        // (the rule found this one until `keine Info` became a cue)
        (
            "@DB_Bahn sagt mal, die S-Bahn um 23 von Essen West nach Borbeck... Wo is die \
             geblieben? Warum gibt es keine Info hier? :(",
            "no_answer/keine_info",
        ),
        // (the rule found this one until `im Stich gelassen` became a cue)
        (
            "Heute beim Marathon hat meine Uhr von @polar_de_news zeitweise im Stich gelassen.",
            "passed_around/im_stich_gelassen",
        ),
        // the context in the sentence before
        (
            "@DB_Bahn online gebucht. 10 Minuten vor Abfahrt. Gab ein technisches Problem und \
             aus einer Karte wurden zwei, ärgerlich.",
            "complaint/to_company",
        ),
        // a letter greeting the company
        ("Liebe Telekom, seit gestern ist alles furchtbar bei mir.", "complaint/to_company"),
        ("Hallo DB-Team, ich stand heute ewig am Gleis, furchtbar.", "complaint/to_company"),
        ("Hallo DB, mein IC entfällt heute schon wieder.", "waiting/zug_entfaellt"),
        // a comment on the company's page, exported with its name (GermEval)
        (
            "Re: Deutsche Bahn Personenverkehr Heute Abend in Freiburg war ja unter aller Sau.",
            "complaint/to_company",
        ),
    ];
    let controls = [
        // positive, or no first-person or time word
        "@DB_Bahn Danke, heute lief alles super!",
        "@DB_Bahn Die neuen Sitze sind furchtbar.",
        // a generalization, an opinion, a party's account
        "Liebe @DB_Bahn Eure Preise werden immer unverschämter.",
        "@DB_Bahn Ich finde eure Preise unverschämt.",
        "Und hier eine weitere @fdp_de Lüge! Hier wirst du verarscht!",
        // a person's account only, a person greeted, no greeting
        "@anna_k ich bin heute echt schlecht drauf, alles Mist",
        "Hallo Maria, seit gestern ist alles furchtbar bei mir.",
        "Ich liebe die Bahn, heute war alles furchtbar.",
        // a service team's reply, signed with the agent's initials
        "@newsjules Leider ist der Busnotverkehr heute schwierig. Es tut mir leid. /ki",
        "Re: DB Bahn Also ist heute keine S-Bahn ausgefallen, sondern nur nach Fahrplan \
         gefahren? /tr",
        // a newspaper's page; a post's title naming the railway late in it
        "Re: Süddeutsche Zeitung Heute Abend in Freiburg war ja unter aller Sau.",
        "Re: Der Streik der Lokführergewerkschaft GDL ist nach Angaben der Deutschen Bahn \
         beendet Heute Abend in Freiburg war ja unter aller Sau.",
    ];
    check_experience_cues(&complaints, &controls);
    let analysis = Analyzer::new().analyze(complaints[1].0);
    let flag = analysis.flags().iter().find(|f| f.kind() == MarkerKind::NegativeExperience);
    let flag = flag.expect("a complaint");
    assert_eq!(flag.category(), "complaint");
    assert_eq!(flag.text(), "Warum gibt es hier nichts? :(");
    let roles: Vec<(&str, &str)> = flag.evidence().iter().map(|e| (e.role(), e.text())).collect();
    assert!(roles.contains(&("subject", "@DB_Bahn")), "{roles:?}");
    assert!(roles.contains(&("context", "hier")), "{roles:?}");
    assert!(roles.contains(&("negative_term", ":(")), "{roles:?}");
}

/// A reader's own view shares words with press-office formulas; the
/// formulas speak as `wir`. (On the filmstarts reviews and the tweets,
/// boilerplate flags fell 108 -> 60 with these and the other tightened
/// patterns, none of the labelled ones lost.)
#[test]
fn a_readers_own_view_is_no_press_statement() {
    let views = [
        "Dem ist nichts hinzuzufügen, ein toller Film!",
        "Kann ich so nicht bestätigen, bei mir lief alles gut.",
        "Ich kann eure positive Kritik nicht nachvollziehen.",
        "Ich konnte die Handlung gar nicht nachvollziehen.",
        "Auf die Details will ich hier nicht eingehen.",
        "Ein einzigartiges Erlebnis, dieser Film.",
        "Sie erklärt die Werte des eigenen Lebens.",
    ];
    let formulas = [
        "Dem haben wir nichts hinzuzufügen.",
        "Das können wir so nicht bestätigen.",
        "Die Vorwürfe können wir nicht nachvollziehen.",
        "Auf Details können wir nicht eingehen.",
        "Für Rückfragen stehen wir Ihnen jederzeit gerne zur Verfügung.",
        "Bei weiteren Fragen wenden Sie sich an unseren Kundenservice.",
    ];
    check_kind(MarkerKind::Boilerplate, &formulas, &views);
}

/// A call to click has its words close together, in order; a bug report's
/// steps click and say `hier` a clause apart (gh2, a German GitHub issue).
#[test]
fn a_call_to_click_is_no_step_of_a_bug_report() {
    let calls = [
        "Klick hier und sichere dir 20 Prozent!",
        "Klicken Sie jetzt und bestellen Sie gleich!",
        "Hier klicken: www.example.com",
        "Einfach den Link anklicken und 10 Euro sichern.",
    ];
    let steps = [
        "3. Klick auf Bus RH mit Abfahrt 8:33, hier wird die richtige Verbindung angezeigt.",
        "Nach dem Klick auf Speichern ist jetzt alles weg.",
        "Wenn ich auf den Link klicke, passiert nichts.",
    ];
    check_kind(MarkerKind::HardSell, &calls, &steps);
}

/// A press office refers to its statement in its own order (`Wir
/// verweisen …`, `Dazu verweisen wir …`); a writer who would point to
/// another platform, or cancels `mit Verweis auf` a contract, does not
/// (gh2 and web16; both were flagged in any order).
#[test]
fn referring_elsewhere_is_a_non_answer_only_in_the_press_offices_words() {
    let formulas = [
        "Wir verweisen diesbezüglich auf die laufenden Ermittlungen.",
        "Hinsichtlich der Vorwürfe verweisen wir auf das laufende Verfahren.",
    ];
    let others = [
        "Ich würde eher auf Plattformen wie Swarm verweisen, sodass wir uns auf Züge fokussieren.",
        "Wir hatten die Nase voll und haben mit Verweis auf den Vertrag gekündigt.",
    ];
    check_kind(MarkerKind::Boilerplate, &formulas, &others);
}

#[test]
fn chosen_markers_only() {
    let analyzer = Analyzer::builder().markers([MarkerKind::HardSell]).build().unwrap();
    let a = analyzer.analyze("Nie wieder! Jetzt kaufen, nur heute 10% Rabatt!");
    assert!(a.flags().iter().all(|f| f.kind() == MarkerKind::HardSell));
    assert!(!a.flags().is_empty());
}

#[test]
fn user_patterns_extend_the_default() {
    let path = crate::api::temp_file(
        "firma.txt",
        "[boilerplate/non_answer]\nfirmenlinie = & firmenlinie entspricht nicht\n".as_bytes(),
    );
    let analyzer = Analyzer::builder().marker_patterns_path(&*path).build().unwrap();
    let a = analyzer.analyze("Das entspricht nicht unserer Firmenlinie.");
    assert!(a.flags().iter().any(|f| f.pattern() == "non_answer/firmenlinie"), "{:?}", a.flags());
    // The embedded patterns are still there.
    assert!(!analyzer.analyze("Vielen Dank für Ihr Verständnis").flags().is_empty());
    let bad = crate::api::temp_file("bad.txt", b"[boilerplate/x]\nkaputt\n");
    let err = Analyzer::builder().marker_patterns_path(&*bad).build().unwrap_err();
    assert!(err.to_string().contains("bad.txt:2"), "{err}");
}

#[test]
fn shop_shares_and_seo_offers_with_a_link_are_spam_and_an_order_is_no_call_to_buy() {
    let analyzer = Analyzer::new();
    let kinds = |text: &str| -> Vec<(MarkerKind, String)> {
        analyzer.analyze(text).flags().iter().map(|f| (f.kind(), f.pattern().to_string())).collect()
    };
    // Real tweets from a blind sample of SB-10k and PotTS.
    for (text, pattern) in [
        (
            "Elektronik & Foto online bei Amazon.de einkaufen http://t.co/x",
            "referral/online_einkaufen",
        ),
        ("Smartphones, Handys & mehr - immer günstig! http://t.co/x", "referral/immer_guenstig"),
        ("Bessere Suchmaschinen-Platzierung aus einer Hand http://t.co/x", "referral/seo"),
        ("Kredit auch bei negativer Schufa: http://t.co/x", "referral/kredit"),
        ("Ein Krimi für lange Abende. From amazon.de: http://t.co/x", "referral/from_shop"),
        // A mention counts as its name where that is a pattern's word
        // (PotTS: a shop's share button).
        ("Das habe ich bei @eBay gefunden http://t.co/x", "referral/shop_gefunden"),
        ("Trauerratgeber von Eltern für Eltern http://t.co/x via @amazon", "referral/shop_via"),
        // Classified-ad bots and a shop bot's sales rank (SB-10k, PotTS:
        // 23 such tweets).
        (
            "#Kinderzimmer #quoka Schreibtisch Birke mit Stuhl, gut erhalten http://t.co/x",
            "referral/kleinanzeigen",
        ),
        ("Kleinanzeigen: Schlafzimmer, sehr guter Zustand http://t.co/x", "referral/kleinanzeigen"),
        ("Neuer Krimi: 327% Verkaufsrang in Kindle-Shop http://t.co/x", "referral/verkaufsrang"),
    ] {
        let found = kinds(text);
        assert!(
            found.iter().any(|(k, p)| *k == MarkerKind::Spam && p == pattern),
            "{text}: {found:?}"
        );
    }
    // A hashtag's word counts as the word (SB-10k, PotTS).
    let outlet = "50% #reduziert im Designer Outlet: Wickelrock in Weiß http://t.co/x";
    assert!(kinds(outlet).iter().any(|(k, _)| *k == MarkerKind::HardSell), "{:?}", kinds(outlet));
    // Without a link, a shop is only named.
    assert!(kinds("Ich kaufe meine Elektronik online bei Amazon ein.").is_empty());
    assert!(kinds("Meinen alten Schreibtisch habe ich über Kleinanzeigen verkauft.").is_empty());
    // Waiting for one's order is no hard sell, `Jetzt bestellen!` is.
    let order = "Jetzt bleibt nur zu hoffen, dass der Shop meine Bestellung bald verschickt.";
    assert!(kinds(order).iter().all(|(k, _)| *k != MarkerKind::HardSell), "{:?}", kinds(order));
    assert!(kinds("Jetzt bestellen und sparen!").iter().any(|(k, _)| *k == MarkerKind::HardSell));
}

#[test]
fn spam_uses_the_author_url() {
    let meta =
        stimmung::CommentMeta { author: Some("Max"), author_url: Some("http://shop.example") };
    let analyzer = Analyzer::new();
    let a = analyzer.analyze_comment("Toller Beitrag, weiter so!", &meta);
    assert!(a.flags().iter().any(|f| f.kind() == MarkerKind::Spam), "{:?}", a.flags());
    let a = analyzer.analyze("Toller Beitrag, weiter so!");
    assert!(a.flags().iter().all(|f| f.kind() != MarkerKind::Spam));
    let seo = stimmung::CommentMeta { author: Some("www.billig-kredit.example"), author_url: None };
    let a = analyzer.analyze_comment("Toller Beitrag, weiter so!", &seo);
    assert!(a.flags().iter().any(|f| f.kind() == MarkerKind::Spam), "author name as a URL");
}

#[test]
fn marker_set_and_pattern_files_do_not_mix_silently() {
    let path = crate::api::temp_file(
        "x.txt",
        b"[boilerplate/x]
x = firmenlinie
",
    );
    let err = Analyzer::builder()
        .marker_set(stimmung::MarkerSet::german())
        .marker_patterns_path(&*path)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("cannot be combined"), "{err}");
}

/// Cues tightened on film reviews (heldout15): stems that collided with
/// other words, cues in other senses, orders that read plots. The
/// complaints they were written for still fire.
#[test]
fn plots_idioms_and_colliding_stems_in_reviews_are_no_experiences() {
    let cues = [
        ("Wir sind wegen des Streiks in Frankfurt gestrandet.", "stranded/gestrandet"),
        ("Bis heute habe ich keine Antwort bekommen.", "no_answer/keine_antwort"),
        ("Mein Zug ist heute schon wieder ausgefallen, so ein Mist.", "waiting/"),
        ("Seit gestern funktioniert mein Handy nicht mehr.", "defect/funktioniert_nicht"),
        ("Ich habe den Router neu gestartet, aber er funktioniert immer noch nicht.", "defect/"),
        ("Das ist reiner Wucher, ich habe 40 Euro für das Ticket gezahlt.", "never_again/abzocke"),
        ("Der Kundenservice hat sich nie gemeldet, ich warte immer noch.", "no_answer/"),
        ("Wir standen 40 Minuten vor Köln im Zug.", "waiting/dauer_gestanden"),
    ];
    let controls = [
        // `Strand` is no form of `stranden`, `wuchs` none of `Wucher`.
        "Der Film erinnert an Pauline am Strand, ich war enttäuscht.",
        "Mein Hass wuchs mit jeder Minute, öde und dumm.",
        // other senses and opinions of a film
        "Der Brite ist furchteinflößend, brutal, eiskalt und bedrohlich.",
        "Ein blutiges Spektakel, das noch düsterer ausfallen würde, dachte ich.",
        "Leider hat es für mich hier nicht funktioniert, alles ging zu schnell.",
        "Warum der nicht im Kino lief, verstehe ich bis heute nicht.",
        "Ich hab den Film gesehen und danach lag ich falsch, es war schrecklich.",
        "Selbst jetzt, 20 Minuten nach dem Ende des Films, sitze ich noch fassungslos hier.",
        // a service word far from the cue names nothing the cue is about
        "Ich war im Hotel, als ich davon hörte. Der Film lief gut an. Die Kritiker waren \
         begeistert. Die Stimmung war gut. Der Held ist eiskalt und brutal.",
    ];
    check_experience_cues(&cues, &controls);
}

/// `Nie wieder` is a vow when the writer makes it of themselves or
/// exclaims it; in a plot, a headline or of others it is none (heldout15,
/// labelled sets: 2 false flags gone, none real lost).
#[test]
fn never_again_is_a_vow_only_when_said_as_one() {
    let cues = [
        ("Nie wieder!", "never_again/nie_wieder"),
        ("Einmal ansehen und nie wieder!", "never_again/nie_wieder"),
        ("Nie wieder Bahn.", "never_again/nie_wieder"),
        ("Nie wieder, eine Frechheit.", "never_again/nie_wieder"),
        ("Nie wieder buche ich bei denen, das war furchtbar.", "never_again/"),
    ];
    let controls = [
        "So etwas passiert NIE WIEDER, der Hai frisst einfach alles.",
        "Sie sieht ihn danach niemals wieder, das Ende ist traurig.",
        "Nokia: Nie wieder Smartphones, Mitarbeiter in Angst.",
        "Schlafen, nie wieder aufwachen, der Tag war furchtbar.",
    ];
    check_experience_cues(&cues, &controls);
}

/// Cue words matched by their stem must not catch another word that
/// stems alike (an audit of every stemmed cue word against the vocabulary
/// of ../shared/data: `fing wegen` is no `Finger weg`, a `Buch` no
/// `buchen`, `zu später Stunde` no `zu spät`, `Druck` no `Drucker`, an
/// `Empfehlung` no `empfehlen`).
#[test]
fn words_that_only_stem_alike_are_no_cues() {
    let cues = [
        ("Finger weg von diesem Anbieter!", "never_again/finger_weg"),
        ("Der Zug kam mal wieder zu spät, ich bin sauer.", "waiting/zu_spaet"),
        ("Nie mehr buche ich bei denen, furchtbar.", "never_again/"),
        ("Mein Drucker geht seit dem Update nicht mehr.", "defect/app_geht_nicht"),
        ("Kann ich leider nicht empfehlen.", "never_again/nicht_empfehlen"),
    ];
    let controls = [
        "Alles fing wegen eines Fehlers an, ich war sauer.",
        "Ich kam zu später Stunde nach Hause, müde und genervt.",
        "Das Buch werde ich nie mehr vergessen, es war grausam.",
        "Der Druck auf mich geht nicht weg, schlimm.",
        "Nicht meine Empfehlung, ein schlechter Film.",
    ];
    check_experience_cues(&cues, &controls);
}

/// The idioms of reviews and blog posts about a provider (the web pages of
/// session 23: hotels, restaurants, parcel services, telecoms). A guide
/// that tells its reader what might happen, a habit, a plot and a
/// company's policy share their words and are none.
#[test]
fn complaints_in_reviews_and_blog_posts() {
    check_experience_cues(
        &[
            (
                "Die Sauberkeit im Hotel ließ leider sehr zu wünschen übrig, wir waren schockiert.",
                "bad_experience/zu_wuenschen_uebrig",
            ),
            (
                "Von dem Hotel wurde ich leider in vielen Punkten enttäuscht.",
                "bad_experience/enttaeuscht_worden",
            ),
            ("Unser Zimmer war eine Zumutung.", "bad_experience/war_katastrophe"),
            ("Mein Router hat gestern den Geist aufgegeben.", "defect/geist_aufgegeben"),
            ("Im Hotel versagte bei uns zweimal die Dusche den Dienst.", "defect/dienst_versagt"),
            ("Unser Zimmer im Hotel war total abgewohnt.", "defect/abgewohnt"),
            (
                "Der Kundenservice der Telekom hat mich im Stich gelassen.",
                "passed_around/im_stich_gelassen",
            ),
            (
                "Mit meinem Problem hat mich der Kundenservice allein gelassen.",
                "passed_around/allein_gelassen",
            ),
            ("Ich hing eine Stunde in der Endlosschleife der Hotline.", "waiting/endlosschleife"),
            (
                "Die Mängel in unserer Wohnung wurden erst nach mehrfacher Aufforderung beseitigt.",
                "no_answer/erst_nach_aufforderung",
            ),
            (
                "Ich rief an, aber es war kein Mensch in der Leitung.",
                "no_answer/kein_mensch_leitung",
            ),
            ("Der Paketbote hat gestern nicht mal geklingelt.", "no_answer/nicht_geklingelt"),
            ("Zwei Wochen vorher hat die Airline unseren Flug abgesagt.", "stranded/flug_abgesagt"),
            ("Die Airline sagte uns den Rückflug einfach ab.", "stranded/flug_abgesagt_verb"),
            ("Wir haben zwei Stunden auf unser Essen gewartet.", "waiting/dauer_gewartet"),
            ("Wir haben über 40 Minuten auf die Suppe gewartet.", "waiting/minuten_gewartet"),
            (
                "Gestern mussten wir fast 1 Stunde auf die Getränke warten.",
                "waiting/dauer_warten_musste",
            ),
            ("Ich war drei Tage ohne Internet.", "defect/ohne_anschluss"),
            ("Am Montag stieg mein Router aus.", "defect/geraet_ausgestiegen"),
            (
                "Ich habe von Vodafone nur falsche Versprechungen gehört.",
                "broken_promise/falsche_versprechungen",
            ),
            (
                "Ich habe das Paket im Shop abgegeben, dann tat sich wochenlang nichts.",
                "no_answer/tat_sich_nichts",
            ),
            ("Bei Hermes ist mein Rucksack einfach verschwunden.", "stranded/verschwunden"),
        ],
        &[
            // a guide to its reader, a habit, a policy, a plot, news
            "Wenn Ihr Flug abgesagt wurde, haben Sie Anspruch auf eine Entschädigung.",
            "Stellen Sie sich vor, Sie warten zwei Stunden auf einen Techniker.",
            "Ich warte jeden Morgen 10 Minuten auf meinen Bus.",
            "In London habe ich nur 3 Minuten auf eine Bahn gewartet.",
            "Die Handlung des Films lässt zu wünschen übrig.",
            "Der Held wird von seiner Familie im Stich gelassen.",
            "Seit gestern wird ein Mädchen aus Köln vermisst, sie ist spurlos verschwunden.",
            "Der Ausflug war eine Katastrophe, es regnete den ganzen Tag.",
        ],
    );
}

/// Session 25's round on blog posts of more trades (luggage, parcels,
/// surgeries, technicians; set web6 of tests/markers/web_blind_labels.tsv):
/// the verb forms a narrative uses, the writer's anger near what it is
/// about, and a context a few short sentences back.
#[test]
fn blog_narratives_of_luggage_waiting_rooms_and_technicians() {
    check_experience_cues(
        &[
            ("Mein Koffer kam nicht in München an der Gepäckausgabe an.", "waiting/nicht_ankam"),
            (
                "Ich habe mir extra frei genommen, und dann kommt gar kein Paket bei mir an. Wieder kein Paket, das bei mir ankommt.",
                "waiting/nicht_ankommt",
            ),
            (
                "Beim Arzt habe ich gestern über eine Stunde warten müssen.",
                "waiting/dauer_warten_muessen",
            ),
            (
                "Im Restaurant konnten wir über 2 Stunden auf unsere Pizza warten.",
                "waiting/dauer_warten_musste",
            ),
            (
                "Wir haben eineinhalb Stunden auf den Techniker gewartet.",
                "waiting/dauer_gewartet",
            ),
            (
                "Der Techniker hat die Steckdose zerschossen. Ich bin mittlerweile sehr wütend.",
                "bad_experience/bin_veraergert",
            ),
            ("Wir waren seit Montag ohne Heizung in der Wohnung.", "defect/ohne_anschluss"),
            ("Ohne Internet seit drei Tagen, ich drehe durch.", "defect/ohne_anschluss_seit"),
            (
                "Ich hatte einen Termin beim Orthopäden. 12 Uhr. 12:30 Uhr. 13 Uhr. Keine Info, kein Sorry.",
                "no_answer/keine_info",
            ),
        ],
        &[
            // another sense of `ankommen`, anger at no company, a cable
            // the cat tore off, no news about a film
            "Der Witz kam nicht an, niemand hat gelacht.",
            "Ich bin sauer auf meinen Bruder, er hat mich versetzt.",
            "Am Stecker waren die Pins abgebrochen und ohne Kabel, kein Strom.",
            "Ich habe keine Infos zum neuen Film gefunden.",
        ],
    );
    // A subject a few short sentences back is near; as many long ones are
    // not (a long review names a `Hotel` or the `Behörden` somewhere).
    let short = "Emails an den Provider werden postwendend beantwortet. Man melde sich. \
                 Aha! Drei Emails später habe ich immer noch nichts gehört.";
    assert_eq!(experience_subject(short).as_deref(), Some("Provider"));
    let long = "Ich schrieb dem Provider vor langer Zeit eine lange Mail über meine Pläne für \
                den Sommer und den Garten. Dann erzählte ich meiner Schwester ausführlich von \
                unserem Urlaub am Meer, von den Stränden, vom Wetter und von den Leuten dort. \
                Wir sprachen über ihre Kinder, die Schule, den Verein und den Hund der Nachbarn \
                noch bis spät in den Abend. Ich habe immer noch nichts gehört.";
    assert_eq!(experience_subject(long), None);
}

/// The flag of pattern `pattern` that `analyzer` gives `text`; the test
/// fails, showing the text's experience flags, if there is none.
fn flag_of(analyzer: &Analyzer, text: &str, pattern: &str) -> Flag {
    analyzer
        .analyze(text)
        .flags()
        .iter()
        .find(|f| f.pattern() == pattern)
        .cloned()
        .unwrap_or_else(|| panic!("{text}: {:?}", experience_flags(analyzer, text)))
}

/// The negative-experience flags `analyzer` gives `text`: each one's
/// pattern and the roles of its evidence.
fn experience_flags(analyzer: &Analyzer, text: &str) -> Vec<(String, Vec<String>)> {
    analyzer
        .analyze(text)
        .flags()
        .iter()
        .filter(|f| f.kind() == MarkerKind::NegativeExperience)
        .map(|f| {
            let roles = f.evidence().iter().map(|e| e.role().to_string()).collect();
            (f.pattern().to_string(), roles)
        })
        .collect()
}

#[test]
fn first_hand_reviews_need_no_voice_of_their_own() {
    // Reviews speak as no one: by default a cue wants a first-person or time
    // word near it, so that news and stories stay out. A user who scores a
    // review site's dump says every text is first-hand (own sentences, in
    // the manner of hotel and restaurant reviews).
    let reviews = Analyzer::builder().first_hand(true).build().unwrap();
    let default = Analyzer::new();
    let experience = experience_flags;
    let found = [
        // cues, with no `ich`, `wir`, `gestern` anywhere
        ("Die Heizung im Zimmer war kaputt. Das Bad war verdreckt.", "defect/"),
        // no cue: a clearly negative sentence, about what the text names
        (
            "Das Hotel liegt zentral. Das Zimmer war eng, dunkel und muffig, der Teppich voller Flecken.",
            "complaint/to_company",
        ),
        (
            "Die Bedienung war überfordert und das Essen kam fettig und versalzen auf den Tisch. Schade ums Geld.",
            "complaint/to_company",
        ),
    ];
    for (text, pattern) in found {
        let flags = experience(&reviews, text);
        assert!(flags.iter().any(|(p, _)| p.starts_with(pattern)), "{text}: {flags:?}");
        assert!(experience(&default, text).is_empty(), "by default {text}");
    }
    // The complaint's evidence is what the text names, not a context word
    // it does not have.
    let flags = experience(&reviews, found[2].0);
    assert_eq!(flags[0].1[0], "subject", "{flags:?}");
    assert!(!flags[0].1.iter().any(|r| r == "context"), "{flags:?}");
    let controls = [
        "Das Hotel war sauber, das Personal herzlich und das Frühstück reichhaltig.",
        "Der Service war schnell und freundlich, das Essen hervorragend. Gerne wieder!",
        // a work reviewed: its verdict is no customer's experience
        "Der Film war langweilig und die Schauspieler schlecht. Das Kino war trotzdem voll.",
        // bad luck that names no service
        "Das Wetter war leider schlecht und wir sind kaum an den Strand gekommen.",
        // an opinion, a condition
        "Ich finde Hotels mit Teppichboden furchtbar.",
        "Wenn das Zimmer zur Straße liegt, ist es nachts laut und stickig.",
    ];
    for text in controls {
        assert!(experience(&reviews, text).is_empty(), "{text}: {:?}", experience(&reviews, text));
    }
    assert!(reviews.is_first_hand() && !default.is_first_hand());
}

#[test]
fn stories_told_in_the_first_person_complain_without_a_cue() {
    // A blog post or a forum thread's first post tells its writer's own
    // story: three sentences or more, two of them in the first person. A
    // clearly negative sentence in which the writer speaks, with a subject
    // named near it, is a complaint even where no cue says what went wrong.
    let analyzer = Analyzer::new();
    let complaints = experience_flags;
    let found = [
        (
            "Meine Erfahrungen mit dem Paketdienst sind ein Trauerspiel. Ich bestelle oft online, \
             mal größere Dinge, mal nur etwas Kleines für den Haushalt. Diesmal war es nur ein \
             Verlängerungskabel für das Arbeitszimmer.",
            "Meine Erfahrungen",
        ),
        (
            "Am Samstag waren wir mit Freunden beim Italiener um die Ecke. Wir hatten sogar eine \
             Woche vorher reserviert und uns auf den Abend gefreut. Wir waren vom Restaurant \
             bitter enttäuscht, das Essen war fade und versalzen.",
            "Wir waren vom Restaurant",
        ),
        (
            "Seit Jahren bin ich Kundin bei meiner Bank im Ort. Letzte Woche wollte ich dort einen \
             größeren Betrag abheben. Ich habe mich über die Filiale furchtbar aufgeregt, die \
             Beraterin war schnippisch und hat mich wie eine Verdächtige behandelt.",
            "Ich habe mich über die Filiale",
        ),
    ];
    for (text, sentence) in found {
        let flag = flag_of(&analyzer, text, "complaint/narrative");
        // The flag is the complaining sentence, with its evidence.
        assert!(flag.text().starts_with(sentence), "{text}: {}", flag.text());
        let roles: Vec<&str> = flag.evidence().iter().map(|e| e.role()).collect();
        assert_eq!(&roles[..2], ["subject", "context"], "{text}");
        assert!(roles.contains(&"negative_term"), "{text}: {roles:?}");
        // A first-hand text keeps its own rule (and pattern).
        let reviews = Analyzer::builder().first_hand(true).build().unwrap();
        let first_hand = complaints(&reviews, text);
        assert!(!first_hand.iter().any(|(p, _)| p == "complaint/narrative"), "{first_hand:?}");
    }
    // A fault found with what the sentence itself names needs no `ich` or
    // `wir` of its own: the story is the writer's (`Leider war der Tisch
    // verschmutzt`).
    let fault = "Am Freitag waren wir zu dritt im Landgasthof an der Mühle. Wir hatten zwei Wochen \
                 vorher reserviert und freuten uns auf das Wildmenü. Die Bedienung war desorientiert \
                 und der Tisch klebrig und fleckig.";
    let flag = flag_of(&analyzer, fault, "complaint/narrative");
    assert!(flag.text().starts_with("Die Bedienung war"), "{}", flag.text());
    let roles: Vec<&str> = flag.evidence().iter().map(|e| e.role()).collect();
    assert_eq!(roles[0], "subject");
    assert!(!roles.contains(&"context") && roles.contains(&"negative_term"), "{roles:?}");
    // The same sentence where only one sentence is the writer's is no
    // story; since `Landgasthof` names its place (`-gasthof`), it is a
    // review of a meal, which has a voice of its own.
    let not_a_story = "Der Landgasthof an der Mühle liegt schön im Grünen und hat eine große \
                       Terrasse. Ich habe dort am Freitag gegessen. Die Bedienung war desorientiert \
                       und der Tisch klebrig und fleckig. Parkplätze gibt es genug vor dem Haus.";
    let found = complaints(&analyzer, not_a_story);
    assert_eq!(
        found.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        ["complaint/stay_review"],
        "{found:?}"
    );
    let controls = [
        // a shop's `wir` to its reader's `Sie`: a company speaking
        "Wir haben ein Rückgaberecht für unerwünschte Waren aus unserem Sortiment. Wir sind mit \
         den vielen Retouren leider völlig überfordert, das ist furchtbar ärgerlich. Bitte \
         schreiben Sie uns vorher eine kurze Nachricht an den Kundenservice.",
        // an illness, its doctor named two sentences later
        "An was war ich in der letzten Woche erkrankt? Eine echte Grippe. Angefangen hatte es mit \
         furchtbaren Halsschmerzen und Fieber, ich dachte, es wäre nur eine Erkältung. Es wurde \
         aber schlimmer. Am Mittwoch bin ich dann zum Arzt.",
        // the negative sentence is not the writer's own
        "Ich war am Wochenende mit dem Auto auf dem Weg zu meiner Schwester nach Hamburg. Wir \
         hatten unterwegs auf der Autobahn einen Platten. Das Wetter war furchtbar, kalt und \
         nass, der Regen hörte nicht auf.",
        // a work reviewed
        "Ich habe gestern mit meiner Freundin den neuen Film im Kino gesehen. Ich war total \
         enttäuscht, die Handlung ist grottenschlecht und die Dialoge sind hölzern. Wir sind \
         danach noch ins Restaurant gegangen.",
        // a good experience
        "Ich war heute endlich wieder beim Friseur in der Altstadt. Wir haben die ganze Zeit viel \
         gelacht und geredet. Ich bin mit der neuen Frisur sehr zufrieden, der Salon ist toll und \
         die Friseurin ein echter Profi.",
        // a short post is no story: it has rules of its own
        "Wir waren beim Italiener. Wir hatten reserviert. Wir waren vom Restaurant bitter \
         enttäuscht.",
    ];
    for text in controls {
        let long_enough = text.len() > 200 || text.starts_with("Wir waren beim");
        assert!(long_enough, "a control shorter than a story: {text}");
        assert!(
            complaints(&analyzer, text).is_empty(),
            "{text}: {:?}",
            complaints(&analyzer, text)
        );
    }
}

#[test]
fn reviews_of_a_stay_complain_without_a_voice_of_their_own() {
    // A hotel or restaurant review speaks as no one (`Das Bad war
    // verdreckt`). A text that names the place, or what a stay or a meal
    // is made of, in two sentences or more, and tells of it in the past
    // tense, finds fault in a sentence leaning negative that names its
    // subject (or names it in the sentence before: `Dieser war unsauber`).
    let analyzer = Analyzer::new();
    let complaints = experience_flags;
    let found = [
        (
            "Das Hotel liegt direkt am Hafen, die Lage ist also gut. Beim Einchecken mussten wir \
             eine halbe Stunde anstehen. Das Zimmer war dunkel, muffig und der Teppich voller \
             Flecken. Das Frühstück war in Ordnung.",
            "Das Zimmer war dunkel",
            "Zimmer",
        ),
        (
            "Das Restaurant war am Abend gut besucht und die Karte klang vielversprechend. Nach \
             einer Weile wurde uns ein neuer Tisch zugewiesen. Dieser war derart unsauber, dass \
             man Angst haben musste, festzukleben.",
            "Dieser war derart unsauber",
            "Tisch",
        ),
        // in the present tense, of the one hotel it names (`Das Hotel`)
        (
            "Das Hotel hat seit Jahren denselben Besitzer und liegt direkt an der Hauptstraße. \
             Außen wächst Unkraut ums Haus. Die Fensterläden klemmen, und der Teppich im Zimmer \
             ist überall abgelaufen und fleckig.",
            "Die Fensterläden klemmen",
            "Teppich",
        ),
    ];
    for (text, sentence, subject) in found {
        let flag = flag_of(&analyzer, text, "complaint/stay_review");
        assert!(flag.text().starts_with(sentence), "{text}: {}", flag.text());
        let evidence = flag.evidence();
        assert_eq!((evidence[0].role(), evidence[0].text()), ("subject", subject), "{text}");
        assert!(evidence.iter().any(|e| e.role() == "negative_term"), "{text}: {evidence:?}");
        assert!(!evidence.iter().any(|e| e.role() == "context"), "{text}: {evidence:?}");
    }
    let controls = [
        // advice on holiday flats: what may happen, in the present tense
        "Den Urlaub in einer Ferienwohnung zu verbringen, hat Vorteile: Man ist unter sich und \
         kann selber kochen. Doch so manches Angebot entpuppt sich vor Ort als Albtraum: \
         vergammelte Möbel, schmutzige Bettwäsche, Schimmel an den Wänden im Zimmer.",
        // praise, with a minor aside that is not clearly negative
        "Das Hotel war sauber und das Personal sehr herzlich. Das Zimmer war groß und hell, das \
         Frühstück reichhaltig und frisch. Einziger kleiner Punkt: der Parkplatz war etwas eng. \
         Wir kommen gerne wieder.",
        // a table and chairs from a furniture store: no hotel, no restaurant
        "Das Paar bestellte im Möbelhaus einen Tisch und vier Stühle und zahlte an. Danach \
         passierte monatelang nichts, dann kamen die Stühle mit einem Tisch in falscher Farbe. \
         Der gewünschte Tisch ist bis heute nicht geliefert worden.",
        // news: what a paper was told of a hotel
        "In der Sendung lief eine Reportage über ein desolates Hotel in der Altstadt, wie die \
         Zeitung berichtet. Matratze, Badezimmer und Waschbecken waren stark verschmutzt, die \
         Lüftung verdreckt, beschreibt der Autor den Zustand des Hotels. Das Schlimmste sei der \
         Schimmel an der Wand gewesen.",
        // a film set in a hotel: a plot, not a stay
        "Der Film spielt in einem heruntergekommenen Hotel in Jaipur, das die Protagonisten \
         retten wollen. Das Zimmer des Helden war dreckig und die Dusche kaputt, was die \
         Schauspieler mit viel Witz tragen. Ein schöner Film für den Sonntag.",
    ];
    for text in controls {
        let flags = complaints(&analyzer, text);
        assert!(!flags.iter().any(|(p, _)| p == "complaint/stay_review"), "{text}: {flags:?}");
    }
    // The same fault in a short post is left to the cues (a tweet names a
    // `Zimmer` in passing).
    let short = "Das Hotel war teuer. Das Zimmer war dunkel, abgewohnt und dreckig.";
    let flags = complaints(&analyzer, short);
    assert!(!flags.iter().any(|(p, _)| p == "complaint/stay_review"), "{flags:?}");
}

/// A compound names the subject its last part names where the subject
/// list marks that word (`-hotline`, `-=router`, `-hotel`): German writes
/// `Servicehotline`, `WLAN-Router` and `Romantikhotel`, which no list can
/// enumerate. The compound itself is the evidence. Words whose compounds
/// leave the list's sense are not marked (`zimmer`: `Wohnzimmer`), and a
/// lowercase word or one with a first part of two letters is no compound.
#[test]
fn compounds_name_a_subject_by_their_last_part() {
    let analyzer = Analyzer::new();
    let subject_of = |text: &str, pattern: &str| -> String {
        let flag = flag_of(&analyzer, text, pattern);
        let subjects: Vec<&str> =
            flag.evidence().iter().filter(|e| e.role() == "subject").map(|e| e.text()).collect();
        assert_eq!(subjects.len(), 1, "{text}: {subjects:?}");
        subjects[0].to_string()
    };
    for (text, pattern, subject) in [
        ("Seit Montag ist unser WLAN-Router kaputt.", "defect/kaputt", "WLAN-Router"),
        (
            "Die Servicehotline hat mich schon wieder vertröstet.",
            "broken_promise/vertroestet",
            "Servicehotline",
        ),
        (
            // Every place and part of the stay named by a compound.
            "Wir waren drei Nächte im Romantikhotel am See. Die Suite war laut und das \
             Doppelbett durchgelegen. Das Spätaufsteher-Frühstück war leider lieblos, die \
             Brötchen waren alt und trocken. Das war für diesen Preis eine echte Enttäuschung.",
            "complaint/stay_review",
            "Romantikhotel",
        ),
    ] {
        assert_eq!(subject_of(text, pattern), subject, "{text}");
    }
    check_experience_cues(
        &[],
        &[
            // `kaputt` needs a subject near it, and none of these is one.
            "Seit Montag ist unser Wohnzimmer kaputt.",
            "Seit Montag ist die Urkunde kaputt.",
            "Seit Montag ist der koalitionsvertrag kaputt.",
        ],
    );
}

/// Cues written in session 30 from the misses of web11 and web12: stuck on
/// the way (`steckte … fest` beside `saß … fest`), less than was
/// expected, unheard.
#[test]
fn stuck_shortchanged_and_unheard_are_experiences() {
    let cues = [
        ("Wegen eines Streiks saßen wir gestern sechs Stunden am Flughafen fest.", "stranded/"),
        ("Unser Zug steckte zwei Stunden vor Fulda fest, ich war erst um Mitternacht zuhause.", "stranded/"),
        ("Die Versicherung hat mir endlich gezahlt, aber es waren nur 1.800 Euro statt der erwarteten 3.200.", "broken_promise/statt_vereinbart"),
        ("Wir bekamen ein Doppelzimmer zum Hof statt der gebuchten Suite, eine Frechheit.", "broken_promise/statt_vereinbart"),
        ("Meine Rufe nach einem Menschen blieben bei der Hotline gestern unerhört.", "no_answer/"),
        ("Meine Mail an den Kundenservice blieb ohne Antwort, seit zwei Wochen.", "no_answer/"),
    ];
    let controls = [
        // certainty
        "Es stand schon gestern fest, dass ich die Prüfung wiederholen muss.",
        // a company's figures, reported
        "Der Umsatz stieg um zwei Prozent statt der erwarteten drei Prozent, teilte der Konzern mit.",
        // no company: a prayer
        "Mein Gebet blieb gestern unerhört, wir haben 0:3 verloren.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn long_waits_postponements_vain_searches_and_wrong_orders_are_experiences() {
    // From the misses of the blind web14 sample (session 31).
    let cues = [
        (
            "Bis der Techniker kam, hat es eine geschlagene Woche gedauert, und ich hatte so lange keinen Backofen.",
            "waiting/bis_gedauert",
        ),
        (
            "Es dauerte drei Wochen, bis der Händler mir das Geld zurücküberwiesen hat.",
            "waiting/dauerte_bis",
        ),
        (
            "Leider sollte es bei uns mehr als ein halbes Jahr dauern, bis die neue Küche fertig war.",
            "waiting/dauer_dauerte_bis",
        ),
        (
            "Am Mittwoch die nächste Absage: Die Lieferung verschiebe sich auf KW 12, schrieb uns das Möbelhaus.",
            "waiting/lieferung_verschoben",
        ),
        (
            "Ich habe Vodafone schon oft angeschrieben, ohne jemals eine Reaktion zu erhalten.",
            "no_answer/ohne_je_antwort",
        ),
        (
            "Gestern suchte ich auf der Website meiner Bank vergeblich nach einer Notfallnummer.",
            "no_answer/suchte_vergeblich",
        ),
        (
            "Als wir die Tüte öffneten, merkten wir es: Das war nicht unsere Bestellung.",
            "defect/nicht_meine_bestellung",
        ),
        // a repair is no praise (Zurich lexicon: +2), so the defect stands
        (
            "Schon bei der ersten Reparatur kam mein Handy so kaputt zurück, wie ich es hingeschickt habe.",
            "defect/kaputt",
        ),
    ];
    let controls = [
        // minutes are a story's pace
        "Es dauerte zwei Minuten, bis ich den Witz verstand.",
        // a maker's announcement, no one's experience
        "Die Auslieferung des neuen Modells verschiebt sich auf das Frühjahr, teilte der Hersteller mit.",
        // no writer searching
        "Er suchte vergeblich nach Worten.",
        // not yet ordered
        "Ich habe noch nicht bestellt, die Speisekarte ist riesig.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn quoted_faults_advice_and_guides_are_no_complaint_without_a_cue() {
    let analyzer = Analyzer::new();
    let none = [
        // a paper's story of a reader: the fault, and the hotel, are in her quote
        "Girokarten sollten im Ausland eigentlich problemlos funktionieren. Doch immer wieder \
         stehen Urlauber plötzlich ohne Bargeld da. In ihrem Hotel auf Teneriffa erlebte die \
         Lehrerin Sabine K. eine unangenehme Überraschung. „An allen Automaten in der Nähe des \
         Hotels wurde meine Karte angeblich abgelehnt“, sagt K. „Wenn das noch einmal passiert, \
         wechsle ich die Bank“, sagt die Bremerin.",
        // a forum's answer: what the writer would do is advice, not a story
        "Hallo, grundsätzlich musst du Mängel an der Wohnung sofort melden. So würde ich \
         vorgehen: Dem Vermieter den Mangel schriftlich anzeigen und eine angemessene Frist zur \
         Beseitigung setzen. Ich würde den Brief per Einschreiben schicken, das kostet ein paar \
         Euro, aber man hat einen Beleg, dass er beim Vermieter angekommen ist. Wenn er nicht \
         reagiert, würde ich den Mieterverein einschalten. Viel Erfolg!",
        // a guide to `ihr` about a hotel's overbooking is no review of a stay
        "Nach einer langen Anreise will man nur noch ins Hotelzimmer. Doch an der Rezeption dann \
         der Schock: Das Hotel ist überbucht! Damit ihr wisst, was in so einem Fall gilt, haben \
         wir für euch die wichtigsten Regeln zusammengestellt. Oft werden Urlauber in ein \
         schlechteres Hotel in einem anderen Ort gebracht. Das müsst ihr nicht hinnehmen.",
    ];
    for text in none {
        assert!(
            experience_flags(&analyzer, text).is_empty(),
            "{text}: {:?}",
            experience_flags(&analyzer, text)
        );
    }
    // Still complaints: a review that speaks as no one, one that tells its
    // reader its verdict in `wir`, and a story told in the first person.
    let complaints = [
        "Das Hotel liegt zentral, aber das Zimmer war klein und dreckig. Die Dusche tropfte die \
         ganze Nacht und das Frühstück war kalt. An der Rezeption hieß es nur, da könne man \
         nichts machen. Für diesen Preis eine echte Enttäuschung.",
        "Wir waren im Mai eine Woche in diesem Hotel. Das Zimmer war dreckig und die Dusche \
         kaputt. An der Rezeption war man unfreundlich zu uns. Das Frühstück war lieblos. Wir \
         können euch das Hotel leider nicht empfehlen.",
        "Seit drei Wochen ist unsere Heizung kaputt. Ich habe dem Vermieter den Mangel \
         schriftlich angezeigt und eine Frist gesetzt. Ich habe den Brief per Einschreiben \
         geschickt. Der Vermieter hat den Mangel trotzdem nicht beseitigt, eine Frechheit.",
    ];
    for text in complaints {
        assert!(!experience_flags(&analyzer, text).is_empty(), "{text}");
    }
}

#[test]
fn repairs_not_done_cancelled_trains_and_endless_queues_are_experiences() {
    // From the misses of the blind web15 sample (session 31).
    let cues = [
        (
            "Mein Handy hatte einen Riss im Display, ich habe es beim Händler reklamiert. Nach einer \
             Woche bekam ich es zurück. Es war wieder nicht repariert worden.",
            "defect/nicht_repariert",
        ),
        (
            "Ich habe den Laptop vor drei Wochen eingeschickt. Eine Reparatur wurde offensichtlich \
             nicht durchgeführt, er kam genauso zurück.",
            "defect/reparatur_nicht_gemacht",
        ),
        (
            "Gestern wollte ich nach Berlin. Es fing damit an, dass unser ICE ersatzlos gestrichen war.",
            "stranded/gestrichen",
        ),
        // a compound of the queue
        (
            "Ich hänge seit einer halben Stunde in der Endloswarteschleife der Versicherung.",
            "waiting/warteschleife",
        ),
    ];
    let controls = [
        // a town's plans
        "Die Brücke wird dieses Jahr nicht repariert, teilte die Stadt mit.",
        // a timetable change announced
        "Ab Dezember wird der ICE nach Sylt im Winter gestrichen.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn a_guide_asks_what_would_be_and_a_paper_quotes_its_stories() {
    let analyzer = Analyzer::new();
    let none = [
        // a question with a condition in a text to no company asks what would be
        "Online einkaufen ist bequem, mit ein paar Klicks können wir uns heute fast alles nach \
         Hause liefern lassen. Doch was, wenn die Bestellung nicht die versprochene Qualität hat \
         und die Rücksendung zum Ärgernis wird? Keine Sorge: Sie sind nicht machtlos. Dieser \
         Leitfaden zeigt Ihnen Schritt für Schritt, welche Rechte Sie als Kunde haben.",
        // the first person only in the quotes: no story of the writer's
        "Über Paketdienste beschweren sich immer mehr Kunden. Über Paketzusteller beschweren kann \
         man sich seit einem Jahr bei einem Portal der Verbraucherzentrale, 6500 Klagen sind \
         seitdem eingegangen. „Der Zusteller klingelte an unserer Tür und weigerte sich, die \
         Pakete in unsere Wohnung zu tragen“, schreibt ein wütender Empfänger. „Wir konnten das \
         Paket nicht zustellen“, stand dann auf der Karte im Briefkasten, schreibt ein anderer.",
    ];
    for text in none {
        assert!(
            experience_flags(&analyzer, text).is_empty(),
            "{text}: {:?}",
            experience_flags(&analyzer, text)
        );
    }
    // Put to a company, such a question is a complaint.
    let to_company = "Re: DB Bahn Was soll eigentlich eine Notrufsäule, wenn darauf seit 10 \
                      Minuten niemand reagiert? Gerade auf der S8 erlebt.";
    assert!(!experience_flags(&analyzer, to_company).is_empty());
}

#[test]
fn a_condition_opened_by_its_verb_and_an_opinion_given_as_such_tell_no_experience() {
    let analyzer = Analyzer::new();
    let none = [
        // a condition opened by its verb, a statement after it
        "Kommt die bestellte Pizza auch nach einer Stunde noch immer nicht, darf man die \
         Bestellung stornieren und muss nichts bezahlen.",
        // the cue starts with the condition's verb
        "Fällt der Zug aus, bekommt man ab einer Stunde Verspätung einen Teil des Fahrpreises \
         zurück. So regelt es die Verordnung.",
        // an opinion given as such
        "Ich lese seit Jahren in diesem Forum mit und habe mir heute die Doku über den \
         Kundenservice angesehen. Ich muss sagen, ich war überrascht. Meine Meinung ist, dass \
         sich manche Kunden nur dämlich anstellen, um sich hinterher über den Service aufzuregen \
         und zu beschweren. Wie seht ihr das?",
        // anger in the plural is the writer's only with `wir`
        "Ich kenne das aus meiner Kanzlei: Die Kunden sind verärgert, weil der Versicherer nicht \
         zahlt.",
        // what a company is told in general, in the subjunctive, is no fault met
        "Heute Morgen fand ich im Adventskalender ein leeres Türchen. Ich habe dem Hersteller \
         sofort eine E-Mail geschrieben. Idealerweise handelt es sich nur um ein Einzelproblem, \
         es könnte sich aber auch um einen Fehler der ganzen Charge handeln, was für die Firma \
         weitaus unangenehmer wäre. Keine halbe Stunde später kam eine freundliche Antwort mit \
         einer Entschuldigung.",
        // information given is no complaint of information
        "Ich schrieb dem Hersteller eine kurze E-Mail. Der Vertriebsleiter bedankte sich für den \
         Hinweis, entschuldigte sich für den Vorfall und gab ausführlich Auskunft zu meinem \
         leeren Türchen, bei dem es sich nicht um einen Chargenfehler handelte.",
        // a paper that explains what its people said
        "Sechs Fahrgäste ließ der Fahrer an der Raststätte zurück. \"Die Bordtoilette war kaputt. \
         Deswegen sind wir überhaupt ausgestiegen\", erklärt eine der jungen Frauen. \"Wir waren \
         sogar die Ersten in der Damentoilette.\" Als die Freundinnen wieder aus dem Gebäude der \
         Raststätte traten, war der Bus nicht mehr zu sehen. Das Unternehmen bedauerte den \
         Vorfall auf Nachfrage.",
    ];
    for text in none {
        assert!(
            experience_flags(&analyzer, text).is_empty(),
            "{text}: {:?}",
            experience_flags(&analyzer, text)
        );
    }
    let experiences = [
        // a story told without its pronoun is no condition
        "Hatte heute wieder zwei Stunden Verspätung mit dem ICE, ich stand am Gleis und fror.",
        // a clause with `dass` after the verb is no statement
        "Ist doch klar, dass mein Zug heute schon wieder zu spät ist.",
        "Seit drei Tagen kein Internet und die Hotline vertröstet uns nur. Wir sind stinksauer \
         auf den Anbieter.",
    ];
    for text in experiences {
        assert!(!experience_flags(&analyzer, text).is_empty(), "{text}");
    }
}

#[test]
fn a_story_speaks_for_its_writer_where_a_sentence_drops_the_pronoun() {
    let analyzer = Analyzer::new();
    let story = "Nach unserem Umzug haben wir im Dezember einen neuen Anbieter für Telefon und \
                 Internet beauftragt. Der bestätigte den Auftrag und vergab einen Termin für den \
                 Anschluss. Wer nicht kam, war der Techniker. Angeblich gab es Probleme bei der \
                 Nummernvergabe. Ich war den ganzen Tag zu Hause geblieben.";
    let flags = experience_flags(&analyzer, story);
    assert!(flags.iter().any(|(pattern, _)| pattern == "waiting/nicht_gekommen"), "{flags:?}");
    let none = [
        // a review of a work tells the plot's story
        "Ich habe mir den Film gestern im Kino angesehen. Die Bilder sind großartig. Der Held \
         wartet im ganzen zweiten Teil vergeblich auf einen Anruf, und der Techniker der \
         Raumstation kommt nicht. Die Spannung trägt trotzdem bis zum Ende. Ich mochte ihn sehr.",
        // what might be
        "Ich lese gerade ein Buch über Asteroiden und habe viel gelernt. Ich mag Trojaner. Damit \
         meine ich nicht die Schadprogramme. Trojaner teilen sich ihre Bahn mit einem großen \
         Planeten. Das klingt so, als könnte das Programm nicht funktionieren, aber es geht.",
    ];
    for text in none {
        assert!(
            experience_flags(&analyzer, text).is_empty(),
            "{text}: {:?}",
            experience_flags(&analyzer, text)
        );
    }
}

#[test]
fn hairdressers_postmen_cards_vows_and_silence_name_experiences() {
    let analyzer = Analyzer::new();
    let experiences = [
        // a hairdresser's work in a story (`Trendfriseure`)
        "Mit achtzehn ging ich zum ersten Mal zu einem der angesagtesten Trendfriseure der \
         Stadt, nur um die Spitzen schneiden zu lassen. Ich hatte mich wochenlang darauf \
         gefreut. Als die Angestellte mit mir fertig war, war mein Haar um dreißig Zentimeter \
         kürzer und mein Entsetzen kommentierte die untalentierte Haarkünstlerin nur mit einem \
         Schulterzucken.",
        "Ich hatte mich wochenlang auf den Verstärker gefreut. Schon beim Anheben wackelte es \
         verdächtig im Karton. Der Verstärker ist hinüber, und der Postmann hat nur gegrinst. \
         So etwas ärgert mich maßlos.",
        "Kaum bestellt man etwas in den USA, wird schon die Kreditkarte gesperrt. Ich hänge \
         jetzt seit einer Stunde an der Hotline der Bank.",
        "Für die Zukunft merke ich mir, nie mehr alleine so einen Laden zu betreten.",
        "Nach zwei weiteren Wochen ohne irgendwelche Informationen vom Anbieter haben wir den \
         Auftrag storniert.",
    ];
    for text in experiences {
        assert!(!experience_flags(&analyzer, text).is_empty(), "{text}");
    }
    // Hair is what a salon works on: `kaputt` there is the hair's.
    let content = "Gestern war ich endlich wieder bei meiner Friseurin, die ich seit Jahren \
                   kenne. Sie hat sich viel Zeit genommen und mich gut beraten. Die Spitzen sind \
                   leider kaputt, meinte sie, also kamen fünf Zentimeter ab. Man sieht es kaum, \
                   und ich bin rundum zufrieden.";
    assert!(
        experience_flags(&analyzer, content).is_empty(),
        "{:?}",
        experience_flags(&analyzer, content)
    );
}

#[test]
fn quoted_cues_are_someones_speech_but_a_text_quoted_whole_is_its_writers() {
    let analyzer = Analyzer::new();
    // A shop's blog quoting its own letter about a passer-by's repair.
    let quoted = "Es kommt selten vor, dass ich zu einer Rechnung noch ein paar Worte schreibe. \
                  Diesmal wurde mein Anschreiben eine ganze Seite lang, mit Sätzen wie „ich bin \
                  ehrlich gesagt fassungslos“ und „ich bin schockiert“ über die Reparatur eines \
                  Passanten. Eine Kundin hatte ihr Fahrrad gebracht, das sie bei mir gekauft \
                  hatte. Ein Fremder hatte ihren Platten geflickt und dabei die Bremse gelöst.";
    assert!(
        experience_flags(&analyzer, quoted).is_empty(),
        "{:?}",
        experience_flags(&analyzer, quoted)
    );
    // An export's field quoted whole, with doubled marks inside.
    let wrapped = "\"Ich habe mir den Film auf DVD gekauft und bereue es. Der Händler hat \
                   \"\"Special Edition\"\" draufgeschrieben, drin war nur die Kinofassung. Die \
                   Hülle war zerbrochen. Finger weg von diesem Laden!\"";
    assert!(!experience_flags(&analyzer, wrapped).is_empty());
    // What a story says of `dem Kunden` in general is still the writer's
    // trouble where it is met, not supposed.
    let customer = "Ich wollte heute meine Schuhe im Laden umtauschen, online gekauft. Die \
                    Mitarbeiterin fragte mich dreimal, ob ich wirklich keine weiteren Papiere \
                    hätte. Dabei hatte ich alles dabei. Da wird dem Kunden unterstellt, dass er \
                    die Unwahrheit sagt.";
    assert!(!experience_flags(&analyzer, customer).is_empty());
}

#[test]
fn anger_work_not_begun_starting_over_and_no_money_back_are_experiences() {
    let analyzer = Analyzer::new();
    let experiences = [
        "Ich hatte mein Rad letzte Woche zur Reparatur in den Laden gebracht. Heute bin ich hin, \
         und niemand wusste Bescheid. Das hat mich ziemlich verärgert.",
        "Ich hatte mein Rad zur Reparatur gebracht, fertig sein sollte es bis Freitag. Heute \
         stellt sich heraus, dass sie noch gar nicht mit der Arbeit begonnen haben.",
        "Bei jedem Anruf lande ich bei einem anderen Mitarbeiter der Hotline, der den Vorgang \
         nicht kennt, und das Spiel beginnt von vorne.",
        "Ich habe die Jacke im Laden zurückgegeben und kein Geld zurückbekommen, nur einen \
         Gutschein.",
    ];
    for text in experiences {
        assert!(!experience_flags(&analyzer, text).is_empty(), "{text}");
    }
}

#[test]
fn waits_in_the_present_things_never_sent_and_anger_in_idioms_are_experiences() {
    let analyzer = Analyzer::new();
    // Each with the pattern that must name it: the forms written from the
    // blind web18 sample, each in words of its own.
    let experiences = [
        (
            "In der Notaufnahme ist kaum etwas los. Trotzdem sitze ich hier und kann kaum \
             glauben, dass ich schon vier Stunden warte.",
            "waiting/dauer_warte",
        ),
        (
            "Den Vertrag mit dem Anbieter habe ich im Mai geschlossen. Auf den Anschluss musste \
             ich sehr lange warten.",
            "waiting/zu_lange_gewartet",
        ),
        (
            "Die Rückzahlung habe ich im März beantragt, doch von dem Geld fehlt bis heute jede \
             Spur.",
            "waiting/fehlt_jede_spur",
        ),
        (
            "Ich habe bei der Hotline angerufen, man wollte sich melden. Seitdem kam nie was.",
            "no_answer/kam_nie_was",
        ),
        (
            "Die Hotline erklärte sich für unzuständig, und ich stand wieder am Anfang.",
            "passed_around/erklaert_unzustaendig",
        ),
        (
            "Der Anbieter hat meinen Anschluss umgestellt, ohne mich vorher zu informieren.",
            "no_answer/ohne_zu_informieren",
        ),
        (
            "Beim Arzt heute: er hat mir gar nicht zugehört und nach zwei Minuten das Rezept \
             gedruckt.",
            "rude_treatment/nicht_zugehoert",
        ),
        (
            "Mit dem Lieferdienst habe ich gestern die schlechteste Erfahrung meines Lebens \
             gemacht.",
            "bad_experience/schlechte_erfahrung",
        ),
        (
            "Wieder kein Techniker von der Telekom da. Ich könnte in die Tischkante beißen.",
            "bad_experience/tischkante",
        ),
        (
            "Am Umzugstag kam die Umzugsfirma nicht, und ich saß mit meinen Kisten allein da.",
            "waiting/nicht_gekommen",
        ),
    ];
    for (text, pattern) in experiences {
        let flags = experience_flags(&analyzer, text);
        assert!(flags.iter().any(|(p, _)| p == pattern), "{text}: {flags:?}");
    }
    // Without a service near, these words tell of the sky and the self.
    for text in [
        "Ich warte immer noch auf den Sommer, der Regen hört gar nicht auf.",
        "Ich habe in der Vorlesung nicht zugehört und jetzt verstehe ich nichts.",
    ] {
        assert!(experience_flags(&analyzer, text).is_empty(), "{text}");
    }
}

#[test]
fn an_illness_a_lawyers_client_a_worry_and_anyones_holiday_tell_no_experience() {
    let analyzer = Analyzer::new();
    // Each control beside the text that differs from it in that one thing
    // and tells an experience: the rule, not the words, makes the
    // difference.
    let pairs = [
        // How long someone has been ill is not how long they waited.
        (
            "Ich war heute beim Arzt, weil ich seit Tagen krank bin. Er hat mir Tropfen \
             verschrieben.",
            "Ich warte seit Tagen auf einen Termin beim Arzt.",
        ),
        // A lawyer tells a client's trouble in the first person.
        (
            "Mein Mandant hatte bei einem Händler ein Sofa gekauft, das schon nach zwei Monaten \
             durchgesessen war. Ich habe den Händler auf den Mangel hingewiesen, und wir haben \
             ihm eine Frist gesetzt. Der Händler meinte, das sei bei dieser Polsterung völlig \
             normal. Erst vor Gericht hat er nachgegeben.",
            "Ich hatte bei einem Händler ein Sofa gekauft, das schon nach zwei Monaten \
             durchgesessen war. Ich habe den Händler auf den Mangel hingewiesen, und wir haben \
             ihm eine Frist gesetzt. Der Händler meinte, das sei bei dieser Polsterung völlig \
             normal. Erst vor Gericht hat er nachgegeben.",
        ),
        // The writer's worry finds no fault with the company asked.
        (
            "Vor meiner ersten Fahrt mit dem Fernbus war ich nervös und habe viele Bewertungen \
             des Anbieters gelesen. Ich war so besorgt, dass ich dem Anbieter vorab eine Mail \
             schrieb. Die Antwort kam rechtzeitig, und die Fahrt war ruhig.",
            "Vor meiner ersten Fahrt mit dem Fernbus habe ich viele Bewertungen des Anbieters \
             gelesen. Ich war so verärgert, dass ich dem Anbieter vorab eine Mail schrieb. Die \
             Antwort kam rechtzeitig, und die Fahrt war ruhig.",
        ),
        // A holiday told of anyone (`man`) is no one's stay.
        (
            "Man freut sich monatelang auf den Urlaub. Am Hotel angekommen, wundert man sich \
             über den Lärm. Das Hotel liegt direkt an einer Baustelle, der Pool war gesperrt und \
             die Bedienung war völlig überfordert. Eine Minderung gibt es nur mit Protokoll.",
            "Wir haben uns monatelang auf den Urlaub gefreut. Am Hotel angekommen, wunderten \
             wir uns über den Lärm. Das Hotel liegt direkt an einer Baustelle, der Pool war \
             gesperrt und die Bedienung war völlig überfordert. Eine Minderung gab es nur mit \
             Protokoll.",
        ),
        // `mit dem Auto` is a way round only where one drives it.
        (
            "Es war ein langer Tag. Ich musste um die Zeit mit dem Auto zu Hause sein, weil die \
             Freunde kamen.",
            "Der Zug ist ausgefallen, also musste ich mit dem Auto fahren.",
        ),
    ];
    for (control, experience) in pairs {
        let flags = experience_flags(&analyzer, control);
        assert!(flags.is_empty(), "{control}: {flags:?}");
        assert!(!experience_flags(&analyzer, experience).is_empty(), "{experience}");
    }
}

#[test]
fn trouble_denied_and_a_lack_named_are_no_experience() {
    let analyzer = Analyzer::new();
    // From the blind web19 sample, in words of their own: a delay denied
    // and `Mangel an` (a lack) set beside the trouble they deny or resemble.
    let pairs = [
        (
            "Wir haben im vollen Zug noch zwei Plätze gefunden. Fast ohne Verspätung kamen wir \
             in Hamburg an. Toll.",
            "Wir haben im vollen Zug noch zwei Plätze gefunden. Mit einer Stunde Verspätung \
             kamen wir in Hamburg an.",
        ),
        (
            "Das Buch beschreibt, was in Praxen schiefgeht: ein Mangel an echter Beratung, \
             horrende Rechnungen. Ich habe es gern gelesen.",
            "Ich habe den Händler schriftlich auf den Mangel hingewiesen, passiert ist seitdem \
             nichts.",
        ),
    ];
    for (control, experience) in pairs {
        let flags = experience_flags(&analyzer, control);
        assert!(flags.is_empty(), "{control}: {flags:?}");
        assert!(!experience_flags(&analyzer, experience).is_empty(), "{experience}");
    }
}

#[test]
fn sent_away_unverrichteter_dinge_gone_wrong_mistaken_and_scare_quoted_are_experiences() {
    // From the blind web20 sample, in words of their own: the general
    // forms written from its misses, each beside a control that shares its
    // words and is no experience.
    let cues = [
        (
            "Am Flughafen fehlte mein Koffer. Im ersten Büro schickten sie mich zurück \
             in die andere Halle.",
            "passed_around/schickte_uns_zurueck",
        ),
        (
            "Ich war um acht beim Bürgeramt. Nach zwei Stunden wurde ich wieder weggeschickt.",
            "passed_around/wurde_weggeschickt",
        ),
        (
            "Unser Koffer kam in Berlin nicht an. Das Büro am Flughafen war nicht für unsere \
             Airline zuständig, sagte man uns.",
            "passed_around/nicht_zustaendig",
        ),
        (
            "Beim Bürgeramt bin ich heute wieder unverrichteter Dinge gegangen.",
            "waiting/unverrichteter_dinge",
        ),
        (
            "Ich hole dort seit Jahren meine Pizza. Die Betreiber der Pizzeria haben gewechselt \
             und seither läuft bei mir alles schief.",
            "defect/laeuft_schief",
        ),
        (
            "Gestern war meine Bestellung versehentlich an einen anderen Kunden ausgeliefert \
             worden.",
            "defect/versehentlich",
        ),
        (
            "Unsere Waschmaschine schleudert wieder nicht. Gestern war der Kundendienst da \
             und hat sie „repariert“, heute steht das Wasser in der Trommel.",
            "bad_experience/in_anfuehrung",
        ),
    ];
    let controls = [
        // A return sent back by the writer, not the writer sent away.
        "Ich habe die Ware gestern zurückgeschickt und das Geld heute bekommen. Super.",
        // The repair without its quotation marks is a plain fact.
        "Unsere Waschmaschine schleuderte nicht. Gestern war der Kundendienst da und hat \
         sie repariert, heute läuft sie wieder.",
        // A plan going wrong, with no company named.
        "Wir wollten früh zum Wandern los, aber dann lief alles schief und wir kamen erst \
         mittags aus dem Haus.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn a_hotline_queue_and_weeks_of_waiting_for_an_order_are_experiences() {
    // From the blind web25 sample, in words of their own.
    let cues = [
        (
            "Ich rufe wieder an. 20 Minuten Warteschlange beim Kundenservice, dann legt \
             jemand auf.",
            "waiting/warteschlange_hotline",
        ),
        (
            "Ich war gestern eine halbe Stunde in der Warteschlange der Servicehotline.",
            "waiting/warteschlange_hotline",
        ),
        (
            "Meine Bestellung ist immer noch nicht da. Ich habe jetzt wochenlang auf das \
             Paket gewartet.",
            "waiting/lang_gewartet",
        ),
    ];
    let controls = [
        // A queue with no hotline in it.
        "Im Kino standen wir gestern in der Warteschlange an der Kasse.",
        // Weeks of waiting for the summer: no company, product or service.
        "Wir haben wochenlang auf den Sommer gewartet, und jetzt regnet es.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn being_locked_out_of_an_account_and_an_error_message_are_experiences() {
    // From the misses of the blind gh1 sample (German GitHub issues), in
    // words of their own.
    let cues = [
        ("Seit dem Update kann ich mich nicht mehr einloggen.", "defect/kein_login"),
        ("Ich kann mich mit meinem neuen Passwort nicht einloggen.", "defect/kein_login"),
        (
            "Ich ärgere mich, dass ich mich seit Tagen nicht einloggen kann.",
            "defect/kein_login_nebensatz",
        ),
        ("Seit gestern kann ich mich in der App nicht mehr anmelden.", "defect/kein_anmelden"),
        (
            "Die Anmeldung ist gestern fehlgeschlagen, ich habe es dreimal versucht.",
            "defect/login_fehlgeschlagen",
        ),
        ("Die Anmeldung schlägt seit gestern immer fehl.", "defect/login_schlaegt_fehl"),
        (
            "Beim Einloggen kommt immer die Fehlermeldung, dass mein Passwort falsch ist.",
            "defect/fehlermeldung_kommt",
        ),
    ];
    let controls = [
        // Signing up for an event, with no service named.
        "Ich kann mich leider nicht anmelden, da ich an dem Tag verreist bin.",
        // The negation belongs to another clause.
        "Ich weiß nicht, ob ich mich registrieren kann.",
        // No error message came.
        "Danach kommt keine Fehlermeldung mehr, alles läuft.",
        // Remembering, not logging in.
        "Ich kann mich nicht erinnern, wann ich mich registriert habe.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn software_and_devices_that_fail_to_start_connect_or_show_are_experiences() {
    // From the misses of the blind gh3 sample (German GitHub issues on
    // smart-home adapters, wallboxes, banking software), in words of their
    // own: told without a first-person word, near a named device.
    let cues = [
        ("Seit dem Update startet die App nicht mehr.", "defect/startet_nicht"),
        ("Der Adapter startet leider nicht mehr.", "defect/startet_nicht"),
        ("Der Drucker lässt sich nicht mehr starten.", "defect/nicht_starten"),
        ("Mein Laptop fährt nicht mehr hoch.", "defect/faehrt_nicht_hoch"),
        (
            "Seit gestern kann der Router keine Verbindung mehr herstellen.",
            "defect/keine_verbindung",
        ),
        ("Beim Öffnen der App bleibt der Bildschirm schwarz.", "defect/bleibt_leer"),
        ("Beim Abruf erhalte ich immer diesen Fehler: 9050.", "defect/fehler_erhalte"),
    ];
    let controls = [
        // No device named: a season, a project, a film.
        "Die neue Saison startet nicht vor Mai.",
        "Das Projekt startet nicht mehr in diesem Jahr, sagt der Bürgermeister.",
        "Der Film startet nicht mehr in den Kinos.",
        // Working again, and a connection made.
        "Der Fehler wurde behoben, die App startet wieder.",
        "Kein Problem, die Verbindung konnte ich sofort herstellen.",
        // A defect that is gone.
        "Seit dem Update bekomme ich den Fehler nicht mehr.",
        "Seit dem Update bekomme ich die Fehlermeldung nie mehr.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn a_lost_connection_and_a_support_threads_problem_are_experiences() {
    // From the misses of the blind gh4 sample (German GitHub issues on
    // Homematic and displays), in words of their own.
    let cues = [
        ("Die App verliert ständig die Verbindung zum Router.", "defect/verbindung_verloren"),
        ("Habe auch das Problem mit dem Router seit dem Update.", "defect/problem_auch"),
        ("Gleiches Problem mit der App auf meinem Handy.", "defect/problem_gleiche"),
        ("Seit dem Update habe ich folgendes Problem mit der App:", "defect/problem_folgendes"),
        ("Ich habe das Problem, dass die App ständig abstürzt.", "defect/problem_dass"),
    ];
    let controls = [
        // No device or service named: a body's, a party's, a film's.
        "Guten Tag, ich habe folgendes Problem, seit einer Woche Schmerzen.",
        "Wir haben das Problem, dass das Internet international ist.",
        "Der Film macht den gleichen Fehler wie sein Vorgänger.",
        // No problem at all.
        "Mit dem neuen Handy hätte ich auch kein Problem.",
        // The writer's own doing, across a parenthesis.
        "Sobald ich den Server neu starte (die App muss nicht neu starten), ist alles da.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn what_a_device_no_longer_shows_or_takes_in_is_an_experience() {
    // Session 44's general rule, from the misses of gh3 and gh4 (German
    // GitHub issues): a failure told in the words of the thing, not of
    // complaint. In words of their own.
    let cues = [
        (
            "Seit gestern werden in der App keine Werte mehr angezeigt.",
            "defect/keine_mehr_angezeigt",
        ),
        ("Der Sensor ist nicht mehr erreichbar.", "defect/nicht_mehr_zustand"),
        ("Bei mir werden im Dashboard keine Daten angezeigt.", "defect/nicht_angezeigt"),
        ("Mein Drucker wird vom Laptop nicht erkannt.", "defect/nicht_erkannt"),
        ("Warum zeigt mir das Display die Temperatur nicht mehr an?", "defect/zeigt_nicht_an"),
        ("Ich habe den Router neu gestartet, beides hilft nicht.", "defect/hilft_nicht"),
        ("Seit dem Update ist mein Kalender in der App leider weg.", "defect/seit_update"),
        (
            "Im Log des Servers tritt bei mir immer wieder ein Fehler auf.",
            "defect/tritt_fehler_auf",
        ),
        ("Bei meinem Router trat das Problem schon öfter auf.", "defect/tritt_fehler_auf"),
        (
            "Mein Router stürzt ab. Der Fehler tritt bei mir jetzt täglich auf.",
            "defect/fehler_tritt_auf",
        ),
        (
            "Ich habe die Heizung in der App eingestellt. Es passiert jedoch nichts.",
            "defect/passiert_nichts",
        ),
        ("Leider kann ich meine Fotos nicht hochladen.", "defect/kann_nicht_software"),
    ];
    let controls = [
        // People, not devices, recognised; a person who does not help.
        "Viele von ihnen hätte ich im Zug nicht erkannt.",
        "Das Personal im Zug hilft nicht und schaut weg.",
        // No device or service named near: a plot, an opinion.
        "Im ganzen Film passiert einfach nichts.",
        "Jammern hilft nicht, sagt meine Oma.",
        // A support team asking for more, a maintainer's fix.
        "Ohne weitere Informationen müssen wir das Ticket leider schließen.",
        "Nach dem Update sollte die App wieder laufen.",
        // Something sold out is no failure; an error that does not occur.
        "Das Handy ist im Shop nicht mehr verfügbar.",
        "Mit der neuen Version der App tritt bei mir der Fehler nicht auf.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn not_shown_or_not_available_counts_in_order_or_after_a_contrast_only() {
    let cues = [
        (
            "Ich wollte gestern buchen, aber der Sparpreis wird mir nicht mehr angezeigt.",
            "defect/nicht_buchbar",
        ),
        (
            "Ich klicke weiter und dann kommt die Meldung: Angebot nicht mehr erhältlich!",
            "defect/nicht_buchbar",
        ),
        (
            "Gestern wurde mir die Hinfahrt angezeigt aber für die Rückfahrt nicht.",
            "defect/nicht_buchbar_aber",
        ),
    ];
    let controls = [
        // From the gh2 sample, in words of its own: the negation is a list's
        // aside, not what was shown.
        "Ich stelle mir einige Punkte vor, die angezeigt werden könnten (Liste nicht \
         vollständig, nur Vorschläge).",
        // The trouble denied: it does not occur late at night.
        "Abends werden mir alle Fahrten angezeigt, dann tritt das Problem bei mir nicht auf.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn a_cause_denied_many_people_in_general_and_a_headline_question_tell_no_experience() {
    let analyzer = Analyzer::new();
    // From the blind web20 sample, in words of their own: each control
    // beside the text that differs in the one thing and is flagged.
    let pairs = [
        (
            // The cause denied: `nicht wegen`.
            "Heute war ich bei der Bank. Ich habe das Konto nicht wegen schlechter Beratung \
             gekündigt, sondern weil ich umziehe.",
            "Heute war ich bei der Bank. Ich habe das Konto wegen schlechter Beratung \
             gekündigt.",
        ),
        (
            // Many customers in general, in a guide's answer.
            "Welche Tricks gibt es bei Handyverträgen? Ich werde das immer wieder gefragt. \
             Viele Kunden sehen erst auf der Rechnung, dass Sie einem Betrüger aufgesessen \
             sind.",
            "Welche Tricks gibt es bei Handyverträgen? Ich werde das immer wieder gefragt. \
             Ich sah erst auf der Rechnung, dass ich einem Betrüger aufgesessen bin.",
        ),
    ];
    for (control, experience) in pairs {
        let flags = experience_flags(&analyzer, control);
        assert!(flags.is_empty(), "{control}: {flags:?}");
        assert!(!experience_flags(&analyzer, experience).is_empty(), "{experience}");
    }
    // A guide headed by a question without its mark: the headline's `ich`
    // is the reader's, so the guide is no story of the writer's, and its
    // general lament finds no fault with anyone.
    let guide = "Wie lange muss ich auf den Pizzaboten warten\n\nDas Bestellen von Pizza wird \
                 immer beliebter. Doch leider ist der Service der Pizzaanbieter oft nicht so \
                 wie erwartet. Da fragten sich viele Kunden, warum das so ist.\n\nWas uns da \
                 manche Pizzaboten zumuten, ist oft unerträglich. Während früher die Pizza \
                 schnell gebracht wurde, muss der Kunde heute lange warten.";
    let flags = experience_flags(&analyzer, guide);
    assert!(flags.is_empty(), "{flags:?}");
    // Told as the writer's own story, with a statement for a title, the
    // same lament is a complaint.
    let story = guide.replacen(
        "Wie lange muss ich auf den Pizzaboten warten",
        "Ich habe gestern zwei Stunden auf den Pizzaboten gewartet.",
        1,
    );
    assert!(!experience_flags(&analyzer, &story).is_empty(), "{story}");
}

#[test]
fn cold_meals_broken_trips_referrals_and_mail_gone_astray_are_experiences() {
    // From the blind web21 sample, in words of their own: the general
    // forms written from its misses, each control sharing their words.
    let cues = [
        (
            "Wir waren gestern im Restaurant am Markt. Das Essen war leider kalt und die \
             Bedienung genervt.",
            "defect/essen_kalt",
        ),
        (
            "Unsere Kreuzfahrt war ein Albtraum. Nach fünf Tagen wurde die Reise einfach \
             abgebrochen.",
            "stranded/reise_abgebrochen",
        ),
        (
            "Mein Einschreiben war nicht da. Der Mann am Schalter hat mich an die Zentrale \
             in Bonn verwiesen.",
            "passed_around/verwiesen_mich",
        ),
        (
            "Ich habe der Post das Formular geschickt und um Leerung des Briefkastens gebeten, \
             doch es passierte nichts.",
            "no_answer/passierte_nichts",
        ),
        (
            "Mein Brief an die Bank kam zurück, angeblich unzustellbar. Dabei steht mein Name \
             groß an der Klingel.",
            "defect/unzustellbar",
        ),
    ];
    let controls = [
        // The weather in Essen, not a meal.
        "Ich war gestern in Essen. Das Wetter in Essen war kalt, aber die Stadt ist schön.",
        // Nothing happened, happily, with no company named.
        "Wir sind gestern im Dunkeln durch den Wald gegangen, doch es passierte nichts.",
    ];
    check_experience_cues(&cues, &controls);
}

#[test]
fn a_tests_testers_speak_as_we_and_report_no_experience_of_the_writer() {
    let analyzer = Analyzer::new();
    // From the blind web21 sample, in words of their own: a product test's
    // `wir` are its testers, who met the faults on purpose; the same story
    // told as the writer's own repair is an experience.
    let test = "Der Laptop geht nicht mehr an, das Display zeigt Bildfehler: Solche Probleme \
                nerven. Wir haben sieben Reparaturdienste getestet. Zwischen 100 und 860 Euro \
                mussten unsere Tester für die gleichen Defekte bezahlen. Auf die Rechner \
                mussten unsere Testkunden bis zu 42 Arbeitstage warten, und bei zwei Diensten \
                war die Reparatur am Ende unbrauchbar.";
    let flags = experience_flags(&analyzer, test);
    assert!(flags.is_empty(), "{flags:?}");
    let own = "Mein Laptop ging nicht mehr an, das Display zeigte Bildfehler: Solche Probleme \
               nerven. Ich habe ihn zu einem Reparaturdienst gebracht. Zwischen 100 und 860 \
               Euro sollte ich für die Defekte bezahlen. Auf den Rechner musste ich 42 \
               Arbeitstage warten, und am Ende war die Reparatur unbrauchbar.";
    assert!(!experience_flags(&analyzer, own).is_empty(), "{own}");
    // A writer who says `wir` first and `ich` later speaks for
    // themselves: only a text that never says `ich` is a test's report.
    let later = "Wir haben als Familie schon viele Geräte getestet und sind kritische Kunden \
                 geworden. Letzten Monat habe ich meinen Laptop zur Reparatur in den Laden am \
                 Markt gebracht. Seit drei Wochen warte ich nun auf das Gerät, und niemand \
                 meldet sich bei mir.";
    assert!(!experience_flags(&analyzer, later).is_empty(), "{later}");
}

#[test]
fn a_storys_comment_on_what_it_just_told_and_an_aside_in_parentheses() {
    let analyzer = Analyzer::new();
    // From the blind web22 sample, in words of their own. A clearly
    // negative sentence right after the writer told, in the first person,
    // what it is about comments on it; after a sentence of no one's, it
    // does not.
    let comment = "Mein Laptop ist sechs Jahre alt, und ich mag ihn. Er lief zuletzt nicht mehr \
                   rund, das Betriebssystem hing dauernd. Für die Reparatur habe ich den \
                   nächstbesten Computerladen ausgesucht. Das war ein schlimmer Fehler.";
    let flags = experience_flags(&analyzer, comment);
    assert_eq!(
        flags.iter().map(|(pattern, _)| pattern.as_str()).collect::<Vec<_>>(),
        ["complaint/narrative_comment"],
        "{flags:?}"
    );
    assert!(flags[0].1.iter().any(|role| role == "context"), "{flags:?}");
    let of_no_one = "Mein Laptop ist sechs Jahre alt, und ich mag ihn. Er lief zuletzt nicht \
                     mehr rund, das Betriebssystem hing dauernd. Für die Reparatur gibt es in \
                     der Stadt den Computerladen am Markt. Das war ein schlimmer Fehler.";
    let flags = experience_flags(&analyzer, of_no_one);
    assert!(flags.is_empty(), "{flags:?}");
    // `Blech` is no paying up: `blechen` is matched by its forms, not its
    // stem.
    let paid = "Ich musste für die Reparatur im Baumarkt 48 Euro blechen.";
    assert!(!experience_flags(&analyzer, paid).is_empty(), "{paid}");
    let sheet = "Ich habe für die Reparatur im Baumarkt 30 Bleche gekauft.";
    let flags = experience_flags(&analyzer, sheet);
    assert!(flags.is_empty(), "{flags:?}");
    // A `!` closed by a parenthesis inside a sentence ends nothing: the
    // wait and the office it was spent in stay one sentence.
    let aside = analyzer.analyze(
        "Danach ging ich zum Bürgerbüro. Dort kam ich nach 75 (fünfundsiebzig!) Minuten \
         Wartezeit dran.",
    );
    assert_eq!(aside.sentences().len(), 2, "{:?}", aside.sentences());
}

#[test]
fn a_storys_superlative_of_a_bad_word_says_as_much_as_the_word() {
    let analyzer = Analyzer::new();
    // From the web22 sample, in words of our own: `die mieseste Pizza`
    // weighed less than `mies` (a stem match's guess discount), and the
    // story's one fault stayed below a complaint.
    let worst = "Am Freitag habe ich mir beim neuen Lieferdienst um die Ecke eine Pizza \
                 bestellt. Ich hatte mich schon darauf gefreut. Das war die mieseste Pizza mit \
                 Salami und Pilzen, die mir in all den Jahren in dieser Stadt untergekommen ist.";
    let flags = experience_flags(&analyzer, worst);
    assert_eq!(
        flags.iter().map(|(pattern, _)| pattern.as_str()).collect::<Vec<_>>(),
        ["complaint/narrative"],
        "{flags:?}"
    );
    // The best pizza is no complaint, and a positive superlative keeps
    // its stem match: it describes as often as it praises.
    let best = worst.replace("mieseste", "beste");
    assert!(experience_flags(&analyzer, &best).is_empty());
    let strongest = analyzer.analyze("Die Partei wurde die stärkste Fraktion im Landtag.");
    assert!(strongest.hits().iter().all(|h| !h.rules().contains(&stimmung::Rule::Superlative)));
    // Superlative and adjective weigh alike before the increment.
    let mies = analyzer.analyze("Das war mies.");
    let mieseste = analyzer.analyze("Das war das Mieseste.");
    assert!(mieseste.compound() < mies.compound(), "{} {}", mieseste.compound(), mies.compound());
    assert!(mieseste.hits()[0].rules().contains(&stimmung::Rule::Superlative));
}

/// Overlapping cues merge into one flag, named by the pattern that asks
/// least of its context; but "least" is not always clear (a strong cue
/// that needs a named device, a plain one that needs the writer's voice),
/// and a reading the detector rejects must not silence one it accepts: a
/// pattern a user adds can rename a flag, never take it away.
#[test]
fn an_overlapping_pattern_renames_a_flag_but_never_silences_it() {
    let plain = "[negative_experience/refusal]
nicht_buchbar = nicht|nie *3 angezeigt
";
    let demanding = "[negative_experience/defect]
!~nicht_mehr_angezeigt = nicht mehr angezeigt
[negative_experience/subject]
technik = app
";
    let with = |sources: &[(&str, &str)]| {
        let set = stimmung::MarkerSet::from_sources(sources).unwrap();
        Analyzer::builder().marker_set(set).build().unwrap()
    };
    let only_plain = with(&[("plain", plain)]);
    let both = with(&[("plain", plain), ("demanding", demanding)]);
    let experience_patterns = |analyzer: &Analyzer, text: &str| -> Vec<String> {
        let analysis = analyzer.analyze(text);
        let flags = analysis.flags().iter().filter(|f| f.kind() == MarkerKind::NegativeExperience);
        flags.map(|f| f.pattern().to_string()).collect()
    };
    // No device named: the strong cue's reading fails, the plain one's
    // stands, as it did before the strong cue was added.
    let text = "Der Sparpreis wird mir seit gestern nicht mehr angezeigt.";
    assert_eq!(experience_patterns(&only_plain, text), ["refusal/nicht_buchbar"]);
    assert_eq!(experience_patterns(&both, text), ["refusal/nicht_buchbar"]);
    // A device named: the strong cue names the one flag.
    let text = "In der App wird der Sparpreis nicht mehr angezeigt.";
    assert_eq!(experience_patterns(&both, text), ["defect/nicht_mehr_angezeigt"]);
    // Neither reading holds: no flag (no device, no writer, no time).
    let text = "Der Sparpreis wird nicht mehr angezeigt, weil er ausgelaufen ist.";
    assert!(experience_patterns(&both, text).is_empty());
}

/// From the web27 sample (German blog posts on workshops, airlines,
/// craftsmen, restaurants and hotels, run blind): a felt time is a long
/// wait where a service is named, not in a film's review; a `falls`
/// inside a sentence makes its own clause a supposition, not the clause
/// after it.
#[test]
fn felt_waits_count_and_a_clause_opened_by_falls_is_supposed() {
    let analyzer = Analyzer::new();
    let experience = |text: &str| -> Vec<String> {
        let analysis = analyzer.analyze(text);
        let flags = analysis.flags().iter().filter(|f| f.kind() == MarkerKind::NegativeExperience);
        flags.map(|f| f.pattern().to_string()).collect()
    };
    let cues = [
        ("Im Restaurant kam der Kellner erst nach gefühlten 20 Minuten an unseren Tisch.", "waiting/gefuehlte_dauer"),
        ("Wir saßen im Restaurant eine gefühlte Ewigkeit, bis jemand die Bestellung aufnahm.", "waiting/gefuehlte_ewigkeit"),
        ("Ich sage es gleich, falls es jemanden interessiert: mein Zug hatte heute wieder 40 Minuten Verspätung.", "waiting/verspaetung"),
    ];
    for (text, pattern) in cues {
        assert_eq!(experience(text), [pattern], "{text}");
    }
    let controls = [
        "Im Kino sitzt man bei diesem Film schon gefühlte 3 Stunden und hofft erlöst zu werden.",
        "Die Chefin hatte den Kellner angewiesen, uns drinnen zu platzieren, falls wir mit Verspätung kämen.",
        "Bitte melden, falls der Zug heute Verspätung hat.",
    ];
    for text in controls {
        assert!(experience(text).is_empty(), "{text}: {:?}", experience(text));
    }
}
