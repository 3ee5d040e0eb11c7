"""Welsh-language and bilingual documents of Welsh reviews (Adolygiad Ymarfer Plant)."""

from __future__ import annotations

import random

from . import builders, phrasing
from .builders import learning_list
from .cases import Case
from .document import Document

MISOEDD = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
           "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"]  # fmt: skip
KIND = {"CPR-concise": "Adolygiad Ymarfer Plant Cryno", "CPR-extended": "Adolygiad Ymarfer Plant Estynedig",
        "SUSR": "Adolygiad Diogelu Unedig Sengl"}  # fmt: skip
PSEUDONYM = {"Child": "Plentyn", "Baby": "Babi", "Family": "Teulu", "Young Person": "Person Ifanc"}
THEMES = {
    "information-sharing": "Ni rannwyd gwybodaeth yn effeithiol rhwng asiantaethau, ac nid oedd y cofnodion yn gyflawn.",
    "voice-of-the-child": "Ni chlywyd llais y plentyn, ac ni chofnodwyd ei brofiad bywyd o ddydd i ddydd.",
    "partial-assessment": "Ni wnaeth yr asesiad ystyried partner newydd y fam na'r teulu ehangach.",
    "hierarchy-of-knowledge": "Rhoddwyd mwy o bwys ar farn gweithwyr proffesiynol nag ar bryderon y teulu.",
    "supervision-and-workload": "Roedd llwyth gwaith y gweithiwr cymdeithasol yn uchel a goruchwyliaeth yn brin.",
    "professional-challenge-and-escalation": "Ni chafodd pryderon eu huwchgyfeirio, ac ni heriwyd penderfyniadau.",
    "neglect": "Roedd tystiolaeth o esgeulustod hirdymor yn y cartref.",
    "domestic-abuse": "Roedd hanes o gam-drin domestig rhwng y rhieni, gyda sawl galwad i'r heddlu.",
    "parental-substance-misuse": "Roedd y ddau riant yn camddefnyddio alcohol a chyffuriau.",
    "parental-mental-health": "Roedd gan y fam hanes o iselder ac anawsterau iechyd meddwl ar ôl geni.",
    "sudi-unsafe-sleep": "Roedd y babi yn cysgu ar soffa gyda rhiant; ni ailadroddwyd y cyngor ar gysgu'n ddiogel.",
    "non-accidental-head-injury": "Cafodd y babi anaf i'r pen nad oedd yn ddamweiniol.",
    "physical-abuse": "Ni chyfeiriwyd cleisiau ar fabi nad oedd yn symud o dan y gweithdrefnau amddiffyn plant.",
    "exploitation": "Roedd y person ifanc yn cael ei gamfanteisio'n droseddol drwy linellau cyffuriau.",
    "self-harm-and-suicide": "Roedd y person ifanc wedi hunan-niweidio sawl gwaith yn ystod y flwyddyn.",
    "children-in-care": "Roedd y person ifanc yn derbyn gofal gan yr awdurdod lleol ers blynyddoedd.",
    "education-and-home-schooling": "Cafodd y plentyn ei dynnu o'r ysgol i gael addysg yn y cartref.",
    "disabled-children": "Roedd gan y plentyn anabledd, ac roedd hynny'n ei gwneud yn anodd clywed ei ddymuniadau.",
    "faith-and-culture": "Ni ddefnyddiwyd cyfieithydd, ac ni archwiliwyd cyd-destun diwylliannol y teulu.",
    "sexual-abuse": "Datgelodd y plentyn gam-drin rhywiol yn ddiweddarach.",
}
RECOMMENDATIONS = {
    "information-sharing": "Dylai'r Bwrdd sicrhau bod gwybodaeth am gam-drin domestig yn cael ei rhannu ag ymwelwyr iechyd o fewn 24 awr.",
    "voice-of-the-child": "Dylai asiantaethau sicrhau bod plant yn cael eu gweld ar eu pen eu hunain ym mhob cyswllt.",
    "supervision-and-workload": "Dylai'r gwasanaethau plant adolygu llwyth achosion ac amlder goruchwyliaeth fyfyriol.",
    "sudi-unsafe-sleep": "Dylid ailadrodd cyngor ar gysgu'n ddiogel pan fydd amgylchiadau teulu yn newid.",
    "professional-challenge-and-escalation": "Dylai'r Bwrdd ail-lansio ei bolisi uwchgyfeirio ac archwilio sut y caiff ei ddefnyddio.",
}
GENERIC = [
    "Dylai'r Bwrdd fonitro'r cynllun gweithredu sy'n deillio o'r adolygiad hwn.",
    "Dylid darparu hyfforddiant ar y dysgu o'r adolygiad hwn i ymarferwyr ym mhob asiantaeth.",
    "Dylai asiantaethau archwilio cydymffurfiaeth â'r gweithdrefnau amddiffyn plant o fewn chwe mis.",
]
LEARNING = [
    (
        "Mae angen chwilfrydedd proffesiynol pan nad yw esboniad am anaf yn cyd-fynd â datblygiad y plentyn.",
        "professional-challenge-and-escalation",
    ),
    ("Meddyliwch pwy arall sy'n byw yn y cartref neu'n ymweld ag ef.", "partial-assessment"),
    (
        "Gall ymddieithrio oddi wrth wasanaethau fod yn arwydd o risg gynyddol.",
        "partial-assessment",
    ),
]


