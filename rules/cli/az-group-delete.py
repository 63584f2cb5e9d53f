import os
import subprocess

# ruleid: az-group-delete
subprocess.run(["az", "group", "delete", "--name", "rg-orders-staging", "--yes"], check=True)

# ruleid: az-group-delete
os.system(f"az group delete -n {resource_group} -y --no-wait")

# ruleid: az-group-delete
subprocess.check_call("az login --identity && az group delete --yes --name rg-ci", shell=True)

# ok: az-group-delete
subprocess.run(["az", "group", "delete", "--name", "rg-orders-staging"], check=True)

# ok: az-group-delete
subprocess.run(["az", "group", "show", "--name", "rg-orders-staging"], check=True)

# ok: az-group-delete
subprocess.run(["az", "deployment", "group", "delete", "-g", "rg-orders", "-n", "deploy-1", "--yes"], check=True)

# ok: az-group-delete
os.system("echo az group delete --name rg-orders --yes")
