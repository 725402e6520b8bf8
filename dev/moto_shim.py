"""moto_server for the burstflow dev stack, plus minimal placement-group support.

moto 5.2.1 answers CreatePlacementGroup / DescribePlacementGroups / DeletePlacementGroup
with HTTP 500 NotImplementedError, and the worker's gang launcher uses cluster placement
groups. This patches moto's EC2 responder with an in-memory table, then runs the normal
server with the given arguments:

    python3 dev/moto_shim.py -H 127.0.0.1 -p 5000

Note: POST /moto-api/reset does not clear the placement groups kept here.

It also makes a resource's own tags a dictionary lookup. moto 5.2.1 finds them by scanning the
tags of every resource it holds, once per filter per instance, so a filtered DescribeInstances
costs instances x filters x all tags: 0.14 s with 100 tagged instances, 3.3 s with 600. The
worker filters by tag before every launch, so a burst of launches slowed down quadratically
and timed out; with the lookup it takes 0.01 s with 100 and 0.03 s with 600. Same answers: a resource's
tags are exactly the entries under its id.
"""
import sys
import uuid

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models.core import TaggedEC2Resource
from moto.ec2.responses import EC2Response
from moto.ec2.utils import EC2_PREFIX_TO_RESOURCE, get_prefix

_PLACEMENT_GROUPS = {}  # (account, region, name) -> PlacementGroup dict


def _key(responder, name):
    return (responder.current_account, responder.region, name)


def create_placement_group(self):
    name = self._get_param("GroupName")
    key = _key(self, name)
    if key in _PLACEMENT_GROUPS:
        raise EC2ClientError("InvalidPlacementGroup.Duplicate",
                             f"The Placement Group '{name}' already exists.")
    _PLACEMENT_GROUPS[key] = {
        "GroupName": name,
        "State": "available",
        "Strategy": self._get_param("Strategy") or "cluster",
        "GroupId": "pg-" + uuid.uuid4().hex[:17],
        "GroupArn": f"arn:aws:ec2:{self.region}:{self.current_account}:placement-group/{name}",
    }
    return ActionResult({"PlacementGroup": _PLACEMENT_GROUPS[key]})


def describe_placement_groups(self):
    names = self._get_param("GroupNames", [])
    groups = [group for (account, region, name), group in _PLACEMENT_GROUPS.items()
              if account == self.current_account and region == self.region
              and (not names or name in names)]
    return ActionResult({"PlacementGroups": groups})


def delete_placement_group(self):
    name = self._get_param("GroupName")
    if _PLACEMENT_GROUPS.pop(_key(self, name), None) is None:
        raise EC2ClientError("InvalidPlacementGroup.Unknown",
                             f"The Placement Group '{name}' is unknown.")
    return ActionResult({})


EC2Response.create_placement_group = create_placement_group
EC2Response.describe_placement_groups = describe_placement_groups
EC2Response.delete_placement_group = delete_placement_group


def get_tags(self):
    """What moto's own get_tags returns (describe_tags filtered by resource-id), by lookup."""
    tags = self.ec2_backend.tags.get(self.id) if self.id else None
    if not tags:
        return []
    resource_type = EC2_PREFIX_TO_RESOURCE.get(get_prefix(self.id), "")
    return [{"resource_id": self.id, "key": k, "value": v, "resource_type": resource_type}
            for k, v in tags.items()]


TaggedEC2Resource.get_tags = get_tags

if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