def welsh_date(day) -> str:
    return f"{day.day} {MISOEDD[day.month - 1]} {day.year}"


def welsh_pseudonym(name: str) -> str:
    for english, welsh in PSEUDONYM.items():
        if name.startswith(english + " "):
            return welsh + name[len(english) :]
    return name


def welsh_board(case: Case) -> str:
    return case.board.welsh or case.board.name


def incident(case: Case, rng: random.Random) -> str:
    """'Roedd Plentyn A yn ferch 7 mis oed. Bu farw ym mis Mawrth 2017.'"""
    number, unit = phrasing.age_parts(case.age_days)
    unit_cy = {"day": "diwrnod", "week": "wythnos", "month": "mis", "year": ""}[unit]
    noun = {"male": "fachgen", "female": "ferch"}.get(case.sex, "blentyn")
    if case.age_days < 365 and case.sex:
        noun += " bach"
    child = welsh_pseudonym(case.pseudonym)
    age = f"{number} {unit_cy} oed".replace("  ", " ")
    when = f"ym mis {MISOEDD[case.incident.month - 1]} {case.incident.year}"
    if case.outcome == "death":
        event = rng.choice([f"Bu farw {child} {when}.", f"Bu farw {child} yn yr ysbyty {when}."])
    elif {"physical-abuse", "non-accidental-head-injury"} & set(case.themes):
        event = f"Cafodd {child} anafiadau difrifol nad oeddent yn ddamweiniol {when}."
    else:
        event = rng.choice(
            [
                f"Cafodd {child} niwed difrifol {when}.",
                f"Derbyniwyd {child} i'r ysbyty yn ddifrifol wael {when}.",
            ]
        )
    return f"Roedd {child} yn {noun} {age}. {event}"


def recommendations(case: Case) -> list[str]:
    """The review's recommendations in Welsh: those on its themes, then the general ones."""
    specific = [
        RECOMMENDATIONS[slug] for _, slug in case.recommendations if slug in RECOMMENDATIONS
    ]
    return list(dict.fromkeys(specific))[:3] + GENERIC[: 4 - min(len(specific), 3)]


def summary_blocks(doc: Document, case: Case, st: builders.Stated, rng: random.Random) -> None:
    """A Welsh 'Crynodeb' section: incident, model, themes, recommendations."""
    doc.heading(rng.choice(["Crynodeb", "Cyflwyniad", "Cefndir yr adolygiad"]))
    doc.para(
        f"Comisiynodd {welsh_board(case)} yr adolygiad hwn ym mis {MISOEDD[case.commissioned.month - 1]} "
        f"{case.commissioned.year}, o dan Ran 7 Deddf Gwasanaethau Cymdeithasol a Llesiant (Cymru) 2014."
    )
    if case.pseudonym:
        doc.para(incident(case, rng))
        st.child(case)
    if case.model == "Welsh CPR model":
        doc.para(
            "Defnyddiwyd model Adolygiad Ymarfer Plant Cymru, gan gynnwys digwyddiad dysgu i ymarferwyr."
        )
        st.model = True
    doc.heading(rng.choice(["Dysgu ymarfer a sefydliadol", "Canfyddiadau", "Y prif faterion"]))
    slugs = [slug for slug in case.themes if slug in THEMES]
    doc.para(" ".join(THEMES[slug] for slug in slugs))
    st.themes.update(slugs)
    doc.heading("Argymhellion")
    texts = recommendations(case)
    doc.numbered(texts)
    st.recommendations = texts


