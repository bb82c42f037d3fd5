"""Write the two bundled demo questionnaires as XLSForm workbooks.

    /work/venv/bin/python tools/make_demo_forms.py [--out-dir DIR]

The question content lives here as plain Python data so a change to a question is a
readable diff; the workbooks in ``resources/forms/`` are generated from it and committed,
because they are what the app ships and what a user opens in Excel to learn the format.

* ``citizen_service.xlsx`` follows the Gladsaxe citizen-service survey 2022 (seed 000):
  department and channel of the latest contact, satisfaction, clarity, agree/disagree
  statements per channel, "pick up to 3 of 5" importance questions, background.
* ``jobcentre.xlsx`` follows the Norddjurs job-centre survey 2023 (seed 001): six target
  groups, five themes of 1-5 agree statements, overall satisfaction, background; duration
  and age bands as in the Copenhagen 2024 survey (seed 002).

The output is deterministic: document properties carry a fixed date and the zip entries a
fixed timestamp, so running the script twice gives byte-identical files and an unchanged
question gives no diff.
"""

# The survey texts are kept one sentence per line so they read and diff as sentences.
# ruff: noqa: E501

from __future__ import annotations

import argparse
import datetime
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.xml.functions import tostring

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "resources" / "forms"

FIXED_TIMESTAMP = datetime.datetime(2024, 1, 1, 0, 0, 0)
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
VERSION = "2024.1"
CORE_PROPERTIES_PART = "docProps/core.xml"

DA = "Dansk (da)"
EN = "English (en)"

SURVEY_COLUMNS = (
    "type",
    "name",
    f"label::{DA}",
    f"label::{EN}",
    f"hint::{DA}",
    f"hint::{EN}",
    "required",
    "relevant",
    "constraint",
    f"constraint_message::{DA}",
    f"constraint_message::{EN}",
    "calculation",
    "appearance",
)
CHOICES_COLUMNS = ("list_name", "name", f"label::{DA}", f"label::{EN}", "score")
SETTINGS_COLUMNS = ("form_title", f"form_title::{EN}", "form_id", "version", "default_language")

# A bilingual text: (Danish, English). English may be None only where a form
# deliberately lacks a translation (the loader must warn and fall back to Danish).
Text = tuple[str, str | None]
Row = dict[str, str | None]
# A choice: (name, Danish label, English label, score or None).
Choice = tuple[str, str, str, int | None]


@dataclass(frozen=True)
class DemoForm:
    """One questionnaire: what goes on the survey, choices and settings sheets."""

    form_id: str
    title: Text
    survey: list[Row]
    choices: dict[str, list[Choice]]


# --------------------------------------------------------------------------- helpers


def question(
    type_: str,
    name: str,
    label: Text | None,
    *,
    hint: Text | None = None,
    required: bool = False,
    relevant: str | None = None,
    constraint: str | None = None,
    constraint_message: Text | None = None,
    calculation: str | None = None,
    appearance: str | None = None,
) -> Row:
    """One survey row, keyed by the survey sheet's column headers."""
    label_da, label_en = label if label else (None, None)
    hint_da, hint_en = hint if hint else (None, None)
    message_da, message_en = constraint_message if constraint_message else (None, None)
    return {
        "type": type_,
        "name": name,
        f"label::{DA}": label_da,
        f"label::{EN}": label_en,
        f"hint::{DA}": hint_da,
        f"hint::{EN}": hint_en,
        "required": "yes" if required else None,
        "relevant": relevant,
        "constraint": constraint,
        f"constraint_message::{DA}": message_da,
        f"constraint_message::{EN}": message_en,
        "calculation": calculation,
        "appearance": appearance,
    }


def note(name: str, label: Text) -> Row:
    return question("note", name, label)


def group(name: str, label: Text, rows: Sequence[Row]) -> list[Row]:
    """A theme or section: begin_group row, its questions, end_group row."""
    return [question("begin_group", name, label), *rows, question("end_group", "", None)]


def statements(
    list_name: str,
    items: Sequence[tuple[str, str, str]],
    *,
    relevant: str | None = None,
) -> list[Row]:
    """Required agree/disagree statements sharing one scale and one condition."""
    return [
        question(f"select_one {list_name}", name, (da, en), required=True, relevant=relevant)
        for name, da, en in items
    ]


def channel_is(channel: str) -> str:
    return f"${{channel_used}} = '{channel}'"


# --------------------------------------------------------------------------- shared lists

