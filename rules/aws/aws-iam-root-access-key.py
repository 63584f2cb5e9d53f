import boto3

iam = boto3.client("iam")

# ruleid: aws-iam-root-access-key
key = iam.create_access_key()

# ruleid: aws-iam-root-access-key
iam.create_access_key(UserName="root")


def bootstrap_credentials(session):
    client = session.client("iam")
    # ruleid: aws-iam-root-access-key
    response = client.create_access_key()
    return response["AccessKey"]["AccessKeyId"], response["AccessKey"]["SecretAccessKey"]


# ok: aws-iam-root-access-key
iam.create_access_key(UserName="reporting-bot")


def rotate(client, user_name):
    # ok: aws-iam-root-access-key
    return client.create_access_key(UserName=user_name)


# ok: aws-iam-root-access-key
iam.list_access_keys()

# ok: aws-iam-root-access-key
iam.create_user(UserName="root-cause-bot")

lightsail = boto3.client("lightsail")
# ok: aws-iam-root-access-key
lightsail.create_bucket_access_key(bucketName="media")


class KeyVault:
    def create_access_key(self):
        return secrets_token()

    def issue(self):
        # ok: aws-iam-root-access-key
        return self.create_access_key()
