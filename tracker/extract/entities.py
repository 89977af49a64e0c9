"""Who a mention refers to, within one article.

Full names introduce people and organizations; a surname, a title ("the
president"), a definite description ("the report") or a pronoun refers back
to the nearest compatible one introduced earlier.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field

from .. import rules
from .mentions import DOCUMENT_NOUNS, PARTY_OR_NATION, PARTY_WORDS, Mention, demonym


@lru_cache(maxsize=20_000)
def fold(text: str) -> str:
    """Case and accent folded, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():  # (no ASCII character is a combining mark)
        decomposed = "".join(c for c in decomposed if not unicodedata.combining(c))
    return decomposed.casefold().replace("’", "'")


@lru_cache(maxsize=20_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """The folded words of a name, without dots: 'Donald J. Trump' -> ('donald', 'j', 'trump')."""
    return tuple(fold(name).replace(".", "").split())


@dataclass
class Entity:
    name: str
    type: str  # person | organization | group
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    nouns: set[str] = field(default_factory=set)  # heads it is referred to by: "president", "report"
    positions: list[int] = field(default_factory=list)  # where it is mentioned (sorted)
    subject_positions: list[int] = field(default_factory=list)  # mentions as the one speaking or acting
    aliases: set[str] = field(default_factory=set)
    # A capitalized run is only known to be a person once it speaks, carries a title or
    # honorific, or starts with a known first name: "Harbour Bridge" must never be "he".
    evidence: bool = False
    surname_positions: list[int] = field(default_factory=list)  # where the surname alone named it

    def __post_init__(self) -> None:
        self.rename(self.name)

    def rename(self, name: str) -> None:
        """Change the name (only so: the folded name tokens, compared often, are kept with it)."""
        self.name = name
        self.tokens = name_tokens(name)

    def seen(self, position: int, subject: bool = False) -> None:
        bisect.insort(self.positions, position)
        if subject:
            bisect.insort(self.subject_positions, position)

    def last_before(self, position: int, subject_only: bool = False) -> int:
        where = self.subject_positions if subject_only else self.positions
        index = bisect.bisect_left(where, position)
        return where[index - 1] if index else -1


class Entities:
    def __init__(self) -> None:
        self.items: list[Entity] = []
        self._speaking = False  # True while resolving the mention of someone who speaks
        self._by_surname: dict[str, list[Entity]] = {}  # folded last name -> people

    # -- introducing ---------------------------------------------------------
    def has_surname(self, word: str) -> bool:
        """Is someone known by this last name? (Else mention_surname() would find no one.)"""
        tokens = name_tokens(word)
        return bool(tokens) and tokens[-1] in self._by_surname

    def mention_surname(self, word: str, position: int, subject: bool) -> None:
        found = self._find_person(word, position, create=False)
        if found is not None and len(found.tokens) > 1:
            found.seen(position, subject)
            # "Nino Niederreiter scored ... Niederreiter has four goals": a full name later
            # referred to by its surname as a sentence's subject is a person's
            found.evidence = found.evidence or subject

    def introduce(self, mention: Mention, position: int, subject: bool = False, evidence: bool = False) -> Entity | None:
        """Record a named mention (person or organization); returns its entity."""
        if mention.kind == "name":
            entity = self._find_person(mention.name, position, create=True)
        elif mention.kind == "organization" and mention.name:
            entity = self._find_organization(mention.name, create=True)
            if mention.head:
                entity.nouns.add(mention.head)
        elif mention.kind == "group":
            entity = self._find_group(mention.name or mention.text)
        else:
            return None
        if entity is None:
            return None
        entity.seen(position, subject)
        entity.aliases.add(mention.text)
        if mention.role and not entity.role and entity.type == "person":
            entity.role = mention.role
            for word in mention.role.lower().split():
                entity.nouns.add(word)
        if mention.affiliation and not entity.affiliation:
            entity.affiliation = mention.affiliation
        if mention.gender and not entity.gender:
            entity.gender = mention.gender
        if mention.role or mention.gender or evidence or subject and mention.kind == "name" and self._speaking:
            entity.evidence = True
        return entity

    def _find_person(self, name: str, position: int, create: bool) -> Entity | None:
        tokens = name_tokens(name)
        if not tokens:
            return None
        best = None
        best_seen: tuple = (False, -2)
        alone = len(tokens) == 1
        for entity in self._by_surname.get(tokens[-1], ()):  # a match always shares the surname
            theirs = entity.tokens
            if _same_person(tokens, theirs):
                # The surname alone keeps naming whom it named before ("Robert Major ... Major said ...
                # his son Brenden Major ... Major said": news names relatives in full); otherwise
                # the one mentioned last.
                named_alone = alone and bool(entity.surname_positions) and entity.surname_positions[0] <= position
                seen = (named_alone, entity.last_before(position + 1))
                if seen > best_seen:
                    best, best_seen = entity, seen
        if best is not None:
            if len(tokens) > len(best.tokens):
                best.rename(name)  # a fuller form of the name becomes canonical
            if alone and len(best.tokens) > 1:
                bisect.insort(best.surname_positions, position)
            return best
        if not create:
            return None
        entity = Entity(name=name, type="person")
        self.items.append(entity)
        self._by_surname.setdefault(tokens[-1], []).append(entity)
        return entity

    def _find_organization(self, name: str, create: bool) -> Entity | None:
        folded = fold(name)
        for entity in self.items:
            if entity.type == "organization" and (fold(entity.name) == folded or folded in fold(entity.name)):
                return entity
        if not create:
            return None
        entity = Entity(name=name, type="organization")
        self.items.append(entity)
        return entity

    def _find_group(self, name: str) -> Entity:
        folded = fold(name)
        for entity in self.items:
            if entity.type == "group" and fold(entity.name) == folded:
                return entity
        entity = Entity(name=name, type="group")
        self.items.append(entity)
        return entity

    # -- resolving -----------------------------------------------------------
    def resolve(self, mention: Mention, position: int, recent_speaker: Entity | None = None,
                content: tuple[int, int] | None = None) -> Entity | None:
        """The entity a speaker mention at ``position`` refers to, or None. A pronoun never
        refers to someone named inside ``content``, the words it reports: in "Macharia hid
        under a desk, he said", he is not Macharia."""
        if mention.kind == "pronoun":
            return self._resolve_pronoun(mention, position, recent_speaker, content)
        if mention.kind == "name":
            self._speaking = True
            try:
                return self._resolve_name(mention, position)
            finally:
                self._speaking = False
        if mention.kind in ("organization", "group") and mention.name:
            return self.introduce(mention, position, subject=True)
        if mention.kind == "title":
            if not mention.text[:1].islower() and " " not in mention.text:
                # "Major said": a title word that is also a known person's surname
                person = self._find_person(mention.text, position, create=False)
                if person is not None:
                    return person
            return self._resolve_description(mention, position, person=True)
        if mention.kind == "organization":
            found = self._resolve_description(mention, position, person=False)
            if found is None and mention.head in DOCUMENT_NOUNS:
                # "A statement said ...", "the post read": the one who just spoke issued it; "reports
                # say", "according to preliminary findings": nobody in particular
                issued = mention.text.lower().split()[0] in ISSUING_DETERMINERS and mention.head in ISSUED_DOCUMENTS
                return recent_speaker if issued else None
            if found is None and mention.text.lower().startswith("the "):
                found = self._latest(position, lambda e: e.type == "organization", subject_only=True)
                if found is not None and found.last_before(position, True) < position - 800:
                    found = None
            return found
        if mention.kind == "descriptor" and mention.name and not _nationality(mention.name):
            # "A Freedom Mobile spokesperson" speaks for Freedom Mobile (an "East German journalist" for no one).
            org = Mention(mention.name, mention.start, mention.end, "organization", name=mention.name)
            return self.introduce(org, position, subject=True)
        if mention.kind == "descriptor" and (mention.text.lower().startswith("the ") or mention.affiliation):
            # "the former strategist", "Obama's former strategist": someone met already, by that role
            # ("Smith's lawyer" is no one just talked about: news introduces lawyers that way)
            found = self._resolve_description(mention, position, person=True)
            if found is None and not mention.affiliation and mention.head not in ANONYMOUS_HEADS and \
                    not re.search(r"\b(?:for|of|to) (?:the )?[A-Z]", mention.role or mention.text):
                # "the lawyer for Smith" is someone else's: never the person just talked about
                found = self._recent_subject(position, gender=mention.gender)
            if found is not None and mention.affiliation and _same_person(
                    fold(mention.affiliation).replace(".", "").split(), found.tokens):
                return None  # "Trump's lawyer" is not Trump
            if found is not None and _names_within(found, mention.role or mention.text):
                return None  # "the senior Cruz adviser" is Cruz's adviser, not Cruz
            return found
        return None

    def _recent_subject(self, position: int, window: int = 600, gender: str | None = None) -> Entity | None:
        """'Niederreiter has four goals ... The 26-year-old right wing said': a description
        with no role to match refers to the person the text was just talking about (never to a
        woman for "the businessman")."""
        found = self._latest(position, lambda e: e.type == "person" and e.evidence and (
            gender is None or e.gender in (None, gender)), subject_only=True)
        if found is not None and found.last_before(position, True) >= position - window:
            return found
        return None

    def _resolve_name(self, mention: Mention, position: int) -> Entity | None:
        if len(mention.name.split()) == 1:
            found = self._find_person(mention.name, position, create=False)
            if found is None and fold(mention.name) not in rules.first_names():
                # ("Hillary" is no part of "the Hillary Clinton White House")
                found = self._find_organization(mention.name, create=False)
            if found is not None:
                found.seen(position, True)
                found.evidence = found.evidence or found.type == "person"
                if mention.role and not found.role:
                    found.role = mention.role
                return found
        return self.introduce(mention, position, subject=True)

    def _resolve_pronoun(self, mention: Mention, position: int, recent_speaker: Entity | None,
                         content: tuple[int, int] | None = None) -> Entity | None:
        pronoun = mention.head
        if pronoun in ("she", "he"):
            wanted = "female" if pronoun == "she" else "male"
            def person(e: Entity) -> bool:
                return e.type == "person" and e.evidence and e.gender in (None, wanted) and not (
                    content and _named_within(e, content))

            if recent_speaker is not None and person(recent_speaker):
                # The one already speaking keeps the floor unless someone compatible has since
                # been the subject of a sentence.
                rival = self._latest(position, lambda e: person(e) and e is not recent_speaker, subject_only=True)
                if rival is None or rival.last_before(position, True) <= recent_speaker.last_before(position) or (
                        rival.gender is None and recent_speaker.gender == wanted):
                    return recent_speaker
                return rival
            # Someone known to be a "she" (or "he") beats someone whose sex the text never showed.
            exact = self._latest(position, lambda e: person(e) and e.gender == wanted, subject_only=True) or \
                self._latest(position, lambda e: person(e) and e.gender == wanted)
            if exact is not None and exact.last_before(position) >= position - PRONOUN_WINDOW:
                return exact
            return self._latest(position, person, subject_only=True) or self._latest(position, person)
        if pronoun == "they":
            return self._latest(position, lambda e: e.type in ("group", "organization"), subject_only=True)
        if pronoun == "it":
            found = self._latest(position, lambda e: e.type == "organization", subject_only=True)
            if found is not None and recent_speaker is not None and recent_speaker is not found and \
                    recent_speaker.last_before(position, True) > found.last_before(position, True):
                # "According to the SITE group, ... Twitter said ... It added": not past the one who
                # spoke since (a one-word name such as Twitter may not be known as a body)
                return None
            if found is not None and found.last_before(position, True) < position - 1000:
                return None  # a body last acting paragraphs ago is not what "it" refers to
            return found
        return None

    def _resolve_description(self, mention: Mention, position: int, person: bool) -> Entity | None:
        head = mention.head
        modifiers = set((mention.role or mention.text).lower().replace(".", "").split()) - {"the", "a", "an", "former", "then", head}

        def fits(entity: Entity) -> bool:
            if (entity.type == "person") != person:
                return False
            if head not in entity.nouns and not (entity.role and head in entity.role.lower()) and head not in fold(entity.name):
                return False
            role_words = set(((entity.role or "") + " " + (entity.affiliation or "")).lower().replace(".", "").split())
            places = modifiers & PLACE_MODIFIERS
            return not places or not role_words or bool(places & role_words)
        return self._latest(position, fits)

    def named_between(self, start: int, end: int, gender: str | None = None) -> Entity | None:
        """The person mentioned last in [start, end), of ``gender`` if it is known."""
        best, best_position = None, -1
        for entity in self.items:
            seen = entity.last_before(end)
            if entity.type == "person" and entity.evidence and start <= seen and seen > best_position and len(entity.tokens) > 1:
                best, best_position = entity, seen
        if best is not None and gender is not None and best.gender not in (None, gender):
            return None  # "... Obama and Clinton. "We need change," the New York businessman said": not her
        return best

    def _latest(self, position: int, accept, subject_only: bool = False) -> Entity | None:
        best, best_position = None, -1
        for entity in self.items:
            seen = entity.last_before(position, subject_only)
            if seen > best_position and accept(entity):
                best, best_position = entity, seen
        return best


# "according to the person, who spoke on condition of anonymity": a source the text does not name,
# never the person it was just talking about
ANONYMOUS_HEADS = frozenset("person persons source sources individual insider".split())
# What a speaker issues; a report, a study or a lawsuit is written about, often by someone not yet named.
ISSUED_DOCUMENTS = frozenset("statement release letter post tweet message email memo".split())
ISSUING_DETERMINERS = frozenset("a an the his her its their".split())
PRONOUN_WINDOW = 2500  # characters back that "she" or "he" reaches for a known woman or man

# Modifiers that tie a title to one country or level ("the former US president").
PLACE_MODIFIERS = frozenset(
    "us u.s american canadian mexican british chinese russian french german federal provincial state city".split()
)


def _nationality(name: str) -> bool:
    """'East German', 'British': where someone is from, not a body they speak for."""
    last = fold(name).split()[-1]
    return last in PARTY_OR_NATION or (demonym(last) and last not in PARTY_WORDS)  # ("the Democratic front-runner" is someone)


def _names_within(entity: Entity, description: str) -> bool:
    """Whether a capitalized word of ``description`` is one of the entity's names."""
    words = {fold(word) for word in re.findall(r"\b[A-Z][\w'’\-]+", description)}
    return bool(words & set(entity.tokens))


def _named_within(entity: Entity, span: tuple[int, int]) -> bool:
    index = bisect.bisect_left(entity.positions, span[0])
    return index < len(entity.positions) and entity.positions[index] < span[1]


def _same_person(tokens: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """'Sheinbaum' ~ 'Claudia Sheinbaum'; 'Donald J. Trump' ~ 'Donald Trump'; 'C. Sheinbaum' ~ 'Claudia Sheinbaum'."""
    if tokens == theirs:
        return True
    if len(tokens) == 1 or len(theirs) == 1:
        short, long = (tokens, theirs) if len(tokens) == 1 else (theirs, tokens)
        return short[0] == long[-1] and len(short[0]) > 1
    if tokens[-1] != theirs[-1]:
        return False
    first, other = tokens[0], theirs[0]
    return first == other or (len(first) == 1 and other.startswith(first)) or (len(other) == 1 and first.startswith(other))
