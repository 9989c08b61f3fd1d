"""TTA engine: the authoritative scene/state core, plus inference and selector subpackages."""
