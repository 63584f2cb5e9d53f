from kubernetes import client, config, dynamic

config.load_kube_config()
core = client.CoreV1Api()
apps = client.AppsV1Api()
custom = client.CustomObjectsApi()

for pod in core.list_namespaced_pod("ci").items:
    # ruleid: k8s-unscoped-deletion
    core.delete_namespaced_pod(pod.metadata.name, "ci")


def prune(namespace):
    deployments = apps.list_namespaced_deployment(namespace, label_selector="tier=preview")
    for deployment in deployments.items:
        if deployment.status.ready_replicas == 0:
            # ruleid: k8s-unscoped-deletion
            apps.delete_namespaced_deployment(name=deployment.metadata.name, namespace=namespace)


for job in custom.list_namespaced_custom_object("batch.volcano.sh", "v1alpha1", "ci", "jobs")["items"]:
    # ruleid: k8s-unscoped-deletion
    custom.delete_namespaced_custom_object("batch.volcano.sh", "v1alpha1", "ci", "jobs", job["metadata"]["name"])

for job in custom.list_namespaced_custom_object("batch.volcano.sh", "v1alpha1", "ci", "jobs")["items"]:
    # ok: k8s-unscoped-deletion
    custom.delete_namespaced_custom_object("batch.volcano.sh", "v1alpha1", "ci", "jobs", "nightly")

dyn = dynamic.DynamicClient(client.ApiClient())
configmaps = dyn.resources.get(api_version="v1", kind="ConfigMap")
# ruleid: k8s-unscoped-deletion
configmaps.delete(namespace="ci", label_selector="")

for pod in core.list_namespaced_pod("ci").items:
    # ok: k8s-unscoped-deletion
    core.read_namespaced_pod_log(pod.metadata.name, "ci")

for pod in core.list_namespaced_pod("ci").items:
    # ok: k8s-unscoped-deletion
    core.delete_namespaced_pod("runner-0", "ci")

for pod in core.list_namespaced_pod("ci").items:
    # ok: k8s-unscoped-deletion
    core.delete_namespaced_pod(pod.metadata.name, "ci", dry_run="All")


def delete_one(pod_name):
    # ok: k8s-unscoped-deletion
    core.delete_namespaced_pod(pod_name, "ci")


# ok: k8s-unscoped-deletion
configmaps.delete(namespace="ci", label_selector="app=runner")
