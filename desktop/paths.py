"""Where the app keeps its files: platform folders through platformdirs (XDG variables respected)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

APP_NAME = "gemini-desktop"


@dataclass(frozen=True)
class AppPaths:
    """The app's folders; ``ensure()`` creates them."""

    config: Path
    data: Path
    cache: Path
    logs: Path

    @classmethod
    def default(cls) -> AppPaths:
        """The platform's folders (on Linux: $XDG_CONFIG_HOME, $XDG_DATA_HOME, ... /gemini-desktop)."""
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            config=Path(dirs.user_config_dir),
            data=Path(dirs.user_data_dir),
            cache=Path(dirs.user_cache_dir),
            logs=Path(dirs.user_log_dir),
        )

    def ensure(self) -> AppPaths:
        """Create every folder (private to the user) and return self.

        A folder that cannot be created (read-only or full disk) is left for its user to report:
        the database opening names the data folder and the cause, instead of a traceback here.
        """
        for folder in (self.config, self.data, self.cache, self.logs):
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError:
                continue
        return self

    @property
    def settings_file(self) -> Path:
        """User preferences (JSON)."""
        return self.config / "settings.json"

    @property
    def ui_state_file(self) -> Path:
        """Window geometry and similar UI state, kept apart from preferences."""
        return self.config / "ui-state.json"

    @property
    def database(self) -> Path:
        """The SQLite database of conversations and research tasks."""
        return self.data / "gemini-desktop.sqlite3"

    @property
    def blobs(self) -> Path:
        """Attachments and generated images, content-addressed."""
        return self.data / "blobs"


def resource_file(relative: str) -> Path:
    """A file from ``resources/``: from the source tree when run from it, else the installed copy."""
    source = Path(__file__).resolve().parent.parent / "resources" / relative
    if source.exists():
        return source
    from importlib.resources import files

    return Path(str(files("desktop.resources") / relative))
