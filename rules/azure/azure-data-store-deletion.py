from azure.identity import DefaultAzureCredential
from azure.mgmt.cosmosdb import CosmosDBManagementClient
from azure.mgmt.keyvault import KeyVaultManagementClient
from azure.mgmt.sql import SqlManagementClient
from azure.mgmt.storage import StorageManagementClient

credential = DefaultAzureCredential()
storage = StorageManagementClient(credential, subscription_id)
sql = SqlManagementClient(credential, subscription_id)
cosmos = CosmosDBManagementClient(credential, subscription_id)
keyvault = KeyVaultManagementClient(credential, subscription_id)

# ruleid: azure-data-store-deletion
storage.storage_accounts.delete("rg-orders", "ordersexports")

# ruleid: azure-data-store-deletion
sql.databases.begin_delete("rg-orders", "sql-orders", "orders").result()

# ruleid: azure-data-store-deletion
sql.servers.begin_delete(resource_group_name="rg-orders", server_name="sql-orders")

# ruleid: azure-data-store-deletion
cosmos.database_accounts.begin_delete("rg-orders", "cosmos-orders")

# ruleid: azure-data-store-deletion
keyvault.vaults.delete("rg-orders", "kv-orders")

# ruleid: azure-data-store-deletion
keyvault.vaults.begin_purge_deleted("kv-orders", "westeurope")

# ok: azure-data-store-deletion
storage.storage_accounts.get_properties("rg-orders", "ordersexports")

# ok: azure-data-store-deletion
storage.storage_accounts.list_keys("rg-orders", "ordersexports")

# ok: azure-data-store-deletion
sql.firewall_rules.delete("rg-orders", "sql-orders", "allow-office")

# ok: azure-data-store-deletion
sql.databases.get("rg-orders", "sql-orders", "orders")

# ok: azure-data-store-deletion
keyvault.vaults.get_deleted("kv-orders", "westeurope")

# ok: azure-data-store-deletion
cosmos.database_accounts.begin_failover_priority_change("rg-orders", "cosmos-orders", policies)
