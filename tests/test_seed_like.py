"""A pasted article shaped like the seed (glued byline, captions, tags) written for this test."""

from click.testing import CliRunner
from sqlite_utils import Database

from tracker.cli import cli

PAGE = """Politics

Premier Rejects Federal Plan for Northern Highway

Quebec's Premier Louise Tremblay firmly rejects a federal highway plan, citing cost and consultation.

By Owen Park5 min readMar 12, 20243 views
Share

In a sharp reply to recent reports, Quebec's Premier Louise Tremblay has denied claims that the province agreed to share the cost of the highway. Speaking to reporters on Monday, Tremblay insisted, "We never signed anything." She repeated her objection in the afternoon, stating, "This road was planned without the communities it crosses."

northern highway map illustration
northern highway map illustration

Tremblay was firm in her insistence that the province had "no obligation" to pay. She said, "We are open to talks, but not to ultimatums."

Tags:

#Quebec#Highways#Louise Tremblay

Related Posts
"""


def test_seed_like_page(tmp_path):
    page = tmp_path / "premier.txt"
    page.write_text(PAGE, encoding="utf-8")
    db_path = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["ingest", str(page), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    db = Database(db_path)
    article = db["articles"].get(1)
    assert (article["title"], article["author"], article["published"], article["section"]) == (
        "Premier Rejects Federal Plan for Northern Highway", "Owen Park", "2024-03-12", "Politics")
    for chrome in ("min read", "views", "Share", "Related Posts", "Tags:", "northern highway map"):
        assert chrome not in article["body"]
    rows = [(r["text"], r["speaker"], r["kind"]) for r in db.query(
        "select statements.text, speakers.name as speaker, kind from statements "
        "left join speakers on speakers.id = speaker_id order by start_offset")]
    assert rows == [
        ("the province agreed to share the cost of the highway", "Louise Tremblay", "indirect"),
        ("We never signed anything.", "Louise Tremblay", "direct"),
        ("This road was planned without the communities it crosses.", "Louise Tremblay", "direct"),
        ("no obligation", "Louise Tremblay", "partial"),
        ("We are open to talks, but not to ultimatums.", "Louise Tremblay", "direct"),
    ]
    assert "Owen Park" not in {r["name"] for r in db["speakers"].rows}
    dates = [r["date_said"] for r in db.query("select date_said from statements order by start_offset")]
    assert dates[1:3] == ["2024-03-11", "2024-03-11"]  # "on Monday" before a Tuesday publication
