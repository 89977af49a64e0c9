"""Speaker mentions: the noun phrase that says who spoke.

``mention_from_tokens`` reads a run of tokens as one noun phrase
("Mexico's President Claudia Sheinbaum", "she", "the minister", "an NBC News
report", "current and former US officials") and says what kind it is; the
helpers find the longest such phrase ending or starting at a position.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import rules
from ..names import fold
from .units import NAME_PREFIX, Token, make_token

DETERMINERS = frozenset(
    "the a an this that these those another his her their its our my your one two three four several some many both all most other".split()
)
FUNCTION_WORDS = frozenset(
    """is was were are be been being has have had do did does will would could should can may might must not no to in on
    at by with from as that which who whom whose when where while because if than then also just only even still about
    after before over under into out up down off there here what how why said says told tells say tell very so
    but or nor yet if though although since until unless during against among between through without within
    earlier later today yesterday tonight now again however meanwhile""".split()
)
# Function words that are also first names: "Will Estrada said" names someone when the word is
# capitalized and a capitalized word follows it ("Will Congress act?" opens a question: the
# sentence's first word is left alone where that matters).
FIRST_NAME_FUNCTION_WORDS = frozenset({"will"})
# Verbs no noun phrase contains: "The email goes on to say", "The mayor went on".
VERBS_NOT_NOUNS = frozenset(
    "went goes gone came comes took takes gave gives got gets began begins became becomes kept keeps".split())
CONNECTORS = frozenset({"and", "&", "of", "for", "de", "van", "von", "da", "del", "der", "la", "le", "bin", "al", "du", "di", "st."})
NAME_PARTICLES = frozenset({"de", "van", "von", "da", "del", "der", "la", "le", "bin", "al", "du", "di", "el", "ibn", "dos", "das"})
# Capitalized words that start sentences or name dates, never people.
NOT_NAMES = frozenset(
    """the a an this that these those it its he she they we i you his her their our but and or so yet however meanwhile
    also then now today yesterday tonight still later earlier after before during in on at by for with from as if when
    while where there here what who why how despite although though because since until some many most all both each
    other another such no not one two three less more every mr mrs ms dr january february march april may june july august september
    october november december monday tuesday wednesday thursday friday saturday sunday
    even only just perhaps indeed instead finally eventually again already once last next early late neither either
    everything nothing something anything everyone everybody nobody someone somebody anyone anybody""".split()
)
_NOT_NAMES_BUT_THE = NOT_NAMES - {"the"}
DEMONYM_ENDINGS = ("ese", "ian", "ean", "can", "ish")
# Nationalities whose ending is also a common surname's ("Kasich", "Lynch", "Rossi"): listed instead
NATIONALITY_WORDS = frozenset(
    "french dutch czech welsh swiss thai greek iraqi israeli pakistani saudi yemeni kuwaiti somali bangladeshi "
    "nepali qatari omani emirati afghan".split()
)
PARTY_WORDS = frozenset("republican democrat democratic conservative liberal tory labour socialist green libertarian".split())


def demonym(word: str) -> bool:
    """'Korean', 'Chinese', 'Canadian', 'Republican': adjectives of place or party."""
    return word in PARTY_WORDS or word in NATIONALITY_WORDS or (
        len(word) > 4 and word.endswith(DEMONYM_ENDINGS) and word not in rules.first_names())


CALENDAR_HEADS = frozenset({"day", "eve", "weekend", "week"})  # Canada Day, Christmas Eve, Pride Week
HONORIFICS = {"mr": "male", "mr.": "male", "mrs": "female", "mrs.": "female", "ms": "female", "ms.": "female", "miss": "female"}
GENDERED_NOUNS = {
    "spokeswoman": "female", "chairwoman": "female", "congresswoman": "female", "councilwoman": "female",
    "queen": "female", "princess": "female", "woman": "female", "mother": "female", "wife": "female",
    "daughter": "female", "sister": "female", "girl": "female", "businesswoman": "female",
    "spokesman": "male", "chairman": "male", "congressman": "male", "councilman": "male", "king": "male",
    "prince": "male", "man": "male", "father": "male", "husband": "male", "son": "male", "brother": "male",
    "boy": "male", "businessman": "male",
}
DOCUMENT_NOUNS = frozenset(
    "report reports statement study survey poll polls release article story analysis letter editorial filing lawsuit "
    "memo documents document investigation review findings data figures records estimates statistics results "
    "research court documents polling post tweet message email suit complaint indictment ruling affidavit "
    "transcript".split()
)
ED_ADJECTIVES = frozenset(
    "unnamed elected unidentified retired concerned informed respected renowned noted embattled disgraced "
    "appointed designated detained accused convicted injured wounded married unemployed".split()
)
PARTY_OR_NATION = frozenset(
    "republican democrat conservative liberal tory socialist libertarian canadian american british mexican "
    "chinese russian french german australian indian irish israeli palestinian ukrainian veteran".split()
)
# Words in -ing that describe a person ("the acting director", "striking workers"); any other
# -ing word is a verb and ends a noun phrase
ING_MODIFIERS = frozenset(
    "acting managing ruling founding visiting incoming outgoing sitting leading presiding reigning striking "
    "working retiring serving governing opposing remaining ranking longstanding standing supporting "
    "participating dissenting consulting attending commanding coordinating investigating arresting "
    "responding reporting grieving aspiring practicing practising emerging ailing".split()
)
# Reporting verbs that are nouns as often: only a verb after a subject that fits.
NOUN_VERBS = frozenset(
    "report claim comment post tweet answer charge estimate forecast promise vow warn reply respond rule "
    "statement testify note state joke boast worry fear hope question concern remark demand".split()
)
SPOKES_NOUNS = frozenset("spokesperson spokesman spokeswoman representative statement".split())
QUANTIFIER_GROUPS = frozenset("some many others several most few both".split())
PRONOUN_OBJECTS = frozenset("him her them me us reporters journalists".split())


@dataclass
class Mention:
    text: str
    start: int
    end: int
    kind: str  # name | pronoun | title | organization | group | descriptor
    name: str | None = None  # a proper name: person or organization
    role: str | None = None
    affiliation: str | None = None
    head: str | None = None  # head noun, lowercased: "president", "report", "officials"
    gender: str | None = None

    @property
    def speaker_type(self) -> str:
        if self.kind == "organization":
            return "organization"
        if self.kind == "group":
            return "group"
        return "person"


def _is_cap(token: Token) -> bool:
    """is_capitalized() of the token's text, inlined (token.is_cap differs for a few letters such as 'ǅ')."""
    word = token.text
    first = word[:1]
    # (a prefixed name has a capital further on: a word equal to its lower case has none)
    return first.isupper() or (first in "abdeilmov" and len(word) > 2 and token.lower != word
                               and NAME_PREFIX.match(word) is not None)


