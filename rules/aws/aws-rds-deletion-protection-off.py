import boto3

session = boto3.Session(profile_name="prod")
rds = session.client("rds")

# ruleid: aws-rds-deletion-protection-off
rds.modify_db_instance(DBInstanceIdentifier="orders-db", DeletionProtection=False, ApplyImmediately=True)

# ruleid: aws-rds-deletion-protection-off
rds.modify_db_cluster(DBClusterIdentifier="analytics", DeletionProtection=False)

# ruleid: aws-rds-deletion-protection-off
rds.create_db_instance(
    DBInstanceIdentifier="reports",
    DBInstanceClass="db.t3.micro",
    Engine="postgres",
    AllocatedStorage=20,
    DeletionProtection=False,
)


def unprotect(client, cluster_id):
    settings = {"DBClusterIdentifier": cluster_id, "DeletionProtection": False, "ApplyImmediately": True}
    # ruleid: aws-rds-deletion-protection-off
    client.modify_db_cluster(**settings)


# ok: aws-rds-deletion-protection-off
rds.modify_db_instance(DBInstanceIdentifier="orders-db", DeletionProtection=True)

# ok: aws-rds-deletion-protection-off
rds.modify_db_instance(DBInstanceIdentifier="orders-db", BackupRetentionPeriod=7, ApplyImmediately=True)

# ok: aws-rds-deletion-protection-off
rds.create_db_instance(DBInstanceIdentifier="reports", DBInstanceClass="db.t3.micro", Engine="postgres", AllocatedStorage=20)

# ok: aws-rds-deletion-protection-off
rds.modify_db_snapshot_attribute(DBSnapshotIdentifier="s", AttributeName="restore", ValuesToAdd=["123456789012"])

dynamodb = boto3.client("dynamodb")
# ok: aws-rds-deletion-protection-off
dynamodb.update_table(TableName="orders", DeletionProtectionEnabled=False)
