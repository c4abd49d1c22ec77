"""Contract tests shared by every target: the spec with OpenAPI links and a Schemathesis suite."""

from emitters.contract_tests.credentials import TEST_CREDENTIALS, ContractCredentials
from emitters.contract_tests.spec import contract_spec
from emitters.contract_tests.suite import BOUNDS, FOLDER, SuiteBounds, render_contract_tests

__all__ = [
    "BOUNDS",
    "FOLDER",
    "TEST_CREDENTIALS",
    "ContractCredentials",
    "SuiteBounds",
    "contract_spec",
    "render_contract_tests",
]
