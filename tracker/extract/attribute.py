"""The attribution rules: which spans are statements and who said them.

Work goes paragraph by paragraph, sentence by sentence, in reading order, so
that every reference ("she", "the minister", a quote paragraph with no verb)
can only look back at what a reader has already seen.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter, itemgetter

from .. import rules
from ..models import Article
from .entities import Entities, Entity, fold
from .mentions import (DOCUMENT_NOUNS, NOT_NAMES, NOUN_VERBS, PARTY_WORDS, PRONOUN_OBJECTS, QUANTIFIER_GROUPS, SPOKES_NOUNS, Mention,
                       demonym, mention_ending_at, mention_from_tokens, mention_starting_at)
from .units import DASHES, LONG_DASHES, Quote, Token, find_quotes, make_token, sentence_spans, straighten_double_apostrophes, tokenize

AUXILIARIES = frozenset(
    "has have had is was were are be been will would could should can may might must did does do also later then "
    "once again further repeatedly previously earlier recently reportedly simply only just still even never not "
    "often always already quickly publicly privately".split()
)
# Verbs whose content may follow directly, without "that": "Smith said the plan ...".
DIRECT_CONTENT_VERBS = frozenset(
    "say tell add write tweet insist argue claim explain note warn stress emphasize acknowledge admit assert contend "
    "maintain predict confirm believe think reiterate state announce recall suggest concede agree complain estimate "
    "post continue".split()
)
# Verbs that need "that" (or a quote) to report speech: "announced that", not "announced the winner".
NEEDS_THAT = frozenset(
    "announce confirm deny reveal report post answer charge rule describe dismiss estimate forecast highlight "
    "ask question recount repeat summarize tout recommend propose instruct accuse blast criticize boast "
    "comment continue respond reply echo relate reason testify recall recount demand find press".split()
) | {"fire back", "shoot back"}
# Words after which "to VERB" reports the sentence subject's own speech: "went on to say", "was quick
# to add", "sought to reassure" (but "evidence to suggest", "plans to invite", "declined to say" report none)
TO_SPEAK_GOVERNORS = frozenset(
    "on quick continued continues proceeded hastened rushed went began begins started sought seeks tried tries "
    "appeared seemed managed moved".split()
)  # and "took to Twitter to accuse", "used the speech to say"
CONTENT_NOUNS = frozenset("claims reports allegations suggestions accusations rumours rumors speculation".split())
FILLER_WORDS = frozenset(
    "in on at during to with for from after before about of by the a an his her their its this that last next earlier "
    "later interview statement statements news conference press release email e-mail emailed phone telephone call "
    "video post tweet twitter facebook instagram social media speech hearing meeting briefing rally event told radio "
    "television tv show program programme podcast reporters journalists audience crowd supporters today tonight "
    "yesterday morning afternoon evening night week month year weekend recently when asked speech address remarks "
    "appearance testimony session filing letter report emailed e-mailed written court documents new year's "
    "annual budget year-end end-of-year last first however though also meanwhile further moreover instead too "
    "again now then still".split()
)
INTRO_WORDS = frozenset(
    "however but and meanwhile still yet so also then now later earlier today yesterday instead indeed moreover "
    "in on at during after before while when since despite following although though as with without for under "
    "over from by amid among once".split()
)
SENTENCE_TERMINATORS = frozenset(".!?…")
_CONTRACTED_SUBJECT = re.compile(r"(she|he|they|we|i)['’](?:s|re|ve|d|ll)$")
# A reported clause has a finite verb: an auxiliary, a past tense, or a pronoun subject's verb.
FINITE_VERB = re.compile(
    r"""(?ix)\b(?:
        is|are|was|were|be|been|am|will|would|can|could|shall|should|may|might|must|has|have|had|do|does|did
      | \w+n['’]t | \w+['’](?:s|re|ve|ll|d|m)
      | \w{3,}ed
      | went|said|told|made|took|came|saw|got|gave|found|thought|knew|left|felt|kept|began|brought|bought|held
      | led|lost|met|paid|put|ran|sent|set|sat|spent|stood|won|wrote|drew|grew|fell|rose|struck|hit|cut|became
      | broke|chose|spoke|meant|needs|wants|says|plans|remains|seems|thinks|believes|expects|hopes|knows|means
      | (?:he|she|it|they|we|i|you|there|who)\s+\w+
    )\b""",
)
_RELATIVE_CLAUSE = re.compile(r",?\s+(?:which|who|where)\b")  # where a reported clause's main part ends
_COMMA_AND_CLOSING_MARK = re.compile(r",\s*[\"”’']\s*$")
SPEECH_PARTICIPLES = frozenset("adding saying noting explaining stressing arguing insisting warning".split())
CLAUSE_SUBJECTS = frozenset("he she they it we i you there".split())
ABOUT_CLAUSE_STARTS = frozenset("what how whether why who when where if".split())
# A speaker's label opening a paragraph of a transcript: 'PENCE:', '"JAKE TAPPER: ...'.
TRANSCRIPT_LABEL = re.compile(r"""[\s"“]*([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}):\s+(?=\S)""")
NOT_SPEAKER_LABELS = frozenset([
    "READ MORE", "WATCH", "WATCH BELOW", "WATCH LIVE", "LISTEN", "VIDEO", "PHOTOS", "PHOTO", "UPDATE", "UPDATED",
    "CORRECTION", "CLARIFICATION", "EDITOR'S NOTE", "NOTE", "RELATED", "BREAKING", "EXCLUSIVE", "LOOK", "SOURCE",
    "SOURCES", "CREDIT", "BYLINE", "EMAIL", "TAGS"])
# A sentence opening with one of these is not finished before a comma: "Even if the venture fails, ..."
INTERRUPTED_OPENERS = frozenset("if when although though because while since unless even after before once until whereas".split())
SUBORDINATORS = frozenset("when after as because while since before until if although though once but and".split())
PREPOSITIONS = frozenset(
    "in on at during after before to with from by while when as outside inside near via through about of for".split()
)
NOT_CLAUSE_STARTS = frozenset(
    "in on at of to with for by from about after before during as and but or so when while since until than into onto "
    "upon over under through against without within via per also just only again instead goodbye hello yes thanks "
    "sorry nothing something anything".split()
)
# Words a reported clause can begin with: "said every school should ...".
CLAUSE_STARTS = frozenset(
    "he she they it we i you there this these those the a an his her their its our my your no some all many most "
    "more any nothing everyone everybody nobody none people every each both several few only not if what whether "
    "once one two three police officials".split()
)
# After a noun, not after a reporting verb: "Health worries have dogged her", "the claims were false".
NOUN_FOLLOWERS = frozenset("have has had are were is was".split())
DETERMINER_WORDS = frozenset("the a an this that these those his her their its our my your recent new latest earlier".split())
# Verbs that take the listener before the content: "told the city council that ...".
OBJECT_VERBS = frozenset("tell inform assure remind warn advise promise ask convince".split())
# Verbs whose content can be a gerund: "suggested sending troops", "denied taking bribes".
GERUND_VERBS = frozenset("suggest propose recommend deny admit acknowledge recall describe consider urge".split())


# Words that open a time phrase after a reporting verb: "said this week", "told them last night".
TIME_OPENERS = frozenset("this last next yesterday today tonight earlier later".split())

# Told with no determiner: "told local radio", "told national television".
TOLD_MEDIA = frozenset("radio television tv newspapers broadcasters podcasts".split())

# A speaker brought in by these is someone new, not a person named before: "a commuter", "one resident", "my father".
UNNAMED_DETERMINERS = frozenset("a an one another my our your his her their".split())


@dataclass
class Found:
    """A statement before it becomes a Statement: spans, speaker, how it was found."""

    start: int
    end: int
    kind: str
    paragraph: int
    sentence: tuple[int, int]
    mention: Mention | None = None
    entity: Entity | None = None
    cue: str | None = None
    quotes: tuple[Quote, ...] = ()


def _party_or_nation(word: str) -> bool:
    """'Democratic', 'Republican', 'Canadian', 'Chinese' before a noun; not 'Lynch' or 'French' (names too)."""
    return word in PARTY_WORDS or (len(word) > 5 and word.endswith(("ese", "ian", "ean", "ican")) and demonym(word))


IRREGULAR_VERBS = frozenset(
    "gone went made took came saw got gave found thought knew left felt kept began brought held led lost met paid put "
    "ran sent spent stood won drew grew fell rose struck became broke chose spoke sang wrote".split()
)


