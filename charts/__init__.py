"""Pictures of the compendium's data as server-rendered SVG: a map, bar charts and a timeline.

Plain functions from rows to markup; the views query, these draw.
"""
