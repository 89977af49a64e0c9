"""Match quality: hand-written paraphrases of sample statements find their statement first.
Two give a wrong or missing speaker, so the words alone must carry them."""

import pytest
from sqlite_utils import Database

from tracker.claims import add_claim, match_claim

from .test_claims import db_path, ingested, statement_id  # noqa: F401 (fixtures)

PARAPHRASES = [
    ("Repairs to corroded steel will shut two Harbour Bridge lanes starting next week", "Helen Okafor",
     "two lanes of the Harbour Bridge will close"),
    ("Several bridge brackets could fail within five years if nothing is done", "Marcus Bell",
     "But left alone, several would be"),
    ("The bridge work will cost roughly 12 million dollars, mostly paid by the province", "Marcus Bell",
     "the work would cost about $12 million"),
    ("Library branch visits grew by one fifth last year", "Miriam Osei", "the branches had seen visits rise"),
    ("Twelve more schools will get free lunches in spring", "Tomás Ruiz", "the free school lunch pilot will reach"),
    ("Every primary school should offer free lunch by next year", "Paul Lindqvist", "every primary school should"),
    ("Each day of a transit strike costs the system around $400,000", "Grace Mwangi", "a strike would cost"),
    ("The wind survey costs the region nothing because the developer pays", "Ingrid Solberg",
     "the survey would take six months"),
    ("Valley reservoirs are lower than at any time in 30 years", "Beatrice Lamont", "Reservoirs are at their lowest"),
    ("Irrigation has already dropped by a third", "Beatrice Lamont", "irrigation was already down"),
]


@pytest.mark.parametrize("claim, speaker, statement_start", PARAPHRASES)
def test_paraphrase_ranks_its_statement_first(db_path, claim, speaker, statement_start):  # noqa: F811
    db = Database(db_path)
    claim_id = add_claim(db, "tester", claim, speaker, "2024-06-01")
    candidates = match_claim(db, claim_id)
    assert candidates[0].statement_id == statement_id(db_path, statement_start)
    assert candidates[0].score > candidates[1].score
