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


# --- health checks, variables, pinned images, the lock file ----------------------------------


def compose_services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_web_worker_and_beat_have_health_checks_that_ask_the_process_itself():
    services = compose_services()
    web = " ".join(services["web"]["healthcheck"]["test"])
    assert "urllib.request" in web and "http://127.0.0.1:8000/healthz" in web
    # A host name the production settings accept, or Django answers 400.
    assert "DJANGO_ALLOWED_HOSTS" in web
    worker = " ".join(services["worker"]["healthcheck"]["test"])
    assert "celery -A wco_platform inspect ping --destination celery@$$HOSTNAME" in worker
    beat = " ".join(services["beat"]["healthcheck"]["test"])
    assert "celery -A wco_platform inspect ping --destination celerybeat@$$HOSTNAME" in beat
    # Beat answers pings only with remote control on.
    assert "--enable-remote-control" in services["beat"]["command"]
    for name in ("web", "worker", "beat"):
        check = services[name]["healthcheck"]
        assert {"interval", "timeout", "retries"} <= set(check), name


def test_postgres_receives_its_own_variables_and_no_secret_of_the_app():
    postgres = compose_services()["postgres"]
    assert "env_file" not in postgres
    assert set(postgres["environment"]) == {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"}
    assert "env_file" not in compose_services()["redis"]
    assert "environment" not in compose_services()["redis"]


def test_the_application_services_get_the_apps_variables():
    for name in ("web", "worker", "beat"):
        service = compose_services()[name]
        assert service["environment"]["PROMETHEUS_MULTIPROC_DIR"] == "/data/metrics", name
        assert "metrics:/data/metrics" in service["volumes"], name
    assert "backups:/data/backups" in compose_services()["web"]["volumes"]


def test_image_versions_are_pinned():
    services = compose_services()
    # A minor release (15.20, 7.4), never a floating major tag such as postgres:15.
    assert re.fullmatch(r"postgres:15\.\d+(-\w+)?", services["postgres"]["image"])
    assert re.fullmatch(r"redis:7\.\d+(\.\d+)?(-\w+)?", services["redis"]["image"])
    base = re.search(r"^FROM (\S+)", (ROOT / "Dockerfile").read_text(), re.MULTILINE).group(1)
    assert re.fullmatch(r"python:3\.11\.\d+-slim-\w+", base)


def test_the_dockerfile_installs_exactly_the_lock():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "COPY requirements.lock ./" in dockerfile
    assert "pip install --require-hashes --no-deps -r requirements.lock" in dockerfile
    assert "pip install ." not in dockerfile


def locked_versions():
    """{canonical name: version} of requirements.lock; every pin must carry its hashes."""
    from packaging.utils import canonicalize_name

    text = (ROOT / "requirements.lock").read_text()
    pins = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        pin = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        if pin is None:
            continue
        assert "--hash=sha256:" in block, f"{pin.group(1)} is locked without a hash"
        pins[canonicalize_name(pin.group(1))] = pin.group(2)
    return pins


def test_the_lock_pins_every_dependency_of_pyproject_in_its_range():
    import importlib.metadata
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins = locked_versions()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    stale = []
    for line in project["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        if name not in pins or not requirement.specifier.contains(pins[name], prereleases=True):
            stale.append(f"{line} (locked: {pins.get(name)})")
        # An extra's own dependencies (celery[redis] needs redis), from the installed metadata.
        for extra in requirement.extras:
            for needed in importlib.metadata.requires(requirement.name) or []:
                needed = Requirement(needed)
                wanted = needed.marker and needed.marker.evaluate({"extra": extra})
                if wanted and canonicalize_name(needed.name) not in pins:
                    stale.append(f"{needed.name} (for {requirement.name}[{extra}])")
    assert not stale, f"requirements.lock is stale, run `make lock`: {stale}"
