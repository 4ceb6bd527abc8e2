"""Shared configuration, data shapes and reference tables."""
