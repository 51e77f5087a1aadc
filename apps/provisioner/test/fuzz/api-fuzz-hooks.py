"""schemathesis hooks of the API fuzz (apps/provisioner/test/api-fuzz.int.test.ts), loaded via SCHEMATHESIS_HOOKS.

The fuzz's provisioner installs real stores on the test cluster that other test files share, and a store's namespace
is `store-{name}`: so every valid store name it generates is given the prefix `fz` (a name of another test file
cannot be made), except the names YAML would read as a number, a boolean or null, which are sent as they are, once
each, first (store-names.int.test.ts creates 2024, true, null and 1e3; these are others of the same kinds).
"""
import re

import schemathesis

# Kept in step with packages/contracts/src/store-name.ts and the test, which reads these stores back.
REGRESSION_NAMES = ["2026", "false", "yes", "1e5"]
PATTERN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
PLANS = {"basic", "standard", "premium"}
RESERVED = {"admin", "api", "app", "dashboard", "default", "kube-system", "platform", "status", "store", "www"}
_pending = list(REGRESSION_NAMES)


def _valid(name):
    return isinstance(name, str) and 3 <= len(name) <= 40 and PATTERN.match(name) and name not in RESERVED


@schemathesis.hook
def map_body(context, body):
    operation = context.operation
    if operation is None or operation.method.upper() != "POST" or operation.path != "/stores":
        return body
    if not isinstance(body, dict) or not _valid(body.get("name")):
        return body
    # Only a create that is valid as a whole gets one of the names (a hook's change keeps the case's
    # positive or negative label): WooCommerce on a known plan, nothing else.
    if _pending and set(body) == {"name", "engine", "plan"} and body["engine"] == "woocommerce" and body["plan"] in PLANS:
        return {**body, "name": _pending.pop(0)}
    if not body["name"].startswith("fz"):
        return {**body, "name": ("fz" + body["name"])[:40].rstrip("-")}
    return body
