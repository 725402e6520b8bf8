"""moto_server for the burstflow dev stack, plus minimal placement-group support.

moto 5.2.1 answers CreatePlacementGroup / DescribePlacementGroups / DeletePlacementGroup
with HTTP 500 NotImplementedError, and the worker's gang launcher uses cluster placement
groups. This patches moto's EC2 responder with an in-memory table, then runs the normal
server with the given arguments:

    python3 dev/moto_shim.py -H 127.0.0.1 -p 5000

Note: POST /moto-api/reset does not clear the placement groups kept here.
"""
import sys
import uuid

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.responses import EC2Response

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

if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
