"""The engine core: pure rules over an immutable Story and one mutable GameState (actions, outcome, state, game, rules)."""
