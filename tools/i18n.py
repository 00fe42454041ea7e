"""Keep the translations complete: extract the strings, compile the ``.qm`` files, report what is missing.

Run from the repository root:

    python -m tools.i18n            # lupdate every desktop/**/*.py into resources/i18n/*.ts, lrelease to .qm
    python -m tools.i18n --check    # change nothing; exit 1 if a string is missing or unfinished, or a .qm is stale
    python -m tools.i18n --add fr   # start a new translation (then add "fr" to TRANSLATED in
                                    # desktop/ui/common/translation.py)

After an update, translate every entry Qt Linguist (or an editor) shows as unfinished in the
``.ts`` file, run the command again to compile, and commit the ``.ts`` and ``.qm`` together
(``tests/unit/test_translation_files.py`` fails while either lags behind the code).

The ``.ts`` files carry no source locations (``-locations none``): line numbers would change with
every edit of the code and make merges of the translation conflict for nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
CATALOG = "gemini-desktop"
BIN = Path(sys.executable).parent

# (context, source text, whether it has plural forms) of one message.
Key = tuple[str, str, bool]


def sources() -> list[Path]:
    """Every Python file of the application, in a stable order."""
    return sorted((ROOT / "desktop").rglob("*.py"))


def ts_files() -> list[Path]:
    """The translations: resources/i18n/gemini-desktop_<language>.ts."""
    return sorted(I18N.glob(f"{CATALOG}_*.ts"))


def _run(tool: str, *args: str) -> str:
    out = subprocess.run(
        [str(BIN / f"pyside6-{tool}"), *args], capture_output=True, text=True, check=False, timeout=300
    )
    if out.returncode != 0:
        raise RuntimeError(f"pyside6-{tool} failed:\n{out.stdout}{out.stderr}")
    return out.stdout


def lupdate(ts: Path) -> str:
    """Extract the strings of ``sources()`` into ``ts``, keeping its translations; returns lupdate's report."""
    return _run("lupdate", *map(str, sources()), "-locations", "none", "-no-obsolete", "-ts", str(ts))


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``."""
    _run("lrelease", "-silent", str(ts), "-qm", str(qm))


def messages(ts: Path) -> dict[Key, ET.Element]:
    """The messages of a ``.ts`` file by (context, source, plural)."""
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", ""), message.get("numerus") == "yes"): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def extracted() -> set[Key]:
    """The messages lupdate finds in the code today (extracted into an empty temporary file)."""
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "extract.ts"
        lupdate(ts)
        return set(messages(ts))


def unfinished(ts: Path) -> list[Key]:
    """Messages of ``ts`` that have no finished translation."""
    out = []
    for key, message in messages(ts).items():
        translation = message.find("translation")
        forms = [] if translation is None else [translation.text, *(f.text for f in translation.iter("numerusform"))]
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or not any(forms):
            out.append(key)
    return out


def problems() -> list[str]:
    """What keeps the translations from being complete and current (empty when all is well)."""
    found: list[str] = []
    wanted = extracted()
    for ts in ts_files():
        have = messages(ts)
        found += [f"{ts.name}: not extracted yet: {c} / {s!r}" for c, s, _ in sorted(wanted - set(have))]
        found += [f"{ts.name}: no longer in the code: {c} / {s!r}" for c, s, _ in sorted(set(have) - wanted)]
        found += [f"{ts.name}: unfinished: {c} / {s!r}" for c, s, _ in unfinished(ts)]
        qm = ts.with_suffix(".qm")
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / qm.name
            lrelease(ts, fresh)
            if not qm.exists() or qm.read_bytes() != fresh.read_bytes():
                found.append(f"{qm.name} is not compiled from the current {ts.name}")
    return found


def main(argv: list[str] | None = None) -> int:
    """The command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m tools.i18n", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when something is missing")
    parser.add_argument("--add", metavar="LANG", help="start a translation into LANG (e.g. fr)")
    args = parser.parse_args(argv)
    if args.add:
        ts = I18N / f"{CATALOG}_{args.add}.ts"
        I18N.mkdir(parents=True, exist_ok=True)
        _run("lupdate", *map(str, sources()), "-locations", "none", "-target-language", args.add, "-ts", str(ts))
    if not args.check:
        for ts in ts_files():
            print(lupdate(ts).strip())
            lrelease(ts, ts.with_suffix(".qm"))
            print(f"{ts.name}: {len(unfinished(ts))} unfinished")
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
