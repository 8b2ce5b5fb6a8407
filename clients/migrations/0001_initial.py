from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="RequestCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("rate", models.CharField(max_length=40)),
                ("who", models.CharField(help_text="A client address, or 'everyone'.", max_length=64)),
                ("window_start", models.DateTimeField()),
                ("count", models.PositiveIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("rate", "who", "window_start"), name="request_count_once_per_window"
                    )
                ],
                "indexes": [models.Index(fields=["window_start"], name="request_count_window_idx")],
            },
        ),
    ]
