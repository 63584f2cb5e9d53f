import asyncio
import os
import subprocess

# ruleid: aws-cli-destructive
subprocess.run(["aws", "s3", "rb", "s3://acme-exports", "--force"], check=True)

# ruleid: aws-cli-destructive
os.system(f"aws s3 rm s3://{bucket}/exports --recursive")

# ruleid: aws-cli-destructive
subprocess.run(["aws", "--profile", "prod", "ec2", "terminate-instances", "--instance-ids", instance_id], check=True)

# ruleid: aws-cli-destructive
subprocess.check_output("aws rds delete-db-instance --db-instance-identifier orders --skip-final-snapshot", shell=True)


async def drop_table(name):
    # ruleid: aws-cli-destructive
    await asyncio.create_subprocess_exec("aws", "dynamodb", "delete-table", "--table-name", name)


# ok: aws-cli-destructive
subprocess.run(["aws", "ec2", "describe-instances"], check=True)

# ok: aws-cli-destructive
subprocess.run(["aws", "s3", "rb", "s3://acme-empty"], check=True)

# ok: aws-cli-destructive
subprocess.run(["aws", "s3", "rm", "s3://acme-exports/tmp/report.csv"], check=True)

# ok: aws-cli-destructive
subprocess.run(["aws", "ec2", "terminate-instances", "--instance-ids", instance_id, "--dry-run"], check=True)

# ok: aws-cli-destructive
subprocess.run(["aws", "s3", "rm", "s3://acme-exports", "--recursive", "--dryrun"], check=True)

# ok: aws-cli-destructive
subprocess.run(["aws", "ec2", "stop-instances", "--instance-ids", instance_id], check=True)

# ok: aws-cli-destructive
subprocess.run(["aws", "s3", "ls", "s3://acme-exports", "--recursive"], check=True)
