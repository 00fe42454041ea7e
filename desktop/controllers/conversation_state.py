"""The open conversation as the controller keeps it: all turns, the branch shown, the switcher data.

Pure Python (no Qt, no I/O) so it is cheap to test and to cache per conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.conversation import (
    Conversation,
    Turn,
    TurnStatus,
    branch_path,
    newest_leaf,
    siblings,
)


@dataclass(frozen=True, slots=True)
class ConversationView:
    """What the transcript shows: the branch's turns and, per turn, its place among alternatives."""

    conversation: Conversation
    turns: list[Turn]
    branches: dict[str, tuple[int, int]] = field(default_factory=dict)


class ConversationState:
    """All turns of one conversation (every branch) and which leaf is shown."""

    def __init__(self, conversation: Conversation, turns: list[Turn]) -> None:
        self.conversation = conversation
        self._turns: dict[str, Turn] = {t.id: t for t in turns}
        self._order: list[str] = [t.id for t in turns]
        # Whether the conversation exists in the database (a new one is saved on first use).
        self.persisted = True

    @property
    def id(self) -> str:
        """The conversation's id."""
        return self.conversation.id

    @property
    def all_turns(self) -> list[Turn]:
        """Every turn, in creation order."""
        return [self._turns[i] for i in self._order]

    def get(self, turn_id: str) -> Turn | None:
        """One turn by id."""
        return self._turns.get(turn_id)

    def add(self, turn: Turn) -> None:
        """A new turn (it becomes the shown leaf)."""
        if turn.id not in self._turns:
            self._order.append(turn.id)
        self._turns[turn.id] = turn
        self.conversation.current_leaf_turn_id = turn.id

    def discard(self, turn_id: str) -> None:
        """Forget a turn that was never written (its parent becomes the shown leaf)."""
        turn = self._turns.pop(turn_id, None)
        if turn is None:
            return
        self._order.remove(turn_id)
        if self.conversation.current_leaf_turn_id == turn_id:
            self.conversation.current_leaf_turn_id = turn.parent_id

    def path(self) -> list[Turn]:
        """The turns of the branch shown, root first."""
        leaf = self.conversation.current_leaf_turn_id
        if leaf is None and self._order:
            leaf = self._order[-1]
        return branch_path(self._turns.values(), leaf)

    def history_before(self, turn: Turn) -> list[Turn]:
        """The branch up to (and including) ``turn``'s parent."""
        return branch_path(self._turns.values(), turn.parent_id) if turn.parent_id else []

    def branch_info(self, turn: Turn) -> tuple[int, int]:
        """(position, count) of ``turn`` among its alternatives, position from 0."""
        alternatives = siblings(self._turns.values(), turn)
        ids = [t.id for t in alternatives]
        return (ids.index(turn.id) if turn.id in ids else 0, max(1, len(ids)))

    def view(self) -> ConversationView:
        """The data the transcript needs."""
        path = self.path()
        parents: dict[str | None, int] = {}
        for t in self._turns.values():
            parents[t.parent_id] = parents.get(t.parent_id, 0) + 1
        branches = {t.id: self.branch_info(t) for t in path if parents.get(t.parent_id, 0) > 1}
        return ConversationView(self.conversation, path, branches)

    def switch(self, turn_id: str, delta: int) -> str | None:
        """The leaf to show after moving ``delta`` alternatives from ``turn_id`` (None: no move)."""
        turn = self._turns.get(turn_id)
        if turn is None:
            return None
        alternatives = siblings(self._turns.values(), turn)
        index = [t.id for t in alternatives].index(turn.id) + delta
        if not 0 <= index < len(alternatives):
            return None
        return newest_leaf(self._turns.values(), alternatives[index].id)

    def leaf(self) -> Turn | None:
        """The last turn of the branch shown."""
        path = self.path()
        return path[-1] if path else None

    def parent_for_new_turn(self) -> Turn | None:
        """Where a new prompt attaches: the leaf, or its parent when the leaf failed unanswered."""
        leaf = self.leaf()
        if leaf is not None and (
            leaf.status is TurnStatus.REFUSED or (leaf.status is TurnStatus.FAILED and not leaf.answer_text)
        ):
            return self._turns.get(leaf.parent_id) if leaf.parent_id else None
        return leaf

    @property
    def empty(self) -> bool:
        """No turns at all."""
        return not self._order
