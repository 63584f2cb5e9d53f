"""Whole-change rules (AIL501, AIL502, AIL505) on throwaway git repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_diff_mode import ailint, git, rows

PRICING = '''\
"""Prices."""


def total(items):
    return sum(item.price for item in items)
'''
NEW_FUNCTION = PRICING + '''

def discount(amount):
    if amount > 100:
        return amount * 0.1
    return 0
'''
TEST_PRICING = '''\
from shop.pricing import total


def test_total():
    assert total([]) == 0
'''


def shop_repository(tmp_path: Path, select: str, pricing: str = PRICING, test_pricing: str = TEST_PRICING) -> Path:
    """A committed git repository: a ``shop`` package with its pricing module and its test."""
    root = tmp_path / "shop-repo"
    (root / "shop").mkdir(parents=True)
    (root / "tests").mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "pyproject.toml").write_text(f"[tool.ailint]\nselect = {select}\n")
    (root / "shop" / "__init__.py").write_text("")
    (root / "shop" / "pricing.py").write_text(pricing)
    (root / "tests" / "test_pricing.py").write_text(test_pricing)
    (root / "README.md").write_text("# shop\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    return root


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return shop_repository(tmp_path, "['AIL501', 'AIL502', 'AIL505']")


def staged(root: Path) -> list[tuple[str, int, str]]:
    git(root, "add", "-A")
    return rows(ailint(root, "--staged"))


def test_a_new_function_with_no_test_is_flagged(shop: Path):
    (shop / "shop" / "pricing.py").write_text(NEW_FUNCTION)
    assert staged(shop) == [("shop/pricing.py", 8, "AIL501"), ("shop/pricing.py", 8, "AIL502")]


def test_a_new_function_with_a_new_test_that_calls_it_is_not_flagged(shop: Path):
    (shop / "shop" / "pricing.py").write_text(NEW_FUNCTION)
    (shop / "tests" / "test_discounts.py").write_text(
        "from shop.pricing import discount\n\n\ndef test_discount():\n    assert discount(200) == 20\n"
    )
    assert staged(shop) == []


def test_a_docs_only_change_is_not_flagged(shop: Path):
    (shop / "README.md").write_text("# shop\n\nPrices and discounts.\n")
    assert staged(shop) == []


def test_a_docstring_comment_or_type_hint_edit_is_not_a_functional_change(shop: Path):
    edited = PRICING.replace('"""Prices."""', '"""Prices, in cents."""').replace(
        "def total(items):\n", "def total(items: list) -> int:\n    # the sum of the prices\n"
    )
    (shop / "shop" / "pricing.py").write_text(edited)
    assert staged(shop) == []


def test_a_behaviour_change_covered_by_an_edited_test_is_not_flagged(shop: Path):
    (shop / "shop" / "pricing.py").write_text(PRICING.replace("item.price", "item.price * item.quantity"))
    assert staged(shop) == [("shop/pricing.py", 5, "AIL501")]
    (shop / "tests" / "test_pricing.py").write_text(TEST_PRICING + "\n\ndef test_quantity():\n    assert total([]) == 0\n")
    assert staged(shop) == []


def test_a_module_renamed_with_its_tests_moved_is_not_flagged(shop: Path):
    git(shop, "mv", "shop/pricing.py", "shop/prices.py")
    git(shop, "mv", "tests/test_pricing.py", "tests/test_prices.py")
    (shop / "tests" / "test_prices.py").write_text(TEST_PRICING.replace("shop.pricing", "shop.prices"))
    assert staged(shop) == []


def test_a_removed_test_is_flagged_but_a_moved_one_is_not(shop: Path):
    (shop / "tests" / "test_pricing.py").write_text("from shop.pricing import total\n")
    assert staged(shop) == [("tests/test_pricing.py", 1, "AIL505")]
    (shop / "tests" / "test_totals.py").write_text(TEST_PRICING)
    assert staged(shop) == []


def test_a_deleted_test_file_is_flagged(shop: Path):
    (shop / "tests" / "test_pricing.py").unlink()
    assert staged(shop) == [("tests/test_pricing.py", 1, "AIL505")]


def test_a_skip_without_a_reason_is_flagged_and_one_with_a_reason_is_not(shop: Path):
    skipped = TEST_PRICING.replace("def test_total", "import pytest\n\n\n@pytest.mark.skip\ndef test_total")
    (shop / "tests" / "test_pricing.py").write_text(skipped)
    assert staged(shop) == [("tests/test_pricing.py", 7, "AIL505")]
    (shop / "tests" / "test_pricing.py").write_text(skipped.replace("@pytest.mark.skip", "@pytest.mark.skip(reason='PAY-412')"))
    assert staged(shop) == []


def test_whole_change_rules_stay_quiet_outside_diff_mode(shop: Path):
    (shop / "shop" / "pricing.py").write_text(NEW_FUNCTION)
    assert rows(ailint(shop)) == []


def test_the_test_layout_is_configurable(shop: Path):
    (shop / "shop" / "pricing.py").write_text(PRICING.replace("item.price", "item.price * item.quantity"))
    (shop / "checks").mkdir()
    (shop / "checks" / "check_pricing.py").write_text("def check_total():\n    assert True\n")
    assert ("shop/pricing.py", 5, "AIL501") in staged(shop)  # checks/ is not a test directory
    (shop / "pyproject.toml").write_text(
        "[tool.ailint]\nselect = ['AIL501']\n\n[tool.ailint.tests]\n"
        "test-paths = ['checks/']\ntest-patterns = ['check_{module}.py']\n"
    )
    assert staged(shop) == []
    (shop / "pyproject.toml").write_text(
        "[tool.ailint]\nselect = ['AIL501']\n\n[tool.ailint.tests]\nsource-paths = ['lib/']\n"
    )
    assert staged(shop) == []  # shop/ is not production code under this layout


@pytest.mark.parametrize(
    ("test_code", "flagged"),
    [
        ("def test_discount():\n    discount(200)\n", True),
        ("import pytest\n\n\ndef test_discount():\n    with pytest.raises(ValueError):\n        discount(-1)\n", False),
        (
            "def check_discount(amount, expected):\n    assert discount(amount) == expected\n\n\n"
            "def test_discount():\n    check_discount(200, 20)\n",
            False,
        ),
        (
            "def expect_discount(amount, expected):\n    assert discount(amount) == expected\n\n\n"
            "def run_case(amount):\n    expect_discount(amount, amount / 10)\n\n\n"
            "def test_discount():\n    run_case(200)\n",
            False,
        ),
    ],
    ids=["no-assertion", "only-pytest-raises", "helper-asserts", "helper-of-helper-asserts"],
)
def test_a_staged_test_that_asserts_nothing_is_flagged(shop: Path, test_code: str, flagged: bool):
    (shop / "pyproject.toml").write_text("[tool.ailint]\nselect = ['AIL503']\n")
    git(shop, "commit", "-q", "-am", "only AIL503")
    (shop / "tests" / "test_discounts.py").write_text("from shop.pricing import discount\n\n\n" + test_code)
    found = staged(shop)
    assert [code for _, _, code in found] == (["AIL503"] if flagged else [])


def test_new_public_methods_count_but_framework_hooks_do_not(shop: Path):
    (shop / "shop" / "cart.py").write_text(
        "class Cart:\n    def add_item(self, item):\n        self.items.append(item)\n\n"
        "    def visit_Item(self, node):\n        return node\n\n    def setUp(self):\n        self.items = []\n\n"
        "    def _helper(self):\n        return 1\n"
    )
    (shop / "tests" / "test_cart.py").write_text("from shop.cart import Cart\n\n\ndef test_cart():\n    assert Cart\n")
    assert staged(shop) == [("shop/cart.py", 2, "AIL502")]