DONT_KNOW: Choice = ("dk", "Ved ikke", "Don't know", None)

SATISFACTION5: list[Choice] = [
    ("5", "Meget tilfreds", "Very satisfied", 5),
    ("4", "Tilfreds", "Satisfied", 4),
    ("3", "Hverken tilfreds eller utilfreds", "Neither satisfied nor dissatisfied", 3),
    ("2", "Utilfreds", "Dissatisfied", 2),
    ("1", "Meget utilfreds", "Very dissatisfied", 1),
    DONT_KNOW,
]

GENDER: list[Choice] = [
    ("female", "Kvinde", "Woman", None),
    ("male", "Mand", "Man", None),
    ("other", "Andet", "Other", None),
    ("no_answer", "Ønsker ikke at oplyse", "Prefer not to say", None),
]

NO_PERSONAL_DATA_HINT: Text = (
    "Skriv venligst ikke navne eller CPR-numre.",
    "Please do not write names or CPR numbers.",
)

# --------------------------------------------------------------------------- citizen service

CITIZEN_SERVICE_CHOICES: dict[str, list[Choice]] = {
    # The 13 departments the Gladsaxe report breaks results down by.
    "department": [
        ("borgerservice", "Borgerservice", "Citizen Service", None),
        ("jobcenter", "Jobcentret", "Job Centre", None),
        ("teknik_miljoe", "Teknik & Miljø", "Technical and Environmental Services", None),
        ("familieafdeling", "Familieafdelingen", "Family Services", None),
        ("ungeenheden", "Ungeenheden", "Youth Unit", None),
        ("handicapraadgivning", "Handicaprådgivningen", "Disability Counselling", None),
        ("pension", "Pension og enkeltydelser", "Pensions and Individual Benefits", None),
        ("raad_indsats", "Råd og Indsats", "Advice and Support", None),
        ("boligformidling", "Boligformidlingen", "Housing Allocation", None),
        ("foraeldrebetaling", "Forældrebetalingen", "Childcare Fees", None),
        ("opkraevning", "Opkrævningen", "Payment Collection", None),
        ("visitation", "Visitationen", "Care Needs Assessment", None),
        ("rottebekaempelse", "Rottebekæmpelse", "Rat Control", None),
    ],
    "channel": [
        ("in_person", "Personligt fremmøde", "In person", None),
        ("phone", "Telefonisk kontakt", "By phone", None),
        ("email", "E-mail", "By e-mail", None),
        (
            "web",
            "Digital selvbetjening på kommunens hjemmeside",
            "Digital self-service on the municipality's website",
            None,
        ),
        ("letter", "Fysisk brev", "By letter", None),
    ],
    "satisfaction5": SATISFACTION5,
    "degree4": [
        ("4", "I høj grad", "To a high degree", 4),
        ("3", "I nogen grad", "To some degree", 3),
        ("2", "I mindre grad", "To a small degree", 2),
        ("1", "Slet ikke", "Not at all", 1),
        DONT_KNOW,
    ],
    "agree5": [
        ("5", "Meget enig", "Strongly agree", 5),
        ("4", "Enig", "Agree", 4),
        ("3", "Hverken enig eller uenig", "Neither agree nor disagree", 3),
        ("2", "Uenig", "Disagree", 2),
        ("1", "Meget uenig", "Strongly disagree", 1),
        DONT_KNOW,
    ],
    "yes_no": [
        ("yes", "Ja", "Yes", None),
        ("no", "Nej", "No", None),
        ("dk", "Ved ikke", "Don't know", None),
    ],
    "importance_phone": [
        (
            "solved_in_call",
            "At mit problem bliver løst i løbet af telefonopkaldet",
            "That my problem is solved during the call",
            None,
        ),
        ("understood", "At mit problem bliver forstået", "That my problem is understood", None),
        (
            "service_minded",
            "At medarbejderen er serviceminded",
            "That the member of staff is service-minded",
            None,
        ),
        ("short_wait", "At der er kort ventetid", "That the waiting time is short", None),
        (
            "right_person",
            "At jeg kommer direkte til den rette medarbejder",
            "That I get straight through to the right person",
            None,
        ),
    ],
    "importance_web": [
        (
            "clear_site",
            "At hjemmesiden er overskuelig",
            "That the website is easy to navigate",
            None,
        ),
        (
            "easy_search",
            "At hjemmesiden har en nem søgefunktion",
            "That the website has an easy search function",
            None,
        ),
        (
            "first_try",
            "At jeg får løst mit ærinde i første forsøg",
            "That I get my errand done at the first attempt",
            None,
        ),
        (
            "plain_language",
            "At teksterne er skrevet i et klart og enkelt sprog",
            "That the texts are written in clear, plain language",
            None,
        ),
        (
            "help_available",
            "At jeg kan få hjælp, hvis jeg går i stå",
            "That I can get help if I get stuck",
            None,
        ),
    ],
    "gender": GENDER,
    "education": [
        ("primary", "Grundskole", "Primary and lower secondary school", None),
        ("upper_secondary", "Gymnasial uddannelse", "Upper secondary school", None),
        ("vocational", "Erhvervsuddannelse", "Vocational education", None),
        ("short_higher", "Kort videregående uddannelse", "Short-cycle higher education", None),
        (
            "medium_higher",
            "Mellemlang videregående uddannelse",
            "Medium-cycle higher education (bachelor level)",
            None,
        ),
        (
            "long_higher",
            "Lang videregående uddannelse",
            "Long-cycle higher education (master's level or above)",
            None,
        ),
        ("other", "Andet", "Other", None),
    ],
    "employment": [
        ("employed", "I arbejde", "In work", None),
        ("self_employed", "Selvstændig", "Self-employed", None),
        ("student", "Under uddannelse", "In education", None),
        ("unemployed", "Ledig", "Unemployed", None),
        ("retired", "Pensionist eller efterlønsmodtager", "Retired or on early retirement", None),
        ("other", "Andet", "Other", None),
    ],
}

