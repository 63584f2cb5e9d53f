import boto3

secrets = boto3.client("secretsmanager")

# ruleid: aws-secret-force-delete
secrets.delete_secret(SecretId="prod/db-password", ForceDeleteWithoutRecovery=True)


def rotate_by_recreate(client, name, value):
    # ruleid: aws-secret-force-delete
    client.delete_secret(SecretId=name, ForceDeleteWithoutRecovery=True)
    client.create_secret(Name=name, SecretString=value)


def purge(client, arn):
    options = {"SecretId": arn, "ForceDeleteWithoutRecovery": True}
    # ruleid: aws-secret-force-delete
    client.delete_secret(**options)


# ok: aws-secret-force-delete
secrets.delete_secret(SecretId="prod/db-password", RecoveryWindowInDays=7)

# ok: aws-secret-force-delete
secrets.delete_secret(SecretId="prod/db-password", ForceDeleteWithoutRecovery=False)

# ok: aws-secret-force-delete
secrets.delete_secret(SecretId="prod/db-password")

# ok: aws-secret-force-delete
secrets.delete_resource_policy(SecretId="prod/db-password")
