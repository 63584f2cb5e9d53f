import os

import boto3

# ruleid: hardcoded-aws-access-key
AWS_ACCESS_KEY_ID = "AKIA2OGYBAH6T4KQRW7M"

# ruleid: hardcoded-aws-access-key
aws_secret_access_key = "k3Jd9Fq/2mXvL8pR0tYzB7nWcE5hG1sA4uQ6iO+P"

s3 = boto3.client(
    "s3",
    # ruleid: hardcoded-aws-access-key
    aws_access_key_id="ASIAY34FZKBOKMUTVV7A",
    # ruleid: hardcoded-aws-access-key
    aws_secret_access_key="Zx81Qm2Lr7Tn4Vb0Kc9Wd3Fy6Hj5Gp1Ns8Ae2Ru7",
)

CREDENTIALS = {
    # ruleid: hardcoded-aws-access-key
    "secret_access_key": "Pq7Lm2Zx9Vb4Nc1Kd8Fh3Jg6Ts0Wy5Re2Ua7Io9E",
}

# ruleid: hardcoded-aws-access-key
ROLE_URL = "https://sts.amazonaws.com/?AccessKeyId=AKIAQ3EGTLVU7XPJNW2D&Action=GetCallerIdentity"

# ok: hardcoded-aws-access-key
EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE"

# ok: hardcoded-aws-access-key
EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

# ok: hardcoded-aws-access-key
aws_secret_access_key = os.environ["AWS_SECRET_ACCESS_KEY"]

# ok: hardcoded-aws-access-key
session = boto3.Session(aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], profile_name="dev")

# ok: hardcoded-aws-access-key
BUCKET = "AKIA-logs-archive-2024"

# ok: hardcoded-aws-access-key
object_key = "AKIA2OGYBAH6T4KQRW7MX9"

# ok: hardcoded-aws-access-key
checksum_sha1 = "5f1c2d3e4b6a79880f1e2d3c4b5a69788f9e0d1c"

# ok: hardcoded-aws-access-key
client = boto3.client("sts", aws_access_key_id=AWS_ACCESS_KEY_ID)
