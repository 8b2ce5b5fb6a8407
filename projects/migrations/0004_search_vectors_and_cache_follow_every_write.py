"""A project's search vector computed by the database on every write, and every write retiring cached reads.

Frozen SQL, as in practices 0009: the BEFORE trigger reads the project's row
and its children (the same texts as before this migration); writes to the
children touch the projects concerned.
"""

from django.db import migrations

FUNCTIONS = """
CREATE FUNCTION project_children_text(project bigint) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws(' ',
        (SELECT string_agg(text, ' ' ORDER BY position, id) FROM projects_objective WHERE project_id = project),
        (SELECT string_agg(concat_ws(' ', name, description), ' ' ORDER BY position, id)
            FROM projects_activity WHERE project_id = project),
        (SELECT string_agg(title, ' ' ORDER BY position, id) FROM projects_resource WHERE project_id = project),
        (SELECT string_agg(concat_ws(' ', wording, counts), ' ' ORDER BY position, id)
            FROM projects_impacttarget WHERE project_id = project))
$$;

CREATE FUNCTION project_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('compendium', concat_ws(' ', NEW.acronym, NEW.title)), 'A')
        || setweight(to_tsvector('compendium', coalesce(NEW.summary, '')), 'B')
        || setweight(to_tsvector('compendium', coalesce(project_children_text(NEW.id), '')), 'C');
    RETURN NEW;
END $$;

CREATE TRIGGER project_search_vector BEFORE INSERT OR UPDATE ON projects_project
    FOR EACH ROW EXECUTE FUNCTION project_search_vector();
"""
DROP_FUNCTIONS = """
DROP TRIGGER project_search_vector ON projects_project;
DROP FUNCTION project_search_vector(), project_children_text(bigint);
"""

DEPENDENCIES = [
    ("projects_objective", "'projects_project', 'id', 'project_id'"),
    ("projects_activity", "'projects_project', 'id', 'project_id'"),
    ("projects_resource", "'projects_project', 'id', 'project_id'"),
    ("projects_impacttarget", "'projects_project', 'id', 'project_id'"),
]

CONTENT_TABLES = [
    "projects_project", "projects_category", "projects_fundingprogramme", "projects_objective", "projects_activity",
    "projects_resource", "projects_impacttarget", "projects_partner", "projects_sociallink",
    "projects_project_categories", "projects_project_areas", "projects_taggedproject",
]  # fmt: skip


def dependency_triggers(table, arguments):
    name = f"{table}_touches_projects"
    return (
        f"CREATE TRIGGER {name}_on_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION touch_dependent_rows({arguments});\n"
        f"CREATE TRIGGER {name}_on_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows "
        f"NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_dependent_rows({arguments});\n"
        f"CREATE TRIGGER {name}_on_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION touch_dependent_rows({arguments});\n",
        "".join(f"DROP TRIGGER {name}_on_{event} ON {table};\n" for event in ("insert", "update", "delete")),
    )


def generation_trigger(table):
    name = f"{table}_retires_cached_reads"
    return (
        f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION bump_content_generation();\n",
        f"DROP TRIGGER {name} ON {table};\n",
    )


TRIGGERS = [dependency_triggers(table, arguments) for table, arguments in DEPENDENCIES]
TRIGGERS += [generation_trigger(table) for table in CONTENT_TABLES]

RECOMPUTE = "UPDATE projects_project SET id = id;"


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_archived_status"),
        ("browse", "0001_initial"),
        ("compendium", "0004_csv_cell_function"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunSQL(FUNCTIONS, DROP_FUNCTIONS),
        *(migrations.RunSQL(create, drop) for create, drop in TRIGGERS),
        migrations.RunSQL(RECOMPUTE, migrations.RunSQL.noop),
    ]
