from kubernetes import client
from kubernetes.client import V1HostPathVolumeSource

container = client.V1Container(
    name="agent",
    image="registry.example.com/agent:1.4",
    # ruleid: k8s-privileged-workload
    security_context=client.V1SecurityContext(privileged=True),
)

# ruleid: k8s-privileged-workload
escalating = client.V1SecurityContext(run_as_user=1000, allow_privilege_escalation=True)

# ruleid: k8s-privileged-workload
spec = client.V1PodSpec(containers=[container], host_network=True)

# ruleid: k8s-privileged-workload
root = client.V1Volume(name="host-root", host_path=V1HostPathVolumeSource(path="/"))

manifest = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "debug"},
    "spec": {
        "containers": [
            {
                "name": "shell",
                "image": "busybox",
                # ruleid: k8s-privileged-workload
                "securityContext": {"privileged": True},
            }
        ],
        "volumes": [
            # ruleid: k8s-privileged-workload
            {"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}},
        ],
    },
}

# ruleid: k8s-privileged-workload
node_debug = {"containers": [{"name": "shell", "image": "busybox"}], "hostPID": True}

# ok: k8s-privileged-workload
safe = client.V1SecurityContext(privileged=False, allow_privilege_escalation=False, run_as_non_root=True)

# ok: k8s-privileged-workload
plain_spec = client.V1PodSpec(containers=[container], host_network=False)

# ok: k8s-privileged-workload
cache = client.V1Volume(name="cache", host_path=V1HostPathVolumeSource(path="/var/cache/agent", type="DirectoryOrCreate"))

# ok: k8s-privileged-workload
capabilities = client.V1SecurityContext(capabilities=client.V1Capabilities(add=["NET_ADMIN"]))

# ok: k8s-privileged-workload
user = {"name": "alice", "privileged": True, "roles": ["admin"]}

# ok: k8s-privileged-workload
logs = {"name": "logs", "hostPath": {"path": "/var/log/agent"}}

# ok: k8s-privileged-workload
docker_service = {"image": "busybox", "privileged": True, "network_mode": "host"}
