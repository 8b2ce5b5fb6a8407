"""Writing projects: the one way the importer (and, through its forms, the admin) changes a project.

As for practices, the database keeps the search vector and the content
generation in step; a write here is the project and its own children and
links, as one revision of it alone.
"""

from editorial.revisions import record_as_written, revision_of_one, set_links
from projects.models import Activity, ImpactTarget, Objective, Partner, Resource

# Each kind of ordered child, and how a row of values becomes one.
CHILDREN = {
    "objectives": lambda text: Objective(text=text),
    "activities": lambda row: Activity(name=row[0], description=row[1]),
    "resources": lambda row: Resource(title=row[0], url=row[1]),
    "impact_targets": lambda row: ImpactTarget(number=row[0], counts=row[1], wording=row[2]),
    "partners": lambda row: Partner(organisation=row[0], country_id=row[1], role=row[2]),
}


def save_project(project, *, categories=None, areas=None, tags=None, children=None, user=None, comment=""):
    """Validate and save `project`, the links given and the children given ({kind: [values]}), as one revision.

    A kind of link or child left out (None) is left as it is; one given replaces what was there.
    """
    with revision_of_one(user, comment):
        project.full_clean(exclude=["imported_values"])
        project.save()
        set_links(project, categories=categories, areas=areas, tags=tags)
        for name, rows in (children or {}).items():
            related = getattr(project, name)
            related.all().delete()
            built = []
            for position, values in enumerate(rows):
                child = CHILDREN[name](values)
                child.project, child.position = project, position
                child.full_clean(exclude=["project"])
                built.append(child)
            related.model.objects.bulk_create(built)
        record_as_written(project)
    return project
