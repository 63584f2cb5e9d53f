"""Tear-down helpers.

Running `terraform destroy` here by hand is fine; the code below must not.
"""

import asyncio
import logging
import os
import subprocess

import sh
from plumbum import local

log = logging.getLogger(__name__)

# ruleid: terraform-destroy
subprocess.run(["terraform", "destroy", "-auto-approve"], check=True, cwd="infra")

# ruleid: terraform-destroy
os.system(f"cd {workdir} && terraform apply -destroy -auto-approve -var-file=dev.tfvars")

# ruleid: terraform-destroy
subprocess.check_call(["tofu", "-chdir=infra", "destroy", "-auto-approve"])

command = "terraform destroy -input=false -auto-approve"
# ruleid: terraform-destroy
subprocess.run(command, shell=True, check=True)


async def teardown():
    # ruleid: terraform-destroy
    process = await asyncio.create_subprocess_exec("terraform", "destroy", "-auto-approve", cwd="infra")
    await process.wait()


# ruleid: terraform-destroy
sh.terraform("destroy", "-auto-approve", _cwd="infra")

# ruleid: terraform-destroy
local["terraform"]["destroy", "-auto-approve"]()

# ok: terraform-destroy
subprocess.run(["terraform", "plan", "-destroy", "-out=destroy.tfplan"], check=True, cwd="infra")

# ok: terraform-destroy
subprocess.run(["echo", "terraform destroy"], check=True)

# ok: terraform-destroy
log.info("run terraform destroy -auto-approve when the test is over")

# ok: terraform-destroy
subprocess.run(["terraform", "apply", "-auto-approve"], check=True)

# ok: terraform-destroy
log.warning("cleanup skipped; terraform destroy -auto-approve must be run by hand")

# ok: terraform-destroy
os.system("terraform output -json destroy_after")

# ok: terraform-destroy
sh.terraform("plan", "-destroy")

# ok: terraform-destroy
local["terraform-docs"]["destroy"]()

# terraform destroy -auto-approve
# ok: terraform-destroy
subprocess.run(["terraform", "state", "list"], check=True)
