import boto3

iam = boto3.client("iam")
iam_resource = boto3.resource("iam")
ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"

# ruleid: aws-iam-admin-policy-attached
iam.attach_role_policy(RoleName="ci-deployer", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")

# ruleid: aws-iam-admin-policy-attached
iam.attach_user_policy(UserName="bootstrap", PolicyArn=ADMIN_ARN)

# ruleid: aws-iam-admin-policy-attached
iam.attach_group_policy(GroupName="developers", PolicyArn="arn:aws:iam::aws:policy/IAMFullAccess")


def make_admin(client, role_name, partition="aws"):
    # ruleid: aws-iam-admin-policy-attached
    client.attach_role_policy(RoleName=role_name, PolicyArn=f"arn:{partition}:iam::aws:policy/AdministratorAccess")


def make_admin_resource(role_name):
    # ruleid: aws-iam-admin-policy-attached
    iam_resource.Role(role_name).attach_policy(PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    # ruleid: aws-iam-admin-policy-attached
    iam_resource.Policy("arn:aws:iam::aws:policy/AdministratorAccess").attach_user(UserName="ops")


# ok: aws-iam-admin-policy-attached
iam.attach_role_policy(RoleName="ci-deployer", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")

# ok: aws-iam-admin-policy-attached
iam.attach_role_policy(RoleName="amplify", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess-Amplify")

# ok: aws-iam-admin-policy-attached
iam.detach_role_policy(RoleName="ci-deployer", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")

# ok: aws-iam-admin-policy-attached
iam.attach_role_policy(RoleName="ci-deployer", PolicyArn="arn:aws:iam::123456789012:policy/ci-deployer-least-privilege")

# ok: aws-iam-admin-policy-attached
iam.list_entities_for_policy(PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")


def attach(client, role_name, policy_arn):
    # ok: aws-iam-admin-policy-attached
    client.attach_role_policy(RoleName=role_name, PolicyArn=policy_arn)
