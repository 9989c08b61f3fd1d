"""Where model files come from: embedded PyPI wheels, the HF hub cache, local paths (and their conversion)."""
