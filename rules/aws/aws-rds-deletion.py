import boto3

rds = boto3.client("rds", region_name="eu-west-1")

# ruleid: aws-rds-deletion
rds.delete_db_instance(DBInstanceIdentifier="orders-db", FinalDBSnapshotIdentifier="orders-db-final")

# ruleid: aws-rds-deletion
rds.delete_db_cluster(
    DBClusterIdentifier="analytics-aurora",
    SkipFinalSnapshot=False,
    FinalDBSnapshotIdentifier="analytics-aurora-final",
)


def drop_replica(client, identifier):
    # ruleid: aws-rds-deletion
    return client.delete_db_instance(DBInstanceIdentifier=identifier, DeleteAutomatedBackups=False)


async def drop_cluster(session, cluster_id, snapshot_id):
    async with session.client("rds") as client:
        # ruleid: aws-rds-deletion
        await client.delete_db_cluster(DBClusterIdentifier=cluster_id, FinalDBSnapshotIdentifier=snapshot_id)


# ok: aws-rds-deletion
rds.delete_db_instance(DBInstanceIdentifier="scratch-db", SkipFinalSnapshot=True)

# ok: aws-rds-deletion
rds.delete_db_cluster(DBClusterIdentifier="scratch", FinalDBSnapshotIdentifier="f", DeleteAutomatedBackups=True)

# ok: aws-rds-deletion
rds.stop_db_instance(DBInstanceIdentifier="orders-db")

# ok: aws-rds-deletion
rds.describe_db_instances(DBInstanceIdentifier="orders-db")

# ok: aws-rds-deletion
rds.delete_db_cluster_snapshot(DBClusterSnapshotIdentifier="old-snapshot")


def teardown_without_backup(client, name):
    params = {"DBInstanceIdentifier": name, "SkipFinalSnapshot": True}
    # ok: aws-rds-deletion
    client.delete_db_instance(**params)


def drop_with_params(client, name):
    params = {"DBInstanceIdentifier": name, "FinalDBSnapshotIdentifier": f"{name}-final"}
    # ruleid: aws-rds-deletion
    client.delete_db_instance(**params)


class DatabaseFixture:
    def delete_db_instance(self, identifier):
        self.deleted.append(identifier)

    def teardown(self):
        # ok: aws-rds-deletion
        self.delete_db_instance("test-db")
