"""Loading stories from YAML: located schema errors, reference checks, and discovery under stories/."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from engine.story.checks import check_story
from engine.story.model import Story
from engine.yamlpos import Problem, YamlFileError, load_yaml

STORY_FILE = "story.yaml"


class StoryError(Exception):
    """A story that cannot be played; `problems` are printable `file:line:col: error: ...` lines."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def story_file(path: Path) -> Path:
    """The story.yaml for a story folder, or the file itself."""
    return path / STORY_FILE if path.is_dir() else path


def _parse(path: Path) -> tuple[Story | None, list[Problem]]:
    file = story_file(path)
    try:
        doc = load_yaml(file)
    except YamlFileError as exc:
        return None, exc.problems
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "a story file must be a mapping with `format: 1`, `title`, `scenes`, ...")]
    try:
        story = Story.model_validate({**doc.data, "source_path": file})
    except ValidationError as exc:
        return None, doc.validation_problems(exc)
    return story, sorted(check_story(story, doc), key=lambda p: (p.line, p.col))


def validate_story(path: Path) -> list[Problem]:
    """All errors and warnings for the story at `path`; never raises."""
    return _parse(path)[1]


def load_story(path: Path) -> Story:
    """Load a playable story, or raise StoryError listing every error (warnings do not stop loading)."""
    story, problems = _parse(path)
    errors = [p for p in problems if p.severity == "error"]
    if story is None or errors:
        raise StoryError(errors or problems)
    return story


def discover_stories(root: Path) -> list[Path]:
    """Story folders (those holding a story.yaml) directly under `root`, sorted by name."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / STORY_FILE).is_file())


def bundled_stories_root() -> Path:
    """The stories/ folder that ships next to the engine package."""
    return Path(__file__).resolve().parents[2] / "stories"
