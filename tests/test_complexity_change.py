"""AIL621 (complexity-grew) on throwaway git repositories, and AIL620 beside it in diff mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_diff_mode import ailint, git, rows
from test_whole_change import shop_repository


def _cases(count: int, indent: str = "    ", start: int = 0) -> str:
    return "".join(f"{indent}if order.kind == {n}:\n{indent}    return {n}\n" for n in range(start, start + count))


# complexity 2
PRICING = '''\
"""Prices."""


def discount(order):
    """The discount, in percent."""
    if order.total > 100:
        return 10
    return 0


def total(items):
    return sum(item.price for item in items)
'''
DISCOUNT_END = "        return 10\n"


def grown(count: int, source: str = PRICING, after: str = DISCOUNT_END) -> str:
    """``source`` with ``count`` more branches in ``discount`` (its `def` line untouched)."""
    return source.replace(after, after + _cases(count), 1)


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return shop_repository(
        tmp_path, "['AIL620', 'AIL621']", PRICING, "def test_discount(order):\n    if order:\n        return\n"
    )


def staged(root: Path, *args: str) -> list[tuple[str, int, str]]:
    git(root, "add", "-A")
    return rows(ailint(root, "--staged", *args))


def test_growth_above_the_step_is_flagged_on_the_def_line_even_under_the_limit(shop: Path):
    (shop / "shop" / "pricing.py").write_text(grown(6))  # 2 -> 8
    git(shop, "add", "-A")
    result = ailint(shop, "--staged")
    assert rows(result) == [("shop/pricing.py", 4, "AIL621")]
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["message"] == (
        "`discount` grew from complexity 2 to 8 in this change (+6, more than 5): split it"
    )


def test_growth_within_the_step_is_not_flagged(shop: Path):
    (shop / "shop" / "pricing.py").write_text(grown(5))  # 2 -> 7
    assert staged(shop) == []


def test_the_step_is_configurable(shop: Path):
    (shop / "pyproject.toml").write_text(
        "[tool.ailint]\nselect = ['AIL620', 'AIL621']\n\n[tool.ailint.rules.AIL621]\nmax-growth = 2\n"
    )
    git(shop, "commit", "-q", "-am", "stricter")
    (shop / "shop" / "pricing.py").write_text(grown(3))
    assert staged(shop) == [("shop/pricing.py", 4, "AIL621")]


def test_a_function_grown_over_the_limit_gets_ail621_and_ail620_only_on_its_def_line(shop: Path):
    (shop / "shop" / "pricing.py").write_text(grown(15))  # 2 -> 17, `def` line unchanged
    assert staged(shop) == [("shop/pricing.py", 4, "AIL621")]
    assert staged(shop, "--diff-scope", "files") == [("shop/pricing.py", 4, "AIL620"), ("shop/pricing.py", 4, "AIL621")]
    # Once the signature changes too, the `def` line is a changed line.
    (shop / "shop" / "pricing.py").write_text(grown(15).replace("def discount(order):", "def discount(order, day):"))
    assert staged(shop) == [("shop/pricing.py", 4, "AIL620"), ("shop/pricing.py", 4, "AIL621")]


def test_a_new_complex_function_is_ail620_not_ail621(shop: Path):
    (shop / "shop" / "pricing.py").write_text(PRICING + "\n\ndef shipping(order):\n" + _cases(16))
    assert staged(shop) == [("shop/pricing.py", 15, "AIL620")]
    (shop / "shop" / "rates.py").write_text("def rate(order):\n" + _cases(16))
    assert staged(shop) == [("shop/pricing.py", 15, "AIL620"), ("shop/rates.py", 1, "AIL620")]


def test_a_function_renamed_or_moved_into_a_class_has_no_old_version(shop: Path):
    renamed = grown(8).replace("def discount(", "def rebate(")
    (shop / "shop" / "pricing.py").write_text(renamed)
    assert staged(shop) == []
    head, rest = grown(8).split("def discount(order):")
    function, tail = rest.split("\n\n\n")
    method = "".join(f"    {line}\n" if line else "\n" for line in f"def discount(self, order):{function}".splitlines())
    moved = f"{head}class Pricing:\n{method}\n\n{tail}"
    (shop / "shop" / "pricing.py").write_text(moved)
    assert staged(shop) == []


def test_methods_and_nested_functions_are_matched_by_dotted_name(shop: Path):
    nested = (
        "class Cart:\n    def checkout(self, order):\n        def fee(order):\n"
        "            if order.total > 100:\n                return 10\n            return 0\n"
        "        return fee(order)\n"
    )
    (shop / "shop" / "cart.py").write_text(nested)
    git(shop, "add", "-A")
    git(shop, "commit", "-q", "-m", "cart")
    (shop / "shop" / "cart.py").write_text(nested.replace("                return 10\n", "                return 10\n" + _cases(6, "            ")))
    git(shop, "add", "-A")
    result = ailint(shop, "--staged")
    assert rows(result) == [("shop/cart.py", 3, "AIL621")]
    assert "`Cart.checkout.fee` grew from complexity 2 to 8" in json.loads(result.stdout)["findings"][0]["message"]


def test_docstring_comment_and_formatting_changes_are_not_growth(shop: Path):
    edited = PRICING.replace('"""The discount, in percent."""', '"""The discount.\n\n    In percent, 0 to 100.\n    """')
    edited = edited.replace("    if order.total > 100:\n", "    # big orders\n    if (order.total\n            > 100):\n")
    (shop / "shop" / "pricing.py").write_text(edited)
    assert staged(shop) == []


def test_a_renamed_file_is_compared_with_its_old_content(shop: Path):
    # enough unchanged lines for git to see a rename (50% similar)
    padding = "".join(f"\n\ndef price_{n}(item):\n    return item.price * {n}\n" for n in range(12))
    (shop / "shop" / "pricing.py").write_text(PRICING + padding)
    git(shop, "commit", "-q", "-am", "more prices")
    git(shop, "mv", "shop/pricing.py", "shop/prices.py")
    (shop / "shop" / "prices.py").write_text(grown(7) + padding)
    git(shop, "add", "-A")
    assert "rename from shop/pricing.py" in git(shop, "diff", "--cached", "-M")
    assert staged(shop) == [("shop/prices.py", 4, "AIL621")]


def test_deleted_functions_and_files_and_test_files_are_not_reported(shop: Path):
    (shop / "shop" / "pricing.py").write_text(PRICING.split("\n\n\ndef total")[0] + "\n")
    (shop / "tests" / "test_pricing.py").write_text(
        "def test_discount(order):\n    if order:\n        return\n" + _cases(8)
    )
    assert staged(shop) == []
    (shop / "shop" / "pricing.py").unlink()
    assert staged(shop) == []


def test_excluded_files_and_suppressions_are_respected(shop: Path):
    (shop / "pyproject.toml").write_text("[tool.ailint]\nselect = ['AIL620', 'AIL621']\nextend-exclude = ['shop/']\n")
    git(shop, "commit", "-q", "-am", "exclude shop")
    (shop / "shop" / "pricing.py").write_text(grown(6))
    assert staged(shop) == []
    (shop / "pyproject.toml").write_text("[tool.ailint]\nselect = ['AIL620', 'AIL621']\n")
    (shop / "shop" / "pricing.py").write_text(
        grown(6).replace("def discount(order):", "def discount(order):  # noqa: AIL621")
    )
    assert staged(shop) == []


def test_a_patch_file_and_a_diff_base_work_the_same(shop: Path, tmp_path: Path):
    git(shop, "checkout", "-q", "-b", "feature")
    (shop / "shop" / "pricing.py").write_text(grown(6))
    patch = tmp_path / "change.patch"
    patch.write_text(git(shop, "diff", "--unified=0"))
    assert rows(ailint(shop, "--diff-file", str(patch))) == [("shop/pricing.py", 4, "AIL621")]
    git(shop, "commit", "-q", "-am", "grow")
    assert rows(ailint(shop, "--diff-base", "main")) == [("shop/pricing.py", 4, "AIL621")]


def test_ail621_stays_quiet_outside_diff_mode(shop: Path):
    (shop / "shop" / "pricing.py").write_text(grown(6))
    assert rows(ailint(shop)) == []


def test_a_patch_file_with_context_lines(shop: Path, tmp_path: Path):
    (shop / "shop" / "pricing.py").write_text(grown(6))
    patch = tmp_path / "change.patch"
    patch.write_text(git(shop, "diff"))
    assert rows(ailint(shop, "--diff-file", str(patch))) == [("shop/pricing.py", 4, "AIL621")]
