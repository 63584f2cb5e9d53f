from google.cloud import storage

client = storage.Client()

# ruleid: gcp-bucket-force-delete
client.bucket("analytics-exports").delete(force=True)

bucket = client.get_bucket("ci-artifacts")
# ruleid: gcp-bucket-force-delete
bucket.delete(force=True, timeout=120)


def drop_buckets(prefix):
    for candidate in client.list_buckets(prefix=prefix):
        # ruleid: gcp-bucket-force-delete
        candidate.delete(force=True)


# ok: gcp-bucket-force-delete
bucket.blob("tmp/report.csv").delete()

# ok: gcp-bucket-force-delete
bucket.delete()

# ok: gcp-bucket-force-delete
bucket.delete(force=False)

# ok: gcp-bucket-force-delete
bucket.delete_blob("tmp/report.csv")
