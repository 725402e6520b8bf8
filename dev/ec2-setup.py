#!/usr/bin/env python3
"""Prepare the moto EC2 emulator for the burstflow dev stack (idempotent).

Creates, unless they already exist (looked up by tag / name):
  * VPC 127.0.0.0/16 and subnet 127.0.64.0/18 (us-east-1a), both tagged Name=burstflow-dev.
    The loopback range is deliberate: moto hands out private IPs from the subnet, so every
    "instance" address (127.0.64.4 - 127.0.127.254) is reachable on this host (Linux routes
    all of 127.0.0.0/8 to lo) and no traffic can ever go to a real private network.
    The subnet is large because moto never gives back the address of a terminated instance:
    a /18 lasts for about 16,000 launches per moto process (the provisioning benchmark alone
    makes about 600), a /24 ran out after 250.
  * launch template burstflow-cloud (first ImageId of `describe-images --owners amazon`).
  * SQS queue burstflow-dev-spot-notices, where the spot tests put the EC2 events EventBridge
    would deliver (moto serves SQS on the same endpoint as EC2).
It also deletes the region's default VPC: moto would otherwise launch subnet-less requests
there, with 10.x private and 54.x public addresses. Without it such a request fails loudly
(VPCIdNotSpecified) instead.

After creating the subnet it launches one instance in it, checks that its PrivateIpAddress
lies in the subnet and terminates it.

Prints shell assignments for dev/up: SUBNET_ID=... VPC_ID=... LAUNCH_TEMPLATE=... SPOT_QUEUE_URL=...
Exit status 1 with a message on stderr on any failure.
"""
import ipaddress
import os
import sys

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ.get("BURSTFLOW_EC2_ENDPOINT", "http://127.0.0.1:5000")
REGION = os.environ.get("AWS_REGION", "us-east-1")
NAME = "burstflow-dev"
VPC_CIDR = "127.0.0.0/16"
SUBNET_CIDR = "127.0.64.0/18"
AZ = REGION + "a"
LAUNCH_TEMPLATE = "burstflow-cloud"
SPOT_QUEUE = "burstflow-dev-spot-notices"


def log(msg):
    print("ec2-setup: " + msg, file=sys.stderr)


def tagged(resources, key="Name", value=NAME):
    return [r for r in resources if {"Key": key, "Value": value} in r.get("Tags", [])]


def ensure_vpc(ec2):
    vpcs = tagged(ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [NAME]}])["Vpcs"])
    if vpcs:
        return vpcs[0]["VpcId"], False
    vpc = ec2.create_vpc(CidrBlock=VPC_CIDR)["Vpc"]
    ec2.create_tags(Resources=[vpc["VpcId"]], Tags=[{"Key": "Name", "Value": NAME}])
    log(f"created VPC {vpc['VpcId']} {vpc['CidrBlock']}")
    return vpc["VpcId"], True


def ensure_subnet(ec2, vpc_id):
    subnets = ec2.describe_subnets(Filters=[{"Name": "tag:Name", "Values": [NAME]},
                                            {"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    if subnets:
        return subnets[0]["SubnetId"], False
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock=SUBNET_CIDR, AvailabilityZone=AZ)["Subnet"]
    ec2.create_tags(Resources=[subnet["SubnetId"]], Tags=[{"Key": "Name", "Value": NAME}])
    log(f"created subnet {subnet['SubnetId']} {subnet['CidrBlock']} in {AZ}")
    return subnet["SubnetId"], True


def delete_default_vpc(ec2):
    for vpc in ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]:
        vpc_id = vpc["VpcId"]
        for subnet in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]:
            ec2.delete_subnet(SubnetId=subnet["SubnetId"])
        ec2.delete_vpc(VpcId=vpc_id)
        log(f"deleted default VPC {vpc_id} {vpc['CidrBlock']} (subnet-less launches now fail)")


def first_amazon_image(ec2):
    images = ec2.describe_images(Owners=["amazon"])["Images"]
    if not images:
        raise RuntimeError("describe-images --owners amazon returned no image")
    return images[0]["ImageId"]


def verify_loopback_addresses(ec2, subnet_id, image_id):
    """Launch one throw-away instance and insist its address is in the loopback subnet."""
    instance = ec2.run_instances(ImageId=image_id, InstanceType="c5.large", MinCount=1, MaxCount=1,
                                 SubnetId=subnet_id,
                                 TagSpecifications=[{"ResourceType": "instance",
                                                     "Tags": [{"Key": "Name", "Value": "burstflow-dev-verify"}]}]
                                 )["Instances"][0]
    try:
        ip = instance.get("PrivateIpAddress")
        public = instance.get("PublicIpAddress")
        if not ip or ipaddress.ip_address(ip) not in ipaddress.ip_network(SUBNET_CIDR):
            raise RuntimeError(f"moto gave instance {instance['InstanceId']} private IP {ip!r}, "
                               f"not in {SUBNET_CIDR}")
        if public:
            raise RuntimeError(f"moto gave instance {instance['InstanceId']} public IP {public}")
        log(f"verified: instance in {subnet_id} got {ip} (no public IP)")
    finally:
        ec2.terminate_instances(InstanceIds=[instance["InstanceId"]])


def ensure_launch_template(ec2, image_id):
    try:
        ec2.describe_launch_templates(LaunchTemplateNames=[LAUNCH_TEMPLATE])
        return
    except ClientError as e:
        if "NotFound" not in e.response["Error"]["Code"]:
            raise
    image_id = image_id or first_amazon_image(ec2)
    ec2.create_launch_template(LaunchTemplateName=LAUNCH_TEMPLATE,
                               LaunchTemplateData={"ImageId": image_id, "InstanceType": "c5.large"})
    log(f"created launch template {LAUNCH_TEMPLATE} (ImageId {image_id})")


def ensure_spot_queue(sqs):
    # NTH's settings for its queue: notices older than 5 minutes are of no use any more
    url = sqs.create_queue(QueueName=SPOT_QUEUE, Attributes={"MessageRetentionPeriod": "300"})["QueueUrl"]
    return url


def main():
    ec2 = boto3.client("ec2", endpoint_url=ENDPOINT, region_name=REGION,
                       aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
                       aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"))
    vpc_id, _ = ensure_vpc(ec2)
    subnet_id, created = ensure_subnet(ec2, vpc_id)
    delete_default_vpc(ec2)
    image_id = None
    if created:
        image_id = first_amazon_image(ec2)
        verify_loopback_addresses(ec2, subnet_id, image_id)
    ensure_launch_template(ec2, image_id)
    sqs = boto3.client("sqs", endpoint_url=ENDPOINT, region_name=REGION,
                       aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
                       aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"))
    spot_queue_url = ensure_spot_queue(sqs)
    print(f"VPC_ID={vpc_id}")
    print(f"SUBNET_ID={subnet_id}")
    print(f"LAUNCH_TEMPLATE={LAUNCH_TEMPLATE}")
    print(f"SPOT_QUEUE_URL={spot_queue_url}")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - any failure must stop dev/up with a readable reason
        log(f"FAILED: {e}")
        sys.exit(1)
