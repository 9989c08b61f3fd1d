"""World rules (conditions, effects, scope), verbs, beats, and the text the engine composes."""