PICK_UP_TO_3 = "count-selected(.) <= 3"
PICK_UP_TO_3_HINT: Text = ("Vælg op til 3 svar.", "Choose up to 3 answers.")
PICK_UP_TO_3_MESSAGE: Text = ("Du kan højst vælge 3 svar.", "You can choose at most 3 answers.")

CITIZEN_SERVICE_SURVEY: list[Row] = [
    note(
        "intro",
        (
            "Tak, fordi du vil deltage i kommunens brugerundersøgelse. Spørgsmålene handler om din seneste henvendelse til kommunen inden for det seneste år. Det tager ca. 5 minutter, og dine svar er anonyme.",
            "Thank you for taking part in the municipality's user survey. The questions are about your most recent contact with the municipality within the past year. It takes about 5 minutes, and your answers are anonymous.",
        ),
    ),
    *group(
        "contact",
        ("Din seneste henvendelse", "Your most recent contact"),
        [
            question(
                "select_one department",
                "department",
                (
                    "Hvilken afdeling var du senest i kontakt med?",
                    "Which department were you most recently in contact with?",
                ),
                hint=(
                    "Tænk på din seneste henvendelse til kommunen inden for det seneste år.",
                    "Think of your most recent contact with the municipality within the past year.",
                ),
                required=True,
                appearance="minimal",
            ),
            question(
                "date",
                "contact_date",
                (
                    "Hvornår var du cirka i kontakt med kommunen?",
                    "Approximately when were you in contact with the municipality?",
                ),
                hint=("En omtrentlig dato er fin.", "An approximate date is fine."),
            ),
            question(
                "select_one channel",
                "channel_used",
                (
                    "Hvordan var du i kontakt med kommunen ved din seneste henvendelse?",
                    "How were you in contact with the municipality on that occasion?",
                ),
                required=True,
            ),
            question(
                "select_one channel",
                "channel_preferred",
                (
                    "Hvordan foretrækker du at kontakte kommunen?",
                    "How do you prefer to contact the municipality?",
                ),
                hint=(
                    "Uanset hvordan du var i kontakt med kommunen sidst.",
                    "Regardless of how you were in contact last time.",
                ),
                required=True,
            ),
        ],
    ),
    *group(
        "satisfaction",
        ("Din tilfredshed", "Your satisfaction"),
        [
            question(
                "select_one satisfaction5",
                "sat_municipality",
                (
                    "Hvor tilfreds er du alt i alt med den service, du får fra kommunen?",
                    "Overall, how satisfied are you with the service you receive from the municipality?",
                ),
                required=True,
            ),
            question(
                "select_one satisfaction5",
                "sat_latest",
                (
                    "Hvor tilfreds var du med serviceoplevelsen i forbindelse med din seneste kontakt?",
                    "How satisfied were you with the service at your most recent contact?",
                ),
                required=True,
            ),
        ],
    ),
    *group(
        "clarity",
        ("Information og vejledning", "Information and guidance"),
        [
            question(
                "select_one degree4",
                "clear_info",
                (
                    "I hvilken grad var den information, du modtog i forbindelse med din henvendelse, klar og forståelig?",
                    "To what degree was the information you received in connection with your contact clear and understandable?",
                ),
                required=True,
            ),
            question(
                "select_one degree4",
                "knew_where",
                (
                    "I hvilken grad var det nemt at finde ud af, hvor du skulle henvende dig?",
                    "To what degree was it easy to find out where to turn?",
                ),
                required=True,
            ),
            question(
                "select_one degree4",
                "next_steps",
                (
                    "I hvilken grad ved du, hvad der skal ske videre i din sag?",
                    "To what degree do you know what will happen next in your case?",
                ),
                required=True,
            ),
        ],
    ),
    # Each channel's statements are asked only of citizens who used that channel, as in
    # the seed report; the condition sits on every statement so it holds row by row.
    *group(
        "channel_in_person",
        (
            "Hvor enig eller uenig er du i følgende udsagn om dit personlige fremmøde?",
            "How much do you agree or disagree with the following statements about your visit in person?",
        ),
        statements(
            "agree5",
            [
                (
                    "inperson_find_way",
                    "Det var nemt at finde ud af, hvor jeg skulle henvende mig, da jeg kom.",
                    "It was easy to find out where to go when I arrived.",
                ),
                ("inperson_wait", "Ventetiden var rimelig.", "The waiting time was reasonable."),
                (
                    "inperson_understood",
                    "Medarbejderen var hurtig til at forstå mit ærinde.",
                    "The member of staff quickly understood what I had come about.",
                ),
                (
                    "inperson_friendly",
                    "Medarbejderen var imødekommende og venlig.",
                    "The member of staff was helpful and friendly.",
                ),
                (
                    "inperson_purpose",
                    "Jeg opnåede det, der var formålet med mit besøg.",
                    "I achieved what I came for.",
                ),
            ],
            relevant=channel_is("in_person"),
        ),
    ),
    *group(
        "channel_phone",
        (
            "Hvor enig eller uenig er du i følgende udsagn om den telefoniske betjening?",
            "How much do you agree or disagree with the following statements about the service you received by phone?",
        ),
        statements(
            "agree5",
            [
                (
                    "phone_understood",
                    "Medarbejderen var hurtig til at forstå mit ærinde.",
                    "The member of staff quickly understood what I was calling about.",
                ),
                (
                    "phone_friendly",
                    "Medarbejderen var imødekommende og venlig.",
                    "The member of staff was helpful and friendly.",
                ),
                (
                    "phone_purpose",
                    "Jeg opnåede mit formål med opkaldet.",
                    "I achieved the purpose of my call.",
                ),
                (
                    "phone_overall",
                    "Alt i alt er jeg godt tilfreds med den telefoniske betjening, jeg modtog.",
                    "All in all, I am well satisfied with the service I received by phone.",
                ),
            ],
            relevant=channel_is("phone"),
        ),
    ),
    *group(
        "channel_email",
        (
            "Hvor enig eller uenig er du i følgende udsagn om betjeningen via e-mail?",
            "How much do you agree or disagree with the following statements about the service you received by e-mail?",
        ),
        [
            *statements(
                "agree5",
                [
                    (
                        "email_fast_reply",
                        "Jeg fik hurtigt svar på min e-mail.",
                        "I received a quick reply to my e-mail.",
                    ),
                    ("email_purpose", "Jeg opnåede mit formål.", "I achieved my purpose."),
                    (
                        "email_overall",
                        "Alt i alt er jeg godt tilfreds med serviceoplevelsen.",
                        "All in all, I am well satisfied with the service.",
                    ),
                ],
                relevant=channel_is("email"),
            ),
            question(
                "select_one yes_no",
                "email_receipt",
                (
                    "Modtog du en kvitteringsmail, da du havde sendt din e-mail?",
                    "Did you receive an acknowledgement e-mail after sending your e-mail?",
                ),
                required=True,
                relevant=channel_is("email"),
            ),
        ],
    ),
    *group(
        "channel_web",
        (
            "Hvor enig eller uenig er du i følgende udsagn om den digitale selvbetjening?",
            "How much do you agree or disagree with the following statements about the digital self-service?",
        ),
        statements(
            "agree5",
            [
                (
                    "web_easy_find",
                    "Det er nemt at finde den digitale selvbetjening på kommunens hjemmeside.",
                    "It is easy to find the digital self-service on the municipality's website.",
                ),
                (
                    "web_easy_use",
                    "Den digitale selvbetjening er let at benytte.",
                    "The digital self-service is easy to use.",
                ),
                (
                    "web_good_way",
                    "Selvbetjening er en god måde at kontakte offentlige myndigheder på.",
                    "Self-service is a good way to contact public authorities.",
                ),
                (
                    "web_purpose",
                    "Jeg opnåede det, der var mit formål.",
                    "I achieved what I set out to do.",
                ),
                (
                    "web_overall",
                    "Jeg er alt i alt godt tilfreds med serviceoplevelsen på kommunens hjemmeside.",
                    "All in all, I am well satisfied with the service on the municipality's website.",
                ),
            ],
            relevant=channel_is("web"),
        ),
    ),
    *group(
        "importance",
        ("Den gode serviceoplevelse", "A good service experience"),
        [
            question(
                "select_multiple importance_phone",
                "important_phone",
                (
                    "Hvad er vigtigst for, at du får en god serviceoplevelse, når du ringer til kommunen?",
                    "What matters most for a good service experience when you phone the municipality?",
                ),
                hint=PICK_UP_TO_3_HINT,
                relevant=channel_is("phone"),
                constraint=PICK_UP_TO_3,
                constraint_message=PICK_UP_TO_3_MESSAGE,
            ),
            question(
                "select_multiple importance_web",
                "important_web",
                (
                    "Hvad er vigtigst for, at du får en god serviceoplevelse med den digitale selvbetjening?",
                    "What matters most for a good experience with the digital self-service?",
                ),
                hint=PICK_UP_TO_3_HINT,
                relevant=channel_is("web"),
                constraint=PICK_UP_TO_3,
                constraint_message=PICK_UP_TO_3_MESSAGE,
            ),
        ],
    ),
    *group(
        "background",
        ("Om dig", "About you"),
        [
            question(
                "integer",
                "age",
                ("Hvor gammel er du?", "How old are you?"),
                hint=("Angiv din alder i hele år.", "Give your age in whole years."),
                required=True,
                constraint=". >= 15 and . <= 110",
                constraint_message=(
                    "Alderen skal være mellem 15 og 110 år.",
                    "Age must be between 15 and 110.",
                ),
            ),
            question(
                "select_one gender",
                "gender",
                ("Hvad er dit køn?", "What is your gender?"),
                required=True,
            ),
            question(
                "select_one education",
                "education",
                (
                    "Hvad er din højeste fuldførte uddannelse?",
                    "What is your highest completed education?",
                ),
            ),
            question(
                "select_one employment",
                "employment",
                ("Hvad er din nuværende beskæftigelse?", "What is your current occupation?"),
            ),
            question(
                "text",
                "comment",
                (
                    "Har du andre kommentarer til kommunens service?",
                    "Do you have any other comments on the municipality's service?",
                ),
                hint=NO_PERSONAL_DATA_HINT,
                appearance="multiline",
            ),
        ],
    ),
    note("thanks", ("Tak for din besvarelse!", "Thank you for your answers!")),
]

