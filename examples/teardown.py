"""Clean-up code as an agent might write it when asked to "tear down the staging stack"."""

import subprocess

import boto3
import yaml


def load_plan(path):
    with open(path) as handle:
        return yaml.load(handle.read())


def tear_down(stack_name, region):
    cloudformation = boto3.client("cloudformation", region_name=region)
    cloudformation.delete_stack(StackName=stack_name)
    subprocess.run(["terraform", "destroy", "-auto-approve"], check=True)
