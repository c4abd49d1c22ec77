"""The Spring Boot target: a layered Spring Boot 3 + JdbcClient + Flyway project (Java 17, Maven) from the IR."""

from __future__ import annotations

from pathlib import Path

from compiler.ir import Contract
from emitters.base import GeneratedFile, Runtime, UserCodeFinding
from emitters.spring.project import render_project
from emitters.spring.runtime import spring_runtime
from emitters.spring.user_code import check_spring_user_code


class SpringEmitter:
    """contractc's Spring Boot target (see /work/shared/design/generated-backend.md)."""

    name = "spring"
    description = (
        "Spring Boot 3.5 + JdbcClient + Flyway + networknt JSON Schema validation (Java 17, Maven)"
    )

    def render(self, contract: Contract, inputs_label: str) -> tuple[GeneratedFile, ...]:
        """Every file of the project, sorted by path; byte-identical for identical inputs."""
        return render_project(contract, inputs_label)

    def check_user_code(
        self, contract: Contract, rendered: tuple[GeneratedFile, ...], out_dir: Path
    ) -> tuple[UserCodeFinding, ...]:
        """User classes against the interfaces they implement, read lightly (CC514)."""
        return check_spring_user_code(rendered, out_dir)

    def runtime(self) -> Runtime:
        """No install step (Maven fetches dependencies on build), `mvn package`, `java -jar`."""
        return spring_runtime()


__all__ = ["SpringEmitter"]
