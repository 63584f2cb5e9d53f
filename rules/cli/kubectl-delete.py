import os
import subprocess

import logging

import sh

log = logging.getLogger(__name__)


def run_command(argv):
    return subprocess.run(argv, check=True)


# ruleid: kubectl-delete
subprocess.run(["kubectl", "delete", "namespace", "staging"], check=True)

# ruleid: kubectl-delete
os.system(f"kubectl --context {context} delete ns/{name}")

# ruleid: kubectl-delete
subprocess.run(["kubectl", "delete", "pods", "--all", "-n", "ci"], check=True)

# ruleid: kubectl-delete
subprocess.check_call("kubectl delete pvc -A -l app=runner", shell=True)

# ruleid: kubectl-delete
sh.kubectl("delete", "deployments", "--all-namespaces", "--selector=tier=preview")

# ruleid: kubectl-delete
run_command(["kubectl", "delete", "namespace", "mlrun"])

# ok: kubectl-delete
subprocess.run(["kubectl", "delete", "pod", "web-0", "-n", "staging"], check=True)

# ok: kubectl-delete
log.info(["kubectl", "delete", "namespace", "mlrun"])

# ok: kubectl-delete
BLOCKED_COMMANDS = frozenset(["kubectl delete namespace", "kubectl delete ns"])

# ok: kubectl-delete
is_blocked("kubectl delete namespace staging")

# ok: kubectl-delete
runner.assert_called_once_with(["kubectl", "delete", "namespace", "mlrun"])

# ok: kubectl-delete
subprocess.run(["kubectl", "delete", "-n", "ns", "pod", "web-0"], check=True)

# ok: kubectl-delete
subprocess.run(["kubectl", "get", "pods", "-A"], check=True)

# ok: kubectl-delete
subprocess.run(["kubectl", "delete", "namespace", "staging", "--dry-run=server"], check=True)

# ok: kubectl-delete
subprocess.run(["kubectl", "delete", "-f", "manifests/job.yaml"], check=True)

# ok: kubectl-delete
os.system("echo kubectl delete namespace staging")
