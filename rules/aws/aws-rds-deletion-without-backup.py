import boto3

rds = boto3.client("rds")

# ruleid: aws-rds-deletion-without-backup
rds.delete_db_instance(DBInstanceIdentifier="orders-db", SkipFinalSnapshot=True)

# ruleid: aws-rds-deletion-without-backup
rds.delete_db_cluster(DBClusterIdentifier="analytics", SkipFinalSnapshot=True, DeleteAutomatedBackups=True)


def purge(client, identifier, snapshot_id):
    # ruleid: aws-rds-deletion-without-backup
    client.delete_db_instance(
        DBInstanceIdentifier=identifier,
        FinalDBSnapshotIdentifier=snapshot_id,
        DeleteAutomatedBackups=True,
    )


def teardown(client, name):
    params = {"DBInstanceIdentifier": name, "SkipFinalSnapshot": True}
    # ruleid: aws-rds-deletion-without-backup
    client.delete_db_instance(**params)


# ok: aws-rds-deletion-without-backup
rds.delete_db_instance(DBInstanceIdentifier="orders-db", FinalDBSnapshotIdentifier="orders-db-final")

# ok: aws-rds-deletion-without-backup
rds.delete_db_cluster(DBClusterIdentifier="analytics", SkipFinalSnapshot=False, FinalDBSnapshotIdentifier="a-final")

# ok: aws-rds-deletion-without-backup
rds.delete_db_instance(DBInstanceIdentifier="orders-db", FinalDBSnapshotIdentifier="f", DeleteAutomatedBackups=False)

# ok: aws-rds-deletion-without-backup
rds.delete_db_instance_automated_backups(DbiResourceId="db-ABCDEFGHIJKL")


def keep_backups(client, name):
    params = {"DBInstanceIdentifier": name, "SkipFinalSnapshot": True}
    # ok: aws-rds-deletion-without-backup
    client.stop_db_instance(**params)
