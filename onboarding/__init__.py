"""Bringing a company's own data in: parsing, classifying, reading documents, pre-extraction."""
