"""The policy side panel: what the support policy says about the open ticket."""

from websight_desk.ui.policy.panel import PolicyPanel

__all__ = ["PolicyPanel"]
