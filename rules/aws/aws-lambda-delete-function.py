import boto3
from google.cloud import functions_v1

lambda_client = boto3.client("lambda")

# ruleid: aws-lambda-delete-function
lambda_client.delete_function(FunctionName="resize-images")

# ruleid: aws-lambda-delete-function
lambda_client.delete_function(FunctionName="resize-images", Qualifier="3")


def remove_unused(client, names):
    for name in names:
        # ruleid: aws-lambda-delete-function
        client.delete_function(FunctionName=name)


def remove(client, params):
    # ruleid: aws-lambda-delete-function
    client.delete_function(**params)


# ok: aws-lambda-delete-function
lambda_client.delete_function_concurrency(FunctionName="resize-images")

# ok: aws-lambda-delete-function
lambda_client.delete_alias(FunctionName="resize-images", Name="canary")

# ok: aws-lambda-delete-function
lambda_client.put_function_concurrency(FunctionName="resize-images", ReservedConcurrentExecutions=0)

# ok: aws-lambda-delete-function
lambda_client.get_function(FunctionName="resize-images")


def remove_gcf(name):
    gcf = functions_v1.CloudFunctionsServiceClient()
    # ok: aws-lambda-delete-function
    gcf.delete_function(name=name)
