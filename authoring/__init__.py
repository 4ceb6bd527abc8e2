"""Deterministic authoring: rule-based extraction, briefs and the offline posting composer."""