def welsh_report(case: Case, rng: random.Random) -> tuple[Document, builders.Stated]:
    """A Welsh-only CPR report (short, as Welsh CPR reports are)."""
    doc, st = Document(title="", author=case.author), builders.Stated()
    kind = KIND.get(case.review_type, KIND["CPR-concise"])
    st.title = doc.title = rng.choice(
        [
            f"{kind}: {case.code}",
            f"Adroddiad {kind} {case.code}",
            f"{kind} – {welsh_pseudonym(case.pseudonym)}",
        ]
    )
    doc.add("title", st.title)
    doc.add("space", 30)
    doc.para(welsh_board(case))
    doc.para(f"Cyhoeddwyd: {welsh_date(case.published)}")
    st.publication = st.publication_full = True
    doc.add("break")
    summary_blocks(doc, case, st, rng)
    doc.heading("Dysgu i ymarferwyr")
    learning_list(doc, LEARNING, st, "•")
    return doc, st


def welsh_briefing(case: Case, rng: random.Random) -> tuple[Document, builders.Stated]:
    """Briff 7 Munud: the 7-minute briefing in Welsh."""
    doc, st = Document(title="", author=case.author), builders.Stated()
    st.title = doc.title = rng.choice(
        [f"Briff 7 Munud: {case.code}", f"{case.code} – Briff Saith Munud"]
    )
    doc.add("title", st.title)
    doc.para(welsh_board(case))
    doc.para(f"Cyhoeddwyd {MISOEDD[case.published.month - 1]} {case.published.year}")
    st.publication = True
    doc.heading("1. Cefndir")
    doc.para(incident(case, rng))
    st.child(case)
    doc.heading("2. Pam mae hyn yn bwysig")
    doc.para(
        f"Cynhaliwyd {KIND.get(case.review_type, KIND['CPR-concise'])} gan {welsh_board(case).replace('Bwrdd', 'Fwrdd', 1)}."
    )
    doc.heading("3. Canfyddiadau")
    slugs = [slug for slug in case.themes if slug in THEMES][:3]
    for slug in slugs:
        doc.para(THEMES[slug])
    st.themes.update(slugs)
    doc.heading("4. Dysgu")
    learning_list(doc, LEARNING[:2], st, "•")
    doc.heading("5. Argymhellion")
    texts = recommendations(case)[:3]
    doc.numbered(texts)
    st.recommendations = texts
    doc.heading("6. Cwestiynau i ymarferwyr")
    doc.para(
        "Sut mae'r adolygiad hwn yn berthnasol i'ch ymarfer chi? Beth fyddwch chi'n ei wneud yn wahanol?"
    )
    doc.heading("7. Rhagor o wybodaeth")
    doc.para(f"Mae'r adroddiad llawn ar wefan {welsh_board(case)}.")
    return doc, st


def bilingual_report(
    case: Case, rng: random.Random, dated: bool
) -> tuple[Document, builders.Stated]:
    """A bilingual title page and Welsh summary ahead of the English report."""
    english, st = builders.final_report(case, rng, nspcc=False, dated=dated)
    kind = KIND.get(case.review_type, KIND["CPR-concise"])
    doc = Document(title=f"{kind} / {english.title}", author=case.author)
    st.title = doc.title
    # The two logos, as text extraction sees them: letters of both names run together.
    soup = (
        "".join(w[0] for w in welsh_board(case).split() if w[0].isupper())
        + " "
        + "".join(w[0] for w in case.board.name.split() if w[0].isupper())
    )
    doc.para(rng.choice([soup, soup.replace(" ", ""), " ".join(soup)]))
    doc.add("title", kind)
    doc.add("title", english.title)
    doc.para(f"{welsh_board(case)} / {case.board_written}")
    if case.code:
        doc.para(case.code)
    if dated:
        doc.para(
            f"Cyhoeddwyd / Published: {welsh_date(case.published)} / {phrasing.full_date(case.published, rng)}"
        )
    doc.add("break")
    welsh_st = builders.Stated()
    summary_blocks(doc, case, welsh_st, rng)
    st.themes |= welsh_st.themes
    st.model = st.model or welsh_st.model
    doc.add("break")
    # The English report follows, without its own title page (everything after its first break).
    first_break = english.blocks.index(("break",))
    doc.blocks.extend(english.blocks[first_break + 1 :])
    return doc, st
