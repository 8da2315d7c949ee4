"""Word lists about the language of news reports (English).

These are vocabulary, not knowledge of any particular story: the words that
introduce speech, name roles and titles, end the names of institutions, and
start sentences. Extend them when a new house style needs it; never add the
name of a person or an organisation here.
"""

from typing import Final


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a block of text, for readable lists."""
    return text.split()


# Verbs that attribute speech or writing. Each entry is a lemma with its
# inflections, so "say", "says", "said" and "saying" all count.
SPEECH_VERBS: Final = frozenset(
    _words(
        """
        say says said saying tell tells told add adds added write writes wrote written
        explain explains explained state states stated insist insists insisted argue argues
        argued warn warns warned claim claims claimed declare declares declared comment
        comments commented continue continues continued ask asks asked reply replies replied
        respond responds responded note notes noted urge urges urged admit admits admitted
        confirm confirms confirmed announce announces announced reveal reveals revealed
        suggest suggests suggested maintain maintains maintained conclude concludes
        concluded acknowledge acknowledges acknowledged stress stresses stressed tweet
        tweets tweeted post posts posted vow vows vowed promise promises promised describe
        describes described call calls called demand demands demanded recall recalls
        recalled remark remarks remarked concede concedes conceded emphasise emphasises
        emphasised emphasize emphasizes emphasized predict predicts predicted complain
        complains complained agree agrees agreed accuse accuses accused shout shouts shouted
        cry cries cried yell yells yelled chant chants chanted scream screams screamed
        whisper whispers whispered joke jokes joked plead pleads pleaded laugh laughs
        laughed smile smiles smiled sigh sighs sighed quip quips quipped beam beams beamed
        gush gushes gushed enthuse enthuses enthused reflect reflects reflected
        """
    )
)

# Verbs that, right next to a name, show the name is a person: "Jane Doe said".
# Narrower than SPEECH_VERBS: "Upper Saxby, admitted" is an address, then a plea.
NAMING_VERBS: Final = frozenset(
    _words("said says told tells added adds wrote writes explained insisted replied asked")
)

# Institution words of businesses, for "the company" or "the firm".
COMPANY_HEADS: Final = frozenset(
    _words(
        """
        services estates homes developments properties holdings partners systems solutions
        technologies industries enterprises associates ventures ferries airways airlines
        railway railways buses utilities energy water company corporation ltd plc inc group
        bank builders construction
        """
    )
)

# Speech verbs that may come before their subject: "…,” said Jane Doe. Verbs such
# as "told" are left out: in "told Sky Sports" the name after is the listener.
INVERTING_VERBS: Final = frozenset(
    _words(
        """
        said says added adds explained continued insisted replied wrote writes noted argued
        claimed commented recalled warned asked says stated declared
        """
    )
)

# Verbs that only attribute a quote when followed by a colon or the quote itself
# ("He went on: …"), listed apart because alone they are ordinary words.
SPEECH_PHRASES: Final = ("went on", "pointed out", "spoke of")

HONORIFICS_MALE: Final = frozenset(_words("mr sir lord baron fr father"))
HONORIFICS_FEMALE: Final = frozenset(_words("mrs ms miss dame lady baroness"))
# Titles used with a first name on second reference: "Sir Keir", "Dame Judi".
FIRST_NAME_HONORIFICS: Final = frozenset(_words("sir dame"))
HONORIFICS_NEUTRAL: Final = frozenset(
    _words(
        """
        mx dr prof professor rev reverend cllr councillor judge justice det insp supt sgt pc
        dc ds di dci dsu ch con
        """
    )
)
HONORIFICS: Final = HONORIFICS_MALE | HONORIFICS_FEMALE | HONORIFICS_NEUTRAL

# Nouns for offices and occupations that come before or after a name:
# "Chairman Steve Smith", "council leader Jane Doe", "Jane Doe, the mayor,".
ROLE_NOUNS: Final = frozenset(
    _words(
        """
        mayor chairman chairwoman chair chairperson councillor cllr leader minister
        secretary chancellor president director chief commissioner officer inspector
        superintendent constable sergeant detective judge justice magistrate barrister
        solicitor lawyer spokesperson spokesman spokeswoman campaigner activist executive
        manager head founder owner member mp mep msp governor senator representative
        congressman congresswoman candidate headteacher headmaster headmistress teacher
        professor doctor nurse surgeon coach captain editor reporter journalist author
        economist analyst researcher scientist expert treasurer clerk trustee volunteer
        organiser organizer coordinator deputy assistant vice principal dean chaplain bishop
        archbishop vicar pastor imam rabbi priest prosecutor coroner auditor ombudsman
        commander marshal general colonel major admiral premier prime shadow whip speaker
        resident landlord tenant shopkeeper businessman businesswoman entrepreneur pensioner
        student pupil parent mother father grandmother grandfather widow victim witness
        petitioner claimant defendant councilwoman councilman alderman convenor convener
        steward rapporteur inspectorate regulator watchdog partner player footballer striker
        goalkeeper defender midfielder winger forward boxer athlete runner cyclist jockey
        trainer umpire referee developer farmer landlady publican chef owner director-
        general secretary-general commissioner-general colleague friend neighbour neighbor
        husband wife son daughter brother sister gran grandma grandad granddad grandpa mum
        mom dad uncle aunt nephew niece cousin fiance fiancee fiancé boyfriend girlfriend
        singer songwriter musician fiddler guitarist drummer composer conductor poet
        novelist writer photographer artist designer architect engineer angler fisherman
        walker driver passenger commuter shopper customer patient carer worker employee
        midwife paramedic firefighter soldier pilot dentist pharmacist vet baker butcher
        plumber builder electrician mechanic cleaner caretaker lecturer tutor graduate
        fundraiser donor survivor mourner teenager grandmother grandfather grandparent
        substitute gp ceo qc kc pcso mla
        insp sgt supt
        """
    )
)

# Letters after a name for an office or an honour: "Jess Phillips MP", "Jane Doe KC".
POST_NOMINALS: Final = frozenset(
    _words("MP MEP MSP MS AM MLA QC KC JP OBE MBE CBE KBE DBE GBE CH FRS")
)

# Adjectives that can open a role phrase: "former mayor", "disgraced ex-leader".
ROLE_MODIFIERS: Final = frozenset(
    _words(
        """
        former ex deputy acting interim assistant senior junior chief vice new outgoing
        incoming disgraced veteran local council county city borough shadow lead managing
        executive regional national general principal associate joint
        """
    )
)

# Last words of an institution's name, with the kind of organisation they suggest.
ORGANISATION_HEADS: Final = {
    "police": "police",
    "constabulary": "police",
    "court": "court",
    "courts": "court",
    "tribunal": "court",
    "council": "government",
    "assembly": "government",
    "parliament": "government",
    "government": "government",
    "ministry": "government",
    "department": "government",
    "office": "government",
    "cabinet": "government",
    "hall": "government",
    "executive": "government",
    "committee": "government",
    "service": "government",
    "agency": "government",
    "services": "other",
    "estates": "other",
    "homes": "other",
    "developments": "other",
    "properties": "other",
    "holdings": "other",
    "partners": "other",
    "systems": "other",
    "solutions": "other",
    "technologies": "other",
    "industries": "other",
    "enterprises": "other",
    "associates": "other",
    "ventures": "other",
    "ferries": "other",
    "airways": "other",
    "airlines": "other",
    "railway": "other",
    "railways": "other",
    "buses": "other",
    "utilities": "other",
    "energy": "other",
    "water": "other",
    "authority": "regulator",
    "commission": "regulator",
    "inspectorate": "regulator",
    "regulator": "regulator",
    "ombudsman": "regulator",
    "watchdog": "regulator",
    "party": "party",
    "news": "media",
    "times": "media",
    "post": "media",
    "gazette": "media",
    "herald": "media",
    "guardian": "media",
    "telegraph": "media",
    "press": "media",
    "media": "media",
    "radio": "media",
    "echo": "media",
    "chronicle": "media",
    "courier": "media",
    "advertiser": "media",
    "journal": "media",
    "argus": "media",
    "mirror": "media",
    "television": "media",
    "team": "other",
    "unit": "other",
    "board": "other",
    "trust": "other",
    "foundation": "other",
    "association": "other",
    "society": "other",
    "union": "other",
    "federation": "other",
    "institute": "other",
    "university": "other",
    "college": "other",
    "school": "other",
    "academy": "other",
    "hospital": "other",
    "bank": "other",
    "group": "other",
    "company": "other",
    "corporation": "other",
    "ltd": "other",
    "plc": "other",
    "inc": "other",
    "club": "other",
    "fc": "other",
    "afc": "other",
    "united": "other",
    "rovers": "other",
    "athletic": "other",
    "wanderers": "other",
    "albion": "other",
    "city": "other",
    "town": "other",
    "network": "other",
    "alliance": "other",
    "coalition": "other",
    "forum": "other",
    "partnership": "other",
    "housing": "other",
    "chamber": "other",
    "friends": "other",
    "builders": "other",
    "construction": "other",
    "charity": "other",
    "church": "other",
    "mosque": "other",
    "centre": "other",
    "center": "other",
}

# Words that make a capitalised run the name of a law or a document, not an entity.
DOCUMENT_HEADS: Final = frozenset(
    ["act", "acts", "bill", "bills", "order", "regulations", "directive", "treaty", "report"]
)

# Words that open the name of a place: "River Hallow", "Mount Pleasant".
PLACE_OPENERS: Final = frozenset(_words("river lake loch mount port fort cape isle"))

# Words that make a capitalised run a place or a building rather than a body.
PLACE_HEADS: Final = frozenset(
    _words(
        """
        street road avenue lane square park bridge estate way place gardens green river
        island airport station stadium tower wharf quay dock market borough row terrace
        crescent drive mews parade close
        """
    )
)

# Capitalised words that open sentences or phrases but never start a name.
FUNCTION_WORDS: Final = frozenset(
    _words(
        """
        a an the this that these those there here it its it's he she they we you i his her
        hers their theirs our your my me him them us and or but if so yet nor for of in on
        at by to from with without into onto over under after before during since until
        while when where why how what which who whom whose as than then now today yesterday
        tomorrow however meanwhile although though despite because also only even just still
        both each every either neither all any some many most more much few several no not
        one two three four five six seven eight nine ten first second third last next
        thankfully unfortunately indeed instead moreover furthermore perhaps meanwhile
        earlier later recently previously already once again such other another mr mrs ms
        monday tuesday wednesday thursday friday saturday sunday january february march
        april may june july august september october november december follow keep read
        nobody everybody somebody anybody everyone someone anyone nothing everything
        """
    )
)

# Prepositions that open an adverbial phrase before a sentence's subject:
# "In the letter to the committee, Ms Smith said:".
LEADING_PREPOSITIONS: Final = frozenset(
    _words(
        """
        in on at during after before following speaking writing responding asked addressing
        talking commenting since despite under with without
        """
    )
)

# Upper-case abbreviations that are not organisations (besides the roles in
# ROLE_NOUNS, "MP" or "GP": recognise checks those there).
NOT_ORGANISATION_ACRONYMS: Final = frozenset(
    _words(
        """
        UK US USA UAE EU GB NYC LA TV OK ID AM PM GMT BST UTC MPS MEPS AM GPS PCSOS MLAS
        CFO COO CTO PR PA AP HR IT AI DJ DNA PHD GCSE GCSES COVID FAQ PDF URL NB PS AKA
        ASAP VIP RIP BC AD II III IV VI VII VIII IX XI XII
        """
    )
)

# Social-media and newsletter boilerplate that ends web articles.
FOOTER_PLATFORMS: Final = (
    "twitter",
    "facebook",
    "instagram",
    "threads",
    "bluesky",
    "linkedin",
    "tiktok",
    "youtube",
    "whatsapp",
    "mastodon",
    " x ",
)

# Pronouns that tie back to the sentence's subject ("Jane Doe has used her powers");
# "she" and "he" are left out: after "said" they often mean someone else.
POSSESSIVE_MALE: Final = frozenset({"his", "himself"})
POSSESSIVE_FEMALE: Final = frozenset({"her", "hers", "herself"})
SUBJECT_PRONOUNS: Final = {"he": "male", "she": "female"}

# Words that show a clause's verb has already started, so a name after them is
# not the sentence's subject ("There have been calls … the Met").
AUXILIARIES: Final = frozenset(
    _words(
        """
        is are was were be been being has have had do does did will would shall should can
        could may might must emerged
        """
    )
)

# Nouns that stand for an organisation already named: "the council said". Each
# maps to the words (any of them) in that organisation's name or kind.
GENERIC_ORGANISATION_NOUNS: Final = {
    noun: frozenset(words.split())
    for noun, words in {
        "council": "council",
        "police": "police",
        "force": "police",
        "government": "government",
        "authority": "authority",
        "committee": "committee",
        "department": "department",
        "party": "party",
        "trust": "trust",
        "court": "court",
        "company": "company",
        "firm": "company",
        "club": "club",
        "assembly": "assembly",
        "commission": "commission",
        "inspectorate": "inspectorate",
        "watchdog": "watchdog",
        "university": "university",
        "school": "school",
        "hospital": "hospital",
        "charity": "charity",
        "union": "union",
        "association": "association",
        "society": "society",
        "agency": "agency",
        "board": "board",
        "partnership": "partnership",
        "network": "network",
        "foundation": "foundation",
        "regulator": "regulator",
        "group": "group friends campaign alliance coalition",
        "service": "service services",
        "chamber": "chamber",
    }.items()
}

# Words before a generic noun that say only what sort it is: "the local council".
GENERIC_MODIFIERS: Final = frozenset(
    _words(
        """
        local city county borough district parish town regional national state federal
        same whole new former main
        """
    )
)

SPOKESPEOPLE: Final = frozenset(
    _words(
        """
        spokesperson spokesman spokeswoman spokespeople representative source statement
        """
    )
)