def _possessive(token: Token) -> str | None:
    """"Mexico's" -> "Mexico"; "officials'" -> "officials"; else None."""
    word = token.text
    if word[-1] not in "s'’":
        return None  # most words: neither ending below
    if len(word) > 2 and word.endswith(("'s", "’s")):
        return word[:-2]
    if len(word) > 2 and word.endswith(("s'", "s’")):
        return word[:-1]
    return None


@lru_cache(maxsize=None)
def _title_last_words() -> frozenset[str]:
    return frozenset(title.split(" ")[-1] for title in rules.titles())


def _title_length(tokens: list[Token], index: int) -> int:
    """Length of a title phrase (from rules/titles.txt) ending at tokens[index], or 0."""
    if index < 0 or tokens[index].lower not in _title_last_words():
        return 0  # most words end no title: no phrases to join
    titles = rules.titles()
    for length in (3, 2, 1):
        if index - length + 1 < 0:
            continue
        phrase = " ".join(t.lower for t in tokens[index - length + 1: index + 1])
        if phrase in titles:
            return length
    return 0


def gender_of(first_name: str | None, role: str | None = None, head: str | None = None, honorific: str | None = None) -> str | None:
    if honorific and honorific.lower() in HONORIFICS:
        return HONORIFICS[honorific.lower()]
    for word in ((role or "") + " " + (head or "")).lower().split():
        if word in GENDERED_NOUNS:
            return GENDERED_NOUNS[word]
    if first_name:
        first = first_name.lower()
        if first in rules.female_names():
            return "female"
        if first in rules.male_names():
            return "male"
    return None


_PARSED: dict[tuple, Mention | None] = {}  # the same words parse the same way: names recur in an article
_NOT_PARSED = object()


