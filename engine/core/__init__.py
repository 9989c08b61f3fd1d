"""The engine core: pure rules over an immutable Story and one mutable GameState.

Modules: actions, outcome, state, game, and rules/.
"""
