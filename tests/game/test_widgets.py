"""Small UI pieces: literal rendering of narration, command history, charts."""

from __future__ import annotations

from markdown_it import MarkdownIt
from textual.app import App, ComposeResult
from textual.widgets import Markdown

from engine.safety import SafetyConfig, crisis_response
from engine.safety.detector import Classification
from engine.selector.report import StatsRow
from engine.turn.crisis_flow import crisis_options
from game.screens.stats import table_row
from game.widgets.narration.command_input import CommandInput
from game.widgets.narration.escape import escape_markdown
from game.widgets.narration.log import NarrationLog
from game.widgets.stats.bars import bar_chart, sparkline

HOSTILE = "# Title\n*bold* [link](http://x) <b>html</b> `code` [red]markup[/red] 1. item\n> quote &amp; | a | b |"


def test_escaped_markdown_renders_as_the_same_plain_text() -> None:
    html = MarkdownIt("gfm-like").render(escape_markdown(HOSTILE))
    assert "<h1>" not in html and "<em>" not in html and "<a " not in html and "<code>" not in html
    assert "<ol>" not in html and "<blockquote>" not in html and "<table>" not in html
    assert "&lt;b&gt;html&lt;/b&gt;" in html and "[red]markup[/red]" in html and "&amp;amp;" in html


def test_escaping_works_on_fragments_as_on_the_whole() -> None:
    pieces = [HOSTILE[i:i + 7] for i in range(0, len(HOSTILE), 7)]
    assert "".join(escape_markdown(p) for p in pieces) == escape_markdown(HOSTILE)


class _LogApp(App[None]):
    def compose(self) -> ComposeResult:
        yield NarrationLog(id="log")
        yield CommandInput(id="command")


async def test_log_streams_and_shows_markup_literally() -> None:
    app = _LogApp()
    async with app.run_test() as pilot:
        log = app.query_one(NarrationLog)
        log.add_echo("[bold]take[/bold] lamp")
        await log.begin_narration()
        await log.progress("You *take* ")
        await log.progress("You *take* the [red]lamp[/red].")
        await log.finish("You *take* the [red]lamp[/red].")
        await pilot.pause()
        narration = app.query_one(Markdown)
        assert narration.source == escape_markdown("You *take* the [red]lamp[/red].")
        echo = str(log.children[0].render())
        assert "[bold]take[/bold] lamp" in echo


async def test_final_text_replaces_what_streamed() -> None:
    app = _LogApp()
    async with app.run_test() as pilot:
        log = app.query_one(NarrationLog)
        await log.begin_narration()
        await log.progress("Something the guard withdrew")
        await log.finish("The authored text.")
        await pilot.pause()
        assert app.query_one(Markdown).source == escape_markdown("The authored text.")


async def test_history_walks_back_and_returns_to_the_draft() -> None:
    app = _LogApp()
    async with app.run_test() as pilot:
        command = app.query_one(CommandInput)
        command.remember("look")
        command.remember("take lamp")
        command.focus()
        await pilot.press("g", "o")
        await pilot.press("up")
        assert command.value == "take lamp"
        await pilot.press("up", "up")
        assert command.value == "look"
        await pilot.press("down", "down")
        assert command.value == "go"


def test_charts_scale_and_show_missing_values() -> None:
    text = bar_chart("speed", [("a", 10.0), ("b", 5.0), ("c", None)], width=10).plain
    lines = text.splitlines()
    assert lines[1].count("█") == 10 and lines[2].count("█") == 5 and "—" in lines[3]
    line = sparkline([1, 2, 3, 2])
    assert line[0] == "▁" and line[2] == "█" and line[1] == line[3] not in "▁█"
    assert sparkline([]) == ""


def test_stats_row_formats_missing_numbers_as_dashes() -> None:
    row = table_row(StatsRow(model="", task="narrative_generation", selections=2, success_rate=0.5,
                             tokens_per_s=None, mean_ttft_s=None, failures={}, ratings=2, mean_rating=4.25,
                             trend=4.0, recent_ratings=(1, 5)))
    assert row == ["rules", "narrative_generation", "2", "50%", "—", "—", "4.25", "▁█"]


def test_crisis_options_carry_ids() -> None:
    response = crisis_response(Classification("crisis"), SafetyConfig())
    options = {option.label: option.id for option in crisis_options(response)}
    assert options["keep playing"] == "keep_playing"
    assert options["try a grounding exercise"] == "grounding"
    assert options["quit for now"] == "quit"
