"""The composition root: settings → selector → backends → engine → pipeline → app, for the CLI and tests alike."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from engine.core.game import Game
from engine.inference.base import Backend
from engine.inference.embedder import SentenceEmbedder
from engine.inference.manager import ModelManager
from engine.inference.minilm import MiniLMUnavailable
from engine.paths import cache_home, data_home
from engine.safety import CrisisDetector, OutputGuard, SafetyConfig, SafetyFlags
from engine.saves import MissingSave, Notices, SaveError, SaveStore
from engine.selector import Selector, build_selector
from engine.settings import Settings, load_settings
from engine.story import StoryError, load_story
from engine.story.loader import bundled_stories_root, discover_stories
from engine.turn.config import TurnConfig
from engine.turn.models import TurnModels
from engine.turn.pipeline import TurnPipeline
from engine.turn.records import Journal
from engine.turn.safety_step import SafetyStep
from engine.turn.views import LoadedModel
from game.routing import routing_from

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
            # A served model stays "loaded" (connected) when its server dies: ask the manager too.
            return name in self.loaded() and self._manager.is_available(name)
        return self._manager.is_available(name)

    def why_unavailable(self, name: str) -> str | None:
        """The manager's reason (a served model's server unreachable, say), for the selector's explanations."""
        reason = self._manager.why_unavailable(name)
        if reason is None and self.ready_only and name not in self.loaded():
            return "loading in the background"
        return reason

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
    notices: Notices = field(default_factory=Notices)
    """One-line messages about the player's data (a damaged file moved aside, a write that failed)."""
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
            try:  # the plain encoder (the crisis stage's own, when it runs no fine-tune): loaded once
                self.matcher.warm()
            except MiniLMUnavailable as exc:  # the cascade then goes on without its embedding match
                failed.append(f"action matcher: {exc}")
        self.availability.ready_only = False
        report("ready", 1.0)
        return failed


    def close(self) -> None:
        """Save what is pending and write the selector's learnt state (call on exit)."""
        for pipeline in self.pipelines:
            pipeline.close()
        self.selector.close()
        self.flags.flush()  # a crisis flag the disk refused earlier gets one more try
        self.manager.close()  # frees llama.cpp models before the interpreter tears down


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
    notices = Notices()
    selector = build_selector(routing_from(settings), data, availability, rng_seed=rng_seed, notices=notices)
    detector = CrisisDetector()
    # The crisis stage's sentence encoder, or its plain twin when the stage runs a fine-tune (the action matcher
    # needs the general-purpose vectors); numpy only: no torch or transformers in the game's process.
    stage = detector.semantic
    matcher = SentenceEmbedder(stage.encoder.plain) if stage is not None and use_matcher and \
        settings.active_models() else None
    # The crisis check's sentence model loads while the title screen is up, so it is warm before the first
    # input (an input that comes sooner waits for it: safety is never skipped).
    threading.Thread(target=detector.warm, name="crisis-warmup", daemon=True).start()
    return Services(
        settings=settings,
        data_dir=data,
        manager=manager,
        availability=availability,
        selector=selector,
        detector=detector,
        guard=OutputGuard(),
        flags=SafetyFlags(data / "safety.json", notices),
        saves=SaveStore(data / "saves", notices),
        matcher=matcher,
        notices=notices,
    )


def build_pipeline(services: Services, story_path: Path, *, seed: int | None = None,
                   scene: str | None = None, resume: bool = False) -> TurnPipeline:
    """A pipeline playing `story_path`; `resume` continues the autosave.

    With no autosave (or a saves file so damaged it was moved aside) the player is told and a new game
    starts; an autosave that exists but cannot be restored raises SaveError, so the caller can stop
    with its reason rather than silently start afresh over it.
    """
    story = load_story(story_path)
    game = Game.new(story, seed=seed, scene=scene)
    if resume:
        try:
            game = services.saves.load(story, "auto")
        except MissingSave as exc:
            services.notices.add(f"Could not continue: {exc}. Starting a new game.")
    pipeline = TurnPipeline(
        game,
        SafetyStep(services.detector, services.settings.safety, services.flags),
        services.settings.turn,
        models=turn_models(services),
        saves=services.saves,
        journal=Journal(services.data_dir / "transcripts", story.id),
        first_run_marker=services.data_dir / "welcomed",
        notices=services.notices,
    )
    services.pipelines.append(pipeline)
    return pipeline


