"""Text units the attribution rules work on: tokens, quote spans, sentences.

Everything keeps absolute offsets into the article text, so a statement's
``text`` is always ``article.text[start:end]``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from .. import rules

TOKEN = re.compile(r"[^\W\d_](?:[\w'’.\-]*[^\W_])?\.?|\d+(?:[,.:]\d+)*\w*(?:-[^\W\d_][\w\-]*)?|[^\w\s]")
NAME_PREFIX = re.compile(r"(?:al|el|bin|ibn|abu|de|da|di|van|von|le|la|du|d|o|mc|mac)[-'’][A-Z]")


def is_capitalized(word: str) -> bool:
    """'Sheinbaum', 'al-Shabaab', "d'Arcy": a word that can be part of a name."""
    first = word[:1]
    return first.isupper() or (first in "abdeilmov" and len(word) > 2 and bool(NAME_PREFIX.match(word)))

INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
OPENING = {"“": "”", "«": "»", "„": "“", "‟": "”"}
CLOSING = {"”", "»"}
STRAIGHT = '"'
QUOTE_MARK = re.compile('["“”«»„‟]')
LONG_DASHES = ("—", "–", "―")  # em dash, en dash, horizontal bar ('” ― Jane Roe')
DASHES = LONG_DASHES + ("-",)
_BEFORE_OPENING = "([{/:,;" + "".join(DASHES)  # what may come right before an opening straight quote
_AFTER_CLOSING = ".,;:!?)]}'’" + "".join(DASHES)

ABBREVIATIONS = frozenset(
    """mr mrs ms dr st sen rep gov gen lt col sgt capt maj prof jr sr inc ltd co corp no vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd rev hon supt cst insp det cpl const pte pvt
    spc sgt adm cmdr gov gen atty asst dept univ
    u.s u.k u.n e.g i.e a.m p.m d.c n.s n.b b.c p.e.i ont que alta sask man nfld""".split()
)


class Token(NamedTuple):
    """A word or punctuation mark with its offsets; lower case and capitalization computed once.
    A tuple: tokens are made by the hundred thousand, and tuples are the cheapest objects."""

    text: str
    start: int
    end: int
    lower: str
    is_cap: bool

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


def make_token(text: str, start: int, end: int) -> Token:
    lower = text.lower()
    # is_capitalized(), inlined
    # (a prefixed name, "al-Assad", has a capital further on: a word equal to its lower case has none)
    cap = text[0] != lower[0] or (text != lower and lower[0] in "abdeilmov" and len(text) > 2 and NAME_PREFIX.match(text) is not None)
    return _new_token(Token, (text, start, end, lower, cap))


_new_token = tuple.__new__


# TOKEN with the characters it skips in front (whitespace and "_", which match none of its
# branches, and the invisible characters, which make no token): findall() then hands over
# (gap, word) pairs that tile the text, so offsets are sums of lengths and no match object is
# made per word. Two branches come first that find what TOKEN finds, only sooner: a plain ASCII
# word (letters up to a character that could not go on a word) and an ASCII punctuation mark
# (never the start of a word or a number). The regex engine checks ASCII ranges in a bitmap,
# and the Unicode categories of \w and \d in its tables: most words never get that far.
_INVISIBLE_CLASS = "".join(sorted(INVISIBLE))
_GAP_AND_TOKEN = re.compile(
    r"([\s_" + _INVISIBLE_CLASS + r"]*)("
    r"[a-zA-Z]++(?![\w'’.\-])"
    r"|[!-/:-@\[-^`{-~’“”]"
    r"|" + TOKEN.pattern.replace(r"|[^\w\s]", r"|[^\w\s" + _INVISIBLE_CLASS + "]") + ")")


def tokenize(text: str, start: int, end: int) -> list[Token]:
    tokens = []
    append = tokens.append
    new, prefix = _new_token, NAME_PREFIX.match  # make_token inlined: this loop runs for every word
    position = start
    for gap, word in _GAP_AND_TOKEN.findall(text, start, end):
        word_start = position + len(gap)
        position = word_start + len(word)
        if word[-1] == "." and len(word) > 2 and "." not in word[:-1] and word[:-1].lower() not in ABBREVIATIONS \
                and text[position:position + 1] != ")":  # "(D-Md.) said": an abbreviation, not a full stop
            # A sentence's full stop, not an abbreviation: "said." -> "said" "."
            word_end = position - 1
            append(make_token(word[:-1], word_start, word_end))
            append(new(Token, (".", word_end, position, ".", False)))
        else:
            lower = word.lower()
            first = lower[0]
            append(new(Token, (word, word_start, position, lower, word[0] != first or (
                word != lower and first in "abdeilmov" and len(word) > 2 and prefix(word) is not None))))
    return tokens


@dataclass
class Quote:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    open_at: int  # the opening mark
    close_at: int | None  # the closing mark; None when the quote runs to the paragraph's end
    paragraph: int
    continued: bool = False  # reopens a quote left open by the previous paragraph
    used: bool = False

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end

    def words(self, text: str) -> int:
        return len(text[self.start:self.end].split())


_DOUBLE_APOSTROPHE = re.compile(r"(?<!')''(?!')")


def straighten_double_apostrophes(text: str) -> str:
    """Some papers (and their archives) write quotation marks as two apostrophes: ''Yes,'' she
    said. Return the text with each such pair read as a space and a straight double quote (the
    mark on the second apostrophe, so an opening mark comes right before the quoted words and a
    closing one covers both apostrophes); every offset stays where it was."""
    if "''" not in text:
        return text
    return _DOUBLE_APOSTROPHE.sub(' "', text)


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Double-quoted spans in each paragraph. Single quotes are left alone: they
    nest inside double quotes, and apostrophes make them unreliable openers."""
    quotes: list[Quote] = []
    open_previous = False
    for number, (p_start, p_end) in enumerate(paragraphs):
        opened_at: int | None = None
        closer = ""
        first_in_paragraph = True
        scan_from = p_start
        if open_previous and text[p_start] not in OPENING and text[p_start] != STRAIGHT:
            # A quote left open whose paragraph break lost its reopening mark: it runs
            # to the first closing mark, if one comes before any opening one.
            close = _stray_close(text, p_start, p_end)
            if close is not None:
                quote = _make_quote(text, p_start - 1, close, number)
                if quote:
                    quote.start = p_start
                    quote.open_at = p_start
                    quote.continued = True
                    quotes.append(quote)
                    first_in_paragraph = False
                scan_from = close + 1
        for mark in QUOTE_MARK.finditer(text, scan_from, p_end):  # only the marks, not every character
            i = mark.start()
            char = text[i]
            if opened_at is None:
                if char in OPENING or (char == STRAIGHT and _opens(text, i, p_start, p_end)):
                    opened_at = i
                    closer = OPENING.get(char, STRAIGHT)
                elif char == "”" and _opens(text, i, p_start, p_end) and text.find("”", i + 1, p_end) >= 0:
                    opened_at = i  # '”Mr. Smith embodies ...” ― Jane Roe': a closing mark typed as the opening one
                    closer = "”"
            elif char in CLOSING or char == STRAIGHT or (char == "“" and closer == "”" and _closes(text, i, p_end)):
                if char == STRAIGHT and closer != STRAIGHT and not _closes(text, i, p_end):
                    continue
                quote = _make_quote(text, opened_at, i, number)
                if quote:
                    quote.continued = first_in_paragraph and open_previous and opened_at == p_start
                    quotes.append(quote)
                first_in_paragraph = False
                opened_at = None
        if opened_at is not None:
            quote = _make_quote(text, opened_at, None, number, p_end)
            if quote:
                quote.continued = first_in_paragraph and open_previous and opened_at == p_start
                quotes.append(quote)
            open_previous = True
        else:
            open_previous = False
    return quotes


