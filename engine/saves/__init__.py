"""Crash-safe saves: TinyDB through an atomic storage, versioned records, clear errors."""

from engine.saves.storage import AtomicJSONStorage
from engine.saves.store import SAVE_FORMAT, SaveError, SaveInfo, SaveStore

__all__ = ["SAVE_FORMAT", "AtomicJSONStorage", "SaveError", "SaveInfo", "SaveStore"]
