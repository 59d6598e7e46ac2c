"""The strategies app's admin, one module per page or group of pages. Importing them here
registers them when Django looks for this app's admin. The strategy and programme admins are
registered by outcomes.admin."""

from . import boards, governance, programme, strategy

__all__ = ["boards", "governance", "programme", "strategy"]
