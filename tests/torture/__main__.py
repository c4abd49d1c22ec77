"""`python -m tests.torture`: rewrite contracts/torture/ from the generator."""

from pathlib import Path

from tests.torture.contract import torture_pair

FOLDER = Path(__file__).resolve().parents[2] / "contracts" / "torture"

if __name__ == "__main__":
    spec, schema = torture_pair()
    FOLDER.mkdir(exist_ok=True)
    (FOLDER / "openapi.yaml").write_text(spec, encoding="utf-8")
    (FOLDER / "schema.sql").write_text(schema, encoding="utf-8")
