import os
import subprocess

from plumbum import local

# ruleid: helm-uninstall
subprocess.run(["helm", "uninstall", "web", "-n", "apps"], check=True)

# ruleid: helm-uninstall
os.system(f"helm --kube-context {context} delete {release} --wait")

# ruleid: helm-uninstall
local["helm"]("un", "web", "--namespace", "apps")

# ok: helm-uninstall
subprocess.run(["helm", "uninstall", "web", "-n", "apps", "--dry-run"], check=True)

# ok: helm-uninstall
subprocess.run(["helm", "plugin", "uninstall", "diff"], check=True)

# ok: helm-uninstall
subprocess.run(["helm", "upgrade", "--install", "web", "./chart", "-n", "apps"], check=True)

# ok: helm-uninstall
subprocess.run(["helm", "-n", "delete", "list"], check=True)
