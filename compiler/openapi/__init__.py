"""Front end for the OpenAPI document: loading with positions, validation, shapes."""
