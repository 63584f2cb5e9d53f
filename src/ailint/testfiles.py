"""Which files are tests: rules treat test code differently (temporary data, copy-paste)."""

from __future__ import annotations

from pathlib import PurePath

_TEST_DIRECTORIES = frozenset({"test", "tests", "testing", "fixtures", "testdata", "test_data"})


def is_test_file(path: str) -> bool:
    """Test modules, conftest files and anything under a test or fixture directory."""
    parts = PurePath(path.replace("\\", "/")).parts
    name = parts[-1] if parts else ""
    if name == "conftest.py" or name.startswith("test_") or name.endswith(("_test.py", "_tests.py")):
        return True
    return name == "tests.py" or any(part.lower() in _TEST_DIRECTORIES for part in parts[:-1])
