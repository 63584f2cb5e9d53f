import os
import tempfile
from tempfile import mktemp

# ruleid: insecure-temp-file
path = tempfile.mktemp(suffix=".json")

# ruleid: insecure-temp-file
scratch = mktemp()


def export(data, directory):
    # ruleid: insecure-temp-file
    target = tempfile.mktemp(prefix="export-", dir=directory)
    with open(target, "w") as handle:
        handle.write(data)
    return target


def legacy_name():
    # ruleid: insecure-temp-file
    return os.tempnam("/tmp", "job")


# ok: insecure-temp-file
fd, safe_path = tempfile.mkstemp(suffix=".json")

# ok: insecure-temp-file
handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)

# ok: insecure-temp-file
workdir = tempfile.mkdtemp()


class ExportTest:
    def test_export(self):
        # ok: insecure-temp-file
        target = self.mktemp()
        return target


# ok: insecure-temp-file
base = tempfile.gettempdir()