# --------------------------------------------------------------------------- job centre

JOBCENTRE_CHOICES: dict[str, list[Choice]] = {
    # The six groups the Norddjurs report shows results for.
    "target_group": [
        (
            "dagpenge",
            "Dagpenge (forsikret ledig)",
            "Unemployment benefit (insured unemployed)",
            None,
        ),
        ("kth_jobparat", "Kontanthjælp, jobparat", "Social assistance, ready for work", None),
        (
            "kth_aktivitetsparat",
            "Kontanthjælp, aktivitetsparat, eller ressourceforløb (inkl. overgangsydelse)",
            "Social assistance, not yet ready for work, or a resource programme (incl. transition benefit)",
            None,
        ),
        (
            "ledighedsydelse",
            "Ledighedsydelse eller fleksjob (fleksjobvisiteret)",
            "Flex-job benefit or flex job (approved for flex job)",
            None,
        ),
        (
            "sygedagpenge",
            "Sygedagpenge eller jobafklaringsforløb (sygemeldt)",
            "Sickness benefit or job clarification programme (on sick leave)",
            None,
        ),
        (
            "uddannelseshjaelp",
            "Uddannelseshjælp (inkl. unge på overgangsydelse)",
            "Education benefit for young people (incl. transition benefit)",
            None,
        ),
    ],
    "duration": [
        ("weeks_0_26", "Under 26 uger", "Less than 26 weeks", None),
        ("weeks_26_52", "26-52 uger", "26-52 weeks", None),
        ("years_1_2", "1-2 år", "1-2 years", None),
        ("years_2plus", "Over 2 år", "More than 2 years", None),
    ],
    "agree5": [
        ("5", "Helt enig", "Strongly agree", 5),
        ("4", "Delvist enig", "Partly agree", 4),
        ("3", "Hverken enig eller uenig", "Neither agree nor disagree", 3),
        ("2", "Delvist uenig", "Partly disagree", 2),
        ("1", "Helt uenig", "Strongly disagree", 1),
        DONT_KNOW,
    ],
    "satisfaction5": SATISFACTION5,
    "gender": GENDER,
}


