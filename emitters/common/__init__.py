"""What every target shares: naming words, the generated-file header, the template environment."""

from emitters.common.header import generated_header
from emitters.common.naming import (
    camel,
    kebab,
    pascal,
    project_words,
    screaming_snake,
    snake,
    words,
)
from emitters.common.templates import template_environment

__all__ = [
    "camel",
    "generated_header",
    "kebab",
    "pascal",
    "project_words",
    "screaming_snake",
    "snake",
    "template_environment",
    "words",
]
