"""The semantic crisis stage's sentence encoder: the shared numpy MiniLM, which lives in engine/inference/minilm.py.

Re-exported here so the safety package (and whatever imports it from here) keeps its names; the game builds
one encoder and the crisis stage and the action matcher share it (game/factory.py).
"""

from engine.inference.minilm import MiniLMEncoder, MiniLMUnavailable

__all__ = ["MiniLMEncoder", "MiniLMUnavailable"]
