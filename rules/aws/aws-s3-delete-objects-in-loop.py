import boto3

s3 = boto3.client("s3")
bucket = boto3.resource("s3").Bucket("build-artifacts")


def purge_prefix(bucket_name, prefix):
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=bucket_name, Prefix=prefix):
        keys = [{"Key": obj["Key"]} for obj in page.get("Contents", [])]
        if keys:
            # ruleid: aws-s3-delete-objects-in-loop
            s3.delete_objects(Bucket=bucket_name, Delete={"Objects": keys})


def purge_pages(client, bucket_name):
    pages = client.get_paginator("list_object_versions").paginate(Bucket=bucket_name)
    for page in pages:
        for version in page.get("Versions", []):
            # ruleid: aws-s3-delete-objects-in-loop
            client.delete_object(Bucket=bucket_name, Key=version["Key"], VersionId=version["VersionId"])


def purge_first_page(bucket_name):
    response = s3.list_objects_v2(Bucket=bucket_name, Prefix="tmp/")
    for obj in response.get("Contents", []):
        # ruleid: aws-s3-delete-objects-in-loop
        s3.delete_object(Bucket=bucket_name, Key=obj["Key"])


def purge_all(client, bucket_name):
    kwargs = {"Bucket": bucket_name}
    while True:
        response = client.list_objects_v2(**kwargs)
        objects = [{"Key": o["Key"]} for o in response.get("Contents", [])]
        # ruleid: aws-s3-delete-objects-in-loop
        client.delete_objects(Bucket=bucket_name, Delete={"Objects": objects, "Quiet": True})
        if not response.get("IsTruncated"):
            break
        kwargs["ContinuationToken"] = response["NextContinuationToken"]


def purge_comprehension(bucket_name):
    return [
        # ruleid: aws-s3-delete-objects-in-loop
        s3.delete_object(Bucket=bucket_name, Key=o["Key"])
        for o in s3.list_objects_v2(Bucket=bucket_name)["Contents"]
    ]


def purge_resource():
    for obj in bucket.objects.filter(Prefix="builds/"):
        # ruleid: aws-s3-delete-objects-in-loop
        obj.delete()


async def purge_async(session, bucket_name):
    async with session.client("s3") as client:
        paginator = client.get_paginator("list_objects_v2")
        async for page in paginator.paginate(Bucket=bucket_name):
            for obj in page.get("Contents", []):
                # ruleid: aws-s3-delete-objects-in-loop
                await client.delete_object(Bucket=bucket_name, Key=obj["Key"])


# ok: aws-s3-delete-objects-in-loop
s3.delete_object(Bucket="build-artifacts", Key="reports/2023-01-01.csv")


def remove_keys(bucket_name, keys_to_remove):
    for key in keys_to_remove:
        # ok: aws-s3-delete-objects-in-loop
        s3.delete_object(Bucket=bucket_name, Key=key)


def batch_delete_once(bucket_name):
    response = s3.list_objects_v2(Bucket=bucket_name, Prefix="tmp/", MaxKeys=100)
    # ok: aws-s3-delete-objects-in-loop
    s3.delete_objects(Bucket=bucket_name, Delete={"Objects": [{"Key": o["Key"]} for o in response["Contents"]]})


def copy_all(bucket_name, target):
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=bucket_name):
        for obj in page.get("Contents", []):
            # ok: aws-s3-delete-objects-in-loop
            s3.copy_object(Bucket=target, Key=obj["Key"], CopySource={"Bucket": bucket_name, "Key": obj["Key"]})


def list_resource():
    for obj in bucket.objects.filter(Prefix="builds/"):
        # ok: aws-s3-delete-objects-in-loop
        print(obj.key, obj.size)


def prune_table(table, client):
    for page in client.get_paginator("scan").paginate(TableName="sessions"):
        for item in page["Items"]:
            # ok: aws-s3-delete-objects-in-loop
            table.delete_item(Key={"id": item["id"]["S"]})


def batch_delete_listing(bucket_name):
    # ok: aws-s3-delete-objects-in-loop
    s3.delete_objects(
        Bucket=bucket_name,
        Delete={"Objects": [{"Key": o["Key"]} for o in s3.list_objects_v2(Bucket=bucket_name)["Contents"]]},
    )


class Cache:
    def delete_object(self, key):
        self.local.pop(key, None)

    def evict_listed(self, bucket_name):
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket_name):
            for obj in page.get("Contents", []):
                # ok: aws-s3-delete-objects-in-loop
                self.delete_object(obj["Key"])


def purge_versions(name):
    b = boto3.resource("s3").Bucket(name)
    for version in b.object_versions.all():
        # ruleid: aws-s3-delete-objects-in-loop
        version.delete()


def expire_documents(Document, bucket_name):
    for doc in Document.objects.filter(expired=True):
        # ok: aws-s3-delete-objects-in-loop
        doc.delete()
    for doc in Document.objects.filter(expired=True):
        # ok: aws-s3-delete-objects-in-loop
        s3.delete_object(Bucket=bucket_name, Key=doc.key)
