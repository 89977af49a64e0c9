"""The store step's faster quote matching gives what the plain definitions give: the same words
and fingerprint hashes, and the word alignment is skipped only when it could not win."""

import hashlib
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import quotes
from tracker.names import fold

WORDS = ["harbour", "wall", "rebuild", "storms", "winter", "taxes", "pay", "for", "it", "the", "clinic", "ferry",
         "never", "every", "family", "bridge", "museum", "reopens", "quay", "budget"]


def plain_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("’", "'")


def plain_normalized(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = quotes.ELLIPSIS.sub(" ", plain_fold(text))
    return tuple(w.replace("'", "") for w in quotes.WORD.findall(text.replace("_", " ")))


def plain_fingerprints(text_key: str) -> set[int]:
    words = text_key.split()
    hashes = [int.from_bytes(hashlib.blake2b(" ".join(words[i:i + quotes.SHINGLE]).encode(), digest_size=8).digest(),
                             "big", signed=True) for i in range(len(words) - quotes.SHINGLE + 1)]
    if len(hashes) <= quotes.WINNOW:
        return {min(hashes)} if hashes else set()
    return {min(hashes[i:i + quotes.WINNOW]) for i in range(len(hashes) - quotes.WINNOW + 1)}


TEXT = st.lists(st.sampled_from(list("abc ABC'’‘…._-\"“”é\u0301ñﬁⅫİßǄ\u00a0") + [" word", " the", "..."]),
                max_size=40).map("".join) | st.text(max_size=40)


@given(TEXT)
@settings(max_examples=500)
def test_normalizing_and_fingerprints_match_their_plain_definitions(text):
    assert fold(text) == plain_fold(text)
    assert quotes._normalized(text) == plain_normalized(text)
    key = " ".join(plain_normalized(text))
    assert quotes._fingerprints(key) == plain_fingerprints(key)


@given(st.lists(st.sampled_from(WORDS), max_size=20), st.lists(st.sampled_from(WORDS), max_size=20))
@settings(max_examples=300)
def test_shared_words_bound_the_alignment(a, b):
    """The word alignment is only skipped when the words both texts have could not reach the score to beat."""
    assert quotes._words_in_common(a, b) >= quotes.shared_fraction(a, b)
