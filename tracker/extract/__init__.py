"""Extract step: Article -> statements with speakers and dates.

Rule-based and model-free: the rules live in ``attribute.py`` and the word
lists in ``tracker/rules/``. ``extract(article)`` is the one entry point.
"""

from __future__ import annotations

from ..dates import find_said_date, to_date
from ..models import Article, Statement
from .attribute import ArticleExtractor, Found
from .mentions import DOCUMENT_NOUNS

# Bump when extraction changes: ingest re-extracts articles stored by an older version.
EXTRACTOR_VERSION = "rules-10"
SPEAKER_TYPES = {"group": "anonymous group"}


def extract(article: Article) -> list[Statement]:
    found = ArticleExtractor(article).run()
    published = to_date(article.published)
    statements = []
    dated: dict[tuple, tuple] = {}  # (speaker, paragraph) -> the date a nearby statement gave
    for item in found:
        statement = _statement(article, item)
        _date(statement, article, item, published, dated)
        statements.append(statement)
    return statements


def _statement(article: Article, item: Found) -> Statement:
    text = article.text
    mention, entity = item.mention, item.entity
    speaker = speaker_type = role = affiliation = None
    if entity is not None:
        speaker, speaker_type, role, affiliation = entity.name, entity.type, entity.role, entity.affiliation
    elif mention is not None and mention.kind in ("group", "organization") and mention.head not in DOCUMENT_NOUNS \
            and (mention.name or mention.text.split(" ", 1)[0].lower() not in POSSESSIVE_PRONOUNS):
        # Unresolved organizations and groups speak under their own description ("the government");
        # a bare document ("a statement") names no one, nor does "her office" or "their union"
        # (one speaker "her office" would gather every office in the database).
        speaker, speaker_type = mention.name or _without_article(mention.text), mention.speaker_type
    if mention is not None and role is None:
        role, affiliation = mention.role, affiliation or mention.affiliation
    if speaker_type is None and mention is not None:
        speaker_type = mention.speaker_type
    speaker_type = SPEAKER_TYPES.get(speaker_type, speaker_type)
    s_start, s_end = item.sentence
    return Statement(
        text=text[item.start:item.end],
        start=item.start,
        end=item.end,
        kind=item.kind,
        speaker=speaker,
        speaker_mention=mention.text if mention else None,
        speaker_start=mention.start if mention else None,
        speaker_end=mention.end if mention else None,
        speaker_type=speaker_type,
        mention_kind=mention.kind if mention else None,
        speaker_role=role,
        speaker_affiliation=affiliation,
        cue=item.cue,
        context=text[s_start:s_end],  # the sentence the statement sits in
    )


POSSESSIVE_PRONOUNS = frozenset("her his its their our my your".split())


def _without_article(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in ("the", "a", "an") and rest else text


def _date(statement: Statement, article: Article, item: Found, published, dated: dict) -> None:
    text = article.text
    s_start, s_end = item.sentence
    # Dates inside the quoted words say when things happened, not when they were said.
    sentence = text[s_start:s_end]
    blanked = [(quote.start, quote.end) for quote in item.quotes]
    if item.kind == "indirect":
        blanked.append((item.start, item.end))
    for start, end in blanked:
        start, end = max(start, s_start) - s_start, min(end, s_end) - s_start
        if start < end:
            sentence = sentence[:start] + " " * (end - start) + sentence[end:]
    said = find_said_date(sentence, published)
    key = (statement.speaker, item.paragraph)
    if said is not None:
        statement.date, statement.date_precision, statement.date_phrase = said.date, said.precision, said.phrase
        statement.date_source = "text"
        dated[key] = (said.date, said.precision, said.phrase)
        return
    # The same speaker, later in the same or the next paragraph, speaks on the same occasion.
    previous = dated.get(key) or dated.get((statement.speaker, item.paragraph - 1))
    if statement.speaker and previous:
        statement.date, statement.date_precision, statement.date_phrase = previous
        statement.date_source = "text"
        dated[key] = previous
        return
    if published is not None:
        statement.date, statement.date_precision, statement.date_source = published.isoformat(), "day", "publication"
