"""Python smoke test of the built wheel (test/package/jsii-smoke.sh).

A two-service app written against the Python bindings: synthesizes, then checks
the template and the library's synth-time artifacts in the cloud assembly.
"""
import os
import sys

import aws_cdk as cdk
from aws_cdk import aws_ecs as ecs
from cdk_microservices import (
    AutoscaledFargateService,
    DiscoverableService,
    EnvironmentProfile,
    MicroserviceCluster,
    SecretsFromSsm,
)

outdir = os.environ.get("CDK_OUTDIR", "cdk.out")
app = cdk.App(outdir=outdir)
stack = cdk.Stack(app, "PythonShop", env=cdk.Environment(account="123456789012", region="eu-west-1"))

cluster = MicroserviceCluster(stack, "Shop", profile=EnvironmentProfile.STAGING)
cluster.add_fixed_response("Healthz", path_patterns=["/healthz"], status_code=200, message_body="ok")

secrets = SecretsFromSsm(stack, "OrdersSecrets", path_prefix="/shop/staging/orders",
                         parameters={"DB_PASSWORD": "db-password"})
orders = DiscoverableService(
    stack, "Orders",
    cluster=cluster,
    image=ecs.ContainerImage.from_registry("public.ecr.aws/acme/orders:1.4.2"),
    secrets=secrets,
)
web = AutoscaledFargateService(
    stack, "Web",
    cluster=cluster,
    image=ecs.ContainerImage.from_registry("public.ecr.aws/acme/web:1.4.2"),
    path_patterns=["/*"],
    health_check_path="/health",
)
web.connect_to(orders)

assembly = app.synth()

problems = []
template = assembly.get_stack_by_name("PythonShop").template
types = [r["Type"] for r in template["Resources"].values()]
if types.count("AWS::ECS::Service") != 2:
    problems.append(f"expected 2 ECS services, found {types.count('AWS::ECS::Service')}")
if orders.endpoint != "http://orders:8080":
    problems.append(f"orders.endpoint is {orders.endpoint!r}")
if not web.url.startswith("http://"):
    problems.append(f"web.url is {web.url!r}")
for name in ("Shop.docker-compose.yml", "Shop.topology.md", "Shop.secrets.env"):
    if not os.path.isfile(os.path.join(assembly.directory, name)):
        problems.append(f"{name} is missing from {assembly.directory}")

if problems:
    print("Python smoke test FAILED:\n  - " + "\n  - ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"Python smoke test: {len(types)} resources in PythonShop, artifacts in {assembly.directory} OK")
