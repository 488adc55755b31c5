"""Readers that turn config text (TOML, JSON, HTML pages) into trees and regions with spans."""
