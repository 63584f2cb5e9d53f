from aws_cdk import Stack
from aws_cdk import aws_docdb as docdb
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_rds as rds


class DbStack(Stack):
    def __init__(self, scope, construct_id, *, vpc, is_prod=True, **kwargs):
        super().__init__(scope, construct_id, **kwargs)

        # ruleid: cdk-deletion-protection-off
        rds.DatabaseInstance(self, "Orders", engine=rds.DatabaseInstanceEngine.POSTGRES, vpc=vpc, deletion_protection=False)

        # ruleid: cdk-deletion-protection-off
        docdb.DatabaseCluster(self, "Docs", master_user=docdb.Login(username="admin"), vpc=vpc, deletion_protection=False)

        # ruleid: cdk-deletion-protection-off
        dynamodb.TableV2(self, "Events", partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING), deletion_protection=False)

        # ruleid: cdk-deletion-protection-off
        dynamodb.CfnTable(self, "Raw", key_schema=[], deletion_protection_enabled=False)

        # ok: cdk-deletion-protection-off
        rds.DatabaseCluster(self, "Aurora", engine=rds.DatabaseClusterEngine.AURORA_POSTGRESQL, vpc=vpc, deletion_protection=True)

        # ok: cdk-deletion-protection-off
        elbv2.ApplicationLoadBalancer(self, "Alb", vpc=vpc, deletion_protection=False)

        # ok: cdk-deletion-protection-off
        rds.DatabaseInstance(self, "Replica", engine=rds.DatabaseInstanceEngine.POSTGRES, vpc=vpc, deletion_protection=is_prod)

        # ok: cdk-deletion-protection-off
        ec2.Instance(self, "Bastion", vpc=vpc, instance_type=ec2.InstanceType("t3.micro"), machine_image=ec2.MachineImage.latest_amazon_linux2023(), disable_api_termination=False)