def turn_models(services: Services) -> TurnModels | None:
    """The model steps of a turn, or None when the profile has no models (then a turn is rules only)."""
    settings = services.settings
    if not settings.active_models():
        return None
    manager = services.manager
    return TurnModels.build(services.selector, manager, services.guard, settings.turn, matcher=services.matcher,
                            loaded=lambda: [LoadedModel(info.name, info.mb) for info in manager.loaded()])


def rules_pipelines(config: TurnConfig | None = None, detector: CrisisDetector | None = None,
                    saves: SaveStore | None = None) -> Callable[[Game], TurnPipeline]:
    """Builds rules-only pipelines (the player's loop without its model steps), sharing one crisis detector.

    For story tests and the engine benchmark: no model, no thread, no autosave, nothing written per turn
    (`saves` lets explicit save and load work).
    """
    config = config or TurnConfig(narrate=False, state_update=False, autosave=False)
    # Rules only here too: the crisis phrase rules, without the semantic stage's sentence model.
    shared = detector or CrisisDetector(semantic=False)
    safety = SafetyConfig()

    def build(game: Game) -> TurnPipeline:
        # No flags, no saves, no journal: a story test's crisis words are shown, never remembered.
        return TurnPipeline(game, SafetyStep(shared, safety), config, saves=saves)

    return build

def measuring_pipelines(services: Services) -> Callable[[Game], TurnPipeline]:
    """Pipelines for `tta test --paraphrases/--offscript`: the profile's model steps on the parse and the replies,
    but no narration, state updates, autosave or journal (so a measurement writes nothing and runs fast)."""
    config = services.settings.turn.model_copy(update={"narrate": False, "state_update": False, "autosave": False})
    if not services.settings.active_models():
        return rules_pipelines(config)
    models = TurnModels.build(services.selector, services.manager, services.guard, config, matcher=services.matcher)
    safety = SafetyStep(CrisisDetector(semantic=False), services.settings.safety)

    def build(game: Game) -> TurnPipeline:
        return TurnPipeline(game, safety, config, models=models)

    return build


def story_infos(services: Services, root: Path) -> list[StoryInfo]:
    """Stories for the title screen; one that does not load is left out (`tta validate` says why)."""
    return [info for info in (story_info(services, path) for path in discover_stories(root)) if info is not None]


def story_info(services: Services, path: Path) -> StoryInfo | None:
    """A story's title-screen entry (its title, whether it has an autosave), or None if it does not load."""
    from game.screens.title import StoryInfo

    try:
        story = load_story(path)
    except StoryError:
        return None
    try:
        saved = any(info.slot == "auto" for info in services.saves.list(story.id))
    except SaveError:  # unreadable right now (e.g. permissions): the story is still playable
        saved = False
    return StoryInfo(path, story.title, story.id, has_save=saved)


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
        # The story named on the command line, by its title (by its folder's name if it does not load: opening
        # it then says why).
        stories.insert(0, story_info(services, story) or StoryInfo(story, story.name, story.name))
    return TTAApp(
        lambda path: build_pipeline(services, path, seed=seed),
        stories,
        model_loader=services if warm and settings.active_models() else None,
        author=author,
        settings_info=info,
        selected_story=story,
        skip_title=author and story is not None,
        # Said on the title screen, where "Continue" would otherwise just be missing.
        notices=[] if author and story is not None else services.notices.drain(),
    )
