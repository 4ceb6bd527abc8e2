"""Prompt files: <name>.v<N>.md, a system part and a user part separated by a '---user---' line.
Placeholders use string.Template syntax ($name) so JSON braces in prompts need no escaping."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import Template

PROMPT_DIR = Path(__file__).resolve().parent
_SPLIT = "---user---"


@dataclass(frozen=True)
class Prompt:
    name: str
    version: int
    system: str
    user: str

    @property
    def id(self) -> str:
        return f"{self.name}.v{self.version}"

    def render(self, **values: object) -> tuple[str, str]:
        vals = {k: str(v) for k, v in values.items()}
        return Template(self.system).substitute(vals).strip(), Template(self.user).substitute(vals).strip()


@lru_cache
def load_prompt(name: str, version: int | None = None) -> Prompt:
    """The given version, or the highest one present."""
    found = {}
    for path in PROMPT_DIR.glob(f"{name}.v*.md"):
        m = re.fullmatch(rf"{re.escape(name)}\.v(\d+)\.md", path.name)
        if m:
            found[int(m.group(1))] = path
    if not found:
        raise FileNotFoundError(f"no prompt named {name!r} in {PROMPT_DIR}")
    v = version if version is not None else max(found)
    text = found[v].read_text(encoding="utf-8")
    system, _, user = text.partition(_SPLIT)
    return Prompt(name, v, system, user)
