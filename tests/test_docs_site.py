"""The reference docs: public import paths, links not raw roles, sections of the standard linked.

Issue #12: the reference shows the path a name is imported from (never
``sp4n.lifecycle._engine.apply``), cross-references render as links (no raw
Sphinx roles), and every "standard.md §N" links to the page that explains §N
(the mkdocs hook ``scripts/mkdocs_hooks.py``).
"""

import importlib
import importlib.util
import pkgutil
import re
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest
import yaml

import sp4n

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
ROLE = re.compile(r":(?:class|func|meth|mod|attr|data|exc|obj|const|ref|doc|py:\w+):`")
DIRECTIVE = re.compile(r"^::: (?P<ident>[\w.]+)\n(?P<options>(?:    .*\n|\n(?=    ))*)", re.M)


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mkdocs_hooks", ROOT / "scripts/mkdocs_hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


HOOKS = _hooks()


def _private(path: str) -> bool:
    return any(part.startswith("_") for part in path.split(".")[1:])


def _public_modules() -> list[ModuleType]:
    modules = [sp4n]
    for info in pkgutil.walk_packages(sp4n.__path__, "sp4n."):
        if _private(info.name) or info.name.startswith(("sp4n.cli", "sp4n.store.migrations")):
            continue
        module = importlib.import_module(info.name)
        if hasattr(module, "__all__"):
            modules.append(module)
    return modules


def _rendered() -> set[str]:
    """Every public path the reference pages render (`::: ident`, its `members` option)."""
    paths: set[str] = set()
    for page in sorted((DOCS / "reference").glob("*.md")):
        for match in DIRECTIVE.finditer(page.read_text("utf-8")):
            ident = match.group("ident")
            options = yaml.safe_load(textwrap.dedent(match.group("options"))) or {}
            members = options.get("options", {}).get("members", None)
            try:
                module = importlib.import_module(ident)
            except ModuleNotFoundError:
                paths.add(ident)  # a single object, e.g. sp4n.generate_tracking_id
                continue
            paths.add(ident)
            names = module.__all__ if members is None else members or []
            paths.update(f"{ident}.{name}" for name in names)
    return paths


def test_no_raw_sphinx_roles_in_docstrings() -> None:
    """No `:class:`/`:func:`/`:meth:` … role in src: links are `[Name][sp4n.module.Name]`."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if ROLE.search(line)
    ]
    assert found == []


def test_reference_pages_use_public_paths_only() -> None:
    """No `:::` directive names a private module (`sp4n.lifecycle._engine`)."""
    private = [path for path in _rendered() if _private(path)]
    assert private == []


def test_every_public_name_is_rendered_where_it_is_imported_from() -> None:
    """Each name of each public module's `__all__` is rendered under that module or its package."""
    rendered = _rendered()
    missing = []
    for module in _public_modules():
        package = module.__name__.rpartition(".")[0]
        for name in module.__all__:
            if name == "__version__":
                continue
            homes = [module.__name__] if module is sp4n else [module.__name__, package]
            if not any(f"{home}.{name}" in rendered for home in homes):
                top = sp4n.__all__ if module is sp4n else ()
                if name not in top:  # top-level names are rendered in their own module
                    missing.append(f"{module.__name__}.{name}")
    assert missing == []


def test_api_index_lists_the_top_level() -> None:
    """docs/reference/index.md has one row per top-level name, linked to where it is rendered."""
    text = (DOCS / "reference/index.md").read_text("utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| \[`[\w.]+`\]\[([\w.]+)\]", text, re.M))
    assert set(rows) == set(sp4n.__all__) - {"__version__"}
    rendered = _rendered()
    assert [target for target in rows.values() if target not in rendered] == []


@pytest.mark.parametrize(("section", "target"), sorted(HOOKS.SECTIONS.items()))
def test_each_section_of_the_standard_has_its_anchor(section: int, target: tuple[str, str]) -> None:
    """The page a section maps to carries the anchor the links point at."""
    page, _ = target
    assert f"[](){{#{HOOKS.anchor(section)}}}" in (DOCS / page).read_text("utf-8")


def test_every_section_cited_is_mapped() -> None:
    """Each section of the standard cited in src or docs has a page (1-8: the spec's sections)."""
    cited = {
        int(number)
        for path in [*(ROOT / "src").rglob("*.py"), *DOCS.rglob("*.md")]
        for number in re.findall(r"standard(?:\.md)?`? §(\d+)", path.read_text("utf-8"))
    }
    assert cited <= set(HOOKS.SECTIONS)
    spec = Path("/work/shared/spec/standard.md")
    if spec.exists():  # the shared spec, where present: its numbered sections are the keys
        numbered = {int(n) for n in re.findall(r"^## (\d+)\. ", spec.read_text("utf-8"), re.M)}
        assert numbered == set(HOOKS.SECTIONS)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Rule: standard.md §5 [R].", "Rule: [standard.md §5][standard-5] [R]."),
        ("see standard §7 and §8", "see [standard §7][standard-7] and [§8][standard-8]"),
        ("(§8: a report naming", "([§8][standard-8]: a report naming"),
        ("``standard.md`` §3 and §8:", "``standard.md`` [§3][standard-3] and [§8][standard-8]:"),
        ("§2–§6", "[§2][standard-2]–[§6][standard-6]"),
        ("RFC 9110 §12.5.4, in order", "RFC 9110 §12.5.4, in order"),
        ("`standard.md §5` in code", "`standard.md §5` in code"),
        ("[standard.md §5][standard-5]", "[standard.md §5][standard-5]"),
        ("[see standard.md §5](x.md) or §6", "[see standard.md §5](x.md) or [§6][standard-6]"),
        ("standard.md §9", "standard.md §9"),
    ],
)
def test_sections_of_the_standard_become_links(line: str, expected: str) -> None:
    """References to the standard's sections link; other documents' sections and code do not."""
    assert HOOKS.link_sections(line) == expected


def test_doctests_become_code_blocks() -> None:
    """A doctest in running text is fenced as `pycon`; fenced code is left alone."""
    lines = ["Text.", ">>> x = [1][:1]", ">>> x", "[1]", "", "```python", ">>> kept", "```"]
    assert HOOKS.fence_doctests(lines) == [
        "Text.",
        "",
        "```pycon",
        ">>> x = [1][:1]",
        ">>> x",
        "[1]",
        "```",
        "",
        "```python",
        ">>> kept",
        "```",
    ]
