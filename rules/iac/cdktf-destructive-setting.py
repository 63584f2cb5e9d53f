from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.db_instance import DbInstance
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable
from cdktf_cdktf_provider_aws.iam_user import IamUser
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from imports.google.sql_database_instance import SqlDatabaseInstance


def make_bucket(name, **kwargs):
    return {"name": name, **kwargs}


class DataStack(TerraformStack):
    def __init__(self, scope, ns):
        super().__init__(scope, ns)

        # ruleid: cdktf-destructive-setting
        S3Bucket(self, "exports", bucket="acme-exports", force_destroy=True)

        # ruleid: cdktf-destructive-setting
        DbInstance(self, "orders", engine="postgres", instance_class="db.t4g.micro", skip_final_snapshot=True)

        # ruleid: cdktf-destructive-setting
        SqlDatabaseInstance(self, "analytics", database_version="POSTGRES_15", deletion_protection=False)

        # ruleid: cdktf-destructive-setting
        DynamodbTable(self, "events", name="events", hash_key="pk", deletion_protection_enabled=False)

        # ok: cdktf-destructive-setting
        S3Bucket(self, "archive", bucket="acme-archive", force_destroy=False)

        # ok: cdktf-destructive-setting
        IamUser(self, "deployer", name="ci-deployer", force_destroy=True)

        # ok: cdktf-destructive-setting
        DbInstance(self, "reports", engine="postgres", instance_class="db.t4g.micro", skip_final_snapshot=False, final_snapshot_identifier="reports-final")

        # ok: cdktf-destructive-setting
        make_bucket("scratch", force_destroy=True)

        # ok: cdktf-destructive-setting
        SqlDatabaseInstance(self, "warehouse", database_version="POSTGRES_15", deletion_protection=True)


app = App()
DataStack(app, "data")
app.synth()
