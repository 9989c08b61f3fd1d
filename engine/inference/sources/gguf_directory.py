"""A GGUF file's tensor directory (names, shapes, types, offsets), read without indexing its metadata values.

Why not the gguf library's reader: it builds numpy views of every metadata value, which for a 262k-token
vocabulary takes 7 s and 760 MB; copying a file with one tensor changed needs only where the metadata ends
and the directory after it. The layout (GGUF v2/v3): magic, version, tensor count, metadata count, the metadata
key/values, the tensor directory, padding to the alignment, then the tensor data.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from typing import Any

_SCALAR_BYTES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
"""Size of each fixed-size GGUF value type (uint8 … float64, bool); 8 is a string, 9 an array."""
_STRING, _ARRAY, _UINT32 = 8, 9, 4
DEFAULT_ALIGNMENT = 32


class TruncatedGGUF(ValueError):
    """The bytes given end before the directory does (read more of the file, or it is cut short)."""


@dataclass(frozen=True)
class TensorEntry:
    """One tensor of the directory: dims as GGUF lists them (the row length first)."""

    name: str
    dims: tuple[int, ...]
    kind: int
    """Its ggml type id."""
    offset: int
    """Where its data starts, from the start of the data section."""


@dataclass(frozen=True)
class Directory:
    """Where the metadata ends, the tensors, the alignment and where their data starts."""

    metadata_end: int
    tensors: tuple[TensorEntry, ...]
    alignment: int
    data_start: int


def read_directory(view: Any) -> Directory:
    """The directory of the GGUF whose first bytes are `view`; ValueError if it is not one, TruncatedGGUF if the
    bytes end before the directory does."""
    data = memoryview(view)
    try:
        magic, version, n_tensors, n_kv = struct.unpack_from("<4sIQQ", data, 0)
        if magic != b"GGUF" or version not in (2, 3):
            raise ValueError("not a GGUF v2/v3 file")
        position, alignment = 24, DEFAULT_ALIGNMENT
        for _ in range(n_kv):
            key, position = _string(data, position)
            (kind,) = struct.unpack_from("<I", data, position)
            if key == "general.alignment" and kind == _UINT32:
                (alignment,) = struct.unpack_from("<I", data, position + 4)
            position = _skip(data, position + 4, kind)
        metadata_end, entries = position, []
        for _ in range(n_tensors):
            name, position = _string(data, position)
            (n_dims,) = struct.unpack_from("<I", data, position)
            *dims, kind, offset = struct.unpack_from(f"<{n_dims}QIQ", data, position + 4)
            position += 4 + 8 * n_dims + 12
            entries.append((name, tuple(dims), kind, offset))
    except struct.error:
        raise TruncatedGGUF("the GGUF header is cut short") from None
    tensors = tuple(TensorEntry(name, dims, kind, offset) for name, dims, kind, offset in entries)
    return Directory(metadata_end, tensors, alignment, pad(position, alignment))


def pad(value: int, alignment: int) -> int:
    """`value` rounded up to a multiple of `alignment`."""
    return value + (-value % alignment)


def _string(data: memoryview, position: int) -> tuple[str, int]:
    (length,) = struct.unpack_from("<Q", data, position)
    end = position + 8 + length
    return bytes(data[position + 8 : end]).decode("utf-8", "replace"), end


def _skip(data: memoryview, position: int, kind: int) -> int:
    """The position after one value of type `kind` that starts at `position`."""
    if kind in _SCALAR_BYTES:
        return position + _SCALAR_BYTES[kind]
    if kind == _STRING:
        length: int = struct.unpack_from("<Q", data, position)[0]
        return position + 8 + length
    if kind == _ARRAY:
        item: int
        count: int
        item, count = struct.unpack_from("<IQ", data, position)
        position += 12
        if item in _SCALAR_BYTES:
            return position + count * _SCALAR_BYTES[item]
        for _ in range(count):
            position = _skip(data, position, item)
        return position
    raise ValueError(f"unknown GGUF value type {kind}")


def read_file_directory(fd: int) -> tuple[Directory, bytes]:
    """The directory of the GGUF open as `fd`, and its bytes up to the end of the metadata."""
    size = 1 << 20
    while True:
        head = os.pread(fd, size, 0)
        try:
            directory = read_directory(head)
        except TruncatedGGUF:
            if len(head) < size:  # the whole file was read: it is cut short
                raise
            size *= 4
            continue
        return directory, head[: directory.metadata_end]
