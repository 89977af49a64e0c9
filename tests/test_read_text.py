"""Plain text pasted from web pages: metadata from the chrome, chrome out of the body."""

import pytest

from tracker.readers.text import parse_byline, parse_page

PASTED_PAGE = """World

Port Strike Enters Second Week as Talks Stall

Dockworkers and the port authority remain far apart on pay, leaving ships waiting offshore.

By Maria Lopez6 min readJan 09, 20241.2K views
Share

Talks between dockworkers and the port authority broke down again on Monday, union leaders said.

harbour cranes at dusk
harbour cranes at dusk

"We are ready to talk any time they are," said Tom Baker, the union's lead negotiator.

The authority said it had made a fair offer.

Tags:

#Ports#Labour#Tom Baker

Related Posts
Another story headline here
"""


def test_pasted_page_metadata_and_clean_body():
    article = parse_page(PASTED_PAGE)
    assert {
        "title": article.title,
        "summary": article.summary,
        "author": article.author,
        "published": article.published,
        "section": article.section,
        "tags": article.tags,
    } == {
        "title": "Port Strike Enters Second Week as Talks Stall",
        "summary": "Dockworkers and the port authority remain far apart on pay, leaving ships waiting offshore.",
        "author": "Maria Lopez",
        "published": "2024-01-09",
        "section": "World",
        "tags": ["Ports", "Labour", "Tom Baker"],
    }
    assert article.body.split("\n\n") == [
        "Talks between dockworkers and the port authority broke down again on Monday, union leaders said.",
        '"We are ready to talk any time they are," said Tom Baker, the union\'s lead negotiator.',
        "The authority said it had made a fair offer.",
    ]


def test_paragraph_offsets_index_the_file_text():
    article = parse_page(PASTED_PAGE)
    for start, end in article.paragraphs:
        assert article.text[start:end].strip() == article.text[start:end]
        assert article.text[start:end] in PASTED_PAGE


@pytest.mark.parametrize(
    "line, expected",
    [
        ("By Jane Roe | Reuters | March 3, 2024", {"author": "Jane Roe", "source": "Reuters", "published": "2024-03-03"}),
        ("Jane Roe · 3 Mar 2024 14:05", {"author": "Jane Roe", "published": "2024-03-03T14:05:00"}),
        ("Published 2024-03-03", {"published": "2024-03-03"}),
        ("By Daniel Kim4 min readNov 04, 20250 views", {"author": "Daniel Kim", "published": "2025-11-04"}),
        ("By Mary-Anne O'Neil and Tom Li, The Globe | 12 views", {"author": "Mary-Anne O'Neil and Tom Li", "source": "The Globe"}),
        ("Updated: March 5, 2024 at 3:12 p.m. ET", {"published": "2024-03-05T15:12:00"}),
        ("By Ana Costa 2 min read 14 Feb 2023", {"author": "Ana Costa", "published": "2023-02-14"}),
    ],
)
def test_byline_family(line, expected):
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The minister said on March 3, 2024 that the budget would be balanced within two years of taking office.",
        "Bystanders watched as the fire spread.",
    ],
)
def test_body_sentences_are_not_bylines(line):
    assert parse_byline(line) is None


def test_page_without_chrome_keeps_every_paragraph():
    text = "Residents packed the hall on Tuesday.\n\n\"We want answers,\" said Lee Chan.\n"
    article = parse_page(text)
    assert article.title is None
    assert article.body == 'Residents packed the hall on Tuesday.\n\n"We want answers," said Lee Chan.'


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "Headline About Wrapping Text\n\n"
        "The council met on Monday and agreed, after a long and\n"
        "sometimes heated debate, to delay the vote until spring.\n\n"
        "\"It was the right call,\" said Ann Wu.\n"
    )
    article = parse_page(text)
    assert article.title == "Headline About Wrapping Text"
    assert len(article.paragraphs) == 2
    assert article.body.startswith("The council met on Monday and agreed, after a long and\nsometimes")


def test_markdown_heading_and_tag_list():
    text = "# Budget Passes\n\nPublished 2024-01-15\n\nThe budget passed.\n\nTags: Budget, City Hall\n"
    article = parse_page(text)
    assert (article.title, article.published, article.tags, article.body) == (
        "Budget Passes", "2024-01-15", ["Budget", "City Hall"], "The budget passed.")


def test_links_to_other_stories_are_chrome():
    text = ("Council Votes on Budget\n\nBy Ann Lee | City Times | May 2, 2024\n\n"
            "The council passed the budget on Tuesday.\n\n"
            "READ MORE: Mayor says taxes will not rise next year\n\n"
            "WATCH: Councillors debate the budget\n\n"
            '"It was a long night," said councillor Bo Kim.\n')
    article = parse_page(text)
    assert article.body.split("\n\n") == [
        "The council passed the budget on Tuesday.", '"It was a long night," said councillor Bo Kim.']
