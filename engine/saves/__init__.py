"""Crash-safe user data: saves in TinyDB through an atomic storage, cross-process locks, damaged files moved aside."""

from engine.saves.datafile import DataFile
from engine.saves.notices import Notices
from engine.saves.storage import AtomicJSONStorage
from engine.saves.store import SAVE_FORMAT, MissingSave, SaveError, SaveInfo, SaveStore

__all__ = ["SAVE_FORMAT", "AtomicJSONStorage", "DataFile", "MissingSave", "Notices", "SaveError", "SaveInfo",
           "SaveStore"]
