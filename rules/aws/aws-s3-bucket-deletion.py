import boto3

s3_client = boto3.client("s3")
s3 = boto3.resource("s3")

# ruleid: aws-s3-bucket-deletion
s3_client.delete_bucket(Bucket="customer-uploads")

# ruleid: aws-s3-bucket-deletion
s3.Bucket("customer-uploads").delete()

# ruleid: aws-s3-bucket-deletion
s3.Bucket("customer-uploads").objects.all().delete()


def destroy(bucket_name):
    bucket = s3.Bucket(bucket_name)
    # ruleid: aws-s3-bucket-deletion
    bucket.object_versions.delete()
    # ruleid: aws-s3-bucket-deletion
    bucket.objects.all().delete()
    # ruleid: aws-s3-bucket-deletion
    bucket.delete()


def empty(target_bucket):
    # ruleid: aws-s3-bucket-deletion
    target_bucket.objects.all().delete()


async def drop(session, name):
    async with session.client("s3") as client:
        # ruleid: aws-s3-bucket-deletion
        await client.delete_bucket(Bucket=name)


# ok: aws-s3-bucket-deletion
s3_client.delete_bucket_policy(Bucket="customer-uploads")

# ok: aws-s3-bucket-deletion
s3_client.delete_bucket_lifecycle(Bucket="customer-uploads")

# ok: aws-s3-bucket-deletion
s3.Bucket("customer-uploads").objects.filter(Prefix="tmp/").delete()

# ok: aws-s3-bucket-deletion
s3.Bucket("customer-uploads").Object("reports/old.csv").delete()

# ok: aws-s3-bucket-deletion
s3_client.list_buckets()


def reset_models(Bucket, Upload):
    # ok: aws-s3-bucket-deletion
    Bucket.objects.all().delete()
    # ok: aws-s3-bucket-deletion
    Upload.objects.all().delete()


def remove_upload(upload):
    # ok: aws-s3-bucket-deletion
    upload.delete()


class BucketStore:
    def __init__(self):
        self.client = boto3.client("s3")

    def delete_bucket(self, name):
        self.names.remove(name)

    def reset(self, name):
        # ok: aws-s3-bucket-deletion
        self.delete_bucket(name)


def forget(storage, bucket_name):
    # ok: aws-s3-bucket-deletion
    storage.delete_bucket(bucket_name)
