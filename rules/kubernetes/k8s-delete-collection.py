from kubernetes import client, config

config.load_kube_config()
core = client.CoreV1Api()
custom = client.CustomObjectsApi()

# ruleid: k8s-delete-collection
core.delete_collection_namespaced_pod(namespace="ci")

# ruleid: k8s-delete-collection
core.delete_collection_namespaced_secret("ci", label_selector="app=runner")

# ruleid: k8s-delete-collection
custom.delete_collection_namespaced_custom_object("batch.volcano.sh", "v1alpha1", "ci", "jobs")

# ruleid: k8s-delete-collection
client.StorageV1Api().delete_collection_storage_class()

# ok: k8s-delete-collection
core.delete_collection_namespaced_pod(namespace="ci", dry_run="All")

# ok: k8s-delete-collection
core.delete_namespaced_pod(name="runner-0", namespace="ci")

# ok: k8s-delete-collection
core.list_namespaced_pod(namespace="ci", label_selector="app=runner")

# ok: k8s-delete-collection
vector_store.delete_collection("embeddings")

# ok: k8s-delete-collection
custom.delete_namespaced_custom_object("batch.volcano.sh", "v1alpha1", "ci", "jobs", "job-1")
