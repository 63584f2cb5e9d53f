from azure.identity import DefaultAzureCredential
from azure.mgmt.resource import ResourceManagementClient

client = ResourceManagementClient(DefaultAzureCredential(), subscription_id)

# ruleid: azure-resource-group-deletion
client.resource_groups.begin_delete("rg-orders-staging").result()

# ruleid: azure-resource-group-deletion
poller = ResourceManagementClient(credential, sub).resource_groups.begin_delete(resource_group_name=name, force_deletion_types="Microsoft.Compute/virtualMachines")


async def drop(aio_client, names):
    for name in names:
        # ruleid: azure-resource-group-deletion
        await aio_client.resource_groups.begin_delete(name)


# ruleid: azure-resource-group-deletion
client.resource_groups.delete("rg-legacy")

# ok: azure-resource-group-deletion
client.resource_groups.get("rg-orders-staging")

# ok: azure-resource-group-deletion
client.resource_groups.check_existence("rg-orders-staging")

# ok: azure-resource-group-deletion
client.deployments.begin_delete("rg-orders-staging", "deploy-2024-05-01")

# ok: azure-resource-group-deletion
client.resources.begin_delete_by_id(resource_id, api_version="2023-07-01")

# ok: azure-resource-group-deletion
client.resource_groups.begin_export_template("rg-orders-staging", {"resources": ["*"]})