def _looks_like_verb(word: str) -> bool:
    """Without a part-of-speech model: a past tense, a third person or a participle."""
    if word in IRREGULAR_VERBS:
        return True
    if len(word) < 4 or word in FILLER_WORDS or word in PREPOSITIONS:
        return False
    return word.endswith(("ed", "ing")) or (word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")))


_CLOSING_PUNCTUATION = re.compile(r"""(?:[.!?…:;,)\]]|[.!?,]['’])$""")


def _subheading(paragraph: str) -> bool:
    """A short line without closing punctuation between paragraphs: a section heading."""
    stripped = paragraph.strip()
    if any(mark in stripped for mark in '"“”«»'):
        return False  # '"Every vote is a voice." — Grace Obi' is a quotation, not a heading
    # the punctuation is at most two characters at the end: look there, and count words only then
    return not _CLOSING_PUNCTUATION.search(stripped, len(stripped) - 2) and len(stripped.split()) < 12


TITLE_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with".split())


def _title_case(text: str) -> bool:
    """'The Steve Harvey Morning Show', 'Fox and Friends': a title of a work, not words someone said.
    American style puts the sentence's full stop inside the marks ('on "State of the Union."'):
    a short title may end with one."""
    text = text.strip()
    if text.endswith((".", "!", "?")):
        if len(text.split()) > 6:
            return False
        text = text.rstrip(".!?")
    words = [w for w in text.split() if w[:1].isalpha()]
    # 'FAKE NEWS!' is shouted, not a title: a capitalized word has lower case after its first letter
    capitalized = [w for w in words if w[:1].isupper() and not w.isupper()]
    return (len(capitalized) >= 2 and words[0][:1].isupper()
            and all(w[:1].isupper() or w in TITLE_SMALL_WORDS for w in words))


_token_start = attrgetter("start")
_token_is_cap = itemgetter(4)  # Token.is_cap, for map()


def _starting_within(tokens: list[Token], start: int, end: int) -> list[Token]:
    """The tokens that start in [start, end), found by bisection (token lists are in text order)."""
    return tokens[bisect.bisect_left(tokens, start, key=_token_start):bisect.bisect_left(tokens, end, key=_token_start)]


def _index_starting_at(tokens: list[Token], start: int) -> int | None:
    """The index of the first token that starts at ``start``, if any."""
    for index, token in enumerate(tokens):
        if token.start == start:
            return index
    return None


def _describe(named: Mention, description: Mention) -> Mention:
    """'Hugh Hill, a doctor': the description gives the named person a role (and whose they are)."""
    named.role = named.role or _without_determiner(description.role or description.text)
    named.affiliation = named.affiliation or description.affiliation or (
        description.name if description.kind == "organization" else None)  # "a spokesman for the ministry"
    return named


def _spokes(mention: Mention) -> bool:
    """'A spokesman for the ministry': a body speaking through a person the mention describes."""
    return mention.kind == "organization" and mention.role is not None


def _without_determiner(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in ("a", "an", "the") and rest else text


_VERB_FORMS: dict[str, str] = {}
_PAIR_STARTS: set[str] = set()  # first words of two-word verbs ("point out")
_VERB_STARTS: set[str] = set()  # every word a reporting verb can start with: verb_lemma() is None for any other


def _load_verb_forms() -> dict[str, str]:
    _VERB_FORMS.update(rules.reporting_verbs())
    _PAIR_STARTS.update(form.split()[0] for form in _VERB_FORMS if " " in form)
    _VERB_STARTS.update(form for form in _VERB_FORMS if " " not in form)
    _VERB_STARTS.update(_PAIR_STARTS)
    return _VERB_FORMS


def _verb_starts() -> set[str]:
    if not _VERB_STARTS:
        _load_verb_forms()
    return _VERB_STARTS


@lru_cache(maxsize=None)
def _cue_pattern() -> re.Pattern:
    """Any reporting verb form, or 'according': a sentence without one reports no speech."""
    return re.compile(r"\b" + _trie_pattern(set(rules.reporting_verbs()) | {"according", "According"}) + r"\b")


def _trie_pattern(words: set[str]) -> str:
    """An alternation with shared prefixes factored out: the regex engine then tests a few
    branches at each position instead of every one of hundreds of words."""
    if "" in words and len(words) == 1:
        return ""
    groups: dict[str, set[str]] = {}
    optional = "" in words
    for word in words - {""}:
        groups.setdefault(word[0], set()).add(word[1:])
    branches = [re.escape(first) + _trie_pattern(rest) for first, rest in sorted(groups.items())]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if optional else body


def verb_lemma(tokens: list[Token], index: int) -> tuple[str, int] | None:
    """(lemma, number of tokens) when tokens[index] starts a reporting verb."""
    forms = _VERB_FORMS or _load_verb_forms()
    token = tokens[index]
    lower = token.lower
    if lower in _PAIR_STARTS and index + 1 < len(tokens):
        pair = f"{lower} {tokens[index + 1].lower}"
        if pair in forms:
            return forms[pair], 2
    lemma = forms.get(lower)
    if lemma is None or not token.text[:1].islower():
        return None
    if " " in lemma:
        return None  # "point" alone is not "point out"
    if lemma in NOUN_VERBS and index + 1 < len(tokens) and tokens[index + 1].lower in NOUN_FOLLOWERS \
            and token.lower != lemma:
        return None
    if lemma in NOUN_VERBS and index > 0 and token.lower in (lemma, lemma + "s", lemma[:-1] + "ies"):
        # "an NBC News report", "recent reports" are nouns; "they report", "Smith reports" are verbs.
        previous = tokens[index - 1]
        if token.lower == lemma:
            if previous.lower not in ("they", "we", "i", "you", "to", "will", "would", "did", "do", "may", "might", "could", "should"):
                return None
        elif previous.lower in DETERMINER_WORDS or previous.text.endswith(("'s", "’s")) or _party_or_nation(previous.lower):
            return None  # "the claims", "Smith's claims", "Democratic claims", "Canadian reports"
        elif not (previous.text[:1].isupper() or previous.lower in ("he", "she", "it") or previous.lower.endswith("ly")):
            if not (index + 1 < len(tokens) and tokens[index + 1].lower == "that"):
                return None  # "a page on the website states that ...": a verb before "that"
        else:
            # "Smith's claims", "the senator's Fifth Amendment claims": a possessive makes a noun
            back = index - 1
            while back > 0 and tokens[back].text[:1].isupper() and not tokens[back].text.endswith(("'s", "’s")):
                back -= 1
            if tokens[back].text.endswith(("'s", "’s")):
                return None
    return lemma, 1


# Prepositions after which a noun phrase only narrows down the speaker before it.
POSTMODIFIERS = (("close", "to"), ("familiar", "with"), ("with", "knowledge", "of"), ("in",), ("at",), ("from",),
                 ("with",), ("of",), ("for",), ("across",), ("near",), ("around",), ("inside",), ("outside",),
                 ("within",), ("throughout",), ("on",))
AFFILIATING = frozenset({"with", "of", "from", "at", "for"})

class ArticleExtractor:
    def __init__(self, article: Article) -> None:
        self.article = article
        # The rules read this copy: same length, so every offset is one into article.text.
        self.text = straighten_double_apostrophes(article.text)
        self._pronoun_referents: dict[tuple[int, int], Entity | None] = {}
        self._last_speaker_at = -1
        self._last_speaker_found: Found | None = None
        self.quotes = find_quotes(self.text, article.paragraphs)
        self._tokens: dict[int, list[Token]] = {}  # paragraph -> its tokens, made once
        self._quotes_by_paragraph: dict[int, list[Quote]] = {}
        for quote in self.quotes:
            self._quotes_by_paragraph.setdefault(quote.paragraph, []).append(quote)
        self.entities = Entities()
        self.found: list[Found] = []
        self._found_spans: dict[tuple[int, int], Found] = {}
        self.last_speaker: tuple[Entity | None, int] | None = None  # (entity, paragraph)

    # -- the pass ------------------------------------------------------------
    def run(self) -> list[Found]:
        self._introduce_names()
        turns = self._transcript_turns()
        by_paragraph: dict[int, list[Quote]] = {}
        for quote in self.quotes:
            by_paragraph.setdefault(quote.paragraph, []).append(quote)
        reports_speech = _cue_pattern().search
        for number, (p_start, p_end) in enumerate(self.article.paragraphs):
            quotes = by_paragraph.get(number, [])
            if _subheading(self.text[p_start:p_end]):
                continue  # "Dennis Brooks says: 'Just listen'" above a section is a headline
            if number in turns and self._transcript_turn(number, turns[number], quotes):
                continue
            # Where the first cue word at or after a sentence's start begins (p_end: there is none).
            # Sentences end before a space, so a word ends at a sentence's end exactly when it
            # ends there in the paragraph: one search finds the cue of every sentence up to it.
            cue_at = None
            if not quotes:
                cue = reports_speech(self.text, p_start, p_end)
                if cue is None:
                    continue  # nor will any of its sentences
                cue_at = cue.start()
            for s_start, s_end in sentence_spans(self.text, p_start, p_end, quotes):
                in_sentence = [q for q in quotes if s_start <= q.open_at < s_end] if quotes else quotes
                if not in_sentence:
                    if cue_at is None or cue_at < s_start:
                        cue = reports_speech(self.text, s_start, p_end)
                        cue_at = cue.start() if cue is not None else p_end
                    if cue_at >= s_end:
                        continue  # most sentences report nothing
                self._sentence(number, s_start, s_end, in_sentence)
        self._fill_quote_chains()
        return sorted(self.found, key=lambda f: f.start)

    def _transcript_turns(self) -> dict[int, tuple[re.Match, Entity | None]]:
        """'PENCE: Well, look, ...': paragraphs of a transcript, by number, with the person each
        label names. A label naming someone the article has shown to be a person (by a name not
        in capitals: "WATCH BELOW" names no one) makes the article a transcript; there a label
        used twice is a speaker too, even unnamed ("WALLACE:" for a host the article never
        names), so no turn is given to whoever spoke before it."""
        labels: dict[int, tuple[re.Match, Entity | None]] = {}
        for number, (p_start, p_end) in enumerate(self.article.paragraphs):
            match = TRANSCRIPT_LABEL.match(self.text, p_start, p_end)
            if match is None or match.group(1) in NOT_SPEAKER_LABELS:
                continue
            person = self.entities._find_person(match.group(1).title(), match.start(1), create=False)
            if person is not None and (person.type != "person" or not person.evidence or person.name.isupper()):
                person = None
            labels[number] = (match, person)
        if not any(person for _, person in labels.values()):
            return {}
        uses = Counter(match.group(1) for match, _ in labels.values())
        return {number: (match, person) for number, (match, person) in labels.items()
                if person is not None or uses[match.group(1)] > 1}

    def _transcript_turn(self, number: int, turn: tuple[re.Match, Entity | None], quotes: list[Quote]) -> bool:
        match, person = turn
        c_start, c_end = match.end(), self.article.paragraphs[number][1]
        while c_end > c_start and (self.text[c_end - 1].isspace() or self.text[c_end - 1] in "\"”"):
            c_end -= 1  # the closing mark of a turn quoted whole
        if c_end - c_start < 2:
            return False
        for quote in quotes:
            quote.used = True
        label = match.group(1)
        mention = Mention(label, match.start(1), match.end(1), "name", name=person.name if person else None)
        self._add(Found(c_start, c_end, "direct", number, self.article.paragraphs[number], mention, person, None,
                        tuple(quotes)))
        return True

    def _introduce_names(self) -> None:
        """Register the people and organizations a reader meets, where they are met."""
        for number, (p_start, p_end) in enumerate(self.article.paragraphs):
            tokens = self._paragraph_tokens(number)  # already without the quoted words
            end = 0
            for index in compress(count(), map(_token_is_cap, tokens)):  # where a run of names can start
                if index < end:
                    continue  # inside the run before
                end = index + 1
                while end < len(tokens) and (tokens[end].is_cap or (
                        tokens[end].lower in ("de", "van", "von", "da", "del", "bin", "al") and end + 1 < len(tokens)
                        and tokens[end + 1].text[:1].isupper())):
                    end += 1
                if end == index + 1:  # one word, most often a sentence's first
                    token = tokens[index]
                    if token.lower not in NOT_NAMES and self.entities.has_surname(token.text):
                        # A surname met again: keeps its person the most recent one named.
                        self.entities.mention_surname(token.text, token.start, self._is_subject(tokens, index, end))
                    continue
                run_words = [t.lower for t in tokens[index:end] if t.lower not in NOT_NAMES]
                if len(run_words) >= 2 or (end - index == 2 and tokens[index].lower in ("mr.", "mrs.", "ms.", "dr.")):
                    after_the = tokens[index].lower == "the" or (index > 0 and tokens[index - 1].lower == "the")
                    subject = self._is_subject(tokens, index, end)
                    if end < len(tokens) and tokens[end].lower in DOCUMENT_NOUNS:
                        end += 1  # "an NBC News report": the report speaks for NBC News
                    mention = mention_ending_at(tokens, end, self.text, floor=max(0, index - 4))
                    if mention is not None and mention.start < tokens[index].start:
                        # "Chinese Foreign Ministry spokesperson Lu Kang gave ...": the subject
                        # starts where the role does
                        first = index
                        while first > 0 and tokens[first - 1].start >= mention.start:
                            first -= 1
                        subject = subject or self._is_subject(tokens, first, end)
                    if mention is not None and mention.kind in ("name", "organization") and not self._is_place(mention):
                        if mention.kind == "name" and after_the and not mention.role:
                            pass  # "the Harbour Bridge": people's names take no article
                        elif mention.kind == "name" and demonym(tokens[end - 1].lower) and end < len(tokens) and tokens[end].text[:1].islower():
                            pass  # "North Korean leader", "Kentucky Republican said": a modifier, not a name
                        elif mention.kind == "organization" or len(mention.name.split()) >= 2 or mention.role:
                            # "Mamadou Dia, who ..." / "Jane Roe said": a name that a relative "who"
                            # or a verb of speech follows is a person's.
                            following = [t.lower for t in tokens[end:end + 2]]
                            starts_sentence = index == 0 or tokens[index - 1].text in ".!?:;"
                            acts = bool(following) and (
                                following[0] == "who" or following[:2] == [",", "who"]
                                or following[0] in rules.reporting_verbs()
                                or (starts_sentence and following[0].isalpha() and following[0].islower()
                                    and following[0] not in PREPOSITIONS and following[0] not in ("and", "or")))
                            entity = self.entities.introduce(mention, mention.start, subject=subject, evidence=acts)
                            if entity is not None and entity.type == "person" and entity.gender is None:
                                # "For Megda Belkacemi, Friday is a day she has awaited": the next
                                # pronoun, before anyone else is named, tells who this is.
                                for later in tokens[end:end + 15]:
                                    if later.is_cap and later.lower not in NOT_NAMES:
                                        break
                                    if later.lower in ("she", "her", "he", "his", "him"):
                                        entity.gender = "female" if later.lower in ("she", "her") else "male"
                                        entity.evidence = True
                                        break
                        elif mention.kind == "name":
                            # "Mr. Kasich forcefully differed": a surname after an honorific is met again
                            self.entities.mention_surname(mention.name, mention.start, subject)

    def _is_subject(self, tokens: list[Token], start: int, end: int) -> bool:
        before = tokens[start - 1].text if start else "."
        after = tokens[end].lower if end < len(tokens) else ""
        if before in ".!?:;" or start == 0 or before.lower() in SUBORDINATORS:
            return True
        if before == "," and after == "," and end + 1 < len(tokens) and tokens[end + 1].text[:1].islower() \
                and tokens[end + 1].lower not in ("and", "or", "who", "which"):
            return True  # "Director at Symantec, Kevin Haley, agreed"
        return after in rules.reporting_verbs() or after in AUXILIARIES or (before == "," and after not in (",", "and"))

    def _is_place(self, mention: Mention) -> bool:
        return mention.name is not None and fold(mention.name) in rules.places()

    def _paragraph_tokens(self, number: int) -> list[Token]:
        """The paragraph's tokens outside quoted words (no rule looks inside a quotation)."""
        tokens = self._tokens.get(number)
        if tokens is None:
            p_start, p_end = self.article.paragraphs[number]
            tokens = []
            position = p_start
            for quote in self._quotes_by_paragraph.get(number, ()):
                tokens += tokenize(self.text, position, max(position, quote.start))
                position = max(position, quote.end)
            tokens += tokenize(self.text, position, p_end)
            self._tokens[number] = tokens
        return tokens

    def _tokens_between(self, paragraph: int, start: int, end: int) -> list[Token]:
        return _starting_within(self._paragraph_tokens(paragraph), start, end)

    def _sentence(self, paragraph: int, s_start: int, s_end: int, quotes: list[Quote]) -> None:
        outside = self._tokens_between(paragraph, s_start, s_end)
        for quote in quotes:  # the quoted words are no tokens; leave out the marks around them too
            cut_from = bisect.bisect_left(outside, quote.open_at, key=_token_start)
            outside = outside[:cut_from] + outside[bisect.bisect_left(outside, quote.outer_end, key=_token_start):]
        used_verbs: set[int] = set()  # token start offsets of verbs already used
        for quote in quotes:
            self._direct(paragraph, (s_start, s_end), quote, quotes, outside, used_verbs)
        self._indirect(paragraph, (s_start, s_end), quotes, outside, used_verbs)
        for quote in quotes:
            if not quote.used:
                self._unattributed(paragraph, (s_start, s_end), quote, quotes, outside)

    def _direct(self, paragraph, sentence, quote: Quote, quotes, outside: list[Token], used_verbs) -> None:
        s_start, s_end = sentence
        if quote.used:
            return
        following = [q.open_at for q in quotes if q.open_at > quote.open_at]
        preceding = [q.outer_end for q in quotes if q.outer_end <= quote.open_at]
        after_start, after_end = quote.outer_end, following[0] if following else s_end
        before_start, before_end = preceding[-1] if preceding else s_start, quote.open_at
        after = _starting_within(outside, after_start, after_end)
        before = _starting_within(outside, before_start, before_end)
        whole_sentence_quote = not before and (not after or all(t.text in ".!?" for t in after))

        attribution = None
        woven = sum(1 for t in before if t.text[:1].isalnum() and t.lower not in INTRO_WORDS) >= 2
        # (but a question or an exclamation is no fragment of the sentence around it: 'If X, as
        # many believe, "why not raise it?" asked Dunn.')
        if not woven or self.text[quote.end - 1:quote.end] in "?!":
            attribution = self._after_quote(after)
        attribution = attribution or self._before_quote(before, outside, sentence)
        if attribution is None and not before and quote.paragraph > 0 and self._opens_paragraph(quote):
            attribution = self._colon_in_previous_paragraph(quote)
        if attribution is None:
            return
        mention, cue, verb_at = attribution
        # A short quote woven into a sentence that has its own reporting clause is part of it.
        if not whole_sentence_quote and quote.words(self.text) < 4 and before and after and cue:
            return
        if verb_at is not None:
            used_verbs.add(verb_at)
        entity = self._resolve(mention, paragraph, sentence[0]) if mention else self._speaker_from_context(paragraph)
        self._add(Found(quote.start, quote.end, "direct", paragraph, sentence, mention, entity, cue, (quote,)))
        quote.used = True

    def _after_quote(self, after: list[Token]):
        """'," she said.' / '," said Smith.' / '," Smith, a doctor, said.' / '" — Jane Roe'."""
        if not after:
            return None
        index = 0
        while index < len(after) and after[index].text in ",":
            index += 1
        if index + 2 < len(after) and after[index].lower == "according" and after[index + 1].lower == "to":
            mention = mention_starting_at(after, index + 2, self.text)
            return (mention, "according to", None) if mention is not None else None
        if index < len(after) and after[index].text in DASHES and index + 1 < len(after):
            mention = mention_starting_at(after, index + 1, self.text)
            if mention is not None and mention.kind in ("name", "organization"):
                return mention, None, None
            return None
        for position in range(index, min(len(after), index + 40)):
            token = after[position]
            if token.text in SENTENCE_TERMINATORS:
                return self._any_verb_after(after, index)
            verb = verb_lemma(after, position)
            if verb is None:
                continue
            lemma, width = verb
            if position == index or all(t.lower in AUXILIARIES for t in after[index:position]):
                mention = mention_starting_at(after, position + width, self.text)
                if mention is not None:
                    return mention, after[position].text if width == 1 else " ".join(t.text for t in after[position:position + width]), after[position].start
                return None
            named, mention = self._named_first(after, index, position), self._subject_before(after, position, floor=index)
            if named is not None and (mention is None or mention.start != named.start):
                mention = named  # (the same person found both ways: the apposition's reading has the role)
            if mention is not None:
                return mention, self._cue_text(after, position, width), after[position].start
            return None
        return None

    def _named_first(self, after: list[Token], index: int, verb: int) -> Mention | None:
        """'," Harry Bond, 30, of Raleigh, N.C., who was polled, said' / '," Rep. Duncan Hale's
        chief of staff, Joe Kasper, said': the person named right after the quotation, whatever
        apposition comes between them and the verb."""
        first = mention_starting_at(after, index, self.text, limit=verb)
        at = next((i for i in range(index, verb) if first and after[i].start >= first.end), verb)
        if first is None or at >= verb or after[at].text != ",":
            return None
        if first.kind in ("descriptor", "title"):
            return self._named_in_apposition(after, first, verb)
        if first.kind == "name" and first.name and not self._is_place(first) and (
                len(first.name.split()) >= 2 or self.entities._find_person(first.name, first.start, create=False)):
            then = next((i for i in range(at + 1, verb) if after[i].text == ","), None)
            described = mention_from_tokens(after[at + 1:then], self.text) if then else None
            if described is not None and described.kind in ("title", "descriptor"):
                _describe(first, described)  # ", 30, a farmer from ..."
            return first
        return None

    def _any_verb_after(self, after: list[Token], index: int):
        """'"France will always be France," an angry Hollande retaliated.' / '"Right?" Trump went
        on.': a person named right after the quotation, then a past tense that ends the
        sentence, is its speaker whatever the verb."""
        stop = next((i for i in range(index + 1, min(len(after), index + 8)) if after[i].text in ".!?,"), None)
        if stop is None:
            return None
        if after[stop - 1].lower == "on" and after[stop - 2].lower == "went":
            verb, width = stop - 2, 2
        elif after[stop - 1].lower.endswith("ed") and after[stop - 1].text[:1].islower():
            verb, width = stop - 1, 1
        else:
            return None
        mention = mention_from_tokens(after[index:verb], self.text) if verb > index else None
        if mention is None or mention.kind not in ("name", "pronoun"):
            return None
        return mention, self._cue_text(after, verb, width), after[verb].start

    def _before_quote(self, before: list[Token], outside: list[Token], sentence):
        """'She remarked, "' / 'Smith told reporters: "' / ', stating, "' / 'according to X, "'."""
        if not before:
            return None
        last = before[-1].text
        for position in range(len(before) - 1, max(-1, len(before) - 12), -1):
            token = before[position]
            verb = verb_lemma(before, position)
            if verb is None:
                if token.lower == "to" and position > 0 and before[position - 1].lower == "according":
                    mention = mention_starting_at(before, position + 1, self.text)
                    if mention is not None:
                        return mention, "according to", None
                continue
            lemma, width = verb
            filler = before[position + width:]
            if filler and (not self._is_filler(filler, lemma) or last not in (",", ":", "that")):
                continue
            mention = self._subject_before(before, position)
            if mention is None and self._subject_elsewhere(before, position):
                mention = self._shared_subject(before, position, outside, sentence)
            if mention is None:
                return None
            return mention, self._cue_text(before, position, width), token.start
        if last == ":" and len(before) >= 2:
            # 'Pollsters agree - Carl Bialik: "', 'does not surprise pollster Daron Shaw: "': the
            # person named right before the colon (no verb of speech came before it)
            first = len(before) - 1
            while first > 0 and (before[first - 1].is_cap or before[first - 1].lower in rules.titles()
                                 or before[first - 1].lower in rules.person_nouns()):
                first -= 1
            labelled = mention_from_tokens(before[first:-1], self.text) if first < len(before) - 1 else None
            opens = first == 0 or before[first - 1].text in DASHES or before[first - 1].text in ",;"
            if labelled is not None and labelled.kind == "name" and labelled.name and len(labelled.name.split()) >= 2 \
                    and (opens or labelled.role) and not self._is_place(labelled) and (
                        labelled.role or fold(labelled.name.split()[0]) in rules.first_names()
                        or self.entities._find_person(labelled.name, labelled.start, create=False) is not None):
                return labelled, None, None
        if last == ":":
            mention = self._sentence_subject(outside, sentence)
            if mention is not None and self._could_speak(mention):
                return mention, None, None
        return None

    def _could_speak(self, mention: Mention) -> bool:
        """A colon after a sentence subject gives it the quote only if the subject is someone:
        'Coach Dan Silva was blunt:' yes, 'Partial transcript as follows:' no."""
        if mention.kind in ("pronoun", "title", "group", "organization"):
            return True
        if mention.kind == "name":
            return len(mention.name.split()) > 1 or self.entities._find_person(mention.name, mention.start, create=False) is not None
        return False

    def _opens_paragraph(self, quote: Quote) -> bool:
        p_start, _ = self.article.paragraphs[quote.paragraph]
        return quote.open_at == p_start

    def _colon_in_previous_paragraph(self, quote: Quote):
        p_start, p_end = self.article.paragraphs[quote.paragraph - 1]
        if not self.text[p_start:p_end].rstrip().endswith(":"):
            return None
        sentences = sentence_spans(self.text, p_start, p_end, [q for q in self.quotes if q.paragraph == quote.paragraph - 1])
        s_start, s_end = sentences[-1]
        tokens = self._tokens_between(quote.paragraph - 1, s_start, s_end)
        return self._before_quote(tokens, tokens, (s_start, s_end))

    def _is_filler(self, tokens: list[Token], lemma: str) -> bool:
        if len(tokens) > 9:
            return False
        for position, token in enumerate(tokens):
            if token.text in ",:()" or token.lower in FILLER_WORDS or token.lower in PRONOUN_OBJECTS:
                continue  # "told the Associated Press (AP), "
            if token.text[:1].isupper() or token.text[:1].isdigit():
                continue  # "told CBC News", "said Tuesday", "on March 3"
            if token.lower.endswith("ly") and len(token.lower) > 4:
                continue  # "fired back forcefully:"
            return False
        return True

    def _subject_before(self, tokens: list[Token], verb_index: int, floor: int = 0) -> Mention | None:
        """The mention right before a verb, past adverbs, auxiliaries and an apposition."""
        end = verb_index
        while end > floor and (tokens[end - 1].lower in AUXILIARIES or (
                tokens[end - 1].lower.endswith("ly") and tokens[end - 1].text[:1].islower())):
            end -= 1
        if end <= floor:
            return None
        if tokens[end - 1].text == ")":
            # "Gov. Mike Pence (R-IN) said": past a parenthesis
            opening = next((i for i in range(end - 2, max(floor - 1, end - 10), -1) if tokens[i].text == "("), None)
            if opening is not None and opening > floor:
                end = opening
        if tokens[end - 1].lower == "who" and end - 1 > floor:
            end -= 1  # "Bortis, who noted ...": the relative's antecedent speaks
            if tokens[end - 1].text == "," and end - 1 > floor:
                end -= 1
        if tokens[end - 1].text == ",":
            if end == verb_index and verb_index < len(tokens) and tokens[verb_index].lower.endswith("ing"):
                return None  # "..., arguing that": a participle after a comma has the sentence's subject
            return self._apposition_before(tokens, end - 1, floor)
        contracted = _CONTRACTED_SUBJECT.match(tokens[end - 1].lower)
        if contracted and verb_index < len(tokens) and (verb_lemma(tokens, verb_index) is not None
                                                        or tokens[verb_index].lower in rules.characterizing_verbs()):
            # "He's claiming", "they've said": the pronoun before the auxiliary, for a verb of speech
            token, pronoun = tokens[end - 1], contracted.group(1)
            return Mention(token.text[:len(pronoun)], token.start, token.start + len(pronoun), "pronoun",
                           head=pronoun, gender={"she": "female", "he": "male"}.get(pronoun))
        mention = mention_ending_at(tokens, end, self.text, floor=floor)
        if mention is not None and mention.kind == "name" and " " not in mention.name \
                and not mention.text.lower().startswith(("the ", "a ", "an ")) \
                and _party_or_nation(mention.name.lower()) \
                and len(getattr(self.entities._find_person(mention.name, mention.start, create=False), "tokens", ())) < 2:
            return None  # "of Democratic claims", "Chinese reports": a modifier of what follows (not 'Calabrese said')
        if mention is not None:
            return self._head_before_postmodifier(tokens, mention, floor) or mention
        return mention

    def _head_before_postmodifier(self, tokens: list[Token], mention: Mention, floor: int) -> Mention | None:
        """'Officials in Ottawa said', 'People close to the mayor say', 'Tim Guest with the Nova
        Scotia Health Authority says', 'Sen. Ted Cruz of Texas said': the noun phrase after a
        preposition only says which ones, or for whom; the speaker is the head before it."""
        index = _index_starting_at(tokens, mention.start)
        if index is None:
            return None
        if mention.kind == "name":
            inner = next((i for i in range(index + 1, len(tokens)) if tokens[i].start >= mention.end
                          or tokens[i].lower in AFFILIATING), None)
            if inner is not None and tokens[inner].start < mention.end:
                # "Sen. Ted Cruz of Texas" was read as one name: the person is before "of"
                person = mention_ending_at(tokens, inner, self.text, floor=index)
                if person is not None and person.kind == "name" and len(person.name.split()) >= 2 \
                        and tokens[inner - 1].lower not in rules.titles():  # "Supervisor of Elections Ann Roe"
                    person.affiliation = person.affiliation or self.text[tokens[inner + 1].start:mention.end]
                    person.text, person.end = mention.text, mention.end
                    return person
        previous = tokens[index - 1].lower if index else None
        for words in POSTMODIFIERS:
            first = index - len(words)
            if words[-1] == previous and first > floor and tuple(t.lower for t in tokens[first:index]) == words:
                break
        else:
            return None
        if words in (("from",), ("of",)) and tokens[first - 1].lower in DOCUMENT_NOUNS | SPOKES_NOUNS \
                and mention.kind != "pronoun" and tokens[first - 1].text[:1].islower():
            # "A statement from the EU said", "a memo from Mr. Rubio's campaign manager, who argued":
            # the one it comes from speaks
            return mention
        head = mention_ending_at(tokens, first, self.text, floor=floor)
        if head is None or head.end != tokens[first - 1].end:
            return None
        affiliating = words[0] in AFFILIATING
        if head.kind == "name":
            if affiliating and mention.kind in ("organization", "name"):
                # "Tim Guest with the Nova Scotia Health Authority": the person, for the organization
                head.affiliation = head.affiliation or mention.name or _without_determiner(mention.text)
                return head
            # "Federal regulators in the U.S.": one capitalized word there is no one's name
            return head if len(head.name.split()) >= 2 else None
        if head.kind == "group" and head.head in rules.group_words() | QUANTIFIER_GROUPS:
            # "residents in the eastern districts": which residents is part of who they are
            surface = self.text[head.start:mention.end]
            return dataclasses.replace(head, text=surface, end=mention.end, name=_without_determiner(surface))
        if head.kind == "organization":
            if words in (("of",), ("for",), ("on",)) and head.name:
                # "the Commission on Presidential Debates": one organization's name
                name = head.name + self.text[head.end:mention.end]
                return dataclasses.replace(head, text=self.text[head.start:mention.end], end=mention.end, name=name)
            return head  # "the ministry in Ottawa"
        if head.kind == "title" or (head.kind == "descriptor" and head.head in rules.person_nouns()):
            return head  # "the mayor in Toronto", "the woman in the red coat"
        return None

    def _apposition_before(self, tokens: list[Token], comma: int, floor: int) -> Mention | None:
        """'Hugh Hill, a doctor, said' / 'The city's chief engineer, Marcus Bell, said' /
        'Smith, 54, said' / 'Smith, who runs a bakery, said'."""
        reach = 16
        for first in range(comma - 1, floor - 1, -1):
            if first <= comma - reach:
                break
            if tokens[first].text != ",":
                continue
            if tokens[first + 1].lower in ("where", "which", "whose", "when", "whom"):
                # "Joe Roe, a commissioner in Kenton County, where the school is, said": the
                # relative clause tells about the place; the apposition before it names the speaker
                reach = comma - first + 16
                continue
            head_end = first
            if tokens[first - 1].text == ")":
                # "Rep. Jim Jordan (R-Ohio), an oversight panel member, said": past the parenthesis
                opening = next((i for i in range(first - 2, max(floor - 1, first - 10), -1) if tokens[i].text == "("), None)
                if opening is not None and opening > floor:
                    head_end = opening
            head = mention_ending_at(tokens, head_end, self.text, floor=floor)
            if head is None or head.end != tokens[head_end - 1].end:
                return None
            if tokens[first + 1].lower in ("and", "but", "or", "so"):
                return None  # "Talks stalled, and the meeting soured, said ...": a clause, not an apposition
            inner = self._person_with_affiliation(tokens[first + 1:comma]) or \
                mention_from_tokens(tokens[first + 1:comma], self.text)
            if inner is not None and inner.kind == "name" and inner.text == inner.name and self._is_place(inner):
                # "a woman in Worcester, Massachusetts, told him": a town and its state; who spoke is
                # the one before the preposition, if anyone
                speaker = self._head_before_postmodifier(tokens, head, floor)
                if speaker is not None and speaker.kind in ("title", "descriptor"):
                    # "Rachel Berg, a doctor from Monsey, New York, said": the name the description follows
                    at = _index_starting_at(tokens, speaker.start)
                    named = mention_ending_at(tokens, at - 1, self.text, floor=floor) \
                        if at is not None and at - 1 > floor and tokens[at - 1].text == "," else None
                    if named is not None and named.kind == "name" and not self._is_place(named):
                        return _describe(named, speaker)
                return speaker if speaker is not None and speaker.kind in ("name", "title", "descriptor", "group") else None
            if inner is not None and inner.kind == "name" and head.kind == "organization" and not head.role:
                # "A pollster at the university, David Woodard, said": the body only says where the
                # description's person works; the name after it is who spoke
                described = self._head_before_postmodifier(tokens, head, floor)
                if described is not None and described.kind in ("title", "descriptor"):
                    named = _describe(inner, described)
                    named.affiliation = named.affiliation or head.name or _without_determiner(head.text)
                    return named
            if inner is not None and inner.kind == "name" and (head.kind in ("title", "descriptor") or _spokes(head)):
                return _describe(inner, head)
            if inner is not None and inner.kind in ("title", "descriptor") and head.kind == "name" and not head.role:
                head.role = _without_determiner(inner.role or inner.text)
                head.affiliation = head.affiliation or inner.affiliation
            return head if head.kind in ("name", "title", "organization", "group") else None
        return None

    def _person_with_affiliation(self, tokens: list[Token]) -> Mention | None:
        """'David Woodard of Clemson University': a person's full name, then where they work."""
        at = next((i for i, t in enumerate(tokens) if t.lower in AFFILIATING), None)
        if not at or at + 1 >= len(tokens):
            return None
        person = mention_from_tokens(tokens[:at], self.text)
        if person is None or person.kind != "name" or len(person.name.split()) < 2 or self._is_place(person):
            return None
        person.affiliation = person.affiliation or self.text[tokens[at + 1].start:tokens[-1].end]
        return person

    def _subject_elsewhere(self, tokens: list[Token], verb_index: int) -> bool:
        """', stating' / 'but firmly stated' / 'and added' / 'going on to say': the subject is the sentence's."""
        index = verb_index
        while index > 0 and (tokens[index - 1].lower in AUXILIARIES or tokens[index - 1].lower.endswith("ly")):
            index -= 1
        if index == 0:
            return False
        verb = tokens[verb_index].lower
        lemmas = ((verb_lemma(tokens, verb_index) or ("",))[0], rules.characterizing_verbs().get(verb) or "")
        # "went on to say", "was quick to point out"; not "according to written documents"
        governed = index >= 2 and (tokens[index - 2].lower in TO_SPEAK_GOVERNORS or any(
            t.lower in ("took", "takes", "used", "uses") for t in tokens[max(0, index - 8):index - 1]))
        infinitive = tokens[index - 1].lower == "to" and governed and any(lemma.split(" ")[0] == verb for lemma in lemmas)
        return tokens[index - 1].text == "," or tokens[index - 1].lower in ("and", "but") or infinitive \
            or tokens[verb_index].lower.endswith("ing")

    def _shared_subject(self, tokens: list[Token], verb_index: int, outside: list[Token], sentence) -> Mention | None:
        """The subject a verb shares with the verb before it ('I laughed and said', 'Ortiz
        paused, then added'), else the sentence's subject."""
        index = verb_index
        while index > 0 and tokens[index - 1].lower in AUXILIARIES:
            index -= 1
        first_verb = tokens[index - 2].lower if index >= 2 else ""
        if index >= 2 and tokens[index - 1].lower in ("and", "then") and tokens[index - 2].text[:1].islower() and (
                first_verb.endswith("ed") or first_verb in IRREGULAR_VERBS):  # a plural noun ends in -s too
            mention = self._subject_before(tokens, index - 2)
            if mention is not None:
                return mention
        return self._sentence_subject(outside, sentence)

    def _past_parenthetical(self, tokens: list[Token], index: int) -> int:
        """Past '(D-Vt.)' and ', who lost the primaries,' after a name: where its verb would be."""
        if index < len(tokens) and tokens[index].text == "(":
            index = next((i + 1 for i in range(index, min(len(tokens), index + 8)) if tokens[i].text == ")"), index)
        if index + 1 < len(tokens) and tokens[index].text == "," and tokens[index + 1].lower in ("who", "whose"):
            index = next((i + 1 for i in range(index + 2, min(len(tokens), index + 25)) if tokens[i].text == ","), index)
        return index

    def _sentence_subject(self, tokens: list[Token], sentence) -> Mention | None:
        """The subject of a sentence: its first noun phrase after any introductory phrase."""
        mention = self._first_noun_phrase(tokens)
        if mention is not None and (mention.kind in ("descriptor", "title") or _spokes(mention)):
            # "The mayor's campaign director, Mike Rubel, reached out ...": the name in apposition
            return self._named_in_apposition(tokens, mention, len(tokens)) or mention
        return mention

    def _named_in_apposition(self, tokens: list[Token], described: Mention, limit: int) -> Mention | None:
        """The name set off by commas right after a description ("Hale's chief of staff, Joe
        Kasper, ..."), with the description as its role; None if no name follows so."""
        at = next((i for i in range(limit) if tokens[i].start >= described.end), limit)
        if at + 1 >= limit or tokens[at].text != ",":
            return None
        name = mention_starting_at(tokens, at + 1, self.text, limit=limit)
        then = next((i for i in range(at + 1, limit) if name and tokens[i].start >= name.end), limit)
        if name is None or name.kind != "name" or then >= limit or tokens[then].text != ",":
            return None
        return _describe(name, described)

    def _first_noun_phrase(self, tokens: list[Token]) -> Mention | None:
        if not tokens:
            return None
        # 'Speaking in Salem, New Hampshire, Trump went after Bush', 'This year, he rose', 'WASHINGTON —
        # The campaign said': the first noun phrase after a comma or a dash that a verb follows
        for index, token in enumerate(tokens[:25]):
            quote_between = index + 1 < len(tokens) and any(
                mark in self.text[token.end:tokens[index + 1].start] for mark in '"“”')
            if token.text != "," and token.text not in LONG_DASHES and not quote_between:
                continue  # 'On "Face the Nation," Sen. Ann Roe said': the comma went with the quote
            mention = mention_starting_at(tokens, index + 1, self.text, limit=index + 11)
            if mention is None:
                continue
            after = self._past_parenthetical(tokens, next(
                (i for i in range(index + 1, len(tokens)) if tokens[i].start >= mention.end), len(tokens)))
            if after < len(tokens) and tokens[after].text[:1].islower() and (
                    tokens[after].lower in AUXILIARIES or verb_lemma(tokens, after) is not None
                    or _looks_like_verb(tokens[after].lower)):
                if not any(t.text[:1].isalpha() and t.text[:1].islower() and verb_lemma(tokens, i) is not None
                           for i, t in enumerate(tokens[:index])):  # no verb of speech before it
                    return mention
        start = 0
        if tokens[0].lower in INTRO_WORDS:
            for index, token in enumerate(tokens[:14]):
                if token.text == ",":
                    start = index + 1
                    break
            else:
                start = 1 if tokens[0].lower in ("but", "and", "so", "yet", "still", "however") else 0
        mention = mention_starting_at(tokens, start, self.text, limit=start + 10)
        if mention is None and tokens[0].lower in PREPOSITIONS:
            # "On Monday the fact-checkers published ...": past an opening phrase with no comma,
            # the first noun phrase a verb follows
            for index in range(1, min(len(tokens), 8)):
                mention = mention_starting_at(tokens, index, self.text, limit=index + 10)
                after = next((i for i in range(index, len(tokens)) if mention and tokens[i].start >= mention.end), None)
                if after is not None and tokens[after].text[:1].islower() and (
                        tokens[after].lower in AUXILIARIES or _looks_like_verb(tokens[after].lower)):
                    return mention
            return None
        return mention

    def _cue_text(self, tokens: list[Token], position: int, width: int) -> str:
        return self.text[tokens[position].start: tokens[position + width - 1].end]

    # -- indirect speech -----------------------------------------------------
    def _indirect(self, paragraph, sentence, quotes: list[Quote], outside: list[Token], used_verbs) -> None:
        verb_starts = _verb_starts()
        for position in [i for i, t in enumerate(outside) if t.lower in verb_starts]:  # few words can be verbs
            token = outside[position]
            if token.start in used_verbs:
                continue
            verb = verb_lemma(outside, position)
            if verb is None:
                continue
            lemma, width = verb
            subject = self._subject_before(outside, position)  # both readings look for it: find it once
            found = self._content_before(outside, position, width, lemma, sentence, subject)
            if found is None:
                after = self._content_after(outside, position, width, lemma, sentence, subject)
                found = (after[0], [after[1:]]) if after else None
            if found is None:
                continue
            mention, spans = found
            cue = self._cue_text(outside, position, width)
            if any([self._add_indirect(paragraph, sentence, quotes, mention, c_start, c_end, cue)
                    for c_start, c_end in spans]):
                used_verbs.add(token.start)
        self._according_to(paragraph, sentence, quotes, outside)

    def _add_indirect(self, paragraph, sentence, quotes, mention, c_start, c_end, cue) -> bool:
        c_start, c_end = self._trim(c_start, c_end)
        if c_end - c_start < 8 or len(self.text[c_start:c_end].split()) < 3:
            return False
        if any(f.start < c_end and c_start < f.end for f in self.found if f.sentence == sentence):
            return False
        inner = [q for q in quotes if c_start <= q.open_at and q.outer_end <= c_end + 1]
        if any(q.used for q in inner):
            return False
        kind = "mixed" if inner else "indirect"
        lemma = rules.reporting_verbs().get((cue or "").lower())
        main_clause = _RELATIVE_CLAUSE.split(self.text[c_start:c_end], maxsplit=1)[0]
        gerund = lemma in GERUND_VERBS and main_clause.split(" ", 1)[0].endswith("ing")  # "suggested sending troops"
        if kind == "indirect" and lemma not in (None, "say", "tell") and not gerund and not FINITE_VERB.search(main_clause):
            return False  # "Carolina added three more goals": an object, not a reported clause
        if len(inner) == 1 and inner[0].open_at <= c_start + 1 and inner[0].outer_end >= c_end - 1:
            kind, c_start, c_end = "direct", inner[0].start, inner[0].end
        for quote in inner:
            quote.used = True
        entity = self._resolve(mention, paragraph, sentence[0], content=(c_start, c_end))
        self._add(Found(c_start, c_end, kind, paragraph, sentence, mention, entity, cue, tuple(inner)))
        return True

    def _according_to(self, paragraph, sentence, quotes, outside: list[Token]) -> None:
        """'According to NAME, CONTENT.' / 'CONTENT, according to NAME.'"""
        for position in [i for i, t in enumerate(outside[:-1]) if t.lower == "according"]:
            if outside[position + 1].lower != "to":
                continue
            mention = mention_starting_at(outside, position + 2, self.text)
            if mention is None:
                continue
            mention = self._document_source(outside, mention) or mention
            after = [t for t in outside if t.start >= mention.end]
            at_start = all(t.lower in INTRO_WORDS or t.text == "," for t in outside[:position]) and not any(
                q.open_at < outside[position].start for q in quotes)
            if at_start and after and after[0].text != ",":
                # "According to a complaint filed by the commission, ...": past what modifies the source
                comma = next((i for i, t in enumerate(after[:12]) if t.text == ","), None)
                if comma is not None and not any(verb_lemma(after, i) for i in range(comma)):
                    after = after[comma:]
            if at_start and after and after[0].text == "," and len(after) > 3:
                c_start = after[1].start
                c_end = self._coordinated_end(outside, c_start, sentence[1])
            elif position > 0 and outside[position - 1].text == "," and (
                    self._ends_sentence(after) or after and after[0].lower in ("who", "which")):
                c_start, c_end = sentence[0], outside[position - 1].start
            else:
                continue
            self._add_indirect(paragraph, sentence, quotes, mention, c_start, c_end, "according to")

    def _document_source(self, tokens: list[Token], document: Mention) -> Mention | None:
        """'according to a statement from the mayor's office', 'a report by the inspector
        general', 'a letter released by Sen. Ann Roe', 'a report in the Gazette': who the
        document comes from."""
        if document.name is not None or document.head not in DOCUMENT_NOUNS:
            return None
        at = next((i for i, t in enumerate(tokens) if t.start >= document.end), None)
        if at is None:
            return None
        if tokens[at].lower in ("issued", "released", "published", "sent", "signed", "filed", "written") \
                and at + 1 < len(tokens) and tokens[at + 1].lower == "by":
            at += 1
        elif tokens[at].lower not in ("from", "by", "in"):
            return None
        source = mention_starting_at(tokens, at + 1, self.text)
        if source is None or source.kind not in ("name", "organization", "title", "group") or (
                tokens[at].lower == "in" and not (source.kind == "organization" and source.name)):
            return None  # ("a report in the Gazette" is the Gazette's; "a statement in response" no one's)
        return source

    def _content_before(self, tokens, position, width, lemma, sentence, subject: Mention | None):
        """'CONTENT, NAME said.' / 'CONTENT, said NAME.' and the parenthetical
        'CONTENT, he says, MORE CONTENT' / 'CONTENT, Lohmar said, adding that MORE'."""
        rest = tokens[position + width:]
        mention, comma = None, None
        inverted = mention_starting_at(tokens, position + width, self.text) if rest else None
        if inverted is not None and inverted.kind == "descriptor" and inverted.head not in rules.person_nouns():
            following = next((t.text for t in rest if t.start >= inverted.end), ".")
            if following not in SENTENCE_TERMINATORS and following not in ",;":
                inverted = None  # "..., noted the rule in an interview": the verb's object, not who spoke
        if inverted is not None and position > 0 and tokens[position - 1].text == ",":
            mention, comma = inverted, tokens[position - 1].start
            rest = [t for t in tokens if t.start >= inverted.end]
        else:
            index = _index_starting_at(tokens, subject.start) if subject else None
            if index is not None and index > 0 and tokens[index - 1].text == ",":
                mention, comma = subject, tokens[index - 1].start
            elif index is not None and index > 0 and _COMMA_AND_CLOSING_MARK.search(self.text, tokens[index - 1].end, subject.start):
                # 'Her time has been "life-changing and heartbreaking," she said.'
                mention, comma = subject, subject.start
        if mention is None:
            return None
        first = (sentence[0], comma)
        if rest and rest[0].text == "," and len(rest) > 2:
            # The attribution sits inside the sentence: what follows it may be said too.
            word = rest[1].lower
            follow = None
            if mention is inverted and (word in ("a", "an", "the") or rest[1].text.endswith(("'s", "’s"))):
                return mention, [first]  # "..., said Ann Lee, a lawyer for the city": who she is
            if word in SPEECH_PARTICIPLES:
                follow = 3 if rest[2].lower == "that" else 2
            elif word in ("but", "and", "so"):
                follow = 2
            elif word.endswith("ing") or word in ("who", "which", "as", "while", "when", "after", "before"):
                return mention, [first]  # "..., the Red Cross said, raising the possibility ..."
            elif rest[1].text[:1].isalpha() and not verb_lemma(rest, 1):
                follow = 1  # "It is on Trudeau's watch, Scheer said, that the country ..."
            if follow is not None and follow < len(rest):
                if rest[follow].lower == "that" and follow + 1 < len(rest):
                    follow += 1
                elif follow == 1 and self._one_interrupted_clause(first, rest, follow):
                    return mention, [(sentence[0], sentence[1])]
                return mention, [first, (rest[follow].start, sentence[1])]
        if self._ends_sentence(rest) or lemma == "tell" and self._ends_sentence(rest[self._past_the_one_told(rest, 0):]):
            return mention, [first]  # ("..., the engineer told councillors this week.")
        return None

    def _past_the_one_told(self, tokens: list[Token], at: int) -> int:
        """Where the object of "told" that starts at ``at`` ends: 'reporters', 'him', 'CBC News',
        'the council'; ``at`` when none does."""
        if at >= len(tokens):
            return at
        if tokens[at].lower in PRONOUN_OBJECTS:
            return at + 1
        if tokens[at].text[:1].isupper():
            return next((i for i in range(at, len(tokens)) if not tokens[i].text[:1].isupper()), len(tokens))
        end = self._end_of_the_one_told(tokens, at)
        return at if end is None else end

    def _one_interrupted_clause(self, before: tuple[int, int], rest: list[Token], follow: int) -> bool:
        """'Back in Virginia, Mr. Clarke said, he decided ...', 'The top 1 percent would see a cut
        of $275,000, the group said, compared with $2,700 ...': the attribution interrupts one
        statement when the words before it or after it cannot stand as a clause of their own;
        it is then one statement (a clause on each side, 'It is late, she said, and ...', makes two)."""
        head = self.text[before[0]:before[1]].strip()
        words = head.split()
        if not words:
            return False
        if words[0].lower() in INTERRUPTED_OPENERS or words[-1].lower() in ("and", "or", "but", "who", "which", "that"):
            return True
        if not FINITE_VERB.search(head):
            return True  # "Back in Virginia", "The average weekly benefit"
        word = rest[follow].lower
        return word in PREPOSITIONS or (word.endswith("ed") and follow + 1 < len(rest) and rest[follow + 1].lower in PREPOSITIONS)

    def _ends_sentence(self, tokens: list[Token]) -> bool:
        """Nothing but time, place or manner words before the sentence ends."""
        words = [t for t in tokens if t.text not in SENTENCE_TERMINATORS and t.text not in "\"”’'"]
        if not words:
            return True
        for i, word in enumerate(words):
            if word.text == "," and i + 1 < len(words) and (words[i + 1].lower.endswith("ing") or words[i + 1].lower in ("but", "and", "as", "while", "who", "which")):
                words = words[:i]  # "..., the Red Cross said, raising the possibility ..."
                break
        if not words:
            return True
        if words[0].text != "," and words[0].lower not in PREPOSITIONS and not words[0].text[:1].isupper() \
                and words[0].lower not in TIME_OPENERS:  # ("..., Ann Smith said this week.")
            return False
        return len(words) <= 10 and self._is_filler(words, "") and not any(verb_lemma(words, i) for i in range(len(words)))

    def _content_after(self, tokens, position, width, lemma, sentence, subject: Mention | None):
        """'NAME said (that) CONTENT' / 'NAME told reporters CONTENT' / 'according to NAME, CONTENT'."""
        mention = subject
        if mention is None and self._subject_elsewhere(tokens, position):
            mention = self._shared_subject(tokens, position, tokens, sentence)
        if mention is None:
            return None
        index = position + width
        limit = min(len(tokens), index + 10)
        that_at = next((i for i in range(index, limit) if tokens[i].lower == "that"), None)
        between = tokens[index:that_at] if that_at is not None else []
        plain_phrase = all(t.text[:1].isalnum() or t.text == "," for t in between) and not any(
            verb_lemma(between, i) or t.lower in CLAUSE_SUBJECTS for i, t in enumerate(between))
        if that_at is not None and that_at + 1 < len(tokens) and (
                self._is_filler(between, lemma)
                or (between and between[0].lower in CONTENT_NOUNS)
                or (plain_phrase and between[0].lower in PREPOSITIONS
                    # ("fired back at accusations that ...": the clause is the accusation's)
                    and not any(t.lower in CONTENT_NOUNS for t in between[1:]))
                or (self._clause_start(tokens, that_at + 1) and plain_phrase and lemma in OBJECT_VERBS)):
            start = tokens[that_at + 1].start if that_at + 1 < len(tokens) else None
        elif lemma == "add" and not (index < len(tokens) and tokens[index].lower in CLAUSE_SUBJECTS):
            return None  # "Carolina added three more goals": "add" reports speech with "that" or "he ..."
        elif lemma not in NEEDS_THAT:
            if index + 1 < len(tokens) and tokens[index].lower == "about" and not (
                    tokens[index + 1].text[:1].isdigit() or tokens[index + 1].lower in ABOUT_CLAUSE_STARTS):
                # "thought about flipping Democrats", "wrote about the mayor": a topic, not a clause
                # ("says about 550 students attend": a number, roughly; "worried about whether ...")
                return None
            skip = index
            if lemma == "tell" and skip < len(tokens):
                # told reporters / told him / told CBC News
                if tokens[skip].lower in PRONOUN_OBJECTS:
                    # "told her staff the news ...": "her" may own the one told
                    owned = self._told_whom(tokens, skip + 1, people_only=True) if tokens[skip].lower == "her" else None
                    skip = owned if owned is not None and owned > skip + 1 else skip + 1
                elif tokens[skip].text[:1].islower():
                    told = self._told_whom(tokens, skip)
                    if told is None:
                        return None  # "..., the engineer told councillors this week.": what was said came before
                    skip = told
                else:
                    skip = self._past_the_one_told(tokens, skip)
            while skip < len(tokens) and tokens[skip].text in ",:":
                skip += 1
            skip = self._skip_filler_phrase(tokens, skip)
            if skip < len(tokens) and tokens[skip].lower == "that":
                skip += 1
            if skip >= len(tokens) or not self._clause_start(tokens, skip):
                if not (lemma in GERUND_VERBS and skip < len(tokens) and tokens[skip].lower.endswith("ing")):
                    return None
            start = tokens[skip].start
        elif lemma in GERUND_VERBS and index < len(tokens) and tokens[index].lower.endswith("ing"):
            start = tokens[index].start
        else:
            return None
        if start is None:
            return None
        return mention, start, self._coordinated_end(tokens, start, sentence[1])

    def _coordinated_end(self, tokens: list[Token], start: int, end: int) -> int:
        """'He said X, and added Y' / 'X, but the leaders say Y' / 'X and alleges that Y': the
        first content stops where the next speaker's (or the next verb's) clause begins."""
        breaks = [i for i, t in enumerate(tokens) if start < t.start < end and (
            t.text in (",", ";") or t.text in LONG_DASHES or t.lower in ("and", "but", "while", "whereas"))]
        for i in breaks:  # where a clause can end
            token = tokens[i]
            j = i
            if token.text in (",", ";") or token.text in LONG_DASHES:
                j += 1
            if j < len(tokens) and tokens[j].lower in ("and", "but", "while", "whereas"):
                j += 1
            if j == i:
                continue
            k = j
            while k < len(tokens) and (tokens[k].lower in AUXILIARIES or tokens[k].lower.endswith("ly")):
                k += 1
            if k < len(tokens) and verb_lemma(tokens, k) and (token.text != "and" or k + 1 < len(tokens) and (
                    tokens[k + 1].lower == "that" or tokens[k + 1].lower in CLAUSE_SUBJECTS)):
                return token.start  # "..., and added ..." / "... and alleges that ..."
            for v in range(j + 1, min(len(tokens), j + 9)):
                if verb_lemma(tokens, v):
                    subject = self._subject_before(tokens, v, floor=j)
                    if subject is not None and subject.start == tokens[j].start:
                        return token.start  # "— but the hereditary leaders say ..."
                    break
        return end

    def _skip_filler_phrase(self, tokens: list[Token], index: int) -> int:
        """'said [in his New Year's speech] he was ready', 'stated [in July] it opposed':
        past a short time or place phrase to where the reported clause begins."""
        if index >= len(tokens) or tokens[index].lower not in PREPOSITIONS:
            return index
        if index + 1 < len(tokens) and tokens[index + 1].text[:1].isdigit() and tokens[index].lower in ("about", "over"):
            return index  # "says about 550 students attend": a number, roughly, opens the clause
        for end in range(index + 2, min(len(tokens), index + 8)):
            phrase = tokens[index + 1:end]
            if not all((t.text[:1].isalnum() and t.lower not in CLAUSE_SUBJECTS and t.lower != "that"
                        and not verb_lemma(phrase, i)) or t.text == "," for i, t in enumerate(phrase)):
                return index
            last, following = tokens[end - 1], tokens[end]
            if last.lower in DETERMINER_WORDS or last.lower in PREPOSITIONS:
                continue
            if last.text[:1].isupper() and following.text[:1].isupper():
                continue  # inside a name: "New Year's"
            if following.text == ",":
                return end + 1
            if following.lower in CLAUSE_STARTS or following.lower == "that" or (
                    following.text[:1].isupper() and not last.text[:1].isupper()):
                return end
            if last.text[:1].isupper() and following.text[:1].islower() and following.text.isalpha() \
                    and following.lower not in PREPOSITIONS and not verb_lemma(tokens, end):
                return end  # "says in Nova Scotia ambulances are ..."
        return index

    def _clause_start(self, tokens: list[Token], index: int) -> bool:
        """Can a reported clause start here? Anything but a preposition, conjunction,
        adverb or object: "said unionization is overdue" yes, "said in a statement" no."""
        token = tokens[index]
        if token.lower in CLAUSE_STARTS or token.text[:1].isupper() or token.text[:1].isdigit() or token.text in "\"“":
            return True
        if (token.lower.endswith("ly") or token.lower in ("about", "around", "over", "almost", "under", "some")) and \
                index + 1 < len(tokens) and tokens[index + 1].text[:1].isdigit():
            return True  # "said roughly 65 per cent of ...", "says about 550 students attend"

        if token.text.isalpha() and token.text.islower() and index + 2 < len(tokens) and tokens[index + 1].text == "," \
                and tokens[index + 2].text[:1].isalpha():
            return True  # "said often, paramedics won't ..."
        if token.lower in SUBORDINATORS and any(t.text == "," for t in tokens[index + 1:index + 16]):
            return True  # "said as RCMP entered the camp, one person ..."
        if not token.text[:1].isalpha() or token.lower in NOT_CLAUSE_STARTS or token.lower in PRONOUN_OBJECTS:
            return False
        if token.lower.endswith("ly") or token.lower in rules.reporting_verbs():
            return False
        return index + 1 < len(tokens) and tokens[index + 1].text[:1].isalpha()

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        while end > start and self.text[end - 1] in " .,;:!?\n":
            end -= 1
        while start < end and self.text[start] in " ,;:\n":
            start += 1
        return start, end

    # -- quotes no rule attributed ----------------------------------------
    def _unattributed(self, paragraph, sentence, quote: Quote, quotes, outside) -> None:
        words = quote.words(self.text)
        s_start, open_at = sentence[0], quote.open_at
        before = [t for t in outside if s_start <= t.start < open_at]
        nominal = self._nominal_cue(before)
        if nominal is not None:
            mention, cue = nominal
            # 'her assertion that Mexico had received "no information"': the quoted words are the
            # statement (a partial quote), as news readers and the GGT annotation take it
            entity = self._resolve(mention, paragraph, sentence[0])
            self._add(Found(quote.start, quote.end, "partial" if words < 8 else "direct", paragraph, sentence,
                            mention, entity, cue, (quote,)))
            quote.used = True
            return
        quoted = self.text[quote.start:quote.end]
        if _title_case(quoted) or (words <= 3 and all(w[:1].isupper() for w in quoted.split()) and not quoted.endswith((".", "!", "?"))):
            return  # titles of works and shows: 'told NBC's "Today"'
        characterized = self._characterized(before, sentence, quote, quotes, outside)
        if characterized is not None:
            mention, cue, start = characterized
            entity = self._resolve(mention, paragraph, sentence[0])
            kind = "mixed" if start < quote.open_at else "direct"
            lemma = rules.reporting_verbs().get(cue.lower())
            outer_end, s_end = quote.outer_end, sentence[1]
            following = [t for t in outside if outer_end <= t.start < s_end]
            if kind == "direct" and lemma in DIRECT_CONTENT_VERBS and len(following) > 2 \
                    and following[0].text[:1].islower() and not any(t.text in "\"“”" for t in following) \
                    and not (following[0].lower in ("and", "but", "or") and _looks_like_verb(following[1].lower)):
                # 'he said "budget reforms" and unpaid taxes would pay for it': the clause goes on
                c_start, c_end = self._trim(quote.open_at, self._coordinated_end(outside, quote.open_at, sentence[1]))
                if FINITE_VERB.search(self.text, quote.outer_end, c_end):
                    self._add(Found(c_start, c_end, "mixed", paragraph, sentence, mention, entity, cue, (quote,)))
                    quote.used = True
                    return
            end = quote.end if kind == "direct" else quote.outer_end
            if kind == "mixed":
                # 'likened the refugees to a "vicious snake" in a song about ...': the rest of the clause
                end = max(end, self._trim(start, self._coordinated_end(outside, start, sentence[1]))[1])
            self._add(Found(start if kind == "mixed" else quote.start, end,
                            kind, paragraph, sentence, mention, entity, cue, (quote,)))
            quote.used = True
            return
        if words < 4 and not self._short_sentence_of_the_speaker(paragraph, sentence, quote, before, outside) \
                or _title_case(self.text[quote.start:quote.end]):
            return  # scare quotes, titles of works, nicknames
        earlier = [f for f in self.found if f.sentence == sentence and f.kind == "direct" and f.end <= quote.start]
        if earlier and earlier[-1].entity is not None and not any(
                verb_lemma(before, i) and before[i].text != earlier[-1].cue
                for i in range(len(before)) if before[i].start > earlier[-1].end + 1):
            # '"It reinforced our resolve," said Blumenthal, and "trust in our values ..."': the same voice
            self._add(Found(quote.start, quote.end, "direct", paragraph, sentence, None, earlier[-1].entity, None, (quote,)))
            quote.used = True
            return
        if before and not all(t.lower in ("and", "but", "so", ",") or t.text in DASHES for t in before):
            return  # a quotation inside someone else's sentence that no rule attributes
        starts_paragraph = self._opens_paragraph(quote) or quote.continued
        previous = self.last_speaker
        entity = None
        if previous is not None and (starts_paragraph or not before) and paragraph - previous[1] <= 1:
            entity = previous[0]
        elif previous is not None and previous[1] == paragraph:
            entity = previous[0]
        if not starts_paragraph and not before and (previous is None or previous[1] != paragraph):
            # 'Sen. Ann Roe, who lost the primary, named three reasons. "Young people are ...": a
            # quote after a sentence about someone, in that sentence's paragraph, is theirs
            entity = self._previous_sentence_person(paragraph, sentence) or entity
        self._add(Found(quote.start, quote.end, "direct", paragraph, sentence, None, entity, None, (quote,)))
        quote.used = True

    def _told_whom(self, tokens: list[Token], at: int, people_only: bool = False) -> int | None:
        """Past the one told, when it is a lower-case noun phrase: 'told local radio the news was
        ...', 'told the council the budget ...', 'told a crowd in Ames that ...'. ``at`` when no
        one told is recognized there; None when someone is but no clause follows ('told
        councillors this week.')."""
        after = self._end_of_the_one_told(tokens, at, people_only)
        if after is None:
            return at
        if after < len(tokens) and tokens[after].lower in ("who", "which", "whose", "whom"):
            return at  # "told a young woman who ...": leave it to the rules as before
        if after < len(tokens) and (tokens[after].lower == "that" or self._clause_start(tokens, after)) and any(
                t.lower in AUXILIARIES or _looks_like_verb(t.lower) for t in tokens[after + 1:after + 7]):
            return after
        return None

    def _end_of_the_one_told(self, tokens: list[Token], at: int, people_only: bool = False) -> int | None:
        """Where a lower-case noun phrase for the one told ends ('the council', 'a crowd in Ames',
        'local radio'), or None if none starts at ``at``; with ``people_only``, only people
        ('told her staff', not 'told her the news')."""
        mention = mention_starting_at(tokens, at, self.text, limit=at + 5)
        if people_only:
            if mention is None or not (mention.kind == "group" or mention.head in rules.person_nouns()):
                return None
        elif mention is None or mention.kind not in ("organization", "group", "descriptor", "title"):
            end = at
            while end < min(len(tokens), at + 3) and tokens[end].lower not in TOLD_MEDIA and tokens[end].text.isalpha():
                end += 1
            return end + 1 if end < len(tokens) and tokens[end].lower in TOLD_MEDIA else None
        return next((i for i in range(at, len(tokens)) if tokens[i].start >= mention.end), len(tokens))

    def _short_sentence_of_the_speaker(self, paragraph: int, sentence, quote: Quote, before, outside) -> bool:
        """'"We will be fine," Ann Roe said. "We always are."': a short quotation that is a whole
        sentence by itself, in a paragraph where someone was just quoted, is more of their words."""
        quoted = self.text[quote.start:quote.end].strip()
        after = [t for t in outside if quote.outer_end <= t.start < sentence[1]]
        return bool(quoted) and quoted[0].isupper() and quoted.endswith((".", "!", "?")) and not before \
            and not after and self.last_speaker is not None and self.last_speaker[1] == paragraph

    def _previous_sentence_person(self, paragraph: int, sentence) -> Entity | None:
        """The person named as the subject of the sentence before ``sentence`` in its paragraph."""
        p_start, p_end = self.article.paragraphs[paragraph]
        quotes = self._quotes_by_paragraph.get(paragraph, [])
        spans = [span for span in sentence_spans(self.text, p_start, p_end, quotes) if span[1] <= sentence[0]]
        if not spans:
            return None
        s_start, s_end = spans[-1]
        tokens = [t for t in self._tokens_between(paragraph, s_start, s_end)
                  if not any(q.open_at <= t.start < q.outer_end for q in quotes)]
        mention = self._sentence_subject(tokens, spans[-1])
        if mention is None or mention.kind != "name":
            return None
        person = self.entities._find_person(mention.name, mention.start, create=False)
        return person if person is not None and person.type == "person" and person.evidence else None

    def _characterized(self, before: list[Token], sentence, quote: Quote, quotes, outside):
        """'Clinton called half of his supporters "deplorables"', 'the doctor is calling the
        candidate "extremely fit"', 'Trump tells supporters to "go and vote"': the quoted words
        belong to the subject of a verb of speech or judgement before them. Any other verb
        ('Trump openly admires Putin as a "strong leader"') gives them to its subject only when
        that subject is named."""
        characterizing = rules.characterizing_verbs()
        for position in range(len(before) - 1, max(-1, len(before) - 16), -1):
            token = before[position]
            if token.text in SENTENCE_TERMINATORS or token.text in ";:":
                return None
            if not token.text[:1].islower():
                continue
            listed = token.lower in characterizing or verb_lemma(before, position) is not None
            if not listed and not _looks_like_verb(token.lower):
                continue
            if not listed and any(t.text[:1].islower() and (t.lower in characterizing or verb_lemma(before, i) is not None)
                                  for i, t in enumerate(before[max(0, position - 12):position], max(0, position - 12))):
                continue  # 'praising Jeb Bush, who ended his bid, as "a man ..."': the verb of judgement governs
            if not listed and token.lower[-1] == "s" and position and before[position - 1].lower in AUXILIARIES:
                continue  # "they had guns", "has plans": after an auxiliary, an -s word is a noun
            if position and before[position - 1].text.endswith(("'s", "’s")):
                continue  # "called the union's demands": a noun after a possessive
            mention = self._subject_before(before, position)
            if mention is not None and self._object_of_verb_before(before, mention):
                continue  # 'called the union demands "unaffordable"': "demands" is a noun there
            if mention is None and listed and self._subject_elsewhere(before, position):
                mention = self._shared_subject(before, position, outside, sentence)
            if mention is None or mention.kind == "descriptor" and not mention.name:
                if listed:
                    return None
                continue
            if not listed and not (mention.kind in ("name", "pronoun") or mention.kind == "organization" and mention.name):
                continue
            start_index = position + 1
            if start_index < len(before) and before[start_index].lower in ("that", "as"):
                start_index += 1
            start = before[start_index].start if start_index < len(before) else quote.open_at
            return mention, token.text, start
        return None

    def _object_of_verb_before(self, tokens: list[Token], mention: Mention) -> bool:
        """Whether a lower-case verb comes right before the noun phrase: it is that verb's object."""
        at = _index_starting_at(tokens, mention.start)
        if not at:
            return False
        word = tokens[at - 1]
        return word.text[:1].islower() and (word.lower in rules.characterizing_verbs()
                                             or verb_lemma(tokens, at - 1) is not None)

    def _nominal_cue(self, before: list[Token]):
        """"her assertion that Mexico had received" / "Smith's claim that"."""
        for position in range(len(before) - 1, max(-1, len(before) - 14), -1):
            token = before[position]
            if token.lower not in rules.nominal_cues():
                continue
            if position == 0:
                return None
            following = before[position + 1].lower if position + 1 < len(before) else None
            if following not in (None, "that", ":", ",", "to"):
                return None  # 'called Obama's remarks on Saturday "a wake-up call"': the remarks are not the quote
            owner = before[position - 1]
            if owner.lower in ("her", "his", "their"):
                pronoun = {"her": "she", "his": "he", "their": "they"}[owner.lower]
                mention = Mention(owner.text, owner.start, owner.end, "pronoun", head=pronoun,
                                  gender={"she": "female", "he": "male"}.get(pronoun))
                return mention, token.text
            if owner.text.endswith(("'s", "’s")):
                # "Mayor Ida Brandt's claim": the whole name before the possessive, not its last word
                stem = make_token(owner.text[:-2], owner.start, owner.end - 2)
                words = [*before[max(0, position - 7):position - 1], stem]
                mention = mention_ending_at(words, len(words), self.text) or mention_from_tokens([stem], self.text)
                if mention is not None:
                    return mention, token.text
            return None
        return None

    # -- speakers ------------------------------------------------------------
    def _resolve(self, mention: Mention, paragraph: int, sentence_start: int | None = None,
                 content: tuple[int, int] | None = None) -> Entity | None:
        if mention.kind == "pronoun" and (mention.start, mention.end) in self._pronoun_referents:
            # one "he said" reporting two clauses ("X did this, he said, but Y did that") is one person
            return self._pronoun_referents[mention.start, mention.end]
        if mention.kind == "name" and self._unknown_sentence_opener(mention, sentence_start):
            mention.kind = "none"  # _add leaves it out: the statement stands, its speaker is unknown
            return None
        recent = None
        if self.last_speaker is not None and paragraph - self.last_speaker[1] <= 3:
            recent = self.last_speaker[0]
            if recent is None and mention.kind == "pronoun" and self._unnamed_keeps_floor(mention):
                self._pronoun_referents[mention.start, mention.end] = None
                return None
        entity = self.entities.resolve(mention, mention.start, recent, content)
        if entity is not None and mention.kind == "descriptor" and self._met_unnamed(mention, entity):
            entity = None
        if mention.kind == "pronoun":
            self._pronoun_referents[mention.start, mention.end] = entity
        if entity is None and mention.kind in ("title", "descriptor") and mention.text.lower().startswith("the ") \
                and not (mention.affiliation or "")[:1].islower():  # "the team's doctor" is someone else
            # "... with Donald Trump, where the former US president had suggested": a definite
            # description right after a name in the same sentence is that person.
            entity = self.entities.named_between(sentence_start if sentence_start is not None else mention.start - 200,
                                                 mention.start, mention.gender)
            if entity is not None and mention.role and not entity.role:
                entity.role = mention.role
        return entity

    def _unnamed_keeps_floor(self, pronoun: Mention) -> bool:
        """'One commuter, who asked not to be named, told the paper that ... "It's a disaster," she
        said.': "she" is the unnamed person who spoke last, not the last woman named, unless a
        person that "she" could be has since been the subject of a sentence."""
        found = self._last_speaker_found
        last = found.mention if found is not None else None
        if last is None or pronoun.head not in ("she", "he") or pronoun.start < found.sentence[1] or not (
                last.kind == "title" or last.kind == "descriptor" and last.head in rules.person_nouns()):
            return False  # (in the unnamed speaker's own sentence, "she" is more often someone named in it)
        # Someone new and unnamed: "a commuter", "one resident", "my father", "the mayor's aide", or
        # "the organizer" after "an organizer". A definite description not resolved ("the
        # Republican nominee") is more often someone named before, whom "he" goes on to find.
        words = last.text.lower().split()
        if not (words[0] in UNNAMED_DETERMINERS or any(w.endswith(("'s", "’s")) for w in words[:-1])
                or words[0] == "the" and self._introduced_with_a(last.head, last.start)):
            return False
        wanted = "female" if pronoun.head == "she" else "male"
        if last.gender not in (None, wanted) or any(
                e.type == "person" and e.evidence and (last.head in e.nouns or e.role and last.head in e.role.lower())
                for e in self.entities.items):
            return False  # "his brother added" after "his brother Alastair Osman": maybe him
        rival = self.entities._latest(pronoun.start, lambda e: e.type == "person" and e.evidence
                                      and e.gender in (None, wanted), subject_only=True)
        return rival is None or rival.last_before(pronoun.start, True) < self._last_speaker_at

    def _met_unnamed(self, mention: Mention, entity: Entity) -> bool:
        """'... greeted by an organizer. "...," the organizer told them': a definite description
        whose noun the text brought in with "a" or "an", and never used for ``entity``, is
        that unnamed newcomer, not whoever was talked about last."""
        head = mention.head
        if not head or not mention.text.lower().startswith("the ") or head in entity.nouns or \
                (entity.role and head in entity.role.lower()):
            return False
        return self._introduced_with_a(head, mention.start)

    def _introduced_with_a(self, head: str | None, before: int) -> bool:
        """Whether the text brought this noun in with "a", "an", "another" or "one" not long before."""
        if not head:
            return False
        since = max(0, before - 3000)
        return re.search(r"\b(?:an?|another|one)\s+(?:[\w-]+\s+){0,3}" + re.escape(head) + r"\b",
                         self.text[since:before], re.IGNORECASE) is not None

    def _unknown_sentence_opener(self, mention: Mention, sentence_start: int | None) -> bool:
        """'Keeps saying she ...', 'Once in my teens, I laughed and said': one capitalized word
        that opens a sentence may be capitalized only because it opens it. It is read as an
        ordinary word when the article never writes it capitalized where no sentence starts, has
        named no one by it, and either writes it in lower case elsewhere or it has the ending of
        a verb or a plural ('Keeps', 'Having', 'Proponents'); 'Russia insisted' and a misspelt
        'McLenney said' still name someone."""
        name = mention.name or ""
        if " " in name or mention.role or sentence_start is None or mention.start < sentence_start \
                or self.text[sentence_start:mention.start].strip(" \"'“‘(") or name.isupper():
            return False
        lower = name.lower()
        if lower in rules.female_names() or lower in rules.male_names() or lower in rules.outlets():
            return False
        if self.entities._find_person(name, mention.start, create=False) is not None or \
                self.entities._find_organization(name, create=False) is not None:
            return False
        for match in re.finditer(r"\b" + re.escape(name) + r"\b", self.text):
            before = self.text[max(0, match.start() - 8):match.start()].rstrip(" \"'“‘(")
            if before and before[-1] not in ".!?:\n":
                return False
        return _looks_like_verb(lower) or lower.endswith("ly") or \
            re.search(r"\b" + re.escape(lower) + r"\b", self.text) is not None  # ("Newly released ...")

    def _speaker_from_context(self, paragraph: int) -> Entity | None:
        if self.last_speaker is not None and paragraph - self.last_speaker[1] <= 1:
            return self.last_speaker[0]
        return None

    def _add(self, found: Found) -> None:
        if found.mention is not None and found.mention.kind == "none":
            found.mention = None  # a capitalized word that names no one (_unknown_sentence_opener)
        same = self._found_spans.get((found.start, found.end))
        if same is not None:
            # 'called the plan "bold" and "a gamble"': one statement, found once per quotation in it
            same.quotes += tuple(q for q in found.quotes if q not in same.quotes)
            return
        self._found_spans[found.start, found.end] = found
        self.found.append(found)
        if found.entity is not None or found.mention is not None:
            # the speaker of the statement that comes last in the text, whatever rule found it first
            # ("According to EHS, ... but Chapman says ...": Chapman has the floor)
            if self.last_speaker is None or found.paragraph > self.last_speaker[1] or found.start >= self._last_speaker_at:
                self.last_speaker = (found.entity, found.paragraph)
                self._last_speaker_at = found.start
                self._last_speaker_found = found

    def _fill_quote_chains(self) -> None:
        """A quote running over paragraphs has one speaker: give it to every part."""
        by_quote = {id(q): f for f in self.found for q in f.quotes}
        chain: list[Found] = []
        for quote in self.quotes:
            found = by_quote.get(id(quote))
            if found is None:
                continue
            if quote.continued and chain:
                chain.append(found)
            else:
                self._settle(chain)
                chain = [found]
        self._settle(chain)

    def _settle(self, chain: list[Found]) -> None:
        if len(chain) < 2:
            return
        named = next((f for f in chain if f.mention is not None), None)
        if named is None:
            return
        for found in chain:
            if found.mention is None:
                found.entity = named.entity
