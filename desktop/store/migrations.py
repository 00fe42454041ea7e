"""The schema as an ordered list of forward migrations (``PRAGMA user_version`` = last applied).

Rules: a released migration is never edited (old files were built by exactly this SQL);
changes go into a new step appended at the end, with a test that migrates a file built by
the previous steps.

Search index invariant (v2): ``turn_fts`` indexes a turn only once it has settled (status
not ``pending``/``streaming``). Streaming progress therefore updates one row without
re-tokenising the growing answer every 250 ms. Because of that invariant the index must
never be rebuilt with FTS5's ``'rebuild'`` command (it would index streaming rows too);
use ``'delete-all'`` followed by the same INSERT ... SELECT as the backfill below.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    """One forward schema step; ``sql`` runs inside a transaction with the version bump."""

    version: int
    description: str
    sql: str


_V1 = """
CREATE TABLE conversations (
    seq                  INTEGER PRIMARY KEY,
    id                   TEXT NOT NULL UNIQUE,
    title                TEXT NOT NULL,
    created_at           REAL NOT NULL,
    updated_at           REAL NOT NULL,
    settings_json        TEXT NOT NULL DEFAULT '{}',
    current_leaf_turn_id TEXT,
    deleted_at           REAL
);
CREATE INDEX conversations_by_activity ON conversations(updated_at) WHERE deleted_at IS NULL;

CREATE TABLE turns (
    seq                     INTEGER PRIMARY KEY,
    id                      TEXT NOT NULL UNIQUE,
    conversation_id         TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    parent_id               TEXT,
    prompt_json             TEXT NOT NULL DEFAULT '[]',
    prompt_text             TEXT NOT NULL DEFAULT '',
    answer_json             TEXT,
    answer_text             TEXT NOT NULL DEFAULT '',
    thoughts                TEXT NOT NULL DEFAULT '',
    model                   TEXT NOT NULL DEFAULT '',
    interaction_id          TEXT,
    previous_interaction_id TEXT,
    status                  TEXT NOT NULL,
    error                   TEXT,
    usage_json              TEXT,
    steps_json              TEXT,
    created_at              REAL NOT NULL,
    updated_at              REAL NOT NULL,
    note                    TEXT
);
CREATE INDEX turns_by_conversation ON turns(conversation_id, seq);
CREATE INDEX turns_active ON turns(status) WHERE status IN ('pending', 'streaming');
"""

_UNSETTLED = "('pending', 'streaming')"

_V2 = f"""
ALTER TABLE conversations ADD COLUMN draft TEXT NOT NULL DEFAULT '';

