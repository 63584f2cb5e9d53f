from kubernetes import client

rbac = client.RbacAuthorizationV1Api()

binding = client.V1ClusterRoleBinding(
    metadata=client.V1ObjectMeta(name="ci-runner-admin"),
    # ruleid: k8s-cluster-admin-binding
    role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="cluster-admin"),
    subjects=[client.RbacV1Subject(kind="ServiceAccount", name="ci-runner", namespace="ci")],
)
rbac.create_cluster_role_binding(binding)

rbac.create_cluster_role_binding(
    body={
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "ClusterRoleBinding",
        "metadata": {"name": "agent-admin"},
        # ruleid: k8s-cluster-admin-binding
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
        "subjects": [{"kind": "ServiceAccount", "name": "agent", "namespace": "default"}],
    }
)

rbac.create_namespaced_role_binding(
    "default",
    client.V1RoleBinding(
        metadata=client.V1ObjectMeta(name="agent-admin"),
        # ruleid: k8s-cluster-admin-binding
        role_ref={"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
        subjects=[client.RbacV1Subject(kind="ServiceAccount", name="agent", namespace="default")],
    ),
)

# ok: k8s-cluster-admin-binding
view_ref = client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="view")

manifest = {
    "kind": "ClusterRoleBinding",
    # ok: k8s-cluster-admin-binding
    "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "admin-readonly"},
}

# ok: k8s-cluster-admin-binding
role = rbac.read_cluster_role(name="cluster-admin")

# ok: k8s-cluster-admin-binding
rbac.list_cluster_role_binding(field_selector="roleRef.name=cluster-admin")

# ok: k8s-cluster-admin-binding
metadata = {"name": "cluster-admin", "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"}}
