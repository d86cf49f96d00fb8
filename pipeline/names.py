"""Id <-> name look-ups shared by the relation and outcome stages (thin layer over ``vocab``)."""

from __future__ import annotations

from pipeline import vocab


def hgnc_id(symbol: str) -> str | None:
    """HGNC id of an approved symbol, FamPlex id of a family name, else None."""
    hid = vocab.hgnc_symbols().get(symbol)
    if hid:
        return hid
    fid = f"FPLX:{symbol}"
    return fid if fid in vocab.famplex_ids() else None


def target_name(target_id: str) -> str:
    """HGNC symbol or FamPlex name of a target id (the id itself if unknown)."""
    if target_id.startswith("HGNC:"):
        entry = vocab.hgnc_entries().get(target_id)
        return entry[0] if entry else target_id
    if target_id.startswith("FPLX:"):
        return target_id[5:]
    return target_id


def doid_name(doid: str) -> str:
    names, alts = vocab.doid_terms()
    return names.get(doid) or names.get(alts.get(doid, ""), "") or doid