def _used(name: str) -> str:
    """Ask about the experience of a tool only if the citizen did not deny using it."""
    return f"${{{name}}} != '1' and ${{{name}}} != 'dk'"


JOBCENTRE_SURVEY: list[Row] = [
    note(
        "intro",
        (
            "Jobcentret vil gerne vide, hvordan du oplever samarbejdet med os. De fleste spørgsmål er udsagn, hvor du angiver, hvor enig eller uenig du er. Undersøgelsen er anonym og tager ca. 10 minutter.",
            "The job centre would like to know how you experience working with us. Most questions are statements where you say how much you agree or disagree. The survey is anonymous and takes about 10 minutes.",
        ),
    ),
    *group(
        "your_case",
        ("Om dit forløb", "About your case"),
        [
            question(
                "select_one target_group",
                "target_group",
                (
                    "Hvilken ydelse eller hvilket forløb er du på i øjeblikket?",
                    "Which benefit or programme are you on at the moment?",
                ),
                hint=("Vælg den, der passer bedst.", "Choose the one that fits best."),
                required=True,
            ),
            question(
                "select_one duration",
                "time_unemployed",
                (
                    "Hvor længe har du været ledig eller sygemeldt i dit nuværende forløb?",
                    "How long have you been unemployed or on sick leave in your current period?",
                ),
                required=True,
            ),
            question(
                "decimal",
                "hours_job_search",
                (
                    "Hvor mange timer om ugen bruger du i gennemsnit på at søge job?",
                    "On average, how many hours a week do you spend looking for work?",
                ),
                hint=("Et skøn er fint, fx 7,5 timer.", "An estimate is fine, e.g. 7.5 hours."),
                relevant="${target_group} = 'dagpenge' or ${target_group} = 'kth_jobparat'",
                constraint=". >= 0 and . <= 80",
                constraint_message=(
                    "Angiv et antal timer mellem 0 og 80.",
                    "Enter a number of hours between 0 and 80.",
                ),
            ),
        ],
    ),
    # Theme 1-5 as in the Norddjurs questionnaire; a theme score is the mean of its statements.
    *group(
        "conversations",
        ("Samtaler og tilbud", "Meetings and offers"),
        statements(
            "agree5",
            [
                (
                    "conv_rights_info",
                    "Jeg har fået tydelig information om mine rettigheder og pligter.",
                    "I have been given clear information about my rights and obligations.",
                ),
                (
                    "conv_job_focus",
                    "Mine samtaler med min sagsbehandler handler om mine muligheder for at vende tilbage til job eller komme i uddannelse.",
                    "My meetings with my caseworker are about my options for returning to work or starting an education.",
                ),
                (
                    "conv_needs",
                    "Samtaler og indsatser er tilrettelagt med udgangspunkt i mine behov.",
                    "Meetings and activities are planned around my needs.",
                ),
                (
                    "conv_overall",
                    "Alt i alt er jeg tilfreds med de samtaler og tilbud, jeg får i jobcentret.",
                    "All in all, I am satisfied with the meetings and offers I get at the job centre.",
                ),
            ],
        ),
    ),
    *group(
        "treatment",
        ("Behandlingen i jobcentret", "How you are treated at the job centre"),
        statements(
            "agree5",
            [
                (
                    "treat_heard",
                    "Jeg bliver hørt i forbindelse med samtaler og tilbud.",
                    "I am listened to in meetings and when offers are made.",
                ),
                (
                    "treat_involved",
                    "Jeg bliver inddraget i planen for mit videre forløb.",
                    "I am involved in the plan for my next steps.",
                ),
                (
                    "treat_belief",
                    "Min sagsbehandler tror på, at jeg kan komme i job.",
                    "My caseworker believes that I can get a job.",
                ),
                (
                    "treat_respect",
                    "Min sagsbehandler møder mig med tillid og respekt.",
                    "My caseworker treats me with trust and respect.",
                ),
                (
                    "treat_strengths",
                    "Min sagsbehandler er god til at se mine styrker.",
                    "My caseworker is good at seeing my strengths.",
                ),
                (
                    "treat_dignity",
                    "Alt i alt oplever jeg, at jeg får en værdig behandling af jobcentrets medarbejdere.",
                    "All in all, I feel that the job centre's staff treat me with dignity.",
                ),
                (
                    "treat_overall",
                    "Alt i alt er jeg tilfreds med den behandling, jeg får i jobcentret.",
                    "All in all, I am satisfied with how I am treated at the job centre.",
                ),
            ],
        ),
    ),
    *group(
        "outcome",
        ("Udbyttet af dit forløb", "What you gain from your case"),
        statements(
            "agree5",
            [
                (
                    "out_goals",
                    "Jeg er blevet mere afklaret om mine mål for job, uddannelse mv.",
                    "I have become clearer about my goals for work, education, etc.",
                ),
                (
                    "out_belief",
                    "Jeg har fået mere tro på mine muligheder for job, uddannelse mv.",
                    "I have more faith in my chances of work, education, etc.",
                ),
                (
                    "out_insight",
                    "Jeg har fået større indsigt i mine styrker og udfordringer i forhold til job, uddannelse mv.",
                    "I have gained more insight into my strengths and challenges with regard to work, education, etc.",
                ),
                (
                    "out_knowledge",
                    "Jeg har fået viden om, hvordan jeg forbedrer mine muligheder for at komme i job, uddannelse mv.",
                    "I have learned how to improve my chances of getting work, education, etc.",
                ),
                (
                    "out_overall",
                    "Alt i alt er jeg tilfreds med udbyttet af mine samtaler og tilbud i jobcentret.",
                    "All in all, I am satisfied with what I gain from my meetings and offers at the job centre.",
                ),
            ],
        ),
    ),
    *group(
        "digital",
        ("Digitale løsninger", "Digital tools"),
        [
            *statements(
                "agree5",
                [
                    (
                        "dig_jobhelp_shown",
                        "Jeg er blevet præsenteret for digital-jobhjælp.",
                        "I have been introduced to the digital job help (digital-jobhjælp).",
                    ),
                    (
                        "dig_jobhelp_used",
                        "Jeg har anvendt digital-jobhjælp.",
                        "I have used the digital job help.",
                    ),
                ],
            ),
            *statements(
                "agree5",
                [
                    (
                        "dig_jobhelp_good",
                        "Det var en god oplevelse at bruge digital-jobhjælp.",
                        "Using the digital job help was a good experience.",
                    )
                ],
                relevant=_used("dig_jobhelp_used"),
            ),
            *statements(
                "agree5",
                [
                    (
                        "dig_selfbook_shown",
                        "Jeg er blevet præsenteret for selvbook.",
                        "I have been introduced to self-booking (selvbook).",
                    ),
                    ("dig_selfbook_used", "Jeg har anvendt selvbook.", "I have used self-booking."),
                ],
            ),
            *statements(
                "agree5",
                [
                    (
                        "dig_selfbook_good",
                        "Det var en god oplevelse at bruge selvbook.",
                        "Using self-booking was a good experience.",
                    )
                ],
                relevant=_used("dig_selfbook_used"),
            ),
        ],
    ),
    *group(
        "premises",
        ("Fysiske rammer", "The physical setting"),
        statements(
            "agree5",
            [
                (
                    "prem_rooms",
                    "Jeg oplever, at jobcentrets fysiske rammer, herunder jobcentrets venterum, er gode.",
                    "I find the job centre's premises, including the waiting room, good.",
                ),
                (
                    "prem_welcome",
                    "Jeg oplever, at jeg er velkommen på Rådhuset, når jeg besøger jobcentret.",
                    "I feel welcome at the town hall when I visit the job centre.",
                ),
                (
                    "prem_layout",
                    "Jobcentrets fysiske indretning gør mit besøg nemmere.",
                    "The layout of the job centre makes my visit easier.",
                ),
            ],
        ),
    ),
    *group(
        "overall",
        ("Samlet vurdering", "Overall assessment"),
        [
            question(
                "select_one satisfaction5",
                "sat_overall",
                (
                    "Hvor tilfreds eller utilfreds har du alt i alt været med dit forløb i jobcentret?",
                    "All in all, how satisfied or dissatisfied have you been with your case at the job centre?",
                ),
                required=True,
            ),
        ],
    ),
    *group(
        "background",
        ("Om dig", "About you"),
        [
            question(
                "select_one gender",
                "gender",
                ("Hvad er dit køn?", "What is your gender?"),
                required=True,
            ),
            question(
                "integer",
                "age",
                ("Hvor gammel er du?", "How old are you?"),
                hint=("Angiv din alder i hele år.", "Give your age in whole years."),
                required=True,
                constraint=". >= 15 and . <= 70",
                constraint_message=(
                    "Alderen skal være mellem 15 og 70 år.",
                    "Age must be between 15 and 70.",
                ),
            ),
            # The age bands of the cross-municipal survey: 15-29, 30-49, 50+.
            question(
                "calculate",
                "age_band",
                None,
                calculation="if(${age} < 30, 'under30', if(${age} < 50, '30to49', '50plus'))",
            ),
            question(
                "text",
                "comment",
                (
                    "Er der andet, du gerne vil fortælle jobcentret?",
                    "Is there anything else you would like to tell the job centre?",
                ),
                hint=NO_PERSONAL_DATA_HINT,
                appearance="multiline",
            ),
        ],
    ),
    note("thanks", ("Tak for din besvarelse!", "Thank you for your answers!")),
]

