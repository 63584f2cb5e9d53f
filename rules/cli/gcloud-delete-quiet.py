import os
import subprocess

# ruleid: gcloud-delete-quiet
subprocess.run(["gcloud", "compute", "instances", "delete", "batch-runner", "--zone=europe-west1-b", "--quiet"], check=True)

# ruleid: gcloud-delete-quiet
os.system(f"gcloud --quiet projects delete {project_id}")

# ruleid: gcloud-delete-quiet
subprocess.run(["gcloud", "sql", "instances", "delete", instance, "-q"], check=True)

# ok: gcloud-delete-quiet
subprocess.run(["gcloud", "compute", "instances", "delete", "batch-runner", "--zone=europe-west1-b"], check=True)

# ok: gcloud-delete-quiet
subprocess.run(["gcloud", "compute", "instances", "list", "--quiet"], check=True)

# ok: gcloud-delete-quiet
subprocess.run(["gcloud", "compute", "instances", "list", "--filter=status:delete", "-q"], check=True)

# ok: gcloud-delete-quiet
os.system("echo gcloud projects delete acme-sandbox --quiet")