def _stray_close(text: str, p_start: int, p_end: int) -> int | None:
    for i in range(p_start, p_end):
        char = text[i]
        if char in OPENING or (char == STRAIGHT and _opens(text, i, p_start, p_end)):
            return None
        if char in CLOSING or (char == STRAIGHT and _closes(text, i, p_end)):
            return i
    return None


def _opens(text: str, i: int, p_start: int, p_end: int) -> bool:
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < p_end else " "
    return not after.isspace() and (before.isspace() or before in _BEFORE_OPENING or i == p_start)


def _closes(text: str, i: int, p_end: int) -> bool:
    after = text[i + 1] if i + 1 < p_end else " "
    return after.isspace() or after in _AFTER_CLOSING


def _make_quote(text: str, open_at: int, close_at: int | None, paragraph: int, p_end: int | None = None) -> Quote | None:
    start = open_at + 1
    end = close_at if close_at is not None else p_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if end - start < 2:
        return None
    return Quote(start, end, open_at, close_at, paragraph)


INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # "f", "g.k", "j.r.r"
CLOSING_MARKS = frozenset('"”»')
_NAME_THEN_VERB = re.compile(r"\s+(?:[A-Z][\w.'’\-]*\s+){1,4}([a-z]+)\b")
_SAID_THEN_END = re.compile(r"\s+(?:[A-Z][\w.'’\-]*\s+){1,4}[a-z]+\s*[.,]")
# '“... it?” Bill Estrada, the party's chairman, said': a name, its apposition, then the verb
_NAME_APPOSITION_VERB = re.compile(
    r"\s+(?:[A-Z][\w.'’\-]*\s+){0,3}[A-Z][\w.'’\-]*,\s[^.!?\"“”;:]{2,100}?,\s+([a-z]+)(?=\s*[.,]|\s+(?:of|about|on|in|at|to|after)\b)")
