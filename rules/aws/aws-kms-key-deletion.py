import boto3

kms = boto3.client("kms")

# ruleid: aws-kms-key-deletion
kms.schedule_key_deletion(KeyId="1234abcd-12ab-34cd-56ef-1234567890ab", PendingWindowInDays=7)

# ruleid: aws-kms-key-deletion
kms.schedule_key_deletion(KeyId="alias/legacy-app")


def retire_unused_keys(client):
    for key in client.list_keys()["Keys"]:
        metadata = client.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        if metadata["KeyManager"] == "CUSTOMER" and not metadata["Enabled"]:
            # ruleid: aws-kms-key-deletion
            client.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=30)


# ok: aws-kms-key-deletion
kms.disable_key(KeyId="1234abcd-12ab-34cd-56ef-1234567890ab")

# ok: aws-kms-key-deletion
kms.cancel_key_deletion(KeyId="1234abcd-12ab-34cd-56ef-1234567890ab")

# ok: aws-kms-key-deletion
kms.delete_alias(AliasName="alias/legacy-app")

# ok: aws-kms-key-deletion
kms.describe_key(KeyId="alias/legacy-app")


class KeyStore:
    def schedule_key_deletion(self, key_id):
        self.pending.add(key_id)

    def retire(self, key_id):
        # ok: aws-kms-key-deletion
        self.schedule_key_deletion(key_id)
