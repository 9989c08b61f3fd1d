"""The model collaborators of a turn, grouped; a pipeline given none plays on the rules alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from engine.inference.embedder import SentenceEmbedder
from engine.safety import OutputGuard
from engine.selector import Selector
from engine.turn.cascade import ParseCascade
from engine.turn.config import TurnConfig
from engine.turn.model_step import BackendProvider
from engine.turn.narrate import Narrator
from engine.turn.state_update import StateUpdater
from engine.turn.views import LoadedModel


@dataclass
class TurnModels:
    """Narrator, parse cascade and state updater over one selector and one set of backends (built by the factory)."""

    selector: Selector
    backends: BackendProvider
    narrator: Narrator
    cascade: ParseCascade
    updater: StateUpdater
    matcher: SentenceEmbedder | None = None
    loaded: Callable[[], list[LoadedModel]] = field(default=lambda: [])
    """The models loaded now, for the model panel."""
    guard: OutputGuard | None = None
    """The output guard every model text passes (also for in-world and character replies)."""

    @classmethod
    def build(cls, selector: Selector, backends: BackendProvider, guard: OutputGuard, config: TurnConfig, *,
              matcher: SentenceEmbedder | None = None,
              loaded: Callable[[], list[LoadedModel]] | None = None) -> TurnModels:
        """The three model steps, sharing `selector` and `backends`."""
        return cls(selector, backends, Narrator(selector, backends, guard, config),
                   ParseCascade(selector, backends, config, matcher), StateUpdater(selector, backends, config),
                   matcher, loaded or (lambda: []), guard)

    def close(self) -> None:
        """Stop background work and write what the selector learnt."""
        self.updater.close()
        self.selector.flush()
