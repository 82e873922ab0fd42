"""The speaker's role, read from the title with templates/lexicon/roles.yaml: who the speaker is (party
secretary, government head, bureau head, a deputy), whose leadership he invokes, what work he directs, how he
names himself — and whether the title can speak at the config's level at all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from drafter.situation import SENTENCE


@dataclass(frozen=True)
class Role:
    id: str
    tag: str          # what piece tags (`roles:`) see: secretary, executive, bureau, other
    led_by: str       # a template: whose leadership the closing formula names
    directs: tuple[str, ...]
    as_self: str      # a template: how he names himself (“我作为县长”), "" = he does not

    @property
    def deputy(self) -> bool:
        return self.id.startswith("deputy_")


class RoleLexicon:
    def __init__(self, data: dict[str, Any]) -> None:
        self.roles = {rid: _role(rid, spec) for rid, spec in data["roles"].items()}
        self.bureau_roles = {rid: _role(rid, spec) for rid, spec in data["bureau_roles"].items()}
        self.other = _role("other", data["other"])
        self._words = {rid: tuple(spec["words"]) for rid, spec in
                       {**data["roles"], **data["bureau_roles"]}.items()}
        self.directs = {work: tuple(words) for work, words in data["directs"].items()}
        self.title_levels = sorted(((word, level) for level, words in data["title_levels"].items() for word in words),
                                   key=lambda pair: len(pair[0]), reverse=True)
        self.bureau_titles = tuple(data["bureau_titles"])

    def _read(self, title: str, roles: dict[str, Role]) -> tuple[Role, str] | None:
        """The highest-ranked role any part of the title reads as, with that part."""
        found: list[tuple[int, Role, str]] = []
        order = list(roles)
        for part in re.split(r"[、，,\s/]+", title):
            # a deputy's words first: 副县长 holds 县长
            matched = sorted((rid for rid in roles if any(w in part for w in self._words[rid])),
                             key=lambda rid: (not roles[rid].deputy, order.index(rid)))
            if matched:
                found.append((order.index(matched[0]), roles[matched[0]], part))
        return min(found, key=lambda f: f[0])[1:] if found else None

    def role_of(self, title: str, level: str) -> Role:
        if level == "部门":
            read = self._read(title, self.bureau_roles)
            return read[0] if read else self.bureau_roles["bureau"]
        read = self._read(title, self.roles)
        return read[0] if read else self.other

    def post_of(self, title: str, level: str) -> str:
        """The part of the title that gives the role (县委副书记、县长 → 县长): what he calls himself."""
        read = self._read(title, self.bureau_roles if level == "部门" else self.roles)
        return read[1] if read else title

    def level_of(self, title: str) -> str | None:
        """The level the title speaks for (市委书记 → 市), from the part that gives the role; None = not said."""
        read = self._read(title, self.roles)
        part = read[1] if read else title
        return next((level for word, level in self.title_levels if word in part), None)

    def mismatch(self, title: str, level: str) -> str | None:
        """Why the title cannot give a speech at this level, in words for the clerk; None when it can."""
        if level == "部门":
            if any(w in title for w in self.bureau_titles) or self._read(title, self.roles) is None:
                return None
            said = self.level_of(title)
            if said and said not in DRAFTED_LEVELS:
                return _beyond(title, said, "局长")
            return (f"“{title}”是{said}级党政领导职务，不能以部门的名义讲话；应改为 locality.level: {said}"
                    if said else None)
        if any(w in title for w in self.bureau_titles):
            return (f"“{title}”是部门负责人，不能以{level}的名义讲话；应改为 locality.level: 部门 并写明 "
                    f"locality.unit")
        said = self.level_of(title)
        own = f"{level}{'党委书记' if level == '镇' else '委书记'}"
        if said and said not in DRAFTED_LEVELS:
            return _beyond(title, said, own)
        if said and said != level:
            return (f"“{title}”是{said}级职务，不能在 locality.level “{level}” 的会议上以{level}的名义讲话；"
                    f"请改 speaker.title（如 {own}）或把 locality.level "
                    f"改为 {said}")
        return None

    def forbidden(self, text: str, directs: tuple[str, ...]) -> list[str]:
        """Sentences of `text` that direct work the speaker does not direct (a 县长 ordering 纪检监察机关);
        `directs` is the role's own (Role.directs)."""
        lacking = [words for work, words in self.directs.items() if work not in directs]
        if not any(w in text for words in lacking for w in words):  # most texts: no sentence to look at
            return []
        return [s for s in SENTENCE.findall(text) for words in lacking if any(w in s for w in words)]


DRAFTED_LEVELS = ("市", "县", "区", "镇")  # the territorial levels a config's locality.level can name


def _beyond(title: str, said: str, example: str) -> str:
    """A title of a level drafter does not draft for (省长): no level to change to, only the title."""
    return (f"“{title}”是{said}级职务，drafter 只起草市、县、区、镇和部门的讲话，没有{said}级；"
            f"请改 speaker.title（如 {example}）")


def _role(rid: str, spec: dict[str, Any]) -> Role:
    return Role(rid, spec["tag"], spec["led_by"], tuple(spec.get("directs", [])), spec.get("as_self", ""))
