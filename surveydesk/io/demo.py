"""The demo projects: bundled questionnaires with two waves of realistic, generated answers.

The answers are generated deterministically (a fixed seed) from the questionnaire itself,
so the demo follows the form's skip logic and constraints and is imported through the same
checks as any real file. Each respondent has a latent satisfaction; scored questions are
drawn from it, so items within a theme correlate as in real data. The second wave has real
changes (higher satisfaction for some departments/groups, more e-mail contact), and some
breakdown groups are small (30 or fewer answers) to exercise low-base rules.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.resources
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from surveydesk.core.answers import to_stored, violates_constraint
from surveydesk.core.errors import UsageError
from surveydesk.core.expressions import to_string
from surveydesk.core.questionnaire import Question, Questionnaire, QuestionType
from surveydesk.core.xlsform import read_xlsform
from surveydesk.io.importer import cells_from_frame, import_table
from surveydesk.store.project import Project


@dataclass(frozen=True)
class DemoWave:
    label: str
    modes: dict[str, int]  # mode -> number of respondents
    fieldwork: tuple[dt.date, dt.date]
    lift: float  # shift of the latent satisfaction against the first wave


@dataclass(frozen=True)
class DemoSurvey:
    form: str
    waves: tuple[DemoWave, ...]
    breakdown: str  # the question whose groups get uneven sizes and effects
    shares: dict[str, dict[str, float]]  # fixed answer shares of some unscored questions


DEMOS = {
    # Seed 000: 671 answers in 2019 (539 web, 62 in person, 70 phone), 682 in 2022.
    "citizen_service": DemoSurvey("citizen_service", (
        DemoWave("2019", {"web": 539, "in_person": 62, "phone": 70},
                 (dt.date(2019, 9, 9), dt.date(2019, 10, 7)), 0.0),
        DemoWave("2022", {"web": 502, "in_person": 108, "phone": 72},
                 (dt.date(2022, 9, 12), dt.date(2022, 10, 10)), 0.25),
    ), "department", {
        "department": {"borgerservice": 30, "jobcenter": 16, "teknik_miljoe": 14,
                       "familieafdeling": 8, "pension": 7, "boligformidling": 5,
                       "ungeenheden": 4, "visitation": 4, "opkraevning": 4, "raad_indsats": 3,
                       "handicapraadgivning": 2, "foraeldrebetaling": 2,
                       "rottebekaempelse": 1},
        "channel_preferred": {"phone": 47, "web": 24, "email": 14, "in_person": 11,
                              "letter": 4},
        "channel_used": {"phone": 38, "web": 30, "in_person": 20, "email": 9, "letter": 3},
    }),
    "jobcentre": DemoSurvey("jobcentre", (
        DemoWave("2021", {"web": 560, "in_person": 90, "phone": 55},
                 (dt.date(2021, 10, 4), dt.date(2021, 11, 12)), 0.0),
        DemoWave("2023", {"web": 575, "in_person": 80, "phone": 60},
                 (dt.date(2023, 10, 2), dt.date(2023, 11, 10)), 0.3),
    ), "target_group", {
        # Seed 001: six target groups; two are small enough to fall under the low-base rule.
        "target_group": {"dagpenge": 34, "kth_jobparat": 16, "kth_aktivitetsparat": 21,
                         "sygedagpenge": 21, "ledighedsydelse": 4, "uddannelseshjaelp": 4},
    }),
}

_COMMENTS = (
    "Venlig og hurtig betjening på rådhuset.",
    "Svært at finde den rigtige blanket på hjemmesiden.",
    "Lang ventetid i telefonen – over 20 minutter.",
    "Sagsbehandleren lyttede til mine ønsker.",
    "Jeg savner at kunne møde op uden at bestille tid først.",
    "Fint at kunne skrive på e-mail på dansk og engelsk.",
)


def demo_form_path(form: str) -> Path:
    """The bundled workbook of a demo questionnaire (works from an installed wheel)."""
    if form not in DEMOS:
        raise UsageError(f"Unknown demo '{form}'; choose one of: {', '.join(DEMOS)}.")
    resource = importlib.resources.files("surveydesk.resources") / "forms" / f"{form}.xlsx"
    with importlib.resources.as_file(resource) as path:
        return Path(path)


def _weights(count: int, seed: str, skew: float = 1.0) -> np.ndarray:
    """Uneven but fixed choice weights (Zipf-like, shuffled by a hash of ``seed``)."""
    order = np.random.default_rng(int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16))
    weights = 1.0 / np.arange(1, count + 1) ** skew
    order.shuffle(weights)
    return weights / weights.sum()


class _Generator:
    def __init__(self, questionnaire: Questionnaire, survey: DemoSurvey, rng):
        self.q = questionnaire
        self.survey = survey
        self.rng = rng

    def respondent(self, wave: DemoWave, mode: str) -> dict[str, object]:
        answers: dict[str, object] = {}
        latent = self.rng.normal(0.35 + wave.lift, 1.0)
        for question in self.q.answer_questions:
            if not self.q.is_relevant(question, answers):
                continue
            if question.type is QuestionType.CALCULATE:
                assert question.calculation is not None
                value = to_string(question.calculation.evaluate(answers))
                if value:
                    answers[question.name] = value
                continue
            if not question.required and self.rng.random() < 0.06:
                continue  # skipped optional question
            for _ in range(20):
                value = self.value(question, latent, wave, answers, mode)
                if value is None or not violates_constraint(question, value, answers):
                    break
            else:
                value = None
            if value is not None:
                answers[question.name] = value
                if question.name == self.survey.breakdown:
                    latent += self._group_effect(value, wave)
        return answers

    def status(self, mode: str) -> str:
        """Interviews in person and by phone are sometimes left unfinished; web ones not
        (an unfinished web answer is not submitted)."""
        if mode == "web":
            return "complete"
        draw = self.rng.random()
        return "aborted" if draw < 0.04 else "partial" if draw < 0.06 else "complete"

    def _group_effect(self, group: object, wave: DemoWave) -> float:
        # Some groups improve between waves and some do not: real changes to detect.
        code = int(hashlib.sha256(str(group).encode()).hexdigest()[:4], 16)
        base = (code % 7 - 3) * 0.08
        return base + (wave.lift * 0.8 if code % 2 else -wave.lift * 0.6)

    def value(self, question: Question, latent: float, wave: DemoWave, answers, mode):
        kind = question.type
        if kind is QuestionType.SELECT_ONE and question.is_scored:
            return self._scored(question, latent)
        if kind is QuestionType.SELECT_ONE:
            names = question.choice_list.names
            fixed = self.survey.shares.get(question.name)
            if fixed:
                weights = np.array([fixed.get(name, 0.5) for name in names], dtype=float)
                weights /= weights.sum()
            else:
                skew = 1.6 if question.name == self.survey.breakdown else 1.0
                weights = _weights(len(names), question.name, skew)
            if "e_mail" in names or "email" in names:
                weights = self._more_email(names, weights, wave)
            return names[self.rng.choice(len(names), p=weights)]
        if kind is QuestionType.SELECT_MULTIPLE:
            names = question.choice_list.names
            count = int(self.rng.integers(1, min(3, len(names)) + 1))
            picked = self.rng.choice(len(names), size=count, replace=False,
                                     p=_weights(len(names), question.name, 0.7))
            return tuple(names[i] for i in sorted(picked))
        if kind is QuestionType.INTEGER:
            return int(np.clip(self.rng.normal(47, 17), 15, 95))
        if kind is QuestionType.DECIMAL:
            return round(float(abs(self.rng.normal(9, 6))), 1)
        if kind is QuestionType.DATE:
            # The latest contact lies within the year before fieldwork started.
            return wave.fieldwork[0] - dt.timedelta(days=int(self.rng.integers(1, 200)))
        if kind is QuestionType.TEXT:
            if self.rng.random() < 0.25:
                return _COMMENTS[int(self.rng.integers(len(_COMMENTS)))]
            return None
        return None

    def _more_email(self, names, weights, wave: DemoWave):
        key = "e_mail" if "e_mail" in names else "email"
        weights = weights.copy()
        weights[names.index(key)] *= 1.0 + 2.5 * wave.lift
        return weights / weights.sum()

    def _scored(self, question: Question, latent: float) -> str:
        choices = question.choice_list
        scale = sorted(choices.scores().items(), key=lambda item: item[1])
        dont_know = choices.dont_know
        if dont_know and self.rng.random() < 0.05:
            return dont_know[0].name
        offset = (int(hashlib.sha256(question.name.encode()).hexdigest()[:4], 16) % 9 - 4) / 10
        position = latent + offset + self.rng.normal(0, 0.8)
        # Ordered-logit style cut points spread over the scale.
        cuts = np.linspace(-1.6, 1.0, len(scale) - 1)
        index = int(np.searchsorted(cuts, position))
        return scale[index][0]


def generate_wave(questionnaire: Questionnaire, survey: DemoSurvey, wave: DemoWave,
                  seed: int = 2024) -> pd.DataFrame:
    """One wave's answers as a frame of text cells: ``respondent_id``, ``mode`` + questions."""
    rng = np.random.default_rng([seed, survey.waves.index(wave)])
    generator = _Generator(questionnaire, survey, rng)
    rows = []
    number = 0
    for mode, count in wave.modes.items():
        for _ in range(count):
            number += 1
            answers = generator.respondent(wave, mode)
            status = generator.status(mode)
            if status != "complete":
                # The citizen left (or the call dropped) part-way through the questionnaire.
                keep = int(rng.integers(3, max(4, len(answers) // 2)))
                answers = dict(list(answers.items())[:keep])
            row = {"respondent_id": f"{wave.label}-{number:04d}", "mode": mode,
                   "status": status}
            for name, value in answers.items():
                row[name] = to_stored(questionnaire.question(name), value)
            rows.append(row)
    columns = ["respondent_id", "mode", "status"] + [
        q.name for q in questionnaire.answer_questions]
    return pd.DataFrame(rows, columns=columns).fillna("")


def write_demo(path: Path, form: str = "citizen_service") -> Project:
    """Create a demo project at ``path`` with the bundled form and two generated waves."""
    survey = DEMOS.get(form)
    workbook = demo_form_path(form).read_bytes()
    questionnaire = read_xlsform(workbook, f"{form}.xlsx")
    project = Project.create(Path(path), workbook, questionnaire)
    try:
        for wave in survey.waves:
            frame = generate_wave(questionnaire, survey, wave)
            table = cells_from_frame(frame)
            digest = hashlib.sha256(frame.to_csv().encode()).hexdigest()
            import_table(project, table, wave.label, "web", digest)
            project.set_wave_dates(wave.label, *wave.fieldwork)
    except BaseException:
        project.close()
        raise
    return project
