"""An import-linter contract type for external modules named down to their submodules.

Import-linter squashes an external package to its top-level name (``PySide6``, ``google``), so the
built-in contracts cannot say "``PySide6.QtWidgets`` only in ``ui/``" or "``google.genai`` only in
``services/genai/``". This contract reads the import statements themselves (grimp keeps each
import's line) and checks the full dotted names they reach.

Configured in ``pyproject.toml`` as ``type = "protected_external"``:

- ``protected_modules``: external modules (``PySide6``, ``PySide6.QtWidgets``, ``google.genai``);
  a name protects itself and everything under it;
- ``except_modules`` (optional): modules under a protected one that anybody may import
  (``PySide6.QtCore``);
- ``allowed_importers``: the only packages or modules of the project that may import them. They
  need not exist yet (``desktop.services.mcp``), and a protected module that nothing imports (or
  that is not installed) simply has no importers to check.
"""

from __future__ import annotations

import re
from typing import Any

from importlinter import Contract, ContractCheck, fields, output

_FROM = re.compile(r"^\s*from\s+([\w.]+)\s+import\s+(.*)$")
_IMPORT = re.compile(r"^\s*import\s+(.*)$")


def imported_names(line: str) -> list[str]:
    """The dotted names an import statement's first line reaches.

    ``from a.b import c, d as e`` gives ``a.b.c`` and ``a.b.d``; ``import a.b as c`` gives ``a.b``;
    a parenthesised list that starts on a later line gives just ``a.b``.
    """
    code = line.split("#", 1)[0]
    found = _FROM.match(code)
    if found:
        module, names = found.groups()
        parts = [part.split(" as ")[0].strip(" ()\\\t") for part in names.split(",")]
        return [f"{module}.{part}" for part in parts if part and part != "*"] or [module]
    found = _IMPORT.match(code)
    if found:
        return [part.split(" as ")[0].strip() for part in found.group(1).split(",") if part.strip()]
    return []


def _within(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")


class ProtectedExternalContract(Contract):
    """External modules (to submodule level) that only some of the project's modules may import."""

    type_name = "protected_external"

    protected_modules = fields.ListField(subfield=fields.StringField())
    except_modules = fields.ListField(subfield=fields.StringField(), required=False)
    allowed_importers = fields.ListField(subfield=fields.StringField())

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        protected: list[str] = list(self.protected_modules)
        excepted: list[str] = list(self.except_modules or [])
        allowed: list[str] = list(self.allowed_importers)

        def is_protected(name: str) -> bool:
            return any(_within(name, m) for m in protected) and not any(_within(name, m) for m in excepted)

        illegal: list[tuple[str, str, int]] = []
        for root in sorted({m.split(".")[0] for m in protected}):
            if root not in graph.modules:
                continue  # nothing imports it (perhaps not even installed yet)
            for importer in sorted(graph.find_modules_that_directly_import(root)):
                if any(_within(importer, a) for a in allowed):
                    continue
                for detail in graph.get_import_details(importer=importer, imported=root):
                    for name in imported_names(detail["line_contents"]) or [root]:
                        if is_protected(name):
                            illegal.append((importer, name, detail["line_number"]))
                            output.verbose_print(verbose, f"{importer} imports {name}")
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        allowed = ", ".join(self.allowed_importers)
        output.print_error(f"Only {allowed} may import these:", bold=False)
        output.new_line()
        for importer, name, line_number in check.metadata["illegal"]:
            output.print_error(f"- {importer} -> {name} (l.{line_number})", bold=False)
            output.new_line()
