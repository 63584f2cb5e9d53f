import json

ADMIN_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        # ruleid: aws-iam-wildcard-policy
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
    ],
}

DEPLOYER_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        # ruleid: aws-iam-wildcard-policy
        {"Sid": "Everything", "Effect": "Allow", "Action": ["*"], "Resource": ["arn:aws:s3:::deploy/*"]},
        # ruleid: aws-iam-wildcard-policy
        {"Effect": "Allow", "Action": ["iam:*", "sts:AssumeRole"], "Resource": "*"},
        # ok: aws-iam-wildcard-policy
        {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::deploy", "arn:aws:s3:::deploy/*"]},
        # ok: aws-iam-wildcard-policy
        {"Effect": "Allow", "Action": ["ec2:Describe*", "cloudwatch:GetMetricData"], "Resource": "*"},
        # ok: aws-iam-wildcard-policy
        {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
    ],
}


def grant_everything(role_name):
    import boto3

    iam = boto3.client("iam")
    # ruleid: aws-iam-wildcard-policy
    statement = {"Effect": "Allow", "Action": "s3:*", "Resource": ["*"]}
    # ok: aws-iam-wildcard-policy
    read_only = {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}
    iam.put_role_policy(
        RoleName=role_name,
        PolicyName="wide-open",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement, read_only]}),
    )


# Not an IAM policy: an application's own permission table, in a module without boto3.
# ok: aws-iam-wildcard-policy
APP_RULES = [{"Effect": "Allow", "Action": "*", "Resource": "reports"}]

READ_ONLY_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        # ok: aws-iam-wildcard-policy
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
    ],
}

KEY_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        # ok: aws-iam-wildcard-policy
        {
            "Sid": "Enable IAM User Permissions",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
            "Action": "kms:*",
            "Resource": "*",
        },
    ],
}
