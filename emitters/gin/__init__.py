"""The Gin target: a Go + gin backend, one static binary."""

from emitters.gin.emitter import GinEmitter

__all__ = ["GinEmitter"]