FORMS: tuple[DemoForm, ...] = (
    DemoForm(
        form_id="citizen_service",
        title=("Brugerundersøgelse af Borgerservice", "Citizen Service user survey"),
        survey=CITIZEN_SERVICE_SURVEY,
        choices=CITIZEN_SERVICE_CHOICES,
    ),
    DemoForm(
        form_id="jobcentre",
        title=("Brugerundersøgelse i Jobcentret", "Job Centre user survey"),
        survey=JOBCENTRE_SURVEY,
        choices=JOBCENTRE_CHOICES,
    ),
)

# --------------------------------------------------------------------------- writing

COLUMN_WIDTHS = {"type": 30, "name": 24, "list_name": 20}
TEXT_COLUMN_WIDTH = 60


def build_workbook(form: DemoForm) -> Workbook:
    """The XLSForm workbook for one form, with fixed document dates."""
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    _fill(survey, SURVEY_COLUMNS, [[row[c] for c in SURVEY_COLUMNS] for row in form.survey])

    choices = wb.create_sheet("choices")
    choice_rows = [
        [list_name, name, da, en, score]
        for list_name, items in form.choices.items()
        for name, da, en, score in items
    ]
    _fill(choices, CHOICES_COLUMNS, choice_rows)

    settings = wb.create_sheet("settings")
    _fill(settings, SETTINGS_COLUMNS, [[*form.title, form.form_id, VERSION, "da"]])

    wb.properties.creator = "SurveyDesk"
    wb.properties.title = form.title[0]
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    return wb


