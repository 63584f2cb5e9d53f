import os
import subprocess

from plumbum.cmd import pulumi

# ruleid: pulumi-destroy
subprocess.run(["pulumi", "destroy", "--yes", "--stack", "dev"], check=True)

# ruleid: pulumi-destroy
os.system("pulumi --cwd infra down -s dev --skip-preview --yes")

# ruleid: pulumi-destroy
subprocess.Popen(f"pulumi destroy -y --stack {stack}", shell=True)

# ruleid: pulumi-destroy
pulumi["destroy", "--yes", "--non-interactive"]()

# ok: pulumi-destroy
subprocess.run(["pulumi", "destroy", "--preview-only", "--yes", "--stack", "dev"], check=True)

# ok: pulumi-destroy
subprocess.run(["pulumi", "destroy", "--stack", "dev"], check=True)

# ok: pulumi-destroy
subprocess.run(["pulumi", "up", "--yes", "--stack", "dev"], check=True)

# ok: pulumi-destroy
subprocess.run(["pulumi", "stack", "output", "--json"], check=True)

# ok: pulumi-destroy
os.system("echo pulumi destroy --yes")
