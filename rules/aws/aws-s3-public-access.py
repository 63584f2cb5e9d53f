import json

import boto3

s3 = boto3.client("s3")
resource = boto3.resource("s3")

# ruleid: aws-s3-public-access
s3.put_object(Bucket="assets", Key="logo.png", Body=data, ACL="public-read")

# ruleid: aws-s3-public-access
s3.create_bucket(Bucket="shared-drop", ACL="public-read-write")

# ruleid: aws-s3-public-access
s3.put_object_acl(Bucket="assets", Key="logo.png", ACL="authenticated-read")

# ruleid: aws-s3-public-access
resource.Object("assets", "index.html").put(Body=html, ACL="public-read", ContentType="text/html")

# ruleid: aws-s3-public-access
s3.upload_file("report.pdf", "reports", "q3.pdf", ExtraArgs={"ACL": "public-read", "ContentType": "application/pdf"})

# ruleid: aws-s3-public-access
s3.put_bucket_acl(Bucket="assets", GrantRead="uri=http://acs.amazonaws.com/groups/global/AllUsers")

# ruleid: aws-s3-public-access
s3.delete_public_access_block(Bucket="assets")

# ruleid: aws-s3-public-access
s3.put_public_access_block(
    Bucket="assets",
    PublicAccessBlockConfiguration={
        "BlockPublicAcls": False,
        "IgnorePublicAcls": False,
        "BlockPublicPolicy": True,
        "RestrictPublicBuckets": True,
    },
)

# ruleid: aws-s3-public-access
s3.put_bucket_policy(
    Bucket="assets",
    Policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicRead",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": "arn:aws:s3:::assets/*",
                }
            ],
        }
    ),
)


def publish(client, bucket_name, path, key):
    extra_args = {"ACL": "public-read", "CacheControl": "max-age=300"}
    # ruleid: aws-s3-public-access
    client.upload_file(path, bucket_name, key, ExtraArgs=extra_args)


def open_bucket(client, bucket_name):
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": ["s3:GetObject", "s3:ListBucket"],
                "Resource": [f"arn:aws:s3:::{bucket_name}", f"arn:aws:s3:::{bucket_name}/*"],
            }
        ],
    }
    # ruleid: aws-s3-public-access
    client.put_bucket_policy(Bucket=bucket_name, Policy=json.dumps(policy))


def open_account(account_id):
    s3control = boto3.client("s3control")
    config = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": False, "RestrictPublicBuckets": False}
    # ruleid: aws-s3-public-access
    s3control.put_public_access_block(AccountId=account_id, PublicAccessBlockConfiguration=config)


# ok: aws-s3-public-access
s3.put_object(Bucket="assets", Key="logo.png", Body=data, ACL="private")

# ok: aws-s3-public-access
s3.put_object(Bucket="assets", Key="logo.png", Body=data, ACL="bucket-owner-full-control")

# ok: aws-s3-public-access
s3.upload_file("report.pdf", "reports", "q3.pdf", ExtraArgs={"ServerSideEncryption": "aws:kms"})

# ok: aws-s3-public-access
s3.put_public_access_block(
    Bucket="assets",
    PublicAccessBlockConfiguration={
        "BlockPublicAcls": True,
        "IgnorePublicAcls": True,
        "BlockPublicPolicy": True,
        "RestrictPublicBuckets": True,
    },
)

# ok: aws-s3-public-access
s3.get_public_access_block(Bucket="assets")

# ok: aws-s3-public-access
s3.put_bucket_acl(Bucket="assets", GrantRead="id=79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be")


def enforce_tls(client, bucket_name):
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [f"arn:aws:s3:::{bucket_name}", f"arn:aws:s3:::{bucket_name}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ],
    }
    # ok: aws-s3-public-access
    client.put_bucket_policy(Bucket=bucket_name, Policy=json.dumps(policy))


def vpc_only(client, bucket_name):
    body = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket_name}/*",
                    "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d"}},
                }
            ],
        }
    )
    # ok: aws-s3-public-access
    client.put_bucket_policy(Bucket=bucket_name, Policy=body)


def cross_account(client, bucket_name):
    policy = {
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::123456789012:role/reader"},
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket_name}/*",
            }
        ]
    }
    # ok: aws-s3-public-access
    client.put_bucket_policy(Bucket=bucket_name, Policy=json.dumps(policy))


def log_delivery(client, bucket_name, source_arn):
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "logging.s3.amazonaws.com"},
                "Action": "s3:PutObject",
                "Resource": f"arn:aws:s3:::{bucket_name}/logs/*",
            }
        ],
    }
    # ok: aws-s3-public-access
    client.put_bucket_policy(Bucket=bucket_name, Policy=json.dumps(policy))


def upload_private(client, path, bucket_name, key):
    requested = {"ACL": "public-read"}
    print("ignoring requested settings", requested)
    # ok: aws-s3-public-access
    client.upload_file(path, bucket_name, key, ExtraArgs={"ContentType": "text/plain"})


# ok: aws-s3-public-access
s3.upload_file("report.pdf", "reports", "q3.pdf", ExtraArgs={"ACL": "private"})

# ok: aws-s3-public-access
resource.Object("assets", "index.html").put(Body=html, ACL="bucket-owner-full-control")

# ok: aws-s3-public-access
s3.create_bucket(Bucket="shared-drop", ACL="private", ObjectOwnership="BucketOwnerEnforced")


class BucketFixture:
    def delete_public_access_block(self, bucket_name):
        self.blocks.pop(bucket_name)

    def setUp(self):
        # ok: aws-s3-public-access
        self.delete_public_access_block("test-bucket")


def restore_defaults(settings, bucket_name):
    # ok: aws-s3-public-access
    settings.delete_public_access_block(bucket_name)
