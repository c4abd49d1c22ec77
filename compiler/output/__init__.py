"""Rendering the contract into an output folder: manifest, plan, transactional writes, drift."""