CREATE VIRTUAL TABLE conversation_fts USING fts5(
    title, content='conversations', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO conversation_fts(rowid, title) VALUES (new.seq, new.title);
END;
CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
    INSERT INTO conversation_fts(conversation_fts, rowid, title)
        VALUES ('delete', old.seq, old.title);
END;
CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations
WHEN old.title IS NOT new.title BEGIN
    INSERT INTO conversation_fts(conversation_fts, rowid, title)
        VALUES ('delete', old.seq, old.title);
    INSERT INTO conversation_fts(rowid, title) VALUES (new.seq, new.title);
END;
INSERT INTO conversation_fts(conversation_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE turn_fts USING fts5(
    prompt_text, answer_text, content='turns', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER turns_fts_insert AFTER INSERT ON turns
WHEN new.status NOT IN {_UNSETTLED} BEGIN
    INSERT INTO turn_fts(rowid, prompt_text, answer_text)
        VALUES (new.seq, new.prompt_text, new.answer_text);
END;
CREATE TRIGGER turns_fts_delete AFTER DELETE ON turns
WHEN old.status NOT IN {_UNSETTLED} BEGIN
    INSERT INTO turn_fts(turn_fts, rowid, prompt_text, answer_text)
        VALUES ('delete', old.seq, old.prompt_text, old.answer_text);
END;
CREATE TRIGGER turns_fts_update AFTER UPDATE OF prompt_text, answer_text, status ON turns
WHEN (old.status NOT IN {_UNSETTLED} OR new.status NOT IN {_UNSETTLED})
 AND (old.prompt_text IS NOT new.prompt_text OR old.answer_text IS NOT new.answer_text
      OR (old.status IN {_UNSETTLED}) IS NOT (new.status IN {_UNSETTLED})) BEGIN
    INSERT INTO turn_fts(turn_fts, rowid, prompt_text, answer_text)
        SELECT 'delete', old.seq, old.prompt_text, old.answer_text
        WHERE old.status NOT IN {_UNSETTLED};
    INSERT INTO turn_fts(rowid, prompt_text, answer_text)
        SELECT new.seq, new.prompt_text, new.answer_text
        WHERE new.status NOT IN {_UNSETTLED};
END;
INSERT INTO turn_fts(rowid, prompt_text, answer_text)
    SELECT seq, prompt_text, answer_text FROM turns WHERE status NOT IN {_UNSETTLED};
"""

_V3 = """
CREATE TABLE research_tasks (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    interaction_id   TEXT,
    title            TEXT NOT NULL,
    prompt           TEXT NOT NULL,
    agent            TEXT NOT NULL,
    options_json     TEXT NOT NULL DEFAULT '{}',
    status           TEXT NOT NULL,
    created_at       REAL NOT NULL,
    updated_at       REAL NOT NULL,
    finished_at      REAL,
    last_event_id    TEXT,
    last_progress_at REAL NOT NULL DEFAULT 0,
    report           TEXT NOT NULL DEFAULT '',
    sources_json     TEXT NOT NULL DEFAULT '[]',
    usage_json       TEXT,
    error            TEXT
);
CREATE TABLE research_timeline (
    seq     INTEGER PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES research_tasks(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    text    TEXT NOT NULL,
    at      REAL NOT NULL
);
CREATE INDEX research_timeline_by_task ON research_timeline(task_id, seq);
"""

_V4 = """
CREATE TABLE uploads (
    scope      TEXT NOT NULL DEFAULT '',
    sha256     TEXT NOT NULL,
    name       TEXT NOT NULL,
    uri        TEXT NOT NULL,
    mime_type  TEXT NOT NULL,
    size       INTEGER NOT NULL DEFAULT 0,
    state      TEXT NOT NULL,
    expires_at REAL NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (scope, sha256)
);
CREATE INDEX uploads_by_expiry ON uploads(expires_at);
"""

# Structured output (tools issue): the JSON Schema a turn's answer was asked to follow
# (``{}`` = JSON without a schema; NULL = a prose answer), so it is shown and checked as it was asked.
_STRUCTURED_OUTPUT = """
ALTER TABLE turns ADD COLUMN output_schema_json TEXT;
"""

# Tool steps (issue 9): the titles, file names and hosts an answer cites are searchable. The turn
# index gains a third column; an FTS5 table cannot alter its columns, so it is rebuilt (with the same
# settled-only invariant and a backfill from the citations already kept in steps_json).
_TOOL_SOURCES = f"""
ALTER TABLE turns ADD COLUMN sources_text TEXT NOT NULL DEFAULT '';

UPDATE turns SET sources_text = coalesce((
    SELECT group_concat(words, char(10)) FROM (
        SELECT DISTINCT coalesce(json_extract(a.value, '$.title'), json_extract(a.value, '$.file_name'),
                                 json_extract(a.value, '$.name')) AS words
        FROM json_each(turns.steps_json) s, json_each(s.value, '$.content') c,
             json_each(c.value, '$.annotations') a
        WHERE json_extract(a.value, '$.type') IN ('url_citation', 'file_citation', 'place_citation')
          AND words IS NOT NULL AND words != '')), '')
WHERE steps_json IS NOT NULL AND json_valid(steps_json) AND instr(steps_json, '_citation') > 0;

DROP TRIGGER turns_fts_insert;
DROP TRIGGER turns_fts_delete;
DROP TRIGGER turns_fts_update;
DROP TABLE turn_fts;
CREATE VIRTUAL TABLE turn_fts USING fts5(
    prompt_text, answer_text, sources_text, content='turns', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER turns_fts_insert AFTER INSERT ON turns
WHEN new.status NOT IN {_UNSETTLED} BEGIN
    INSERT INTO turn_fts(rowid, prompt_text, answer_text, sources_text)
        VALUES (new.seq, new.prompt_text, new.answer_text, new.sources_text);
END;
CREATE TRIGGER turns_fts_delete AFTER DELETE ON turns
WHEN old.status NOT IN {_UNSETTLED} BEGIN
    INSERT INTO turn_fts(turn_fts, rowid, prompt_text, answer_text, sources_text)
        VALUES ('delete', old.seq, old.prompt_text, old.answer_text, old.sources_text);
END;
CREATE TRIGGER turns_fts_update AFTER UPDATE OF prompt_text, answer_text, sources_text, status ON turns
WHEN (old.status NOT IN {_UNSETTLED} OR new.status NOT IN {_UNSETTLED})
 AND (old.prompt_text IS NOT new.prompt_text OR old.answer_text IS NOT new.answer_text
      OR old.sources_text IS NOT new.sources_text
      OR (old.status IN {_UNSETTLED}) IS NOT (new.status IN {_UNSETTLED})) BEGIN
    INSERT INTO turn_fts(turn_fts, rowid, prompt_text, answer_text, sources_text)
        SELECT 'delete', old.seq, old.prompt_text, old.answer_text, old.sources_text
        WHERE old.status NOT IN {_UNSETTLED};
    INSERT INTO turn_fts(rowid, prompt_text, answer_text, sources_text)
        SELECT new.seq, new.prompt_text, new.answer_text, new.sources_text
        WHERE new.status NOT IN {_UNSETTLED};
END;
INSERT INTO turn_fts(rowid, prompt_text, answer_text, sources_text)
    SELECT seq, prompt_text, answer_text, sources_text FROM turns WHERE status NOT IN {_UNSETTLED};
"""

# The id of the last stream event whose content is saved with a conversation turn, so "Fetch
# the rest" of an interrupted answer resumes after it instead of replaying the whole interaction.
_TURN_LAST_EVENT_ID = """
ALTER TABLE turns ADD COLUMN last_event_id TEXT;
"""

# Images and charts of research runs, kept locally (their bytes in the blob store) because the
# server forgets a run after 1 day (free tier) or 55 days (paid).
_RESEARCH_MEDIA = """
CREATE TABLE research_media (
    seq       INTEGER PRIMARY KEY,
    task_id   TEXT NOT NULL REFERENCES research_tasks(id) ON DELETE CASCADE,
    sha256    TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    UNIQUE (task_id, sha256)
);
"""

# The composer's attachments belong to each conversation's draft and survive a restart with it:
# the stored parts (JSON list; their bytes are in the blob store).
_DRAFT_ATTACHMENTS = """
ALTER TABLE conversations ADD COLUMN draft_parts_json TEXT;
"""

# Function calling (tool loop): a turn's function calls with their decisions and results, and the
# ordered ids of its interactions (one per tool round), so a pending approval survives a restart.
_FUNCTION_CALLING = """
ALTER TABLE turns ADD COLUMN tool_calls_json TEXT;
ALTER TABLE turns ADD COLUMN interaction_ids_json TEXT;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "conversations and turns", _V1),
    Migration(2, "drafts and full-text search", _V2),
    Migration(3, "research tasks", _V3),
    Migration(4, "Files API upload cache", _V4),
    Migration(5, "structured output schema per turn", _STRUCTURED_OUTPUT),
    Migration(6, "searchable sources of tool answers", _TOOL_SOURCES),
    Migration(7, "last stream event of conversation turns", _TURN_LAST_EVENT_ID),
    Migration(8, "research images kept locally", _RESEARCH_MEDIA),
    Migration(9, "attachments of conversation drafts", _DRAFT_ATTACHMENTS),
    Migration(10, "function calls and interactions per turn", _FUNCTION_CALLING),
)

LATEST_VERSION: int = MIGRATIONS[-1].version

assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
