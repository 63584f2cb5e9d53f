import boto3
from google.cloud import container_v1

eks = boto3.client("eks")
ecs = boto3.client("ecs")

# ruleid: aws-container-cluster-deletion
eks.delete_cluster(name="platform-prod")

# ruleid: aws-container-cluster-deletion
ecs.delete_cluster(cluster="web-services")


def cleanup(client, prefix):
    for name in client.list_clusters()["clusters"]:
        if name.startswith(prefix):
            # ruleid: aws-container-cluster-deletion
            client.delete_cluster(name=name)


# ok: aws-container-cluster-deletion
eks.describe_cluster(name="platform-prod")

# ok: aws-container-cluster-deletion
eks.delete_nodegroup(clusterName="platform-prod", nodegroupName="spot-workers")

# ok: aws-container-cluster-deletion
ecs.update_service(cluster="web-services", service="api", desiredCount=0)

redshift = boto3.client("redshift")
# ok: aws-container-cluster-deletion
redshift.delete_cluster(ClusterIdentifier="warehouse", FinalClusterSnapshotIdentifier="warehouse-final")


def delete_gke(project, location, cluster_name):
    gke = container_v1.ClusterManagerClient()
    # ok: aws-container-cluster-deletion
    gke.delete_cluster(name=f"projects/{project}/locations/{location}/clusters/{cluster_name}")
