"""The composition root: settings → selector → backends → engine → pipeline → app, for the CLI and tests alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from engine.core.game import Game
from engine.inference.base import Backend
from engine.inference.embedder import SentenceEmbedder, locate_minilm
from engine.inference.manager import ModelManager
from engine.paths import cache_home, data_home
from engine.safety import CrisisDetector, OutputGuard, SafetyFlags
from engine.saves import SaveStore
from engine.selector import Selector, build_selector
from engine.settings import Settings, load_settings
from engine.story import StoryError, load_story
from engine.story.loader import bundled_stories_root, discover_stories
from engine.turn.pipeline import TurnPipeline
from engine.turn.records import Journal

if TYPE_CHECKING:
    from game.app import TTAApp
    from game.screens.title import StoryInfo

Progress = Callable[[str, float], None]


class ModelAvailability:
    """The selector's view of the model manager; with `ready_only`, a model counts only once it is loaded.

    `ready_only` is how the UI stays playable on the rules while models load in the background.
    """

    def __init__(self, manager: ModelManager, ready_only: bool = False) -> None:
        self._manager = manager
        self.ready_only = ready_only

    def is_available(self, name: str) -> bool:
        """Available: files present (and, when ready_only, already loaded)."""
        if self.ready_only:
            return name in self.loaded()
        return self._manager.is_available(name)

    def loaded(self) -> list[str]:
        """Names of the loaded models."""
        return [info.name for info in self._manager.loaded()]


@dataclass
class Services:
    """Everything that outlives one story: settings, models, selector, safety, saves."""

    settings: Settings
    data_dir: Path
    manager: ModelManager
    availability: ModelAvailability
    selector: Selector
    detector: CrisisDetector
    guard: OutputGuard
    flags: SafetyFlags
    saves: SaveStore
    matcher: SentenceEmbedder | None = None
    pipelines: list[TurnPipeline] = field(default_factory=list)

    def warm(self, progress: Progress | None = None) -> list[str]:
        """Load (converting once into the cache) every available model of the active profile; returns failures."""
        report = progress or (lambda label, fraction: None)
        names = [n for n in self.settings.active_models() if self.manager.is_available(n)]
        failed: list[str] = []
        for index, name in enumerate(names):
            report(f"loading {name}", index / max(len(names), 1))
            try:
                self.manager.get(name)
            except Exception as exc:  # noqa: BLE001 - a model that cannot load is skipped by the selector
                failed.append(f"{name}: {exc}")
        if self.matcher is not None:
            report("loading the action matcher", 0.99)
            self.matcher.encode(["look"])
        self.availability.ready_only = False
        report("ready", 1.0)
        return failed


    def close(self) -> None:
        """Save what is pending and write the selector's learnt state (call on exit)."""
        for pipeline in self.pipelines:
            pipeline.close()
        self.selector.close()


def build_services(settings_path: Path | None = None, profile: str | None = None, *,
                   settings: Settings | None = None, data_dir: Path | None = None,
                   backends: dict[str, Backend] | None = None, rng_seed: int | None = None,
                   defer_models: bool = False, use_matcher: bool = True) -> Services:
    """Build the long-lived services; `backends` registers ready backends (e.g. scripted ones in tests)."""
    settings = settings or load_settings(settings_path, profile)
    data = data_dir or data_home()
    manager = ModelManager(settings.models, budget_mb=settings.memory_budget_mb, cache_dir=cache_home())
    for name, backend in (backends or {}).items():
        manager.register(name, backend)
    availability = ModelAvailability(manager, ready_only=defer_models)
    selector = build_selector(settings, data, availability, rng_seed=rng_seed)
    model_dir = locate_minilm() if use_matcher and settings.active_models() else None
    return Services(
        settings=settings,
        data_dir=data,
        manager=manager,
        availability=availability,
        selector=selector,
        detector=CrisisDetector(),
        guard=OutputGuard(),
        flags=SafetyFlags(data / "safety.json"),
        saves=SaveStore(data / "saves"),
        matcher=SentenceEmbedder(model_dir) if model_dir is not None else None,
    )


def build_pipeline(services: Services, story_path: Path, *, seed: int | None = None,
                   scene: str | None = None, resume: bool = False) -> TurnPipeline:
    """A pipeline playing `story_path`; `resume` continues the autosave when there is one."""
    story = load_story(story_path)
    game = Game.new(story, seed=seed, scene=scene)
    if resume:
        try:
            game = services.saves.load(story, "auto")
        except Exception:  # noqa: BLE001 - no usable autosave: start fresh
            pass
    pipeline = TurnPipeline(
        game,
        selector=services.selector,
        backends=services.manager,
        saves=services.saves,
        detector=services.detector,
        guard=services.guard,
        flags=services.flags,
        safety=services.settings.safety,
        config=services.settings.turn,
        journal=Journal(services.data_dir / "transcripts", story.id),
        first_run_marker=services.data_dir / "welcomed",
        matcher=services.matcher,
    )
    services.pipelines.append(pipeline)
    return pipeline

def story_infos(services: Services, root: Path) -> list[StoryInfo]:
    """Stories for the title screen; one that does not load is left out (`tta validate` says why)."""
    from game.screens.title import StoryInfo  # Textual loads only for the terminal UI

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
    from game.app import TTAApp  # Textual loads only for the terminal UI
    from game.screens.title import StoryInfo

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
