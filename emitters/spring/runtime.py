"""How `contractc run` / `contractc test` drive a generated Spring Boot project."""

from __future__ import annotations

from emitters.base import Runtime

JAR = "target/app.jar"


def spring_runtime() -> Runtime:
    """Maven builds the jar (dependencies come from Maven Central into ~/.m2); `java -jar` runs it."""
    return Runtime(
        install=(),
        install_marker="pom.xml",
        build=(("mvn", "-B", "-q", "package", "-DskipTests"),),
        start=("java", "-jar", JAR),
        unit_tests=("mvn", "-B", "-q", "verify"),
        ready_path="/readyz",
        build_outputs=("target",),
    )
