"""``surveydesk-cli demo``: a project with two waves of generated answers to try every
command on. Parsing and messages only; the project is written by :mod:`surveydesk.io.demo`.
"""

from __future__ import annotations

from pathlib import Path

from surveydesk.cli import common

# The bundled demo questionnaires (surveydesk.io.demo.DEMOS; a test keeps the two equal, so
# that building the parser does not import the demo generator).
DEMO_FORMS = ("citizen_service", "jobcentre")


def _demo(args) -> int:
    from surveydesk.io.demo import write_demo

    with write_demo(Path(args.project), args.form) as project:
        overview = project.overview()
    waves = ", ".join(f"{s.wave.label} ({s.total})" for s in overview.waves)
    print(f"Wrote demo project {args.project}: '{overview.title}', waves {waves}.")
    return common.EXIT_OK


def add_commands(commands: common.Commands) -> None:
    """Add ``demo``."""
    demo = commands.command("demo", "write a demo project with two waves of generated answers",
                            _demo, project="the project file to write (.sdproj)")
    demo.add_argument("--form", default="citizen_service", choices=DEMO_FORMS,
                      help="which bundled questionnaire (default: citizen_service)")
