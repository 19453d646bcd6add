"""Load wco_platform.settings.production as a module, in this process, with the environment a
test gives it: to read what production would set, or to see it refuse to start.

The base and production modules are executed afresh, as a server starting with that
environment would, then the modules the running test settings use are put back.
"""

import importlib
import sys

MODULE = "wco_platform.settings.production"
BASE = "wco_platform.settings.base"

# What production requires, set to values it accepts: a test changes one at a time.
VALID = {
    "DJANGO_SECRET_KEY": "a-test-key-" + "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "platform.wcoomd.example",
    "DATABASE_URL": "postgres://wco:secret@127.0.0.1:5432/wco",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}
# Variables that change what production does, cleared unless a test sets them.
OPTIONAL = (
    "DJANGO_DEBUG",
    "DJANGO_LOG_FORMAT",
    "DJANGO_ACCESS_LOG",
    "METRICS_ENABLED",
    "METRICS_ALLOWED_IPS",
    "METRICS_TOKEN",
    "NUM_PROXIES",
)


def load_production(monkeypatch, **environment):
    """The production settings module under VALID updated with `environment` (a value of None
    unsets that variable)."""
    for name in OPTIONAL:
        monkeypatch.delenv(name, raising=False)
    for name, value in {**VALID, **environment}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    saved = {name: sys.modules.pop(name, None) for name in (BASE, MODULE)}
    try:
        return importlib.import_module(MODULE)
    finally:
        package = sys.modules["wco_platform.settings"]
        for name, module in saved.items():
            sys.modules.pop(name, None)
            if hasattr(package, name.rpartition(".")[2]):
                delattr(package, name.rpartition(".")[2])
            if module is not None:
                sys.modules[name] = module
                setattr(package, name.rpartition(".")[2], module)
