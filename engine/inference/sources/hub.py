"""The Hugging Face hub cache: where it is (honouring HF_HOME/HF_HUB_CACHE at call time), what it holds, pulling."""

from __future__ import annotations

import os
from pathlib import Path


class HubError(Exception):
    """A hub download failed; the message is one line, fit for the terminal."""


def hub_cache_dir() -> Path:
    """The hub cache, read from the environment now (huggingface_hub reads it once, at import)."""
    explicit = os.environ.get("HF_HUB_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    home = os.environ.get("HF_HOME")
    if not home:
        home = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "huggingface")
    return Path(home).expanduser() / "hub"


def hub_offline() -> bool:
    """Whether HF_HUB_OFFLINE forbids network access."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def hub_snapshot(repo_id: str) -> Path | None:
    """The cached snapshot folder of `repo_id` if it holds a config and weights, else None."""
    repo_dir = hub_cache_dir() / ("models--" + repo_id.replace("/", "--"))
    ref = repo_dir / "refs" / "main"
    if ref.is_file():
        candidates = [repo_dir / "snapshots" / ref.read_text().strip()]
    else:
        candidates = sorted((repo_dir / "snapshots").glob("*"))
    for snapshot in candidates:
        if (snapshot / "config.json").is_file() and _has_weights(snapshot):
            return snapshot
    return None


def _has_weights(folder: Path) -> bool:
    return any(folder.glob("*.safetensors")) or any(folder.glob("*.bin"))


def pull(repo_id: str, timeout_s: float = 10.0) -> Path:
    """Download `repo_id` into the hub cache (with progress bars); raises HubError with a one-line reason."""
    if hub_offline():
        raise HubError(f"cannot download {repo_id}: HF_HUB_OFFLINE is set")
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError, RepositoryNotFoundError

    try:
        return Path(
            snapshot_download(
                repo_id,
                cache_dir=hub_cache_dir(),
                etag_timeout=timeout_s,
                allow_patterns=["*.json", "*.safetensors", "*.model", "*.txt", "*.jinja", "*.py"],
            )
        )
    except RepositoryNotFoundError:
        raise HubError(f"cannot download {repo_id}: no such repository (or it needs a login)") from None
    except (LocalEntryNotFoundError, HfHubHTTPError, OSError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise HubError(f"cannot download {repo_id}: no network or hub unreachable ({reason[:160]})") from None
