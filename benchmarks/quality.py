"""Attribution quality on the dev data, written to docs/quality.md.

    .venv/bin/python benchmarks/quality.py            # needs ../shared/bench (not in a user's clone)

Runs ../shared/bench/score_quotes.py (the GGT-style scorer) on the GGT and PolNeAR dev splits
with this checkout's `tracker`, then breaks the figures down by statement kind (direct,
indirect, mixed) and, on GGT, by how the gold speaker is mentioned (a name, a pronoun, or
nothing: a quote paragraph that continues an earlier speaker).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
PRONOUNS = {"he", "she", "they", "it", "we", "i", "his", "her", "their"}
# Capitalized only because they open the source: "She", "The campaign's", "His lawyer"
NOT_NAME_WORDS = frozenset("she he they it we his her their its our this that these those the an who".split())
DATASETS = {"GGT dev": "ggt_dev.jsonl", "PolNeAR dev": "polnear_dev.jsonl"}


def tracker_command() -> str:
    local = ROOT / ".venv" / "bin" / "tracker"
    return str(local) if local.exists() else "tracker"


def score(dataset: Path, details: Path) -> dict:
    command = [sys.executable, str(BENCH / "score_quotes.py"), str(dataset), "--tracker", tracker_command(),
               "--details", str(details), "--json"]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return json.loads(output.splitlines()[0])


def mention_kind(speaker: str) -> str:
    speaker = (speaker or "").strip().lower()
    if not speaker:
        return "none"
    return "pronoun" if speaker in PRONOUNS else "name or description"


def breakdown(dataset: Path, details: Path) -> tuple[dict, dict]:
    gold_speaker = {}
    for line in dataset.open(encoding="utf-8"):
        record = json.loads(line)
        for quote in record.get("quotes", []):
            gold_speaker[(record["id"], tuple(quote["quote_span"]))] = quote.get("speaker", "")
    by_kind: dict = defaultdict(lambda: [0, 0, 0])  # found, gold, named right
    by_mention: dict = defaultdict(lambda: [0, 0, 0])
    for line in details.open(encoding="utf-8"):
        row = json.loads(line)
        if row.get("threshold") != 0.3 or "gold" not in row:
            continue
        named = 1 if row.get("named_ok") else 0
        for table, key in ((by_kind, row["type"]),
                           (by_mention, mention_kind(gold_speaker.get((row["id"], tuple(row["gold_span"])), "")))):
            table[key][1] += 1
            if row["found"]:
                table[key][0] += 1
                table[key][2] += named
    return by_kind, by_mention


def article_slice(source: Path, target: Path, skip: int, take: int) -> None:
    """Articles skip+1 .. skip+take of a JSON Lines split (several annotators of one article count once)."""
    seen: set[str] = set()
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            seen.add(json.loads(line)["id"])
            if skip < len(seen) <= skip + take:
                out.write(line)


def wrong_named_person(dataset: Path, predictions: Path) -> tuple[int, int]:
    """Direct quotes whose gold source is a name ("Sen. Ted Cruz", not "he" or "a spokesman"):
    how many statements matched to them name someone sharing a capitalized word with it, and how
    many name someone else. A statement with no speaker counts as neither."""
    by_file: dict = defaultdict(list)
    for line in predictions.open(encoding="utf-8"):
        row = json.loads(line)
        by_file[Path(row["file"]).stem].append(row)
    right = wrong = 0
    seen = set()
    for line in dataset.open(encoding="utf-8"):
        record = json.loads(line)
        if record["id"] in seen:
            continue
        seen.add(record["id"])
        for attribution in record.get("attributions", []):
            spans = [span for part in attribution.get("content", []) for span in part["spans"]]
            source = " ".join(part["text"] for part in attribution.get("source", []))
            names = {word.lower() for word in re.findall(r"\b[A-Z][a-z][\w'’-]+", source)} - NOT_NAME_WORDS
            if attribution.get("type_guess") != "direct" or not spans or not names:
                continue
            start, end = min(a for a, _ in spans), max(b for _, b in spans)
            overlaps = [(min(end, p["end"]) - max(start, p["start"]), p) for p in by_file[record["id"]]]
            overlaps = [(size, p) for size, p in overlaps if size > 0.3 * (end - start)]
            if not overlaps:
                continue
            speaker = max(overlaps, key=lambda pair: pair[0])[1]["speaker"]
            if speaker:
                if {word.lower().strip(".") for word in speaker.split()} & names:
                    right += 1
                else:
                    wrong += 1
    return right, wrong


def unseen_section() -> list[str]:
    """PolNeAR train articles from 601 on (up to 300): never read while writing rules (1-600 were)."""
    train = BENCH / "data" / "polnear_train.jsonl"
    if not train.exists():
        return []
    with tempfile.TemporaryDirectory() as tmp:
        dataset, predictions = Path(tmp) / "slice.jsonl", Path(tmp) / "predictions.jsonl"
        article_slice(train, dataset, 600, 300)
        command = [sys.executable, str(BENCH / "score_quotes.py"), str(dataset), "--tracker", tracker_command(),
                   "--save-predictions", str(predictions), "--json"]
        figures = json.loads(subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
                             .stdout.splitlines()[0])
        right, wrong = wrong_named_person(dataset, predictions)
    result = next(r for r in figures["results"] if r["threshold"] == 0.3)
    return [f"## Unseen: PolNeAR train, articles 601-{600 + figures['articles']}", "",
            "Never read while writing rules (articles 1-600 of the train split were read for errors; the dev",
            "splits above were tuned on).", "",
            "| articles | gold | precision | recall | F1 | speaker span | direct quotes with a named gold source: "
            "speaker right | speaker someone else |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {figures['articles']} | {result['gold']} | {result['precision']:.3f} | {result['recall']:.3f} | "
            f"{result['f1']:.3f} | {result['speaker_span_match']:.3f} | {right} | {wrong} |", ""]


def table(rows: dict, named: bool) -> list[str]:
    head = "| | gold | found | recall |" + (" named speaker right |" if named else "")
    lines = [head, "|---|---:|---:|---:|" + ("---:|" if named else "")]
    for key in sorted(rows):
        found, gold, right = rows[key]
        line = f"| {key} | {gold} | {found} | {found / gold:.3f} |" if gold else f"| {key} | 0 | 0 | - |"
        if named:
            line += f" {right / found:.3f} |" if found else " - |"
        lines.append(line)
    return lines


def main() -> None:
    if not BENCH.exists():
        sys.exit(f"{BENCH}: not found (the dev data lives beside the project, not in it)")
    out = ["# Attribution quality", "",
           f"Measured {dt.date.today().isoformat()} with `.venv/bin/python benchmarks/quality.py`, which runs",
           "`../shared/bench/score_quotes.py` on both dev splits. A gold quote is found when more than 30% of",
           "its characters are covered by one statement (GGT's greedy matching); named speaker = the statement's",
           "resolved `speaker` names the annotated person (pronoun quotes included).", ""]
    for title, name in DATASETS.items():
        dataset = BENCH / "data" / name
        with tempfile.TemporaryDirectory() as tmp:
            details = Path(tmp) / "details.jsonl"
            figures = score(dataset, details)
            by_kind, by_mention = breakdown(dataset, details)
        out += [f"## {title}", "", f"{figures['articles']} articles, {figures['gold_quotes']} gold statements.", "",
                "| threshold | TP | gold | predicted | precision | recall | F1 | speaker span | named speaker |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for result in figures["results"]:
            named = result.get("named_speaker_acc")
            named_text = f"{named:.3f}" if named is not None else "n/a"
            out.append(f"| {result['threshold']} | {result['tp']} | {result['gold']} | {result['pred']} | "
                       f"{result['precision']:.3f} | {result['recall']:.3f} | {result['f1']:.3f} | "
                       f"{result['speaker_span_match']:.3f} | {named_text} |")
        out += ["", "By kind:", ""]
        out += table(by_kind, named=title.startswith("GGT"))
        if title.startswith("GGT"):
            out += ["", "By how the gold speaker is mentioned:", ""] + table(by_mention, named=True)
        out.append("")
    out += unseen_section()
    target = ROOT / "docs" / "quality.md"
    existing = target.read_text(encoding="utf-8") if target.exists() else ""
    notes = existing.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in existing else "\n"
    target.write_text("\n".join(out) + "\n<!-- notes -->" + notes, encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
