import aws_cdk as cdk
from aws_cdk import RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_rds as rds
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs


class DataStack(Stack):
    def __init__(self, scope, construct_id, *, vpc, is_dev=False, **kwargs):
        super().__init__(scope, construct_id, **kwargs)

        # ruleid: cdk-removal-policy-destroy
        s3.Bucket(self, "Exports", removal_policy=RemovalPolicy.DESTROY)

        # ruleid: cdk-removal-policy-destroy
        table = dynamodb.Table(self, "Orders", partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING), removal_policy=cdk.RemovalPolicy.DESTROY)

        database = rds.DatabaseInstance(
            self,
            "Db",
            engine=rds.DatabaseInstanceEngine.POSTGRES,
            vpc=vpc,
        )
        # ruleid: cdk-removal-policy-destroy
        database.apply_removal_policy(RemovalPolicy.DESTROY)

        # ruleid: cdk-removal-policy-destroy
        table.node.default_child.apply_removal_policy(RemovalPolicy.DESTROY)

        # ruleid: cdk-removal-policy-destroy
        cdk.RemovalPolicies.of(self).destroy()

        handler = lambda_.Function(
            self,
            "Handler",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=lambda_.Code.from_asset("src"),
        )
        # ok: cdk-removal-policy-destroy
        handler.apply_removal_policy(RemovalPolicy.DESTROY)

        # ok: cdk-removal-policy-destroy
        sqs.Queue(self, "Jobs", removal_policy=RemovalPolicy.DESTROY)

        # ok: cdk-removal-policy-destroy
        s3.Bucket(self, "Archive", removal_policy=RemovalPolicy.RETAIN)

        # ok: cdk-removal-policy-destroy
        rds.DatabaseCluster(self, "Cluster", engine=rds.DatabaseClusterEngine.AURORA_POSTGRESQL, vpc=vpc, removal_policy=RemovalPolicy.SNAPSHOT)

        # ok: cdk-removal-policy-destroy
        s3.Bucket(self, "Scratch", removal_policy=RemovalPolicy.DESTROY if is_dev else RemovalPolicy.RETAIN)

        # ok: cdk-removal-policy-destroy
        database.apply_removal_policy(RemovalPolicy.RETAIN)
