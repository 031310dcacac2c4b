#!/usr/bin/env python3
"""Would a learned story classifier find the negative experiences the rules miss?

Session 37's measurement (tests/markers/README.md), kept so it can be run
again: a logistic model over shallow story features, trained and tested
leave-one-set-out, alone and as an addition to the rules (a text the rules
do not flag, flagged by the model).

    python3 data/tools/story_model_cv.py --bin target/release/stimmung \
        web11.jsonl … web24.jsonl [--gold gold.jsonl]
    python3 data/tools/story_model_cv.py --bin target/release/stimmung \
        --holdout web25.jsonl web11.jsonl … web24.jsonl

Each web file is one labelled set (JSONL: `id`, `label`, `text`; label
`negative_experience`, `reported` or `-`, as in
tests/markers/web_blind_labels.tsv; the texts are third-party and not in
the repository). With `--gold` (JSONL: `kinds`, `text`, as `stimmung eval`
reads marker gold), its texts of three sentences or more join training and
testing in five folds, so the model meets tweets, feedback and reviews too.
With `--holdout`, the model is trained on all the web sets given and run
once on a set drawn after them (session 38: web25). With
`--named-service lexicons/markers/experience.txt`, a text counts as
flagged by the model only if it names one of the lexicon's subject words
(what an experience is had with).
Plain Python, no packages: the model is small and the data a few thousand
texts.
"""

import argparse
import json
import math
import re
import subprocess

FIRST_PERSON = re.compile(r"\b(ich|mich|mir|mein\w*|wir|uns|unser\w*)\b", re.I)
PATTERNS = {
    # Formal address outside a sentence's start, informal address.
    "formal": re.compile(r"(?<![.!?]\s)\b(Sie|Ihr|Ihre\w*|Ihnen)\b"),
    "informal": re.compile(r"\b(du|dein\w*|dich|dir|euch|euer\w*)\b", re.I),
    "past": re.compile(
        r"\b(war|waren|hatte|hatten|wurde|wurden|kam|kamen|sagte|meinte|rief|bekam|"
        r"bekamen|ging|stand|fand|gab|wollte|sollte|musste|mussten|konnte|konnten)\b",
        re.I,
    ),
    "perfect": re.compile(r"\b(habe|hab|haben|bin|sind)\b[^.!?]{0,60}\bge\w+[td]\b", re.I),
    "duration": re.compile(
        r"\b(\d+|ein|eine|einer|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|"
        r"mehrere|einige)\s+(minuten|stunden|tage|tagen|wochen|monate|monaten|jahre|jahren)\b",
        re.I,
    ),
    "still": re.compile(r"\b(seit|nach|immer noch|noch immer|bis heute|endlich|wieder)\b", re.I),
    "third": re.compile(
        r"\b(kunden|verbraucher|betroffene\w*|nutzer|reisende\w*|fahrgäste|mieter|"
        r"patienten|leser\w*|viele)\b",
        re.I,
    ),
    "advice": re.compile(
        r"\b(sollten|tipp\w*|ratgeber|rechte|anspruch|verbraucherzentrale|musterbrief|"
        r"wichtig|achten)\b",
        re.I,
    ),
    "negation": re.compile(r"\b(nicht|kein\w*|nie|niemand|nichts)\b", re.I),
    "when": re.compile(
        r"\b(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|gestern|heute|"
        r"morgen|letzte\w*|vorige\w*|januar|februar|märz|april|mai|juni|juli|august|"
        r"september|oktober|november|dezember|\d{1,2}\.\d{1,2}\.|\d{1,2}:\d\d|uhr)\b",
        re.I,
    ),
    "money": re.compile(r"(€|euro\b|eur\b)", re.I),
    "quote": re.compile(r"[„“\"»«]"),
    "first_person": FIRST_PERSON,
}
LEANING = 0.15


def features(text, result):
    """The story features of one text, from its text and stimmung's result."""
    raw = text.encode()
    sentences = [
        (raw[s["start"] : s["end"]].decode("utf-8", "replace"), s["compound"])
        for s in result["sentences"]
    ] or [(text, 0.0)]
    n = len(sentences)
    own = [c for s, c in sentences if FIRST_PERSON.search(s)]
    words = max(1, len(text.split()))
    f = {
        "own_share": len(own) / n,
        "own_any": float(bool(own)),
        "own_negative": sum(c <= -LEANING for c in own) / n,
        "own_min": min(own, default=0.0),
        "min": min(c for _, c in sentences),
        "negative_share": sum(c <= -LEANING for _, c in sentences) / n,
        "positive_share": sum(c >= LEANING for _, c in sentences) / n,
        "compound": result["compound"],
        "questions": text.count("?") / n,
        "exclamations": text.count("!") / n,
        "length": math.log1p(len(text)) / 8,
    }
    for name, pattern in PATTERNS.items():
        f[name] = len(pattern.findall(text)) / words * 100
    return f


def flagged(result):
    return any(f["kind"] == "negative_experience" for f in result["flags"])


def load(binary, path, fold, is_gold, services=None):
    """(fold, is an experience, rules flag it, features, names a service)
    per text; every text names one when no `services` are given."""
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    out = subprocess.run([binary, "score", path], capture_output=True, check=True)
    results = [json.loads(line) for line in out.stdout.decode().splitlines()]
    texts = []
    for k, (row, result) in enumerate(zip(rows, results)):
        if is_gold:
            if len(result["sentences"]) < 3:
                continue
            label = "negative_experience" in row["kinds"]
            at = f"gold{k % 5}"
        else:
            label = row["label"] == "negative_experience"
            at = fold
        named = services is None or names_service(row["text"], services)
        texts.append((at, label, flagged(result), features(row["text"], result), named))
    return texts


