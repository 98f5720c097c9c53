"""Amounts the French way: « 100 000 € » (read by the awards and the decision letters)."""

from decimal import Decimal

NNBSP = "\u202f"  # the thin non-breaking space of French thousands and before « € »


def euros(value) -> str:
    """100000 → « 100 000 € », 1234.5 → « 1 234,50 € » (French typography)."""
    if value is None:
        return "—"
    value = Decimal(value).quantize(Decimal("0.01"))
    whole, cents = divmod(abs(value), 1)
    text = f"{int(whole):,}".replace(",", NNBSP)
    if cents:
        text += f",{int(cents * 100):02d}"
    return f"{'-' if value < 0 else ''}{text}{NNBSP}€"
