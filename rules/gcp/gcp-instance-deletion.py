from google.cloud import compute_v1, sql_v1
from googleapiclient import discovery

instances = compute_v1.InstancesClient()
disks = compute_v1.DisksClient()

# ruleid: gcp-instance-deletion
instances.delete(project="acme-prod", zone="europe-west1-b", instance="batch-runner")

# ruleid: gcp-instance-deletion
compute_v1.InstancesClient().delete(request=compute_v1.DeleteInstanceRequest(project=project, zone=zone, instance=name))

sql = sql_v1.SqlInstancesServiceClient()
# ruleid: gcp-instance-deletion
sql.delete(request={"project": project, "instance": "orders-db"})

compute = discovery.build("compute", "v1")
# ruleid: gcp-instance-deletion
compute.instances().delete(project=project, zone=zone, instance=name).execute()

sqladmin = discovery.build("sqladmin", "v1beta4")
# ruleid: gcp-instance-deletion
sqladmin.instances().delete(project=project, instance="orders-db").execute()

# ok: gcp-instance-deletion
instances.stop(project="acme-prod", zone="europe-west1-b", instance="batch-runner")

# ok: gcp-instance-deletion
instances.delete_access_config(project=project, zone=zone, instance=name, access_config="External NAT", network_interface="nic0")

# ok: gcp-instance-deletion
disks.delete(project=project, zone=zone, disk="scratch-1")

# ok: gcp-instance-deletion
sql_v1.SqlDatabasesServiceClient().delete(project=project, instance="orders-db", database="scratch")

# ok: gcp-instance-deletion
compute.instances().list(project=project, zone=zone).execute()

# ok: gcp-instance-deletion
compute.instanceTemplates().delete(project=project, instanceTemplate="old-template").execute()
