"""Amounts in French: the kernel's `ptce.core.money` (the decision letters of calls use it too)."""

from ptce.core.money import NNBSP, euros

__all__ = ["NNBSP", "euros"]