def mention_from_tokens(tokens: list[Token], text: str) -> Mention | None:
    """Read ``tokens`` as one speaker noun phrase, or return None."""
    if not tokens or len(tokens) > 12:
        return None
    base = tokens[0].start
    key = (text[base:tokens[-1].end], tuple([t.start - base for t in tokens]))
    cached = _PARSED.get(key, _NOT_PARSED)
    if cached is not _NOT_PARSED:
        return None if cached is None else _shifted(cached, base)
    mention = _parse_mention(tokens, text)
    if len(_PARSED) > 50_000:
        _PARSED.clear()
    _PARSED[key] = None if mention is None else _shifted(mention, -base)
    return mention


def _shifted(mention: Mention, offset: int) -> Mention:
    """A copy of ``mention`` moved by ``offset`` characters. What dataclasses.replace() does,
    without its per-field work: this runs for every cached parse."""
    copy = object.__new__(Mention)
    copy.__dict__.update(mention.__dict__)
    copy.start += offset
    copy.end += offset
    return copy


def _parse_mention(tokens: list[Token], text: str) -> Mention | None:
    if not tokens or len(tokens) > 12:
        return None
    if _possessive(tokens[-1]):
        return None  # "Robert Major's": the owner of something, not a speaker
    for before, after in zip(tokens, tokens[1:]):
        if after.start > before.end and not text[before.end:after.start].isspace():
            return None  # the words must be next to each other: nothing (a quotation) left out between
    start, end = tokens[0].start, tokens[-1].end
    surface = text[start:end]
    if len(tokens) == 1 and tokens[0].lower in rules.pronouns():
        pronoun = tokens[0].lower
        gender = {"she": "female", "he": "male"}.get(pronoun)
        return Mention(surface, start, end, "pronoun", head=pronoun, gender=gender)
    if len(tokens) == 1 and tokens[0].lower in QUANTIFIER_GROUPS:
        return Mention(surface, start, end, "group", name=surface, head=tokens[0].lower)
    rest = list(tokens)
    determiner = None
    if rest[0].lower in DETERMINERS and len(rest) > 1:
        determiner = rest.pop(0).lower
    affiliation = None
    for index, token in enumerate(rest[:-1]):
        owner = _possessive(token) if token.text[-1] in "s'’" else None  # (most words: not a possessive)
        width = 1
        if owner is None and _plural_apostrophe(rest, index + 1):
            owner, width = token.text, 2  # "the teachers' union": the tokenizer splits a plural's apostrophe off
        if owner:
            # The owner is one word or a proper name: "Mexico's", "the company's", "New York Times'".
            if index and not all(_is_cap(t) for t in rest[:index]):
                return None
            affiliation = text[rest[0].start: token.start] + owner if index else owner
            rest = rest[index + width:]
            break
    if not rest:
        return None
    linker = next((i for i, t in enumerate(rest) if i > 0 and t.lower in ("of", "for", "at", "with")), None) \
        if determiner else None  # (looked for only where it matters)
    if linker is not None and linker + 1 < len(rest) and not _is_cap(rest[linker - 1]) and determiner:
        # "the chief engineer of the port": the head comes before "of"; the whole is the role.
        head_mention = mention_from_tokens(tokens[: len(tokens) - len(rest) + linker], text)
        if head_mention is not None and head_mention.head in SPOKES_NOUNS:
            # "a spokesperson for the ministry" speaks for the ministry
            body = mention_from_tokens(rest[linker + 1:], text)
            if body is not None and body.kind == "organization":
                if not body.name:
                    words = rest[linker + 1:]
                    words = words[1:] if words[0].lower in DETERMINERS and len(words) > 1 else words
                    body.name = text[words[0].start: words[-1].end]
                body.role, body.text, body.start, body.end = head_mention.text, surface, start, end
                return body
        if head_mention is not None and head_mention.kind in ("title", "descriptor"):
            head_mention.role = text[rest[0].start: end]
            head_mention.text, head_mention.end = surface, end
            return head_mention
    pronouns, reporting, characterizing = rules.pronouns(), rules.reporting_verbs(), rules.characterizing_verbs()
    for position, token in enumerate(rest):
        if not (token.text[:1].isalpha() or token.text == "&" or (token.text[:1].isdigit() and "-" in token.text)
                or (determiner is not None and len(token.text) == 4 and token.text[:2] in ("19", "20") and token.text.isdigit())):
            return None  # words only, ages like "26-year-old" and years ("a 2008 Clinton veteran")
        if token.lower in FUNCTION_WORDS or token.lower in pronouns or token.lower in DETERMINERS:
            if not (position == 0 and _first_name_word(token, rest[1] if len(rest) > 1 else None)):
                return None
        if token.lower.endswith("ed") and token.text[:1].islower() and token.lower not in ED_ADJECTIVES:
            return None  # a verb: "that cited officials"
        if token.lower in VERBS_NOT_NOUNS and token.text[:1].islower():
            return None
        if position == 0 and determiner is None and affiliation is None and token.text[:1].islower() \
                and token.lower.endswith("ing") and len(token.lower) > 5 and token.lower not in ING_MODIFIERS:
            return None  # "requiring state and local police": a verb's object, no one's description
        lemma = (reporting.get(token.lower) or characterizing.get(token.lower)) if token.text[:1].islower() else None
        if lemma is not None and lemma not in NOUN_VERBS and (token.lower.endswith("ing") or token.lower in (lemma, lemma + "s")) \
                and token.lower not in DOCUMENT_NOUNS and token.lower not in rules.titles() \
                and token.lower not in rules.person_nouns():
            # "saying Christie", "sources believe Erdogan": a verb of speech is no one's role (but
            # "written documents")
            return None
        if position in (0, len(rest) - 1) and token.lower in {"and", "&", "of", "for"}:
            return None
    last = rest[-1]
    if len(rest) == 1 and last.lower in rules.group_words() and determiner is None and affiliation is None:
        # "Officials said", "Residents in the district say": capitalized only because a sentence starts
        return Mention(surface, start, end, "group", name=surface, head=last.lower)
    if _is_cap(last) and last.lower not in NOT_NAMES:
        return _named_mention(rest, text, surface, start, end, determiner, affiliation)
    head = last.lower
    if head in DOCUMENT_NOUNS and affiliation and len(rest) <= 2:
        # "the union's Friday release" speaks for the union.
        owner_tokens = [t for t in tokens if t.end <= rest[0].start]
        if owner_tokens:
            last = owner_tokens[-1]
            owner = mention_from_tokens(owner_tokens[:-1] + [make_token(affiliation.split()[-1], last.start, last.start + len(affiliation.split()[-1]))], text) \
                if len(owner_tokens) > 1 else None
            if owner is not None:
                return owner
    if len(rest) >= 2 and head in DOCUMENT_NOUNS and _is_cap(rest[-2]):
        # "an NBC News report" speaks for NBC News.
        outlet = _named_mention(rest[:-1], text, surface, start, end, None, affiliation)
        if outlet is not None:
            outlet.kind = "organization"
            outlet.head = head
            outlet.name = text[rest[0].start: rest[-2].end]
            return outlet
        return None
    role_text = text[rest[0].start: last.end]
    if head in rules.group_words() and determiner not in ("a", "an", "this", "that", "his", "her", "its") \
            and _title_length(rest, len(rest) - 1) != len(rest):  # "Hale's chief of staff" is one person
        return Mention(surface, start, end, "group", name=role_text, head=head, affiliation=affiliation)
    if (determiner in ("the", "their", "its", "his", "her") or affiliation) and head.endswith("s") and not head.endswith("ss") \
            and head not in DOCUMENT_NOUNS and len(rest) <= 3 and head not in rules.organization_words():
        # "the school's defenders", "the hereditary leaders": people spoken of together
        return Mention(surface, start, end, "group", name=role_text if not affiliation else surface, head=head,
                       affiliation=affiliation)
    if determiner is None and affiliation is None and head in DOCUMENT_NOUNS and head.endswith("s"):
        return Mention(surface, start, end, "organization", head=head)  # "according to preliminary findings"
    if determiner is None and affiliation is None:
        return None  # a bare singular noun is not a speaker ("police" is in group_words)
    if head in DOCUMENT_NOUNS:
        # "the suit says", "the legal document said": a document, never the person last talked about
        return Mention(surface, start, end, "organization", head=head, affiliation=affiliation)
    title_length = _title_length(rest, len(rest) - 1)
    if title_length:
        return Mention(surface, start, end, "title", role=role_text, head=head, affiliation=affiliation,
                       gender=gender_of(None, role_text, head))
    if head in rules.organization_words():
        return Mention(surface, start, end, "organization", head=head, affiliation=affiliation)
    lenient = determiner == "the" and len(rest) <= 4 and not (head.endswith(("ed", "s")) or head.endswith("ing") and len(head) > 5) \
        and not any(t.lower.endswith("s") and len(t.lower) > 3 and not t.lower.endswith("ss") for t in rest[:-1])
    if head in rules.person_nouns() or lenient:
        # "a spokesperson", "the woman", and in a speaker's place any "the ..." ("the 26-year-old
        # right wing", "the rookie defenceman"): someone the text describes instead of naming.
        organization = _organization_in(rest[:-1], text)
        return Mention(surface, start, end, "descriptor", role=role_text, head=head, affiliation=affiliation,
                       gender=gender_of(None, role_text, head), name=organization)
    return None


