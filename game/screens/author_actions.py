"""Author mode for the play screen: state inspector, jump to scene, set flag/var, hot reload on save."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message

from engine.turn.events import TurnEvent
from game.messages import AuthorStateShown, ScenesListed, StoryReloaded
from game.screens.choose import ChooseDialog
from game.screens.lane import LaneScreen
from game.screens.note import PromptDialog
from game.screens.palette import PaletteCommand
from game.widgets.author.panel import AuthorPanel
from game.widgets.author.watch import FileWatch

RELOAD_POLL_S = 0.5
"""How often the story file's modification time is checked."""


class AuthorActions(LaneScreen):
    """The play screen's author-mode half; every action goes through the screen's lane like a turn."""

    author: bool

    AUTHOR_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f4", "toggle_author", "State"),
        Binding("f5", "jump", "Jump"),
        Binding("f6", "set_value", "Set"),
        Binding("f7", "reload_story", "Reload"),
    ]

    def start_author_mode(self) -> None:
        """Watch the story file and reload it when it changes."""
        source = self.pipeline.game.story.source_path
        if source is None:
            self.notify("This story has no file to watch; reload with F7.", severity="warning")
            return
        self._story_watch = FileWatch(story_file(source))
        self.set_interval(RELOAD_POLL_S, self._poll_story_file)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Author keys exist only in author mode."""
        if action in {"toggle_author", "jump", "set_value", "reload_story"}:
            return self.author
        return True

    def _poll_story_file(self) -> None:
        if self._story_watch.changed():
            self.action_reload_story()

    def action_reload_story(self) -> None:
        """Reload the story, replaying this session's commands; problems are shown in place."""
        def reload() -> Iterable[TurnEvent | Message]:
            problems = self.pipeline.authoring.reload()
            yield StoryReloaded([str(p) for p in problems])
            if not problems:
                yield self.pipeline.authoring.changed()
        self.enqueue(reload)

    def show_reload_result(self, problems: Sequence[str]) -> None:
        """Show the problems of the last reload (or clear them)."""
        self.query_one(AuthorPanel).show_problems(problems)
        if problems:
            self.notify(f"{len(problems)} problem(s) in the story; still playing the last good version.",
                        severity="error", timeout=4)
        else:
            self.notify("Story reloaded.", timeout=2)
        self.refresh_author_panel()

    def refresh_author_panel(self) -> None:
        """Read the current GameState in the lane; `show_author_state` shows it."""
        self.enqueue(lambda: [AuthorStateShown(self.pipeline.authoring.state_json())])

    def show_author_state(self, state_json: str) -> None:
        """The state inspector's contents."""
        self.query_one(AuthorPanel).show_state(state_json)

    def action_toggle_author(self) -> None:
        """Show or hide the state inspector."""
        panel = self.query_one(AuthorPanel)
        panel.display = not panel.display

    def action_jump(self) -> None:
        """Jump to any scene (the scenes are listed in the lane; `choose_scene` asks which)."""
        self.enqueue(lambda: [ScenesListed(self.pipeline.authoring.scenes())])

    def choose_scene(self, entries: Sequence[tuple[str, str]]) -> None:
        """Ask for a scene, then jump there in the lane."""
        def jump(scene_id: str | None) -> None:
            if scene_id:
                self.enqueue(lambda: self.pipeline.authoring.jump(scene_id))
        self.app.push_screen(ChooseDialog("Jump to scene", entries), jump)

    def action_set_value(self) -> None:
        """Set a flag or variable: `name = value`."""
        def set_value(text: str | None) -> None:
            if not text:
                return
            name, _, value = text.replace("=", " ", 1).partition(" ")
            if not value.strip():
                self.notify("Write it as: name = value", severity="warning")
                return
            self.enqueue(lambda: self.pipeline.authoring.set(name.strip(), value.strip()))
        self.app.push_screen(PromptDialog("Set a flag or variable", placeholder="name = value"), set_value)

    def author_palette_commands(self) -> list[PaletteCommand]:
        """Author entries for the command palette."""
        return [
            PaletteCommand("Author: jump to scene", "Move to any scene", self.action_jump),
            PaletteCommand("Author: set flag or variable", "name = value", self.action_set_value),
            PaletteCommand("Author: reload story", "Reload and replay this session", self.action_reload_story),
            PaletteCommand("Author: state inspector", "Show or hide the GameState", self.action_toggle_author),
        ]


def story_file(source: Path) -> Path:
    """The story's YAML file, whether `source` is the file or its folder."""
    return source / "story.yaml" if source.is_dir() else source
