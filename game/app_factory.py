"""Builds the Textual app over the services (kept apart so line mode never imports Textual)."""

from __future__ import annotations

from pathlib import Path

from engine.story import StoryError, load_story
from engine.story.loader import bundled_stories_root, discover_stories
from game.app import TTAApp
from game.factory import Services, build_pipeline
from game.screens.title import StoryInfo


def story_infos(services: Services, root: Path) -> list[StoryInfo]:
    """Stories for the title screen; one that does not load is left out (`tta validate` says why)."""
    infos: list[StoryInfo] = []
    for path in discover_stories(root):
        try:
            story = load_story(path)
        except StoryError:
            continue
        saved = any(info.slot == "auto" for info in services.saves.list(story.id))
        infos.append(StoryInfo(path, story.title, story.id, has_save=saved))
    return infos


def build_app(services: Services, *, story: Path | None = None, author: bool = False,
              seed: int | None = None, warm: bool = True) -> TTAApp:
    """The app; models warm up in a background worker when `warm` (services built with defer_models=True)."""
    settings = services.settings
    info = {
        "profile": str(settings.profile),
        "models": ", ".join(settings.active_models()) or "none (rules only)",
        "data": str(services.data_dir),
    }
    stories = story_infos(services, bundled_stories_root())
    if story is not None and all(s.path.resolve() != story.resolve() for s in stories):
        stories.insert(0, StoryInfo(story, story.name, story.name))
    return TTAApp(
        lambda path: build_pipeline(services, path, seed=seed),
        stories,
        model_loader=services if warm and settings.active_models() else None,
        author=author,
        settings_info=info,
        selected_story=story,
        skip_title=author and story is not None,
    )
