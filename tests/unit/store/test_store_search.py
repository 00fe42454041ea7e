"""Full-text search: prefixes, accents, ranking, hostile input, index consistency."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.store import ConversationRepository, Database, open_database
from desktop.store.fts import match_expression


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "app.sqlite3")
    yield database
    database.close()


@pytest.fixture
def repo(db: Database) -> ConversationRepository:
    return ConversationRepository(db)


def _chat(repo: ConversationRepository, title: str, prompt: str, answer: str) -> str:
    conversation = repo.create(title)
    turn = Turn.new(conversation.id, None, [TextPart(prompt)])
    turn.answer = [TextPart(answer)]
    turn.status = TurnStatus.COMPLETED
    repo.add_turn(turn)
    return conversation.id


@pytest.fixture
def corpus(repo: ConversationRepository) -> dict[str, str]:
    return {
        "python": _chat(
            repo,
            "Python decorators",
            "How do decorators work?",
            "A decorator wraps a function: ```python\n@cache\ndef f(): ...\n```",
        ),
        "cafe": _chat(repo, "Paris trip", "Best Café near the Louvre?", "Try Café Marly."),
        "mobile": _chat(repo, "Phones", "Android and iOS differences", "Both are fine."),
        "party": _chat(repo, "🎉 Party plans", "Ideas for a party 🎈", "Balloons and cake."),
        "tokyo": _chat(repo, "旅行", "東京タワーの高さは？", "333メートルです。"),
        "quotes": _chat(repo, "Shell quoting", 'echo "hello" AND world -n *', "Use single quotes."),
    }


def _ids(hits: list) -> list[str]:
    return [h.conversation_id for h in hits]


def test_words_match_as_prefixes_in_messages(repo, corpus) -> None:
    assert _ids(repo.search("decor")) == [corpus["python"]]
    assert _ids(repo.search("wraps func")) == [corpus["python"]]
    assert _ids(repo.search("cache")) == [corpus["python"]]  # inside a code block


def test_every_word_is_required(repo, corpus) -> None:
    assert repo.search("decorators louvre") == []


def test_matching_ignores_case_and_accents(repo, corpus) -> None:
    assert _ids(repo.search("cafe")) == [corpus["cafe"]]
    assert _ids(repo.search("CAFÉ marly")) == [corpus["cafe"]]


def test_title_matches_come_first_and_snippets_show_message_text(repo, corpus) -> None:
    other = _chat(repo, "Misc", "I read about python yesterday", "Nice.")
    hits = repo.search("python")
    assert _ids(hits) == [corpus["python"], other]
    assert "python" in hits[1].snippet.lower()


def test_snippet_highlights_when_asked(repo, corpus) -> None:
    (hit,) = repo.search("louvre", highlight=("<<", ">>"))
    assert hit.title == "Paris trip"
    assert "<<Louvre>>" in hit.snippet


def test_operator_words_are_searched_as_plain_words(repo, corpus) -> None:
    # "and" is an ordinary word in three of the conversations, not an operator
    assert set(_ids(repo.search("AND"))) == {corpus["mobile"], corpus["party"], corpus["quotes"]}
    assert _ids(repo.search('"hello"')) == [corpus["quotes"]]
    assert _ids(repo.search("echo -n")) == [corpus["quotes"]]  # "-" does not negate


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "'",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(a b)",
        "*",
        "**",
        "-",
        "--",
        "-foo",
        "foo AND",
        "AND OR NOT",
        "(",
        ")",
        "a)",
        ":",
        "title:x",
        "prompt_text:how",
        "^",
        "^start",
        "{a b}",
        "a + b",
        "\\",
        "%",
        "_",
        "a'b",
        '"unterminated',
        "ünïcödé",
        "naïve résumé",
        "🎉",
        "🎉🎈",
        "👨‍👩‍👧",
        "\x00",
        " ",
        "",
        "東京",
        "a" * 500,
        "x " * 100,
    ],
)
def test_hostile_queries_never_raise(repo, corpus, query: str) -> None:
    hits = repo.search(query)
    assert isinstance(hits, list)
    assert all(isinstance(h.snippet, str) for h in hits)


def test_match_expression_quotes_every_word() -> None:
    assert match_expression('say "hi" AND -bye*') == '"say"* "hi"* "AND"* "bye"*'
    assert match_expression("🎉 -- *") is None


def test_emoji_finds_titles_and_messages_by_substring(repo, corpus) -> None:
    assert _ids(repo.search("🎉")) == [corpus["party"]]
    (hit,) = repo.search("🎈")
    assert hit.conversation_id == corpus["party"] and "🎈" in hit.snippet


def test_cjk_text_without_spaces_is_found_by_substring(repo, corpus) -> None:
    (hit,) = repo.search("タワー")
    assert hit.conversation_id == corpus["tokyo"]
    assert "タワー" in hit.snippet


def test_renamed_title_is_searchable_and_the_old_one_is_gone(repo, corpus) -> None:
    repo.rename(corpus["cafe"], "Lisbon weekend")
    assert _ids(repo.search("lisbon")) == [corpus["cafe"]]
    assert repo.search("paris") == []


def test_index_stays_consistent_through_a_turn_life_cycle(repo, db) -> None:
    conversation = repo.create("cycle")
    turn = Turn.new(conversation.id, None, [TextPart("tell me about otters")])
    turn.status = TurnStatus.STREAMING
    repo.add_turn(turn)
    for text in ("Otters", "Otters are", "Otters are playful"):
        repo.append_stream_progress(turn.id, text, "", TurnStatus.STREAMING)
    repo.append_stream_progress(turn.id, "Otters are playful mammals.", "", TurnStatus.COMPLETED)
    assert _ids(repo.search("mammals")) == [conversation.id]
    turn.answer = [TextPart("Otters hold hands while sleeping.")]
    turn.status = TurnStatus.COMPLETED
    repo.update_turn(turn)  # an edited, settled answer is re-indexed
    assert repo.search("mammals") == []
    assert _ids(repo.search("sleeping")) == [conversation.id]
    turn.status = TurnStatus.STREAMING  # regenerate in place: leaves the index
    repo.update_turn(turn)
    repo.append_stream_progress(turn.id, "Sea otters float.", "", TurnStatus.STOPPED)
    assert _ids(repo.search("float")) == [conversation.id]
    assert repo.search("sleeping") == []
    repo.delete(conversation.id)
    repo.purge_deleted()
    # rank=1 compares the index with the turns table itself
    db.execute("INSERT INTO turn_fts(turn_fts, rank) VALUES ('integrity-check', 1)")
    db.execute("INSERT INTO conversation_fts(conversation_fts, rank) VALUES ('integrity-check', 1)")
