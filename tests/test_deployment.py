"""The deployment files agree with the code: the compose file, .env.example, the README and the
documentation.

These read files only; they need no database.
"""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_DIR = ROOT / "wco_platform" / "settings"
PRODUCTION = "wco_platform.settings.production"

# env("NAME", ...), env.bool("NAME", ...), env.db("NAME", ...) and so on, the name possibly on
# the next line.
ENV_CALL = re.compile(r"\benv(?:\.\w+)?\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']")


def settings_variables():
    names = set()
    for module in sorted(SETTINGS_DIR.glob("*.py")):
        names.update(ENV_CALL.findall(module.read_text()))
    return names


def test_docker_compose_parses_and_names_the_five_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    for name in ("web", "worker", "beat"):
        service = services[name]
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == PRODUCTION, name
        assert service["build"] == ".", name
        assert ".env" in (
            service["env_file"] if isinstance(service["env_file"], list) else [service["env_file"]]
        ), name
        assert any(volume.startswith("media:") for volume in service["volumes"]), name
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy", name
        assert service["depends_on"]["redis"]["condition"] == "service_healthy", name
    assert "gunicorn wco_platform.wsgi" in services["web"]["command"]
    assert "celery -A wco_platform worker" in services["worker"]["command"]
    assert "celery -A wco_platform beat" in services["beat"]["command"]
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert "ping" in services["redis"]["healthcheck"]["test"]


def test_the_settings_read_the_variables_this_test_looks_for():
    # Guards the regex: if it stopped matching, the next test would pass on nothing.
    names = settings_variables()
    assert {
        "DJANGO_SECRET_KEY",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "DJANGO_EMAIL_BACKEND",
    } <= names


def test_env_example_lists_every_variable_the_settings_read():
    example = (ROOT / ".env.example").read_text()
    # A variable may be set, or shown commented out (TEST_DATABASE_URL, read by tests only).
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, re.MULTILINE))
    missing = settings_variables() - listed
    assert not missing, f".env.example does not list {sorted(missing)}"


def test_the_configuration_page_lists_every_variable_the_settings_read():
    configuration = (ROOT / "docs" / "configuration.md").read_text()
    missing = {name for name in settings_variables() if f"`{name}`" not in configuration}
    assert not missing, f"docs/configuration.md does not document {sorted(missing)}"
    assert "(docs/configuration.md)" in (ROOT / "README.md").read_text()


def test_every_link_of_the_documentation_leads_to_a_file():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    for page in pages:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text()):
            assert (page.parent / target).exists(), f"{page.name} links to a missing {target}"


def test_readme_shows_the_two_commands_first():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme
    assert "make test" in readme
    blocks = list(re.finditer(r"```.*?\n(.*?)```", readme, re.DOTALL))
    first_make = next(m for m in blocks if re.search(r"^\s*make\b", m.group(1), re.MULTILINE))
    assert "make run" in first_make.group(1)
    assert "make test" in first_make.group(1)
    documentation = re.search(r"^## Documentation", readme, re.MULTILINE)
    assert documentation is not None
    assert first_make.start() < documentation.start()
    # Nothing but prose comes before the commands: they are the first code block.
    assert blocks[0] is first_make
