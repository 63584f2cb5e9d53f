import aws_cdk
from aws_cdk import RemovalPolicy, Stack
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from aws_cdk.aws_s3 import Bucket


class SiteStack(Stack):
    def __init__(self, scope, construct_id, *, is_dev=False, **kwargs):
        super().__init__(scope, construct_id, **kwargs)

        # ruleid: cdk-auto-delete-objects
        s3.Bucket(self, "Uploads", auto_delete_objects=True, removal_policy=RemovalPolicy.DESTROY)

        # ruleid: cdk-auto-delete-objects
        assets = Bucket(self, "Assets", auto_delete_objects=True)

        # ruleid: cdk-auto-delete-objects
        aws_cdk.aws_s3.Bucket(self, "Logs", versioned=False, auto_delete_objects=True)

        # ok: cdk-auto-delete-objects
        s3.Bucket(self, "Archive", auto_delete_objects=False, removal_policy=RemovalPolicy.RETAIN)

        # ok: cdk-auto-delete-objects
        s3.Bucket(self, "Reports", removal_policy=RemovalPolicy.DESTROY)

        # ok: cdk-auto-delete-objects
        s3deploy.BucketDeployment(self, "Deploy", sources=[s3deploy.Source.asset("site")], destination_bucket=assets, prune=True)

        # ok: cdk-auto-delete-objects
        s3.Bucket(self, "Scratch", auto_delete_objects=is_dev)
