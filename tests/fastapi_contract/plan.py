"""Every end-to-end run the FastAPI contract tests make, by name, longest first.

- `<pair>-<database>`: `contractc test` on the unchanged build, the whole contract suite.
- `fault-*`: `contractc test` on a clinic build broken on purpose, with the suite narrowed by a
  pytest `-k` expression (PYTEST_ADDOPTS) to the tests that can see that fault.
- `clinic-schemathesis-cli`: the clinic build with its custom handler written, served by
  `contractc run`, checked by `schemathesis run --checks all` against the ORIGINAL spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.fastapi_contract import changes
from tests.fastapi_contract.runs import CONTRACTS, ContractRun, execute, schemathesis_cli
from tests.run_result import RunResult


@dataclass(frozen=True)
class Planned:
    """A contract-suite run, or (with `cli_spec`) a Schemathesis CLI run against `contractc run`."""

    contract_run: ContractRun
    cli_spec: Path | None = None
    cli_base_path: str = ""

    @property
    def pair(self) -> str:
        return self.contract_run.pair

    @property
    def database(self) -> str:
        return self.contract_run.database

    def execute(self, built: Path, workdir: Path) -> RunResult:
        """Run it on a copy of `built` inside `workdir`."""
        if self.cli_spec is not None:
            return schemathesis_cli(
                built, workdir, self.contract_run.change, self.cli_spec, self.cli_base_path
            )
        return execute(self.contract_run, built, workdir)


PLANNED: dict[str, Planned] = {
    "clinic-sqlite": Planned(ContractRun("clinic", "sqlite")),
    "clinic-postgres": Planned(ContractRun("clinic", "postgres")),
    "clinic-schemathesis-cli": Planned(
        ContractRun("clinic", "sqlite", changes.write_complete_visit),
        cli_spec=CONTRACTS / "clinic" / "openapi.yaml",
        cli_base_path="/api/v1",
    ),
    "petstore-sqlite": Planned(ContractRun("petstore", "sqlite")),
    "petstore-postgres": Planned(ContractRun("petstore", "postgres")),
    "library-sqlite": Planned(ContractRun("library", "sqlite")),
    "library-postgres": Planned(ContractRun("library", "postgres")),
    "torture-sqlite": Planned(ContractRun("torture", "sqlite")),
    "torture-postgres": Planned(ContractRun("torture", "postgres")),
    "shop-sqlite": Planned(ContractRun("shop", "sqlite")),
    "shop-postgres": Planned(ContractRun("shop", "postgres")),
    "fault-delete-keeps-row": Planned(
        ContractRun("clinic", "sqlite", changes.delete_that_keeps_the_row, select="TestWorkflow")
    ),
    "fault-auth-removed": Planned(
        ContractRun(
            "clinic",
            "sqlite",
            changes.list_owners_without_auth,
            select="test_operation and GET and owners and not ownerId and not pets",
        )
    ),
    "fault-wrong-status": Planned(
        ContractRun(
            "clinic",
            "sqlite",
            changes.create_owner_answers_200,
            select="test_operation and POST and owners and not ownerId and not pets",
        )
    ),
}
