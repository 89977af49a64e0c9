"""Plain text pasted from a web page.

A pasted page carries its chrome with it: a section label, the headline, a
standfirst, a byline glued to reading-time and view counters, "Share", image
captions (often twice), a "Tags:" list and "Related Posts". This reader finds
the metadata in that chrome and keeps the chrome out of the body paragraphs.
Offsets stay those of the file's text: nothing is rewritten, lines are only
classified.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..dates import DATE_IN_LINE, MONTHS, find_date_in_line, parse_date
from ..models import Article

# Lines that are page furniture wherever they appear.
CHROME_LINE = re.compile(
    r"""(?ix)^(?:
        share(?:\s+(?:this(?:\s+(?:article|story|post))?|on\s+\w+))?|tweet|email|print|copy\s+link|save
      | advertisement|sponsored(?:\s+content)?|skip\s+to\s+(?:main\s+)?content|listen\s+to\s+this\s+article
      | (?:sign\s+up|subscribe)\b.{0,80}|follow\s+us\b.{0,60}|click\s+here\b.{0,80}
      | (?:\d[\d,.]*\s*k?\s*)?(?:views?|comments?|shares?|likes?)
      | \d+\s*min(?:ute)?s?\s+read
      | (?:image|photo|video)(?:\s+(?:credit|source))?\s*:.*
      | (?:facebook|twitter|linkedin|whatsapp|reddit|x|pinterest|telegram)(?:\s*[|·•,]\s*\w+)*
      | (?:read\s+more|watch|related|see\s+also|also\s+read|more|listen|recommended)\s*:.*
    )[\s.:]*$""",
)
# Lines after which nothing is article text.
END_MARKER = re.compile(
    r"(?i)^(?:related(?:\s+(?:posts?|articles?|stories|news|content|reading))?|read\s+more|more\s+from\b.*|"
    r"you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|most\s+(?:read|popular)|more\s+stories|"
    r"leave\s+a\s+(?:comment|reply)|\d*\s*comments?|about\s+the\s+author|also\s+read)\W*$"
)
TAGS_LINE = re.compile(r"(?i)^(?:tags|tagged|topics|keywords|filed\s+under)\s*:\s*(?P<rest>.*)$")
BYLINE = re.compile(r"(?i)^\s*(?:(?:written|reported|story)\s+)?by\b[:\s]*(?P<rest>.+)$")
PUBLISHED_LINE = re.compile(
    r"(?i)^\s*(?:published|updated|posted|last\s+updated|first\s+published|date)\b(?:\s+on)?\s*[:\-]?\s*(?P<rest>.+)$"
)
COUNTER = re.compile(r"(?i)\d[\d,.]*\s*k?\s*(?:min(?:ute)?s?\s+read|views?|comments?|shares?)")
SEPARATORS = re.compile(r"\s*(?:[|·•]|\s[-–—]\s)\s*")
NAME = re.compile(
    r"[A-Z][^\W\d_]*\.?(?:(?:\s+|-)(?:[A-Z][^\W\d_'’.-]*[’']?[^\W\d_]*\.?|van|von|de|da|del|der|la|le|bin|al|and|&))*"
)
SENTENCE_END = re.compile(r"""[.!?…]["'”’)]*$""")


@dataclass
class Line:
    start: int
    end: int
    text: str  # stripped
    block: int  # index of the blank-line separated block


def split_lines(text: str) -> list[Line]:
    lines = []
    block = 0
    position = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            leading = len(raw) - len(raw.lstrip())
            start = position + leading
            lines.append(Line(start, start + len(stripped), stripped, block))
        else:
            block += 1
        position += len(raw)
    return lines


def group_paragraphs(lines: list[Line]) -> list[tuple[int, int]]:
    """Body lines -> paragraph spans. A pasted page has one paragraph a line;
    a hard-wrapped file (lines of similar width in one block) has one a block."""
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        block = [lines[index]]
        while index + len(block) < len(lines) and lines[index + len(block)].block == block[0].block:
            block.append(lines[index + len(block)])
        index += len(block)
        if _hard_wrapped(block):
            spans.append((block[0].start, block[-1].end))
        else:
            spans.extend((line.start, line.end) for line in block)
    return spans


