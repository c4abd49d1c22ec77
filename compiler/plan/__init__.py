"""Lowering: facts every backend needs, computed once from the IR for all targets."""
