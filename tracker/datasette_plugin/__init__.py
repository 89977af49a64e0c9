"""The project's own Datasette plugin: charts, a statement card, a speaker
timeline and one search box over everything.

`tracker serve` passes ``--template-dir TEMPLATES_DIR --plugins-dir PLUGINS_DIR``;
the plugins dir holds a one-line module importing ``hooks``. It is our own
code rather than a charting plugin because the charts we need are two, drawn
as inline SVG in some 150 lines, with nothing fetched by the browser.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
PLUGINS_DIR = HERE / "plugins"
