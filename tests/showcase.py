"""A small, realistic newsroom built with the factories, for page, browser and validator tests.

The stories are invented: a library campaign in a made-up town. ``build_showcase``
returns the rows tests look at; every page type of the reader site has content.
"""

from datetime import timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.models import Article, Block, Quote
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    BlockFactory,
    CorrectionFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
)


def portrait_jpeg(colour=(120, 90, 70)) -> ContentFile:
    """A plain head-and-shoulders silhouette, enough to stand in for a photo."""
    image = Image.new("RGB", (600, 400), (214, 208, 196))
    draw = ImageDraw.Draw(image)
    draw.ellipse((240, 70, 360, 200), fill=colour)
    draw.ellipse((170, 210, 430, 520), fill=colour)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name="portrait.jpg")


def _blocks(article: Article, specs: list[tuple[str, str]]) -> list[Block]:
    return [
        BlockFactory(article=article, position=i, kind=kind, text=text)
        for i, (kind, text) in enumerate(specs, start=1)
    ]


def build_showcase() -> dict:
    now = timezone.now()
    council = OrganisationFactory(
        name="Eastbridge Borough Council", acronym="EBC", kind="government"
    )
    friends = OrganisationFactory(name="Friends of Riverside Library", kind="other")
    leader = PersonFactory(name="Maria Okafor", role="Leader of Eastbridge Borough Council")
    leader.photo.save("okafor.jpg", portrait_jpeg(), save=True)
    campaigner = PersonFactory(name="Tom Hale", role="Chair, Friends of Riverside Library")
    librarian = PersonFactory(name="Priya Shah", role="Head of library services")
    AffiliationFactory(person=leader, organisation=council, role="Leader")
    AffiliationFactory(person=campaigner, organisation=friends, role="Chair")
    AffiliationFactory(person=librarian, organisation=council, role="Head of libraries")

    lead = ArticleFactory(
        headline="Riverside library to reopen after two-year campaign by residents",
        slug="riverside-library-to-reopen",
        standfirst="Eastbridge’s oldest library will open its doors again in the spring, "
        "the council confirmed on Tuesday, ending a campaign that drew thousands of signatures.",
        byline="Jane Doe",
        publication="The Eastbridge Echo",
        published_at=now - timedelta(hours=3),
    )
    lead.tags.add("Libraries", "Eastbridge Council")
    lead.people.add(leader, campaigner, librarian)
    lead.organisations.add(council, friends)
    blocks = _blocks(
        lead,
        [
            (
                "paragraph",
                "The Victorian building on Mill Lane closed in 2023 after "
                "inspectors found damp in the reading room and cracks in the roof.",
            ),
            ("caption", "Council leader Maria Okafor outside the library on Mill Lane"),
            (
                "paragraph",
                "Council leader Maria Okafor said: “This library belongs to the "
                "people of Eastbridge. We were wrong to let it fall into this state.",
            ),
            (
                "paragraph",
                "“The repairs are paid for, the staff are hired and the doors will open in April.”",
            ),
            ("subhead", "Thousands of signatures"),
            (
                "paragraph",
                "Campaigners collected more than 4,000 signatures and held "
                "weekly read-ins on the steps, whatever the weather.",
            ),
            (
                "paragraph",
                "Tom Hale, who chairs the Friends of Riverside Library, said the "
                "decision was “a win for every child who needs a quiet place to read”.",
            ),
            ("caption", "Readers at a Saturday read-in on the library steps"),
            (
                "paragraph",
                "The head of library services, Priya Shah, said the reopened "
                "branch would keep late opening on Thursdays.",
            ),
        ],
    )
    quotes = [
        QuoteFactory(
            article=lead,
            speaker_person=leader,
            kind=Quote.Kind.DIRECT,
            position=1,
            text="This library belongs to the people of Eastbridge. We were wrong to let it "
            "fall into this state. The repairs are paid for, the staff are hired and the "
            "doors will open in April.",
            first_block=blocks[2],
            last_block=blocks[3],
            status=Quote.Status.CONFIRMED,
        ),
        QuoteFactory(
            article=lead,
            speaker_person=campaigner,
            kind=Quote.Kind.PARTIAL,
            position=2,
            text="a win for every child who needs a quiet place to read",
            first_block=blocks[6],
            last_block=blocks[6],
        ),
        QuoteFactory(
            article=lead,
            speaker_person=librarian,
            kind=Quote.Kind.INDIRECT,
            position=3,
            text="the reopened branch would keep late opening on Thursdays",
            first_block=blocks[8],
            last_block=blocks[8],
        ),
        QuoteFactory(
            article=lead,
            speaker_person=None,
            speaker_organisation=friends,
            kind=Quote.Kind.DIRECT,
            position=4,
            text="ending a campaign",
            first_block=None,
            last_block=None,
        ),
    ]
    rejected = QuoteFactory(
        article=lead,
        speaker_person=leader,
        kind=Quote.Kind.DIRECT,
        position=5,
        text="Words the parser misattributed and an editor rejected",
        first_block=blocks[5],
        last_block=blocks[5],
        status=Quote.Status.REJECTED,
    )
    correction = CorrectionFactory(
        article=lead, text="An earlier version said the library closed in 2022. It closed in 2023."
    )

    budget = ArticleFactory(
        headline="Council budget protects libraries but raises parking charges",
        slug="council-budget-protects-libraries",
        standfirst="Eastbridge Borough Council approved its budget after a four-hour meeting.",
        published_at=now - timedelta(days=1),
    )
    budget.tags.add("Eastbridge Council")
    budget.people.add(leader)
    budget.organisations.add(council)
    budget_blocks = _blocks(budget, [("paragraph", "“We have made hard choices,” she said.")])
    QuoteFactory(
        article=budget,
        speaker_person=leader,
        text="We have made hard choices",
        first_block=budget_blocks[0],
        last_block=budget_blocks[0],
    )
    readins = ArticleFactory(
        headline="Weekly read-ins keep library campaign in the public eye",
        slug="weekly-read-ins",
        standfirst="Every Saturday, residents bring books and folding chairs to Mill Lane.",
        published_at=now - timedelta(days=9),
    )
    readins.tags.add("Libraries")
    readins.people.add(campaigner)
    readins.organisations.add(friends)
    _blocks(readins, [("paragraph", "The read-ins began in the first week after closure.")])

    secret = PersonFactory(name="Hidden Draftperson", role="Only in a draft")
    draft = ArticleFactory(
        headline="Draft: embargoed story about the library",
        slug="embargoed-library-story",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    draft.people.add(secret, leader)
    draft.tags.add("Embargoed")
    QuoteFactory(article=draft, speaker_person=leader, text="Embargoed words from a draft")
    return {
        "lead": lead,
        "budget": budget,
        "readins": readins,
        "draft": draft,
        "leader": leader,
        "campaigner": campaigner,
        "librarian": librarian,
        "secret": secret,
        "council": council,
        "friends": friends,
        "quotes": quotes,
        "rejected": rejected,
        "correction": correction,
    }
