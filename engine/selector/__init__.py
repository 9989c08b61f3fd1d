"""Model selection: which model runs each call, with fallbacks, resource checks, learning and explanations."""

from engine.selector.availability import Availability, StaticAvailability
from engine.selector.bandit import Bandit
from engine.selector.breaker import CircuitBreaker
from engine.selector.decision import RULES, CandidateExplanation, Decision
from engine.selector.feedback import FeedbackStore
from engine.selector.records import FailureKind, GenerationRecord
from engine.selector.resources import FixedResources, ResourceProbe, SystemResources
from engine.selector.routing import Routing, RoutingModel, TaskRoute
from engine.selector.selector import Selector, build_selector
from engine.selector.tracker import PerformanceTracker, TaskStats
from engine.selector.tuning import AdaptiveConfig, BreakerConfig, SelectorConfig

__all__ = [
    "RULES",
    "AdaptiveConfig",
    "Availability",
    "Bandit",
    "BreakerConfig",
    "CandidateExplanation",
    "CircuitBreaker",
    "Decision",
    "FailureKind",
    "FeedbackStore",
    "FixedResources",
    "GenerationRecord",
    "PerformanceTracker",
    "ResourceProbe",
    "Routing",
    "RoutingModel",
    "SelectorConfig",
    "StaticAvailability",
    "Selector",
    "SystemResources",
    "TaskRoute",
    "TaskStats",
    "build_selector",
]
