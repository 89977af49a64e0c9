"""Statement dates resolved against publication."""

import datetime as dt

import pytest

from tracker.dates import find_said_date, parse_date

PUBLISHED = dt.date(2025, 11, 4)  # a Tuesday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("she said on Tuesday", ("2025-11-04", "day", "on Tuesday")),
        ("he told reporters on Monday", ("2025-11-03", "day", "on Monday")),
        ("said last Tuesday", ("2025-10-28", "day", "last Tuesday")),
        ("said Wednesday", ("2025-10-29", "day", "Wednesday")),
        ("she said yesterday", ("2025-11-03", "day", "yesterday")),
        ("said earlier today", ("2025-11-04", "day", "earlier today")),
        ("said last week", ("2025-10-27", "week", "last week")),
        ("said last month", ("2025-10-01", "month", "last month")),
        ("said on March 3", ("2025-03-03", "day", "on March 3")),
        ("said on December 30", ("2024-12-30", "day", "on December 30")),
        ("said on 3 March 2023", ("2023-03-03", "day", "on 3 March 2023")),
        ("said in February", ("2025-02-01", "month", "in February")),
        ("said in December", ("2024-12-01", "month", "in December")),
        ("said two weeks ago", ("2025-10-20", "week", "two weeks ago")),
        ("said last year", ("2024-01-01", "year", "last year")),
    ],
)
def test_phrases(text, expected):
    said = find_said_date(text, PUBLISHED)
    assert (said.date, said.precision, said.phrase) == expected


def test_no_phrase_and_no_publication():
    assert find_said_date("she said", PUBLISHED) is None
    assert find_said_date("she said on Tuesday", None) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-03", "2024-03-03"),
        ("March 3, 2024", "2024-03-03"),
        ("3 Mar 2024 14:05", "2024-03-03T14:05:00"),
        ("2024-04-18T16:20:00Z", "2024-04-18T16:20:00"),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected
