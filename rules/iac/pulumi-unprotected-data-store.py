import pulumi
import pulumi_aws as aws
import pulumi_gcp as gcp
from pulumi import ResourceOptions

# ruleid: pulumi-unprotected-data-store
aws.rds.Instance("orders", engine="postgres", instance_class="db.t4g.micro", opts=pulumi.ResourceOptions(protect=False))

# ruleid: pulumi-unprotected-data-store
gcp.sql.DatabaseInstance("analytics", database_version="POSTGRES_15", opts=ResourceOptions(delete_before_replace=True))

loose = pulumi.ResourceOptions(protect=False, depends_on=[])
# ruleid: pulumi-unprotected-data-store
aws.dynamodb.Table("events", hash_key="pk", attributes=[aws.dynamodb.TableAttributeArgs(name="pk", type="S")], opts=loose)

# ruleid: pulumi-unprotected-data-store
volume = aws.ebs.Volume("scratch", availability_zone="eu-west-1a", size=100, opts=pulumi.ResourceOptions(protect=False, retain_on_delete=False))

# ok: pulumi-unprotected-data-store
aws.rds.Instance("reports", engine="postgres", instance_class="db.t4g.micro", opts=pulumi.ResourceOptions(protect=True))

# ok: pulumi-unprotected-data-store
aws.lambda_.Function("handler", role=role_arn, runtime="python3.12", opts=pulumi.ResourceOptions(protect=False))

# ok: pulumi-unprotected-data-store
aws.ec2.Instance("bastion", ami=ami_id, instance_type="t3.micro", opts=ResourceOptions(delete_before_replace=True))

# ok: pulumi-unprotected-data-store
aws.s3.BucketV2("exports", opts=pulumi.ResourceOptions(depends_on=[volume]))

# ok: pulumi-unprotected-data-store
gcp.storage.Bucket("assets", location="EU", opts=loose_options_for(volume))
