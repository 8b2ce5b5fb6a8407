"""How the academy's modules join the shared vocabulary: our choice, not the sources' words.

The sources name the modules but classify none of them. These areas of
intervention (slugs of `fixtures/vocabulary.json`) and tags link a module to
the compendium's practices and to the projects on the same subjects; the
module page's "related practices" and the list's area filter follow them.
Modules left out here get no area: Day 1 (introduction) and Day 2 (cultural
competence) cut across every area.
"""

MODULE_AREAS = {
    # Day 3: its title is the area's name.
    "intercultural-messaging-and-communication": ["inclusive-and-alternative-narratives-and-communication"],
    # The compendium files Bilbao's and Fuenlabrada's anti-rumours strategies under this area.
    "anti-rumour-strategy": ["inclusive-and-alternative-narratives-and-communication"],
    "diversity-in-business": ["business-and-employment"],
    "community-development": ["social-and-political-participation"],
    # Heritage is cultural life; the mapping is done with residents.
    "cultural-heritage-participatory-mapping": ["culture-and-leisure", "social-and-political-participation"],
    # Accountability for results, built with the community.
    "community-based-results-accountability": ["policy-making", "social-and-political-participation"],
}

# The tag the compendium's importer gives the anti-rumours practices.
MODULE_TAGS = {
    "anti-rumour-strategy": ["anti-rumours"],
}