def _fill(sheet, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Blank cells stay truly empty rather than holding "".
        sheet.append([None if value == "" else value for value in row])
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        width = COLUMN_WIDTHS.get(header, TEXT_COLUMN_WIDTH if "::" in header else 14)
        sheet.column_dimensions[letter].width = width


def workbook_bytes(form: DemoForm) -> bytes:
    """The .xlsx file content, byte-identical from run to run."""
    wb = build_workbook(form)
    buffer = io.BytesIO()
    wb.save(buffer)
    # Saving stamps the "modified" property with the current time; put the fixed one back.
    wb.properties.modified = FIXED_TIMESTAMP
    core_xml = tostring(wb.properties.to_tree())
    return _normalised_zip(buffer.getvalue(), {CORE_PROPERTIES_PART: core_xml})


def _normalised_zip(raw: bytes, replacements: dict[str, bytes]) -> bytes:
    # zipfile stamps every entry with the current time; rewrite them with a fixed one.
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            content = replacements.get(info.filename) or source.read(info.filename)
            target.writestr(entry, content)
    return out.getvalue()


def write_forms(out_dir: Path) -> list[Path]:
    """Write every demo form into ``out_dir``; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for form in FORMS:
        path = out_dir / f"{form.form_id}.xlsx"
        path.write_bytes(workbook_bytes(form))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help=f"where to write the workbooks (default: {DEFAULT_OUT_DIR})",
    )
    args = parser.parse_args(argv)
    for path in write_forms(args.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