def _organization_in(tokens: list[Token], text: str) -> str | None:
    """'A Freedom Mobile spokesperson': the capitalized run naming who the person speaks for."""
    run = [t for t in tokens if _is_cap(t)]
    if run and len(run) == len(tokens) and run[0].lower not in NOT_NAMES:
        name = text[run[0].start: run[-1].end]
        if fold(name) in rules.places() or (len(run) == 1 and demonym(run[0].lower)):
            return None  # "a Texas farmer", "a Democratic voter": where the person is from, not whom they speak for
        return name
    return None


def _named_mention(rest: list[Token], text: str, surface: str, start: int, end: int,
                   determiner: str | None, affiliation: str | None) -> Mention | None:
    # The capitalized run at the end is the name; a title inside it splits role from name.
    run_start = len(rest)
    while run_start > 0 and (_is_cap(rest[run_start - 1]) or (
            rest[run_start - 1].lower in NAME_PARTICLES and run_start - 1 > 0 and _is_cap(rest[run_start - 2]))):
        run_start -= 1
    run = rest[run_start:]
    if any(t.lower in NOT_NAMES for t in run[1:]) or run[0].lower in _NOT_NAMES_BUT_THE:
        return None
    if len(rest) == 1 and determiner is None and rest[0].lower in DOCUMENT_NOUNS:
        # "Reports say", "Polls suggest": a capital letter at the start of a sentence makes no name
        return Mention(surface, start, end, "organization", head=rest[0].lower)
    wider = run_start
    while wider > 1 and rest[wider - 1].lower in ("of", "for", "and", "&") and _is_cap(rest[wider - 2]):
        wider -= 1
        while wider > 0 and _is_cap(rest[wider - 1]) and rest[wider - 1].lower not in NOT_NAMES:
            wider -= 1
    if wider < run_start and (_is_organization([t.lower for t in rest[wider:]]) or determiner == "the" and all(
            t.lower != "and" and t.lower != "&" and t.lower != "for" for t in rest[wider:])):
        # (and "the Armenian Patriarchate of Jerusalem": a capitalized "the X of Y" names a body)
        # "the Ministry of Health", "Bank of Canada": one organization across "of"
        name = text[rest[wider].start: rest[-1].end]
        return Mention(surface, start, end, "organization", name=name, affiliation=affiliation, head=rest[-1].lower)
    if run[0].lower == "the":
        run = run[1:]
        determiner = "the"
        if not run:
            return None
    if determiner is not None and run[-1].lower in PARTY_OR_NATION and (
            (determiner == "the" and all(_is_cap(t) for t in rest))
            or (determiner in ("a", "an", "one", "another") and len(run) == 1 and len(rest) <= 3)):
        # ("one senior Democrat", "a Republican")
        # "the Kentucky Republican", "the Canadian": a description of someone, not a name
        return Mention(surface, start, end, "descriptor", role=text[run[0].start: run[-1].end], head=run[-1].lower)
    of_at = run_start - 1
    if run_start >= 3 and not (rest[of_at].lower in ("of", "from") and _is_cap(rest[of_at - 1])):
        # "Phil Musser of digital consulting firm IMGE": lowercase words between "of" and the body
        of_at = next((i for i in range(run_start - 2, 0, -1) if rest[i].lower in ("of", "from")), -1)
        if of_at > 0 and (not _is_cap(rest[of_at - 1]) or any(_is_cap(t) for t in rest[of_at + 1:run_start])):
            of_at = -1
    if of_at >= 1 and rest[of_at].lower in ("of", "from") and _is_cap(rest[of_at - 1]) \
            and determiner not in ("the", "a", "an"):  # "the Armenian Patriarchate of Jerusalem" is no one's name
        # "Representative Carl B. Winters of New York": the person is before "of", the place is theirs
        owner = rest[:of_at]
        person = _named_mention(owner, text, text[start:owner[-1].end], start, owner[-1].end, determiner, affiliation)
        if person is not None and person.kind == "name" and len(person.name.split()) >= 2 \
                and not _title_length(owner, len(owner) - 1) and not _is_organization([t.lower for t in owner]):
            # (but "Secretary of State Mike Ross" is a title, "the Diocese of Covington" one body)
            person.affiliation = person.affiliation or text[run[0].start: run[-1].end]
            person.text, person.end = surface, end
            return person
    title_end = -1
    for index in range(len(run) - 1):
        # a title may reach back past "of": "Secretary of State John Kerry"
        if _title_length(rest, run_start + index) or run[index].lower in HONORIFICS or (
                run[index].lower in rules.person_nouns() and not _is_organization([t.lower for t in run[index + 1:]])):
            title_end = index  # (but "the Refugee Processing Center" is one body)
    if run_start >= 2 and rest[run_start - 1].lower == "of" and _title_length(rest, run_start - 2) and len(run) >= 3:
        # "Supervisor of Elections Susan Bucher", "Minister of Foreign Affairs Ana Lopez": what
        # the title is of runs up to the first name
        first_names = rules.first_names()
        named_from = next((i for i, t in enumerate(run[:-1]) if i and t.lower in first_names), 1)
        title_end = max(title_end, named_from - 1)
    if _title_length(run, len(run) - 1) and (len(run) == 1 or _title_length(run, len(run) - 1) == len(run)
                                             or _title_length(run, len(run) - 2)
                                             or run[-1].text.rstrip(".").isupper()):  # "Yellowhead MP"
        title_end = len(run) - 1  # "Mexico's President": a title with no name (but "Robert Major" is a name)
    name_run = run[title_end + 1:]
    if name_run and (_is_organization([t.lower for t in name_run]) or (
            len(name_run) == 1 and name_run[0].text.isupper() and len(name_run[0].text) > 1 and title_end < 0)):
        # ... or "the EU", "according to EHS": an acronym alone names a body, not a person
        name = text[name_run[0].start: name_run[-1].end]
        return Mention(surface, start, end, "organization", name=name, affiliation=affiliation, head=name_run[-1].lower)
    for lead in (1, 2):
        # "Billionaire Donald Trump", "Democrat Hillary Clinton": a person noun or a party before a
        # known first name and a surname describes the person (not "Norbert Leo Butz", "Rand Paul")
        if title_end + 1 + lead < len(run) - 1:
            lead_words = run[title_end + 1: title_end + 1 + lead]
            if run[title_end + 1 + lead].lower in rules.first_names() and all(
                    t.text[1:].islower() and (t.lower in rules.person_nouns() or t.lower in rules.group_words()
                                              or t.lower in PARTY_OR_NATION or t.lower.endswith("-based"))
                    for t in lead_words):
                title_end += lead
                break
    honorific = None
    name_tokens = run[title_end + 1:]
    role_tokens = rest[:run_start] + run[: title_end + 1]
    if role_tokens and role_tokens[-1].lower in HONORIFICS:
        honorific = role_tokens[-1].lower
        role_tokens = role_tokens[:-1]
    role = text[role_tokens[0].start: role_tokens[-1].end] if role_tokens else None
    if not name_tokens:
        if role is None:
            return None
        return Mention(surface, start, end, "title", role=role, head=run[-1].lower, affiliation=affiliation,
                       gender=gender_of(None, role, None, honorific))
    # Lowercase words before the name must read as a role ("longtime Democratic pollster",
    # "oil and gas worker"); "and" next to a capitalized word joins two names instead.
    for i, token in enumerate(rest[:run_start]):
        if token.lower in {"and", "&"} and (i == 0 or _is_cap(rest[i - 1]) or _is_cap(rest[i + 1])):
            return None
    if len(name_tokens) > 5:
        return None
    if len(name_tokens) > 1 and name_tokens[-1].lower in CALENDAR_HEADS and \
            name_tokens[0].lower not in rules.female_names() and name_tokens[0].lower not in rules.male_names():
        return None  # "On Christmas Day, he ...": a date, not someone who can speak (but "Doris Day")
    if len(name_tokens) == 1 and name_tokens[0].lower in PARTY_OR_NATION:
        return None  # "six Mexican (cartels)": an adjective, no one's name
    name = text[name_tokens[0].start: name_tokens[-1].end]
    first = name_tokens[0].text if len(name_tokens) > 1 else None
    return Mention(surface, start, end, "name", name=name, role=role, affiliation=affiliation,
                   head=name_tokens[-1].lower, gender=gender_of(first, role, None, honorific))


