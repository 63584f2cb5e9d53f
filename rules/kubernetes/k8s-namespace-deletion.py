from kubernetes import client, config

config.load_kube_config()
core = client.CoreV1Api()

# ruleid: k8s-namespace-deletion
core.delete_namespace("staging")

# ruleid: k8s-namespace-deletion
client.CoreV1Api().delete_namespace(name=namespace, body=client.V1DeleteOptions(propagation_policy="Foreground"))


def drop_preview_environments(names):
    for name in names:
        # ruleid: k8s-namespace-deletion
        core.delete_namespace(name=name, grace_period_seconds=0)


# ok: k8s-namespace-deletion
core.delete_namespace("staging", dry_run="All")

# ok: k8s-namespace-deletion
core.delete_namespaced_pod("web-0", "staging")

# ok: k8s-namespace-deletion
core.read_namespace("staging")

# ok: k8s-namespace-deletion
core.patch_namespace("staging", {"metadata": {"labels": {"retired": "true"}}})
