# Datasette loads every module in --plugins-dir; the hooks live in the package.
from tracker.datasette_plugin.hooks import *  # noqa: F401,F403