def _is_organization(words: list[str]) -> bool:
    """'NBC News', 'Ministry of Health', 'Saskatoon Police Service' — not 'Lena Fox' or 'Amir Khan'."""
    if words[0].rstrip(".") in rules.outlets():
        return True
    org_words = rules.organization_words()
    if not any(w in org_words or w.rstrip(".") in org_words for w in words):
        return False
    # A known first name makes it a person unless the name ends in an organization word.
    return not (len(words) > 1 and (words[0] in rules.female_names() or words[0] in rules.male_names()) and words[-1] not in org_words)


def _plural_apostrophe(tokens: list[Token], k: int) -> bool:
    """"the teachers' union": the apostrophe of a plural possessive, which the tokenizer splits off."""
    return tokens[k].text in ("'", "’") and k > 0 and tokens[k - 1].end == tokens[k].start \
        and tokens[k - 1].text[-1:] == "s" and k + 1 < len(tokens)


def _blocks_mention(token: Token) -> bool:
    """Tokens no mention contains past its first word: punctuation, verbs' company."""
    text = token.text
    if not text[:1].isalnum() and text != "&":
        return True
    return token.lower in _BLOCKING_WORDS


_BLOCKING_WORDS = FUNCTION_WORDS - {"of", "for"}
_BEFORE_A_VERB = frozenset("not will would can could should shall does did do may might must".split())


