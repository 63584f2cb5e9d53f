import boto3

route53 = boto3.client("route53")

# ruleid: aws-route53-record-deletion
route53.change_resource_record_sets(
    HostedZoneId="Z123EXAMPLE",
    ChangeBatch={
        "Comment": "remove old endpoint",
        "Changes": [
            {
                "Action": "DELETE",
                "ResourceRecordSet": {
                    "Name": "api.example.com.",
                    "Type": "A",
                    "TTL": 300,
                    "ResourceRecords": [{"Value": "192.0.2.10"}],
                },
            }
        ],
    },
)


def remove_records(client, zone_id, records):
    batch = {"Changes": [{"Action": "DELETE", "ResourceRecordSet": record} for record in records]}
    # ruleid: aws-route53-record-deletion
    client.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch=batch)


def remove_record(client, zone_id, record):
    change = {"Action": "DELETE", "ResourceRecordSet": record}
    changes = [change]
    # ruleid: aws-route53-record-deletion
    client.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": changes})


# ok: aws-route53-record-deletion
route53.change_resource_record_sets(
    HostedZoneId="Z123EXAMPLE",
    ChangeBatch={
        "Changes": [
            {
                "Action": "UPSERT",
                "ResourceRecordSet": {
                    "Name": "api.example.com.",
                    "Type": "A",
                    "TTL": 300,
                    "ResourceRecords": [{"Value": "192.0.2.20"}],
                },
            }
        ]
    },
)


def add_record(client, zone_id, record):
    batch = {"Changes": [{"Action": "CREATE", "ResourceRecordSet": record}]}
    # ok: aws-route53-record-deletion
    client.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch=batch)


def cleanup_then_upsert(client, zone_id, record):
    stale = {"Action": "DELETE", "Id": "audit-entry"}
    log(stale)
    # ok: aws-route53-record-deletion
    client.change_resource_record_sets(
        HostedZoneId=zone_id, ChangeBatch={"Changes": [{"Action": "UPSERT", "ResourceRecordSet": record}]}
    )


# ok: aws-route53-record-deletion
route53.list_resource_record_sets(HostedZoneId="Z123EXAMPLE")