def _hard_wrapped(block: list[Line]) -> bool:
    if len(block) < 2:
        return False
    widths = [len(line.text) for line in block[:-1]]
    if max(widths) > 100 or min(widths) < 30:
        return False
    # A wrapped line ends mid-sentence somewhere in the block.
    return any(not SENTENCE_END.search(line.text) for line in block[:-1])


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    return group_paragraphs(split_lines(text))


def read_text_page(content: str, path: str) -> Iterator[Article | tuple[int, str]]:
    page = parse_page(content)
    if not page.paragraphs:
        yield (0, "no article text found")
        return
    yield page


def parse_page(text: str) -> Article:
    lines = split_lines(text)
    meta: dict = {"tags": []}
    chrome: set[int] = set()

    # Trailing furniture: from the first end marker after some body, nothing is text.
    for i, line in enumerate(lines):
        if i > 2 and END_MARKER.match(line.text):
            chrome.update(range(i, len(lines)))
            break

    # Tags: "Tags: a, b" or "Tags:" followed by "#a#b" / "a, b" / one per line.
    for i, line in enumerate(lines):
        if i in chrome:
            continue
        tag_match = TAGS_LINE.match(line.text)
        hashtags = i > 2 and line.text.count("#") >= 2 and _all_hashtags(line.text)
        if tag_match or hashtags:
            chrome.add(i)
            rest = tag_match.group("rest") if tag_match else line.text
            meta["tags"].extend(_split_tags(rest))
            j = i + 1
            while tag_match and j < len(lines) and j not in chrome and _looks_like_tag_list(lines[j].text):
                chrome.add(j)
                meta["tags"].extend(_split_tags(lines[j].text))
                j += 1

    # Image captions repeat: a line seen twice is a caption, both times.
    counts = Counter(line.text.casefold() for line in lines)
    for i, line in enumerate(lines):
        if counts[line.text.casefold()] > 1 and not SENTENCE_END.search(line.text):
            chrome.add(i)
        elif CHROME_LINE.match(line.text) or COUNTER.fullmatch(line.text):
            chrome.add(i)

    # The head: [section] title [summary] byline, within the first lines.
    byline_at = None
    for i, line in enumerate(lines[:10]):
        if i in chrome:
            continue
        found = parse_byline(line.text)
        if found:
            byline_at = i
            chrome.add(i)
            for key, value in found.items():
                meta.setdefault(key, value)
            # A second metadata line right after ("Updated ...") belongs to the byline too.
            for j in range(i + 1, min(i + 3, len(lines))):
                extra = PUBLISHED_LINE.match(lines[j].text)
                if extra and find_date_in_line(lines[j].text):
                    chrome.add(j)
                    meta.setdefault("published", find_date_in_line(lines[j].text))
            break
    head = [i for i in range(byline_at if byline_at is not None else 0) if i not in chrome]
    if byline_at is None and len(lines) > 1 and (_looks_like_title(lines[0].text) or lines[0].text.startswith("# ")):
        head = [0]
        if len(lines) > 2 and _looks_like_section(lines[0].text) and _looks_like_title(lines[1].text):
            head = [0, 1]
    if head:
        first = lines[head[0]].text
        if len(head) >= 2 and _looks_like_section(first):
            meta["section"] = first
            chrome.add(head[0])
            head = head[1:]
        meta["title"] = lines[head[0]].text.lstrip("#").strip()  # a Markdown heading
        if len(head) > 1:
            meta["summary"] = " ".join(lines[i].text for i in head[1:])
        chrome.update(head)

    body_lines = [line for i, line in enumerate(lines) if i not in chrome]
    return Article(
        text=text,
        paragraphs=group_paragraphs(body_lines),
        title=meta.get("title"),
        summary=meta.get("summary"),
        author=meta.get("author"),
        published=meta.get("published"),
        section=meta.get("section"),
        source=meta.get("source"),
        tags=list(dict.fromkeys(meta["tags"])),
    )


