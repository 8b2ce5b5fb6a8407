import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_create_editor_makes_a_staff_member_of_the_editors_group(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "a long enough passphrase 42")
    call_command("create_editor", "alice", "alice@example.org")
    alice = User.objects.get(username="alice")
    assert alice.is_staff and not alice.is_superuser
    assert list(alice.groups.values_list("name", flat=True)) == ["Editors"]
    assert alice.check_password("a long enough passphrase 42")
    assert alice.has_perm("practices.change_practice")
    assert not alice.has_perm("auth.add_user")


def test_create_editor_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_editor", "bob", "bob@example.org")
    assert not User.objects.filter(username="bob").exists()