def service_words(lexicon):
    """The words of `[negative_experience/subject]` in the experience lexicon,
    as (word, also as a compound's end): what an experience is had with.
    An approximation of the detector's subject matching (no stems)."""
    words, inside = [], False
    for line in open(lexicon, encoding="utf-8"):
        if line.startswith("["):
            inside = line.startswith("[negative_experience/subject]")
            continue
        if not inside or line.startswith("#") or "=" not in line:
            continue
        for alternative in re.split(r"[| ]", line.split("=", 1)[1]):
            word = alternative.strip()
            if word and word.lstrip("^-=") not in ("deutsche", "deutschen"):
                words.append((word.lstrip("^-=").lower(), word.lstrip("^").startswith("-")))
    return words


def names_service(text, services):
    """Whether a text names one of `services` ([`service_words`])."""
    return any(
        w == word or (compound and w.endswith(word))
        for w in re.findall(r"\w+", text.lower())
        for word, compound in services
    )


def train(rows, names, l2=0.01, rounds=600, rate=0.5):
    """Logistic regression on standardised features, full-batch gradient descent."""
    xs = [[r[3][k] for k in names] for r in rows]
    ys = [float(r[1]) for r in rows]
    m = len(names)
    mean = [sum(x[j] for x in xs) / len(xs) for j in range(m)]
    sd = [max(1e-6, math.sqrt(sum((x[j] - mean[j]) ** 2 for x in xs) / len(xs))) for j in range(m)]
    zs = [[(x[j] - mean[j]) / sd[j] for j in range(m)] for x in xs]
    w, b = [0.0] * m, 0.0
    for _ in range(rounds):
        gw, gb = [0.0] * m, 0.0
        for z, y in zip(zs, ys):
            e = 1 / (1 + math.exp(-(b + sum(a * c for a, c in zip(w, z))))) - y
            gb += e
            for j in range(m):
                gw[j] += e * z[j]
        b -= rate * gb / len(zs)
        w = [w[j] - rate * (gw[j] / len(zs) + l2 * w[j]) for j in range(m)]

    def predict(f):
        s = b + sum(w[j] * (f[k] - mean[j]) / sd[j] for j, k in enumerate(names))
        return 1 / (1 + math.exp(-s))

    return predict


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="stimmung binary")
    ap.add_argument("--gold", help="marker gold (JSONL with kinds, text)")
    ap.add_argument("--thresholds", default="0.5,0.6,0.7,0.8")
    ap.add_argument(
        "--holdout",
        help="a labelled web set drawn after the others: train on them all, test on it once",
    )
    ap.add_argument(
        "--named-service",
        metavar="LEXICON",
        help="count the model's flags only on texts that name a subject word of this "
        "experience lexicon (lexicons/markers/experience.txt)",
    )
    ap.add_argument("web", nargs="+", help="labelled web sets (JSONL: id, label, text)")
    args = ap.parse_args()
    services = service_words(args.named_service) if args.named_service else None
    rows = []
    for path in args.web:
        rows += load(args.bin, path, path, False, services)
    if args.holdout:
        holdout(args, rows, services)
        return
    if args.gold:
        rows += load(args.bin, args.gold, None, True, services)
    names = list(rows[0][3])
    thresholds = [float(t) for t in args.thresholds.split(",")]
    tally = {}
    for fold in sorted({r[0] for r in rows}):
        predict = train([r for r in rows if r[0] != fold], names)
        domain = "gold" if fold.startswith("gold") else "web"
        for _, label, rules, f, named in (r for r in rows if r[0] == fold):
            p = predict(f)
            for t in thresholds:
                c = tally.setdefault((domain, t), [0, 0, 0, 0])
                if p >= t and named:
                    c[0 if label else 1] += 1
                    if not rules:
                        c[2 if label else 3] += 1
    for (domain, t), (tp, fp, add_tp, add_fp) in sorted(tally.items()):
        total = sum(r[1] for r in rows if r[0].startswith("gold") == (domain == "gold"))
        print(
            f"{domain} threshold {t}: model alone recall {tp / total:.3f} "
            f"precision {tp / max(1, tp + fp):.3f}; beyond the rules +{add_tp} "
            f"experiences, +{add_fp} false"
        )


def holdout(args, rows, services):
    """Session 38's blind test: the model trained on every set given, run
    once on a set drawn after them, with reports (neither an experience
    nor a control) counted apart."""
    predict = train(rows, list(rows[0][3]))
    labels = [json.loads(line)["label"] for line in open(args.holdout, encoding="utf-8")]
    tested = load(args.bin, args.holdout, args.holdout, False, services)
    count = {k: labels.count(k) for k in ("negative_experience", "-", "reported")}
    for t in (float(t) for t in args.thresholds.split(",")):
        alone = {k: 0 for k in count}
        beyond = {k: 0 for k in count}
        for label, (_, _, rules, f, named) in zip(labels, tested):
            if predict(f) >= t and named:
                alone[label] += 1
                if not rules:
                    beyond[label] += 1
        print(
            f"{args.holdout} threshold {t}: model alone {alone['negative_experience']} of "
            f"{count['negative_experience']} experiences, {alone['-']} of {count['-']} "
            f"controls, {alone['reported']} of {count['reported']} reports; beyond the "
            f"rules +{beyond['negative_experience']} experiences, +{beyond['-']} false, "
            f"+{beyond['reported']} reports"
        )


if __name__ == "__main__":
    main()