_NAME_THEN_PAST_END = re.compile(r"\s+(?:[A-Z][\w.'’\-]*\s+){1,4}(?:[a-z]+ed|went on)\s*[.,]")
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+["“'‘«(\[]?[A-Z0-9])""")


# (the look-behind makes a search try only where a word starts, not at every letter of it)
_WORD_BEFORE_STOP = re.compile(r"(?<![\w.])([\w.]+)\.$")


def sentence_spans(text: str, p_start: int, p_end: int, quotes: list[Quote]) -> list[tuple[int, int]]:
    """Sentences of one paragraph; never split inside a quote."""
    # Quote intervals sorted by opening, with the running maximum of their ends: "is this cut
    # inside some quote" is then one bisect, not a scan of every quote (10,000 quotes in a
    # paragraph made that quadratic).
    inside = sorted((q.open_at, q.outer_end) for q in quotes if q.open_at < p_end and q.outer_end > p_start) if quotes else []
    opens = [a for a, _ in inside] if inside else inside
    reach = list(accumulate((b for _, b in inside), max)) if inside else inside
    spans = []
    start = p_start
    for match in _SENTENCE_END.finditer(text, p_start, p_end):
        cut = match.end()
        before = bisect_left(opens, cut)  # quotes opening before the cut
        if before and reach[before - 1] > cut:
            continue
        if match.group()[-1] in CLOSING_MARKS:
            name_then_verb = _NAME_THEN_VERB.match(text, cut, p_end)
            if name_then_verb and name_then_verb.group(1).lower() in rules.reporting_verbs() and (
                    match.group()[0] in "?!" or _SAID_THEN_END.match(text, cut, p_end)):
                # '“Why not?” Vitter demanded.', '“... missing.” Trump said.': the quotation's own
                # stop ends no sentence before its attribution
                continue
            if name_then_verb and _NAME_THEN_PAST_END.match(text, cut, p_end):
                continue  # '“Right?” Trump went on.', '“No!” Hollande retaliated.' (see _any_verb_after)
            apposition_then_verb = _NAME_APPOSITION_VERB.match(text, cut, p_end)
            if apposition_then_verb and apposition_then_verb.group(1).lower() in rules.reporting_verbs():
                continue
        word = text[match.start()] == "." and _WORD_BEFORE_STOP.search(text[max(p_start, match.start() - 12):match.start() + 1])
        if word:
            stem = word.group(1).lower().rstrip(".")
            if stem in ABBREVIATIONS or INITIALS.fullmatch(stem):
                continue  # "Rep. G.K. Butterfield", "John F. Kerry": initials end no sentence
        spans.append((start, cut))
        start = cut
        while start < p_end and text[start].isspace():
            start += 1
    if start < p_end:
        spans.append((start, p_end))
    return spans
