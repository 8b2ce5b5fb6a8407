"""Printable documents: the compendium, and a dossier of any filtered list of practices, as PDF."""
