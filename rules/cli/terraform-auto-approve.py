import os
import subprocess

from sh import terraform

# ruleid: terraform-auto-approve
subprocess.run(["terraform", "apply", "-auto-approve"], check=True, cwd="infra")

# ruleid: terraform-auto-approve
os.system(f"terraform -chdir={path} apply -input=false --auto-approve")

# ruleid: terraform-auto-approve
subprocess.check_output("terraform init && tofu apply -auto-approve -var env=dev", shell=True)

# ruleid: terraform-auto-approve
terraform.apply("-auto-approve", _cwd="infra")

# ok: terraform-auto-approve
subprocess.run(["terraform", "apply", "tfplan"], check=True, cwd="infra")

# ok: terraform-auto-approve
subprocess.run(["terraform", "plan", "-out=tfplan"], check=True, cwd="infra")

# ok: terraform-auto-approve
subprocess.run(["terraform", "apply", "-auto-approve=false"], check=True)

# ok: terraform-auto-approve
subprocess.run(["terraform", "destroy", "-auto-approve"], check=True)

# ok: terraform-auto-approve
print("terraform apply -auto-approve")

# ok: terraform-auto-approve
subprocess.run("terraform apply && echo -auto-approve", shell=True)
