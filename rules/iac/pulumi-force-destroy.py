import pulumi
import pulumi_aws as aws
import pulumi_gcp as gcp

# ruleid: pulumi-force-destroy
aws.s3.BucketV2("exports", force_destroy=True)

# ruleid: pulumi-force-destroy
gcp.storage.Bucket("artifacts", location="EU", force_destroy=True)

# ruleid: pulumi-force-destroy
db = aws.rds.Instance(
    "orders",
    engine="postgres",
    instance_class="db.t4g.micro",
    allocated_storage=20,
    skip_final_snapshot=True,
)

# ruleid: pulumi-force-destroy
cluster = aws.rds.Cluster("aurora", engine="aurora-postgresql", skip_final_snapshot=True)

# ok: pulumi-force-destroy
aws.s3.BucketV2("archive", force_destroy=False)

# ok: pulumi-force-destroy
aws.iam.User("ci-deployer", force_destroy=True)

# ok: pulumi-force-destroy
aws.rds.Instance("reports", engine="postgres", instance_class="db.t4g.micro", skip_final_snapshot=False, final_snapshot_identifier="reports-final")

# ok: pulumi-force-destroy
aws.s3.BucketObject("readme", bucket="exports", source=pulumi.FileAsset("README.md"))

# ok: pulumi-force-destroy
gcp.storage.Bucket("logs", location="EU", force_destroy=pulumi.Config().get_bool("ephemeral"))