def _first_name_word(token: Token, following: Token | None) -> bool:
    """'Will' in "Will Estrada": a function word read as the first name that starts a name."""
    return token.lower in FIRST_NAME_FUNCTION_WORDS and token.text[:1].isupper() and following is not None \
        and _is_cap(following) and following.lower not in NOT_NAMES and following.lower not in FUNCTION_WORDS


def mention_ending_at(tokens: list[Token], end_index: int, text: str, floor: int = 0) -> Mention | None:
    """The longest mention made of tokens[k:end_index] for some k >= floor."""
    lowest = max(floor, end_index - 10)
    for k in range(end_index - 1, lowest - 1, -1):
        word = tokens[k].text  # _blocks_mention(), inlined
        if (not word[:1].isalnum() and word != "&") or tokens[k].lower in _BLOCKING_WORDS:
            if _plural_apostrophe(tokens, k):
                continue
            if k + 1 < end_index and _first_name_word(tokens[k], tokens[k + 1]):
                lowest = k  # '," Will Estrada said': a first name starts the mention
            else:
                lowest = k + 1  # no mention runs across punctuation or a function word
                if tokens[k].lower in _BEFORE_A_VERB and lowest < end_index - 1 and tokens[lowest].text[:1].islower() \
                        and tokens[lowest].lower not in DETERMINERS:
                    lowest += 1  # "does not surprise pollster Daron Shaw": a verb, not a role
            break
    for k in range(lowest, end_index):
        if k > floor and _is_cap(tokens[k - 1]) and _is_cap(tokens[k]) and tokens[k - 1].lower not in NOT_NAMES:
            continue  # never start inside a capitalized run
        mention = mention_from_tokens(tokens[k:end_index], text)
        if mention is not None:
            return mention
    return None


def mention_starting_at(tokens: list[Token], start_index: int, text: str, limit: int | None = None) -> Mention | None:
    """The longest mention made of tokens[start_index:j]."""
    limit = len(tokens) if limit is None else min(limit, len(tokens))
    highest = min(limit, start_index + 10)
    for j in range(start_index + 1, highest):
        if _blocks_mention(tokens[j]) and not _plural_apostrophe(tokens, j):
            highest = j
            break
    for j in range(highest, start_index, -1):
        if j < limit and _is_cap(tokens[j - 1]) and _is_cap(tokens[j]):
            continue  # never end inside a capitalized run
        mention = mention_from_tokens(tokens[start_index:j], text)
        if mention is not None:
            return mention
    return None
