import boto3

cfn = boto3.client("cloudformation")
cloudformation = boto3.resource("cloudformation")

# ruleid: aws-cloudformation-delete-stack
cfn.delete_stack(StackName="payments-prod")

# ruleid: aws-cloudformation-delete-stack
cloudformation.Stack("payments-staging").delete()


def rollback_failed(client, stack_name):
    # ruleid: aws-cloudformation-delete-stack
    client.delete_stack(StackName=stack_name, RetainResources=["LogsBucket"])
    client.get_waiter("stack_delete_complete").wait(StackName=stack_name)


def teardown(name):
    stack = cloudformation.Stack(name)
    # ruleid: aws-cloudformation-delete-stack
    stack.delete()


# ok: aws-cloudformation-delete-stack
cfn.describe_stacks(StackName="payments-prod")

# ok: aws-cloudformation-delete-stack
cfn.delete_change_set(ChangeSetName="preview-1", StackName="payments-prod")

# ok: aws-cloudformation-delete-stack
cfn.update_termination_protection(EnableTerminationProtection=True, StackName="payments-prod")

# ok: aws-cloudformation-delete-stack
cfn.get_waiter("stack_delete_complete").wait(StackName="payments-prod")


def remove_change_set(name):
    change_set = cfn.describe_change_set(ChangeSetName=name)
    # ok: aws-cloudformation-delete-stack
    change_set.delete()


class StackManager:
    def delete_stack(self):
        self.pending = False

    def cancel(self):
        # ok: aws-cloudformation-delete-stack
        self.delete_stack()


def forget_stack(registry, name):
    # ok: aws-cloudformation-delete-stack
    registry.delete_stack(name)
