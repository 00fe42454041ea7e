"""A Deep Research run with collaborative planning that waits with a plan (``requires_action``) is
answered in the Research tab: the plan is shown with a reply box, and the reply continues the same
task as a new interaction chained on the run (``previous_interaction_id``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.fake_api import BackgroundRun, scenarios
from tests.fake_api.scenarios import completed, created, step_start, step_stop, text_delta
from tests.gui.conftest import until
from tests.gui.harness import save_screenshot
from tests.gui.research.research_harness import open_app, timeline_texts

AGENT = "deep-research-preview-04-2026"
PLAN = "## Research plan\n\n1. Survey heat pump sales in Europe.\n2. Compare efficiency in cold climates."


def plan_events(interaction_id: str) -> list[dict]:
    return [
        created(interaction_id, agent=AGENT),
        step_start(0, {"type": "model_output"}),
        text_delta(0, PLAN),
        step_stop(0),
        completed(interaction_id, status="requires_action"),
    ]


async def test_a_plan_is_answered_in_the_research_tab_and_the_same_task_goes_on(fake_server, tmp_path):
    app = await open_app(fake_server, tmp_path / "app.sqlite3", tmp_path / "settings.json")
    try:
        fake_server.push(
            BackgroundRun("v1_plan", plan_events("v1_plan"), final_status="requires_action", seconds_per_event=0.01),
            BackgroundRun("v1_plan2", plan_events("v1_plan2"), final_status="requires_action", seconds_per_event=0.01),
            BackgroundRun("v1_go", scenarios.deep_research("v1_go", topic="heat pumps"), seconds_per_event=0.01),
        )
        app.tab.start_requested.emit("Heat pumps in cold climates", AGENT, {"collaborative_planning": True})
        await until(lambda: app.controller.tasks() and app.controller.tasks()[0].status == "requires_action")
        task = app.controller.tasks()[0]
        app.tab.tasks.select_task(task.id)
        detail = app.tab.detail
        await until(detail.plan_box.isVisible, message="reply box shown")
        detail.report.render_now()
        assert "Compare efficiency in cold climates" in detail.report.toPlainText()
        assert detail.plan_reply.accessibleName() == "Your reply to the plan"
        assert detail.approve_button.accessibleName() == "Approve plan"
        assert not detail.revise_button.isEnabled()  # asking for changes needs words

        # Ask for a change first (keyboard: type, then Tab to the buttons).
        detail.plan_reply.setFocus()
        QTest.keyClicks(detail.plan_reply, "Also cover Canada.")
        assert detail.revise_button.isEnabled()
        detail.revise_button.click()
        await until(lambda: len(fake_server.interaction_requests()) == 2, message="revision sent")
        revise = fake_server.interaction_requests()[1].json
        assert revise["previous_interaction_id"] == "v1_plan" and revise["input"] == "Also cover Canada."
        assert revise["agent"] == AGENT and revise["background"] is True
        assert revise["agent_config"]["collaborative_planning"] is True
        await until(lambda: task.interaction_id == "v1_plan2" and task.status == "requires_action", message="new plan")
        await until(lambda: detail.plan_box.isVisible() and detail.approve_button.isEnabled(), message="asks again")

        detail.plan_reply.setFocus()
        QTest.keyClicks(detail.plan_reply, "Go ahead.")
        save_screenshot(app.window, "data-kept-research-plan-reply")
        QTest.keyClick(detail.plan_reply, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # approves
        await until(lambda: len(fake_server.interaction_requests()) == 3, message="approval sent")
        approve = fake_server.interaction_requests()[2].json
        assert approve["previous_interaction_id"] == "v1_plan2" and approve["input"] == "Go ahead."
        assert approve["agent_config"]["collaborative_planning"] is False

        await until(lambda: task.status == "completed", message="the research ran", timeout=15)
        assert [t.id for t in app.controller.tasks()] == [task.id]  # the same task, not a new one
        assert task.interaction_id == "v1_go" and "Report: heat pumps" in task.report
        assert not detail.plan_box.isVisible()
        texts = timeline_texts(app)
        assert any("Plan: ## Research plan" in t for t in texts)
        assert any("You asked: Also cover Canada." in t for t in texts)
        assert any("You approved: Go ahead." in t for t in texts)
        await until(lambda: app.repo.get(task.id).status == "completed", message="stored")
        stored = app.repo.get(task.id)
        assert stored.interaction_id == "v1_go" and [
            e.kind for e in stored.timeline if e.kind in ("plan", "reply", "approval")
        ] == [
            "plan",
            "reply",
            "plan",
            "approval",
        ]
    finally:
        await app.close()