def parse_byline(line: str) -> dict | None:
    """Author, date and outlet from a byline, or None when the line is not one.

    Handles "By Jane Roe | Reuters | March 3, 2024", "Jane Roe · 3 Mar 2024 14:05",
    "Published 2024-03-03" and glued ones such as "By Daniel Kim4 min readNov 04, 20250 views".
    """
    if len(line) > 200:
        return None
    # Unglue: "Kim4 min readNov 04, 20250 views" -> "Kim | 4 min read | Nov 04, 2025 | 0 views"
    spaced = re.sub(r"(?<=[^\W\d_])(?=\d)", " | ", line)
    spaced = re.sub(r"(?i)(min(?:ute)?s?\s+read)(?=\S)", r"\1 | ", spaced)
    spaced = re.sub(r"(\b\d{4})(?=\d+\s*(?:views?|comments?|shares?)\b)", r"\1 | ", spaced)
    date_match = DATE_IN_LINE.search(spaced)
    published = parse_date(date_match.group(0)) if date_match else None
    found: dict = {}
    by = BYLINE.match(spaced)
    published_line = PUBLISHED_LINE.match(spaced)
    if by:
        name = NAME.match(by.group("rest").strip())
        if not name:
            return None
        found["author"] = _trim_name(name.group(0))
        rest_parts = SEPARATORS.split(by.group("rest")[name.end():])
    elif published_line and published:
        rest_parts = []
    elif published and (COUNTER.search(spaced) or SEPARATORS.search(spaced) or len(spaced) - len(date_match.group(0)) < 40):
        parts = [p for p in SEPARATORS.split(spaced) if p.strip()]
        if not parts:
            return None
        first = parts[0].strip()
        if _looks_like_person(first) and not DATE_IN_LINE.search(first):
            found["author"] = first
        rest_parts = parts[1:]
    else:
        return None
    if published:
        found["published"] = published
    for part in rest_parts:
        part = part.strip(" ,;")
        if not part or COUNTER.fullmatch(part) or DATE_IN_LINE.search(part) or re.search(r"\d", part):
            continue
        if re.fullmatch(r"[A-Z][\w&.'’ -]{1,60}", part) and part.lower() not in {"share", "updated", "published"}:
            found.setdefault("source", part)
    return found


def _trim_name(name: str) -> str:
    words = name.split()
    # Drop a trailing month, weekday or connector caught by the name pattern ("Jane Roe March 3").
    while words and (words[-1].lower().rstrip(".") in MONTHS or words[-1].lower() in {"and", "&", "updated", "published"}):
        words.pop()
    return " ".join(words)


def _looks_like_person(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not re.search(r"\d", text)


def _looks_like_title(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 30:
        return False
    if not SENTENCE_END.search(text):
        return True
    significant = [w for w in words if len(w) > 3]
    capitalized = sum(1 for w in significant if w[:1].isupper())
    return bool(significant) and capitalized / len(significant) >= 0.7


def _looks_like_section(text: str) -> bool:
    return len(text.split()) <= 3 and not SENTENCE_END.search(text) and len(text) <= 30


def _all_hashtags(text: str) -> bool:
    return bool(re.fullmatch(r"(?:#[^#\n]+)+", text.strip()))


def _looks_like_tag_list(text: str) -> bool:
    if _all_hashtags(text):
        return True
    return len(text) <= 200 and not SENTENCE_END.search(text) and ("," in text or "|" in text)


def _split_tags(text: str) -> list[str]:
    if "#" in text:
        parts = text.split("#")
    else:
        parts = re.split(r"[,|;·•]", text)
    return [p.strip() for p in parts if p.strip()]
