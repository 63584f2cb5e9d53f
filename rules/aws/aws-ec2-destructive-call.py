import boto3

ec2 = boto3.client("ec2")

# ruleid: aws-ec2-destructive-call
ec2.terminate_instances(InstanceIds=["i-0123456789abcdef0"])

# ruleid: aws-ec2-destructive-call
ec2.delete_vpc(VpcId=vpc_id)


def prune(client, snapshot_ids):
    for snapshot_id in snapshot_ids:
        # ruleid: aws-ec2-destructive-call
        client.delete_snapshot(SnapshotId=snapshot_id)


# ok: aws-ec2-destructive-call
ec2.stop_instances(InstanceIds=["i-0123456789abcdef0"])

# ok: aws-ec2-destructive-call
ec2.describe_instances(Filters=[{"Name": "tag:env", "Values": ["dev"]}])

# ok: aws-ec2-destructive-call
ec2.terminate_instances(InstanceIds=["i-0123456789abcdef0"], DryRun=True)

# ok: aws-ec2-destructive-call
ec2.delete_security_group_rule_description(GroupId="sg-1")

# ok: aws-ec2-destructive-call
ec2.delete_tags(Resources=["i-0123456789abcdef0"], Tags=[{"Key": "temporary"}])

# ok: aws-ec2-destructive-call
ec2.create_snapshot(VolumeId="vol-0123456789abcdef0", Description="nightly")


def check_permissions(client, snapshot_id):
    # ok: aws-ec2-destructive-call
    client.delete_snapshot(SnapshotId=snapshot_id, DryRun=True)
