"""Generate a synthetic Terraform monorepo of realistic AWS stacks with a known resource count.

    .venv/bin/python benchmarks/generate.py OUT_DIR --resources 1000 [--seed 0]

The repository has three shared local modules (`modules/network`, `modules/service`,
`modules/database`) and as many root stacks under `stacks/` as it takes to reach the
requested number of resources. Every stack is what a platform team would write: a
versions file with a provider and default tags, typed variables with descriptions and
validations, locals built with `merge` and `for` expressions, a `terraform.tfvars`, a VPC
module call, services called with `for_each` on a module, security groups whose rules are
`dynamic` blocks, a database module (single instance or Aurora with `count` readers), a
load balancer with listeners and target groups per service, alarms per service, and
outputs. Stacks differ (seeded): number of zones, services, environment, engine.

"Resources" are resource instances as Terraform would plan them: `count` and `for_each`
expanded and module resources counted once per module instance. The generator knows each
block's instance count, so the total is exact, not estimated.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

import tf_templates as tpl  # a sibling script: benchmarks/ is sys.path[0] when run

ENGINES = ("postgres", "mysql", "aurora-postgresql")
SERVICE_NAMES = (
    "api", "web", "auth", "billing", "search", "orders", "catalog", "payments",
    "notifications", "reports", "inventory", "shipping",
)  # fmt: skip
REGIONS = ("eu-west-1", "us-east-1", "eu-central-1", "ap-southeast-2")


@dataclass(frozen=True)
class StackPlan:
    """The seeded choices for one root stack, enough to write it and count its resources."""

    name: str
    region: str
    zones: int
    environment: str
    services: tuple[str, ...]
    engine: str
    readers: int

    @property
    def resources(self) -> int:
        return (
            tpl.network_resources(self.zones, self.environment)
            + len(self.services) * tpl.SERVICE_RESOURCES
            + tpl.database_resources(self.engine, self.readers)
            + tpl.edge_resources(len(self.services))
            + tpl.stack_extra_resources(len(self.services), self.environment)
        )


@dataclass(frozen=True)
class Generated:
    """What `generate` wrote: the stacks, files, bytes and the exact resource count."""

    root: Path
    stacks: int
    files: int
    bytes: int
    resources: int


def plan_stacks(resources: int, seed: int = 0) -> list[StackPlan]:
    """Stacks until at least `resources` resource instances are planned."""
    rng = random.Random(seed)
    plans: list[StackPlan] = []
    total = 0
    while total < resources:
        plan = _plan_one(rng, len(plans))
        plans.append(plan)
        total += plan.resources
    return plans


def _plan_one(rng: random.Random, index: int) -> StackPlan:
    environment = rng.choice(("prod", "prod", "staging", "dev"))
    count = rng.randint(2, 6) if environment == "prod" else rng.randint(1, 3)
    engine = rng.choice(ENGINES)
    team = SERVICE_NAMES[index % len(SERVICE_NAMES)]
    return StackPlan(
        name=f"{team}-{environment}-{index:03d}",
        region=rng.choice(REGIONS),
        zones=3 if environment == "prod" else rng.choice((2, 3)),
        environment=environment,
        services=tuple(sorted(rng.sample(SERVICE_NAMES, count))),
        engine=engine,
        readers=rng.randint(1, 3) if engine.startswith("aurora") else 0,
    )


def generate(out: Path, resources: int, seed: int = 0) -> Generated:
    """Write the monorepo under `out` (which must not exist or be empty)."""
    out.mkdir(parents=True, exist_ok=True)
    files: dict[Path, str] = {}
    for name, text in tpl.module_files().items():
        files[out / "modules" / name] = text
    plans = plan_stacks(resources, seed)
    for plan in plans:
        for name, text in stack_files(plan).items():
            files[out / "stacks" / plan.name / name] = text
    for path, text in sorted(files.items()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    size = sum(len(t.encode("utf-8")) for t in files.values())
    total = sum(p.resources for p in plans)
    return Generated(out, len(plans), len(files), size, total)


def stack_files(plan: StackPlan) -> dict[str, str]:
    """File name -> text for one root stack; no two stacks share a file's content."""
    files = {
        "versions.tf": tpl.versions(plan.name, plan.environment),
        "variables.tf": tpl.stack_variables(),
        "locals.tf": tpl.stack_locals(),
        "terraform.tfvars": tpl.tfvars(plan),
        "network.tf": tpl.network_call(),
        "services.tf": tpl.services_call(),
        "database.tf": tpl.database_call(),
        "edge.tf": tpl.edge(),
        "monitoring.tf": tpl.monitoring(),
        "outputs.tf": tpl.stack_outputs(),
    }
    return {name: _personalize(text, plan, name) for name, text in files.items()}


def _personalize(text: str, plan: StackPlan, name: str) -> str:
    """Stack-specific literals and a header: real stacks differ, and identical files would
    be parsed once by a content-hash cache but every time by the python-hcl2 baseline."""
    index = int(plan.name.rsplit("-", 1)[1])
    team = plan.name.split("-", 1)[0]
    text = (
        text.replace("10.0.0.0/16", f"10.{index % 250}.0.0/16")
        .replace("Z0123456789ABCDEFGHIJ", f"Z{index:04d}{team.upper()[:8]:X<8}STACK")
        .replace('"example.com"', f'"{team}.example.com"')
    )
    where = f"{plan.environment} in {plan.region}"
    return f"# {plan.name}/{name}: owned by team-{team}, {where}\n{text}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    made = generate(args.out, args.resources, args.seed)
    print(
        f"{made.root}: {made.resources} resources in {made.stacks} stacks, "
        f"{made.files} files, {made.bytes / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
