import boto3
from google.cloud import bigquery

dynamodb = boto3.resource("dynamodb", region_name="us-east-1")
client = boto3.client("dynamodb")

# ruleid: aws-dynamodb-delete-table
client.delete_table(TableName="orders")

# ruleid: aws-dynamodb-delete-table
dynamodb.Table("sessions").delete()


def reset(table_name):
    table = dynamodb.Table(table_name)
    # ruleid: aws-dynamodb-delete-table
    table.delete()
    table.wait_until_not_exists()


async def drop(session, name):
    async with session.client("dynamodb") as ddb:
        # ruleid: aws-dynamodb-delete-table
        await ddb.delete_table(TableName=name)


# ok: aws-dynamodb-delete-table
client.delete_item(TableName="orders", Key={"pk": {"S": "order#1"}})

# ok: aws-dynamodb-delete-table
client.describe_table(TableName="orders")

# ok: aws-dynamodb-delete-table
client.update_table(TableName="orders", DeletionProtectionEnabled=True)


def remove_item(table_name, key):
    table = dynamodb.Table(table_name)
    # ok: aws-dynamodb-delete-table
    table.delete_item(Key=key)


def drop_bigquery(table_id):
    bq = bigquery.Client()
    # ok: aws-dynamodb-delete-table
    bq.delete_table(table_id, not_found_ok=True)


def clear_audit_rows(engine, metadata):
    import sqlalchemy as sa

    audit = sa.Table("audit_log", metadata, autoload_with=engine)
    with engine.begin() as conn:
        # ok: aws-dynamodb-delete-table
        conn.execute(audit.delete())
