"""A seeded generator of local-news articles in the seeds' house style, with their truth.

Every article is made up from word lists and templates, so the generator
knows, as a careful human annotator would, every quote (its exact text,
speaker and paragraphs), every person and every organisation it wrote. The
accuracy stage (accuracy.py) scores the parser against that truth; the import
and search stages use the files as a large, realistic corpus.

    >>> article = next(generate(1))
    >>> article.name, sorted(article.truth)[:3]
    ('article-00001.txt', ['blocks', 'captions', 'footer'])

House style, as in ``seeds/*.txt``: a standfirst, 15 to 40 paragraphs, short
subheads, photo captions that name a person ("Councillor Jane Doe at the
meeting", "Deputy mayor for housing Jane Doe"), quotes attributed before
(``Chairman Jane Doe said: “…”``) and after (``“…,” she said.``), by pronoun,
by title and surname ("Ms Doe"), by organisations ("a council spokesperson
said"), partial quotes inside narration, quotes running over several
paragraphs (a paragraph that opens a quote without closing it continues in
the next one that opens with a quote mark), curly and straight quote marks,
footer lines, and on some articles ``Headline:``/``Byline:`` front matter.

People come from a pool of about 400 invented people (first names by gender ×
surnames, each with one role) and organisations from 60 invented ones, both
drawn with a Zipf-like skew so that, as in real coverage, the council leader
turns up in a large share of articles and most people only now and then.

The truth never depends on how the parser reads the text, and the generator
avoids constructions a careful reader would find ambiguous: within an article
no two people share a surname or first name, no two organisations share a
kind (so "the council" or "a police spokesperson" names exactly one), a
pronoun only refers to the person named in that paragraph or the one before
when nobody else of that gender was named in the three paragraphs before it,
captions never serve as antecedents, and quoted speech names nobody.

The truth, one JSON object per article::

    name           the file name
    headline       as given (front matter or a first line), "" when there is none
    people         full names ("Jane Doe", never "Ms Doe"), in order of first mention
    organisations  full names ("Regional Transport Authority", not "the RTA")
    quotes         in reading order: text (the words inside the outer quote marks, a
                   multi-paragraph quote's paragraphs joined by a blank line, as the
                   parser returns them), speaker (a full name), speaker_kind ("person"
                   or "organisation"), kind ("direct" or "partial"), first_block and
                   last_block (block 0 is the standfirst, as in ParsedQuote)
    blocks         how many blocks the parser should find: standfirst, paragraphs,
                   subheads and captions (not front matter, headline or footer)
    paragraphs     body paragraphs alone (15 to 40)
    subheads, captions, footer   the lines themselves

Speed (Python 3.11 on the 2-core benchmark machine): ``generate`` makes 2,300
articles a second when the machine is otherwise idle, 1,500 when other work
shares it: 100,000 articles (400 MB of text) in 45 to 70 s. ``write_corpus``
wrote 100,000 files and their truth (another 420 MB) in 60 s under load.
"""

import bisect
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

MIN_PARAGRAPHS, MAX_PARAGRAPHS = 15, 40  # body paragraphs: no standfirst, subheads, captions
MAX_CAPTIONS = 3
CURLY, STRAIGHT = ("“", "”"), ('"', '"')


@dataclass(frozen=True)
class GeneratedArticle:
    name: str  # the file name, e.g. "article-00001.txt"
    text: str  # the article as a reporter would file it
    truth: dict  # what the parser should find, JSON-serialisable (see "The truth" above)


# The pool ---------------------------------------------------------------------------

FEMALE_NAMES = """
    Abigail Aisha Alison Amara Anita Bethan Bridget Carmen Catrin Chloe Daisy Deborah Eleanor
    Elif Esther Fatima Gemma Georgina Harriet Helena Imogen Ingrid Isobel Janet Joanna Judith
    Kamala Karen Kirsty Leah Lorna Lydia Maeve Marcia Martina Megan Miriam Nadia Naomi Niamh
    Olwen Patricia Philippa Priya Rachel Rhiannon Rosalind Ruth Samira Selina Shona Siobhan
    Tamsin Theresa Ursula Valerie Veronica Wendy Yasmin Zara
""".split()
MALE_NAMES = """
    Adrian Alistair Amir Angus Barnaby Bernard Callum Cedric Colin Conor Darren Desmond Dominic
    Duncan Edwin Emeka Fergus Frazer Gareth Gordon Graham Hamish Hugo Idris Ivan Jasper Jerome
    Kenneth Kieran Laurence Lionel Malcolm Marcus Martin Neville Nigel Oliver Omar Patrick Piers
    Quentin Raymond Rohan Rupert Simon Stuart Terence Tobias Trevor Vikram Vincent Warren
    Wilfred Yusuf
""".split()
SURNAMES = """
    Abbott Achebe Ainsworth Alderton Appleyard Armitage Ashdown Atherton Bagshaw Banerjee
    Barraclough Beckwith Bellingham Birtwistle Blackwood Bramley Brennan Brightwell Broadhurst
    Buckland Calloway Carmody Castleton Chadwick Chowdhury Clitheroe Colquhoun Cowley Crabtree
    Cresswell Dalrymple Danvers Darby Delacroix Dimmock Dunstan Eckersley Edgworth Ellwood
    Entwistle Farnsworth Fenwick Fitzgerald Fothergill Gallagher Garnett Gillespie Goodall
    Greenhalgh Gresham Haddow Halliwell Hargreaves Harkness Hawthorne Heseltine Hollings
    Hosseini Huntley Illingworth Iqbal Jardine Kavanagh Kettleborough Kilbride Lamberton
    Larkin Latimer Ledger Llewellyn Lockhart Lovelock Macintyre Madden Mahmood Malone Marsden
    Matheson McAllister McCready Mendoza Merriweather Moorcroft Mowbray Nakamura Nettleton
    Nightingale Norcross Oakley Okonkwo Ormerod Osei Pemberton Penhaligon Pettigrew Pilkington
    Prendergast Quarmby Radcliffe Ramsbottom Rathbone Ravenscroft Redfern Rigby Rowntree
    Sandford Scarborough Sedgwick Shackleton Sharma Silverwood Sinclair Slater Sowerby
    Standish Stanhope Sutcliffe Tattersall Templeton Thistlewood Thornbury Tolland Treadwell
    Trevelyan Umeh Varga Vickers Wadsworth Wakefield Walmsley Warburton Whitehead Wilberforce
    Winterbottom Woodhouse Wrigley Yeadon Zielinski O’Hagan O’Driscoll D’Souza Ashby-Kerr
    Lloyd-Pryce McKinnon
""".split()
PEOPLE_IN_POOL = 400


class Role(NamedTuple):
    key: str
    prefix: str  # before the name: "council leader Jane Doe"
    appositive: str  # after it: "Jane Doe, the leader of Wexham City Council,"
    title: str | None  # for later mentions, "Cllr Doe"; None: Mr or Ms
    organisation_kind: str | None  # the kind of the person's own organisation, "{org}"


ROLES = (
    Role("councillor", "Councillor", "a councillor on {org}", "Cllr", "council"),
    Role("leader", "council leader", "the leader of {org}", None, "council"),
    Role(
        "cabinet",
        "cabinet member for {portfolio}",
        "{org}’s cabinet member for {portfolio}",
        None,
        "council",
    ),
    Role(
        "deputy mayor",
        "deputy mayor for {portfolio}",
        "the deputy mayor for {portfolio}",
        None,
        None,
    ),
    Role("chair", "{chair}", "who chairs {org}", None, "association"),
    Role("chief executive", "chief executive", "chief executive of {org}", None, "charity"),
    Role("managing director", "managing director", "managing director of {org}", None, "company"),
    Role("headteacher", "headteacher", "headteacher at {org}", None, "school"),
    Role("campaigner", "campaigner", "a campaigner who lives in {home}", None, None),
    Role("resident", "resident", "who has lived on {home_street} for {years} years", None, None),
    Role(
        "detective", "Detective Inspector", "a detective inspector with {org}", "Det Insp", "police"
    ),
    Role("inspector", "Inspector", "an inspector with {org}", "Insp", "police"),
    Role("gp", "Dr", "a GP in {home}", "Dr", None),
    Role("professor", "Professor", "an expert in {field} at {org}", "Prof", "university"),
    Role("shopkeeper", "shopkeeper", "who runs a {shop} on {home_street}", None, None),
    Role("station manager", "station manager", "a station manager with {org}", None, "fire"),
    Role("director", "director of {service}", "{org}’s director of {service}", None, "health"),
    Role("union", "union representative", "a representative of {org}", None, "union"),
)
PORTFOLIOS = """housing|transport|the environment|children’s services|adult social care|finance|
    regeneration|culture and leisure|planning|community safety""".replace("\n    ", "").split("|")
SERVICES = ("public health", "nursing", "operations", "emergency care", "community services")
FIELDS = ("flood risk", "urban planning", "public health", "transport policy", "education")
SHOPS = ("bakery", "hardware shop", "newsagent’s", "florist’s", "café", "butcher’s")

# Organisations: (name, kind, acronym, takes "the", generic noun for "the …").
ORGANISATIONS = (
    ("Brackenford Borough Council", "council", "", False, "council"),
    ("Eastmere County Council", "council", "", False, "council"),
    ("Hollinsby District Council", "council", "", False, "council"),
    ("Wexham City Council", "council", "", False, "council"),
    ("Northvale Borough Council", "council", "", False, "council"),
    ("Saltmarsh Town Council", "council", "", False, "council"),
    ("Ormsby District Council", "council", "", False, "council"),
    ("Fellside County Council", "council", "", False, "council"),
    ("Eastmere Police", "police", "", False, "force"),
    ("Wexham Constabulary", "police", "", False, "force"),
    ("Northvale Police", "police", "", False, "force"),
    ("Fellside Constabulary", "police", "", False, "force"),
    ("Eastmere Fire and Rescue Service", "fire", "EFRS", False, "fire service"),
    ("Northvale Fire and Rescue Service", "fire", "NFRS", False, "fire service"),
    ("Wexham Fire and Rescue Service", "fire", "WFRS", False, "fire service"),
    ("Wexham Hospitals Trust", "health", "", True, "trust"),
    ("Eastmere Ambulance Service", "health", "EAS", True, "ambulance service"),
    ("Northvale Health Partnership", "health", "", True, "partnership"),
    ("Hollinsby Community Health Trust", "health", "", True, "trust"),
    ("Regional Transport Authority", "agency", "RTA", True, "authority"),
    ("Coastal Waters Agency", "agency", "CWA", True, "agency"),
    ("Northern Roads Agency", "agency", "", True, "agency"),
    ("Land and Rivers Agency", "agency", "LRA", True, "agency"),
    ("Heritage Buildings Agency", "agency", "", True, "agency"),
    ("Rail Passengers Board", "agency", "", True, "board"),
    ("Schools Inspectorate", "regulator", "", True, "inspectorate"),
    ("Care Standards Commission", "regulator", "CSC", True, "commission"),
    ("Water Quality Regulator", "regulator", "", True, "regulator"),
    ("Open Door Trust", "charity", "", True, "charity"),
    ("Harbour Light Foundation", "charity", "", True, "charity"),
    ("Brackenford Food Bank", "charity", "", True, "charity"),
    ("Riverbank Wildlife Trust", "charity", "", True, "charity"),
    ("Young Carers Network", "charity", "", True, "charity"),
    ("Hearth and Home", "charity", "", False, "charity"),
    ("Second Chance Housing", "charity", "", False, "charity"),
    ("Eastmere Rivers Trust", "charity", "", True, "charity"),
    ("Tanner Street Residents’ Association", "association", "", True, "association"),
    ("Hollinsby Tenants’ Association", "association", "", True, "association"),
    ("Wexham Chamber of Commerce", "association", "", True, "chamber"),
    ("Friends of Hollin Park", "association", "", True, "group"),
    ("Eastmere Allotment Society", "association", "", True, "society"),
    ("Saltmarsh Traders’ Association", "association", "", True, "association"),
    ("Public Services Union", "union", "PSU", True, "union"),
    ("Bus Workers’ Union", "union", "", True, "union"),
    ("Kestrel Homes", "company", "", False, "company"),
    ("Tanfield Developments", "company", "", False, "company"),
    ("Eastmere Water", "company", "", False, "company"),
    ("Northvale Buses", "company", "", False, "company"),
    ("Brightwater Energy", "company", "", False, "company"),
    ("Coldharbour Construction", "company", "", False, "company"),
    ("Greenway Waste Services", "company", "", False, "company"),
    ("Mercer and Lowe Builders", "company", "", False, "firm"),
    ("Wexham Academy", "school", "", False, "school"),
    ("Hollinsby High School", "school", "", False, "school"),
    ("St Bride’s Primary School", "school", "", False, "school"),
    ("Northvale College", "school", "", False, "college"),
    ("Eastmere Grammar School", "school", "", False, "school"),
    ("University of Eastmere", "university", "", True, "university"),
    ("Wexham University", "university", "", False, "university"),
    ("Department for Local Growth", "government", "DLG", True, "department"),
)
# Kinds whose generic noun ("a council spokesperson", "the company said") a reader reads as
# the one organisation of that kind in the article.
SPOKESPERSON_ADJECTIVES = {"council": "council", "police": "police", "company": "company"}

PLACES = """
    Brackenford Eastmere Hollinsby Wexham Northvale Saltmarsh Ormsby Fellside Kettlewick
    Marrowby Dunholt Ashcombe Priorsford Selbury Thornwick Cawley Rudstone Harlowmere
""".split()
STREET_STEMS = """
    Mill Station Church Chapel Quarry Orchard Tannery Ropewalk Foundry Market Granary Cooper
    Beacon Bridge Kiln Weavers Millpond Glebe Tithe Barley Sheepwash Coppice Furnace Lime
""".split()
STREET_KINDS = ("Road", "Street", "Lane", "Avenue", "Way", "Close", "Row", "Terrace")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = """January February March April May June July August September October November
    December""".split()
PUBLICATIONS = (  # (name, takes "the", social media handle): the paper each article is in
    ("Riverside Post", True, "riversidepost"),
    ("Eastmere Echo", True, "eastmereecho"),
    ("Wexham Gazette", False, "wexhamgazette"),
    ("Northvale News", False, "northvalenews"),
    ("Fellside Herald", True, "fellsideherald"),
)
REPORTERS = ("Amelia Hartnell", "Jonah Crisp", "Lucy Tremayne", "Ravi Kohli", "Hattie Bloom")

# Topics --------------------------------------------------------------------------------
# Each topic: the main organisation's kinds, the things a story is about, headlines,
# standfirsts ({org} is the main organisation), narration, quoted sentences, partial
# quotes (noun phrases of five words or more) and subheads.
TOPICS = {
    "housing": {
        "kinds": ("council", "company", "charity"),
        "things": (
            "the estate regeneration scheme",
            "the plan for 300 affordable homes",
            "the tower block repair programme",
            "the new housing waiting list policy",
            "the damp and mould programme",
        ),
        "headlines": (
            "Families face longer wait as housing plan stalls",
            "Tenants demand answers over damp homes on {street}",
            "Affordable homes scheme in {place} wins final approval",
            "Residents angry at delay to tower block repairs",
        ),
        "standfirsts": (
            "{org} has been told to speed up {thing} after figures showed more than "
            "{number} families in {place} are still waiting for a suitable home.",
            "Tenants on {street} in {place} say they have been left living with damp "
            "and broken heating while {org} argues over who should pay for {thing}.",
            "Plans drawn up by {org} for {thing} have been approved despite objections "
            "from neighbours who say the area cannot cope with more traffic.",
        ),
        "narration": (
            "Contractors started work on the first block in {month}.",
            "The landlord says it has carried out {number} repairs since {year}.",
            "Tenants have been offered compensation of up to {amount}.",
            "The estate was built in the late 1960s.",
            "The waiting list in {place} has grown by a third since {year}.",
            "Surveyors found damp in {number} flats on the estate last winter.",
            "Some families have been placed in temporary rooms up to {miles} miles away.",
            "The first homes are due to be handed over in {month} {year2}.",
            "Rents on the new homes will be set at 80 per cent of the market rate.",
            "Heating in two of the blocks failed three times in {month}.",
        ),
        "quotes": (
            "The tenants I represent are tired of being passed from one office to another.",
            "Every family on that list has a story and we hear them every day.",
            "The repairs will be finished before next winter, I can promise that.",
            "My children have not had a warm bedroom for two years.",
            "Families have waited far too long for a decent home.",
            "Nobody should have to bring up children in a flat that is running with damp.",
            "We will not build homes that local people cannot afford to live in.",
            "These are good, warm homes and people will be proud to live in them.",
            "I have been reporting the same leak since the spring and nothing has changed.",
            "The money is there and now we need to see the work done.",
        ),
        "partials": (
            "a scandal that should shame everyone involved",
            "the biggest council house building programme in decades",
            "homes that local families can actually afford",
            "a sticking plaster on a very deep wound",
        ),
        "subheads": ("Years on the list", "Damp and mould", "Who pays", "A long wait"),
    },
    "transport": {
        "kinds": ("council", "agency", "company"),
        "things": (
            "the new cycle lane on {street}",
            "the bus route shake-up",
            "the low traffic neighbourhood",
            "the bridge closure",
            "the plan to cut the evening bus service",
        ),
        "headlines": (
            "Bus cuts will leave villages cut off, say campaigners",
            "Cycle lane on {street} to be ripped out after review",
            "Commuters face months of disruption as bridge shuts",
            "Low traffic scheme in {place} made permanent",
        ),
        "standfirsts": (
            "{org} has confirmed {thing} will go ahead in {month}, despite a petition "
            "signed by more than {number} people in {place}.",
            "Drivers and bus passengers in {place} face months of disruption after "
            "{org} announced details of {thing} on {day}.",
            "A review commissioned by {org} has found that {thing} cut journey times "
            "by almost a fifth but left some side roads busier than before.",
        ),
        "narration": (
            "The evening service carried about {number} passengers a week.",
            "Repairs to the bridge are expected to cost {amount}.",
            "Speed cameras were installed on {street} in {year}.",
            "The operator blames a shortage of drivers for the cancellations.",
            "The number 42 bus currently runs every 20 minutes until midnight.",
            "Traffic counts on {street} rose by {percent} per cent during the trial.",
            "The bridge carries about {number} vehicles a day.",
            "Diversions will add up to {minutes} minutes to some journeys.",
            "Cyclists have used the route more than {number} times since it opened.",
            "The trial cost {amount}, most of it paid for by a government grant.",
        ),
        "quotes": (
            "Passengers have been left standing at bus stops for an hour.",
            "The evidence shows that the scheme is working.",
            "I run a business on that road and I have lost customers every week.",
            "We want people to have a real choice about how they travel.",
            "People in the villages rely on that bus to get to work and to hospital.",
            "We have listened to residents and we have changed the design as a result.",
            "The road simply cannot carry the traffic it did twenty years ago.",
            "I cycle to work every day and for the first time I feel safe doing it.",
            "Nobody wants to close a bridge, but safety has to come first.",
            "The timetable was drawn up without asking a single passenger.",
        ),
        "partials": (
            "a lifeline for older people in the villages",
            "the worst possible time to close the bridge",
            "a scheme that was never properly thought through",
            "safer streets for children walking to school",
        ),
        "subheads": ("Cut off", "The diversion", "Safer streets", "What passengers say"),
    },
    "schools": {
        "kinds": ("school", "council", "regulator"),
        "things": (
            "the school expansion",
            "the plan to merge two primary schools",
            "the new sixth form block",
            "the breakfast club funding",
            "the school’s latest inspection report",
        ),
        "headlines": (
            "Parents fight plan to merge primary schools",
            "School rated good after turnaround",
            "Breakfast clubs saved after funding row",
            "New sixth form block opens in {place}",
        ),
        "standfirsts": (
            "Parents in {place} have launched a campaign against {thing}, saying "
            "{org} has not explained where more than {number} pupils will go.",
            "Inspectors have praised {org} for {thing}, two years after the school "
            "was placed in special measures.",
            "{org} has found the money to keep {thing} going until {month}, after "
            "families warned that children were arriving at lessons hungry.",
        ),
        "narration": (
            "The school was founded in 1874.",
            "A consultation with parents runs until {month}.",
            "The trust that runs the school has {number2} other schools in the region.",
            "Exam results at the school have improved for three years running.",
            "The school has {number} pupils on its roll and a waiting list.",
            "Inspectors spent two days at the school in {month}.",
            "About one in five pupils at the school is eligible for free meals.",
            "The new block has eight classrooms and a science laboratory.",
            "Pupil numbers in {place} are expected to fall by {percent} per cent.",
            "The governors will meet again on {day} to agree a response.",
        ),
        "quotes": (
            "Our pupils have shown what they can do when they are given the chance.",
            "Parents feel they have been kept in the dark.",
            "The teachers here go far beyond what anyone could ask of them.",
            "We want the new building open in time for the autumn term.",
            "Our children deserve a school they can walk to.",
            "The staff have worked incredibly hard and this report reflects that.",
            "A hungry child cannot learn, it is as simple as that.",
            "We want every pupil to leave here with real choices about their future.",
            "Nobody has told us what happens to the children with special needs.",
            "We have a lot still to do, but we are heading in the right direction.",
        ),
        "partials": (
            "a huge achievement for the whole school community",
            "the heart of the village for more than a century",
            "a decision taken without asking a single parent",
            "real choices about what they do next",
        ),
        "subheads": ("Special measures", "Parents’ fears", "Hungry children", "A new start"),
    },
    "health": {
        "kinds": ("health", "regulator", "council"),
        "things": (
            "the closure of the minor injuries unit",
            "the new GP surgery",
            "the ambulance response target",
            "the mental health service for young people",
            "the plan to move maternity services",
        ),
        "headlines": (
            "Patients wait hours for ambulances, figures show",
            "Minor injuries unit in {place} to close at night",
            "New surgery opens after years of campaigning",
            "Young people face long waits for mental health help",
        ),
        "standfirsts": (
            "Figures released by {org} show that patients in {place} waited an "
            "average of {minutes} minutes for an ambulance last winter, far longer "
            "than the national target.",
            "{org} has confirmed {thing} will go ahead, despite warnings that "
            "patients will have to travel more than {miles} miles for treatment.",
            "Campaigners in {place} have welcomed {thing}, which {org} says will "
            "serve more than {number} patients when it opens in {month}.",
        ),
        "narration": (
            "Handover delays at the hospital cost {number} hours of ambulance time in {month}.",
            "The service was last inspected in {year}.",
            "The new surgery is on {street}, close to the railway station.",
            "The trust has {number2} vacancies for nurses.",
            "The unit treats about {number} patients a month.",
            "The target for the most serious calls is seven minutes.",
            "The nearest alternative is {miles} miles away in {place2}.",
            "Staff shortages have forced the unit to close early on {number2} nights.",
            "The surgery will have eight doctors and a pharmacy.",
            "Referrals for young people have doubled since {year}.",
        ),
        "quotes": (
            "Patients deserve to be seen quickly and close to home.",
            "We have opened more beds and we are seeing patients faster than last year.",
            "My mother waited on the floor for four hours before anyone arrived.",
            "The staff are exhausted and morale is very low.",
            "Every minute counts when someone is having a heart attack.",
            "Our staff are doing everything they can in very difficult circumstances.",
            "Families should not have to drive for an hour to have a baby.",
            "This surgery is the result of years of hard work by local people.",
            "Young people are being left to cope on their own for months.",
            "We are recruiting more paramedics and the figures are improving.",
        ),
        "partials": (
            "the difference between life and death",
            "a service that is stretched to breaking point",
            "a long overdue boost for patients in the town",
            "months of waiting with nowhere to turn",
        ),
        "subheads": ("Waiting times", "Staff shortages", "Patients’ stories", "The target"),
    },
    "crime": {
        "kinds": ("police", "council"),
        "things": (
            "the rise in shop thefts",
            "the spate of car break-ins",
            "the new dispersal order",
            "the neighbourhood policing team",
            "the closure of the police front counter",
        ),
        "headlines": (
            "Shopkeepers call for action as thefts soar",
            "Police step up patrols after break-ins on {street}",
            "Dispersal order brought in for {place} town centre",
            "Front counter closure will leave town without a police station",
        ),
        "standfirsts": (
            "{org} has stepped up patrols in {place} after {number} cars were broken "
            "into in a single month, most of them on {street}.",
            "Shopkeepers in {place} say thefts have doubled in a year and accuse "
            "{org} of failing to respond when they report them.",
            "{org} has defended {thing}, saying officers will spend more time on "
            "the streets and less behind a desk.",
        ),
        "narration": (
            "Officers seized drugs and cash during a search on {street}.",
            "Two men have been charged and will appear in court next month.",
            "Shop thefts in the town centre rose by {percent} per cent last year.",
            "Extra patrols will run every evening until the end of {month}.",
            "Most of the break-ins happened between midnight and 4am.",
            "Officers made {number2} arrests during the operation.",
            "The order gives officers the power to move groups on for 48 hours.",
            "Reported thefts rose from {number2} to {number} over the year.",
            "Anyone with information is asked to call 101 quoting the crime number.",
            "The front counter was open for four hours a day.",
        ),
        "quotes": (
            "Shopkeepers should not have to put up with being threatened at work.",
            "We know who many of these offenders are and we are coming for them.",
            "Residents have told us they no longer feel safe walking home at night.",
            "Every report helps us build a picture of what is going on.",
            "We will not tolerate this kind of behaviour in our town.",
            "I have been robbed three times this year and I am at my wits’ end.",
            "Officers will be out on the streets day and night until this stops.",
            "People need to know that when they call, somebody will come.",
            "Most of these thefts are carried out by a small number of people.",
            "We are asking anyone with doorbell footage to get in touch.",
        ),
        "partials": (
            "a small number of people causing a great deal of harm",
            "a town centre where people feel safe again",
            "a kick in the teeth for honest traders",
            "officers on the streets where they belong",
        ),
        "subheads": ("Patrols stepped up", "Traders’ anger", "The arrests", "Call for help"),
    },
    "environment": {
        "kinds": ("agency", "company", "council"),
        "things": (
            "the sewage discharge into the river",
            "the new flood defence scheme",
            "the tree felling programme",
            "the fly-tipping crackdown",
            "the plan to close the recycling centre",
        ),
        "headlines": (
            "Sewage poured into river for thousands of hours",
            "Flood defences for {place} finally given the go-ahead",
            "Fury as healthy trees on {street} are felled",
            "Recycling centre closure will lead to fly-tipping, say residents",
        ),
        "standfirsts": (
            "Sewage was released into the river at {place} for more than {number} "
            "hours last year, according to figures published by {org}.",
            "Homes in {place} that flooded twice in three years will be protected "
            "by {thing}, after {org} agreed to pay {amount} towards the cost.",
            "{org} has been accused of ignoring residents over {thing}, with more "
            "than {number} people signing a petition against it.",
        ),
        "narration": (
            "Water samples taken in {month} showed high levels of bacteria.",
            "The defences are designed to withstand a one-in-200-year flood.",
            "Fly-tipping costs the district about {amount} a year to clear.",
            "Volunteers planted {number} saplings along the river last winter.",
            "The river is popular with swimmers and paddleboarders in summer.",
            "More than {number2} homes flooded in {month} {year}.",
            "The new walls will be more than a metre high in places.",
            "Reports of fly-tipping in {place} rose by {percent} per cent last year.",
            "The trees on {street} were planted more than a century ago.",
            "The centre takes in about {number} tonnes of waste a year.",
        ),
        "quotes": (
            "The river should be a place for families, not somewhere they are warned away from.",
            "We have invested heavily in our sewage works and we will do more.",
            "I have watched the water rise in my garden three times in five years.",
            "Nobody told us the trees were coming down until the chainsaws arrived.",
            "Nobody should have to worry about getting ill from swimming in the river.",
            "Every time it rains heavily we move the furniture upstairs.",
            "These trees were here long before any of us and they deserve better.",
            "We take our responsibilities to the river very seriously.",
            "Closing the tip will simply move the rubbish into country lanes.",
            "The defences will give hundreds of families peace of mind.",
        ),
        "partials": (
            "an open sewer running through the middle of town",
            "peace of mind for hundreds of families",
            "an act of vandalism carried out in broad daylight",
            "a false economy that will cost more in the end",
        ),
        "subheads": ("The figures", "Flooded twice", "Trees lost", "Rubbish in the lanes"),
    },
    "planning": {
        "kinds": ("council", "company", "association"),
        "things": (
            "the plan for a supermarket on the old mill site",
            "the 12-storey tower",
            "the warehouse extension",
            "the conversion of the old library into flats",
            "the solar farm on farmland outside the town",
        ),
        "headlines": (
            "Supermarket plan for old mill site thrown out",
            "Neighbours object to 12-storey tower in {place}",
            "Solar farm approved on appeal",
            "Old library to become flats after council vote",
        ),
        "standfirsts": (
            "Councillors have rejected {thing} put forward by {org}, siding with more "
            "than {number} objectors who said it would ruin the character of {place}.",
            "{org} has submitted {thing}, promising {number2} jobs and a new public "
            "square in the centre of {place}.",
            "A planning inspector has overturned a decision by {org} and given "
            "permission for {thing}, to the dismay of residents.",
        ),
        "narration": (
            "The developer says the scheme would create {number2} permanent jobs.",
            "The tower would be the tallest building in {place}.",
            "A previous application for the site was refused in {year}.",
            "Objectors included the town’s civic society and a local school.",
            "The site has been empty since the mill closed in {year}.",
            "The planning committee voted seven to four against the scheme.",
            "The developer has six months to lodge an appeal.",
            "The building would be visible from the conservation area.",
            "The application received {number} objections and {number2} letters of support.",
            "The farm would cover an area the size of {number2} football pitches.",
        ),
        "quotes": (
            "The developer has not listened to a single concern raised by residents.",
            "This is a site that has been crying out for investment.",
            "The roads around here are already gridlocked at rush hour.",
            "We have made significant changes to the design in response to the consultation.",
            "This is the wrong building in the wrong place.",
            "We have worked hard to design something the town can be proud of.",
            "The mill site has been an eyesore for years and something has to happen.",
            "Nobody is against development, but it has to fit in.",
            "These plans will bring jobs and life back into the town centre.",
            "We will study the decision carefully before deciding what to do next.",
        ),
        "partials": (
            "an eyesore that will loom over the whole street",
            "the wrong building in the wrong place",
            "a chance to bring life back to the town centre",
            "a victory for common sense and local democracy",
        ),
        "subheads": ("The vote", "Neighbours object", "Jobs promised", "Next steps"),
    },
    "community": {
        "kinds": ("council", "charity", "association"),
        "things": (
            "the cut to library opening hours",
            "the plan to sell the community centre",
            "the summer festival",
            "the food bank’s winter appeal",
            "the restoration of the park bandstand",
        ),
        "headlines": (
            "Library hours cut as council looks for savings",
            "Volunteers save community centre from sale",
            "Food bank appeals for help as demand doubles",
            "Bandstand restored to its former glory in {place}",
        ),
        "standfirsts": (
            "Volunteers in {place} have raised more than {amount} in a bid to stop "
            "{org} selling the community centre to a developer.",
            "{org} says demand has doubled in a year and it is running short of tins, "
            "nappies and toiletries ahead of {thing}.",
            "Hundreds of people turned out on {day} to celebrate {thing}, paid for "
            "by {org} and a lottery grant.",
        ),
        "narration": (
            "The community centre opened in {year} after a fundraising campaign.",
            "The lottery grant was worth {amount}.",
            "The food bank is based in a church hall on {street}.",
            "Donations can be left at supermarkets in {place} and {place2}.",
            "The centre hosts a toddler group, a lunch club and a weekly disco.",
            "The food bank handed out {number} parcels last year.",
            "The bandstand was built in 1897 and last played host to a band in {year}.",
            "The library will now close on Mondays and Wednesdays.",
            "About {number} people attended the festival over two days.",
            "Volunteers gave more than {number} hours of their time.",
        ),
        "quotes": (
            "Volunteers have given up their evenings and weekends to make this happen.",
            "Lonely people come here for a cup of tea and a chat, and it matters.",
            "We have never seen demand like it.",
            "The park belongs to everyone in the town.",
            "This building is the beating heart of the community.",
            "We are seeing families who have never needed help before.",
            "It is wonderful to see people of all ages enjoying the park again.",
            "The library is far more than a place to borrow books.",
            "We could not do any of this without our volunteers.",
            "Every tin and every packet makes a difference.",
        ),
        "partials": (
            "the beating heart of the whole community",
            "far more than a place to borrow books",
            "the busiest winter we have ever known",
            "a proper celebration of everything that makes the town special",
        ),
        "subheads": ("Saved by volunteers", "Rising demand", "A day to remember", "How to help"),
    },
}
COMMON_NARRATION = (
    "The plans were first put forward in {month} {year}.",
    "More than {number} people responded to the consultation, which closed on {day}.",
    "The cost has risen to {amount}, according to figures published this week.",
    "A final decision is expected in {month}.",
    "Residents on {street} say they were not told about the changes until letters arrived.",
    "Opposition members have asked for a full report before any more money is spent.",
    "The issue will be discussed at a public meeting in {place} on {day}.",
    "Similar schemes have been tried in {place2} with mixed results.",
    "A report to councillors warns that the work could take until {year2} to finish.",
    "About {number} households are thought to be affected.",
    "Some residents have started an online petition.",
    "The scheme is expected to cost {amount} over five years.",
    "A public inquiry has not been ruled out.",
    "The matter was first raised at a ward meeting in {month}.",
    "Details were published on {day} in a report running to more than {number2} pages.",
    "Shops on {street} say trade has fallen since the work began.",
    "The consultation was extended by {number2} days after a late rush of responses.",
    "Around {percent} per cent of those who replied were opposed to the idea.",
    "The last review of the service took place in {year}.",
    "Campaigners plan to hand in a petition before the next full council meeting.",
    "An independent review is due to report in {month} {year2}.",
    "People living in {place2} have raised similar concerns.",
    "The original budget was {amount}.",
    "Letters were sent to {number} homes in the area last month.",
)
COMMON_QUOTES = (
    "I want to thank everyone who has taken the time to get in touch.",
    "We will keep residents informed at every stage.",
    "This is not the end of the matter.",
    "We have listened and we have learned.",
    "People are angry, and they have every right to be.",
    "The decision was not taken lightly.",
    "There is still a great deal of work to do.",
    "It has been a very difficult few months for everyone.",
    "I would urge anyone who is worried to come along and talk to us.",
    "We owe it to the next generation to get this right.",
    "We have spent {amount} on this and people are entitled to see results.",
    "I have lived in {place} for most of my life and I have never seen anything like it.",
    "Work should have started in {month} and there is still no sign of it.",
    "More than {number} people have told us how they feel, and we have to respect that.",
    "We expect to have an answer by {month}.",
    "Anyone who lives near {street} will know exactly what I mean.",
    "{place} deserves better than this.",
    "We meet again on {day} and I hope we can agree a way forward.",
    "Nobody I have spoken to in {place} supports this.",
    "I am not going to pretend this is easy.",
    "Our door is always open.",
    "The figures speak for themselves.",
    "It is time for action, not more words.",
    "We cannot keep putting this off.",
    "Nobody came to speak to us before the decision was made.",
    "I think most people will see this as good news.",
    "We have asked for a meeting and we are still waiting for a reply.",
    "It will take time, but we will get there.",
    "I am proud of what the community has achieved.",
    "People have been badly let down and that has to change.",
    "We were promised answers in {month} and we are still waiting.",
    "This affects every family in {place}, not just a few.",
    "I was shocked when I read the report.",
    "We will be watching very closely to make sure the promises are kept.",
    "There are no easy answers, but doing nothing is not an option.",
    "The people of {place} have been more than patient.",
)
QUESTIONS = (
    "Who is going to pay for all of this?",
    "Why were residents not asked first?",
    "How much longer are families expected to wait?",
    "What happens when the money runs out?",
    "Where are people supposed to go now?",
)
# A quote broken by its attribution: “Head,” she said, “tail.”
INTERRUPTED = (
    ("The simple truth is", "that nobody listened to the people who live here."),
    ("We knew this would not be easy", "but we did not expect it to take this long."),
    ("If we do nothing", "the problem will only get worse."),
    ("I have lived here all my life", "and I have never seen anything like it."),
    ("There are lessons to learn", "and we will make sure we learn them."),
)
COMMON_PARTIALS = (
    "a real chance to put things right",
    "a complete waste of public money",
    "a lack of respect for the people who live here",
    "the best news the town has had in years",
)
ORGANISATION_QUOTES = (
    "We understand the strength of feeling and we take these concerns very seriously.",
    "We are working closely with our partners to resolve the problem as quickly as possible.",
    "We apologise to everyone who has been affected.",
    "No final decision has been made and we will consider every response carefully.",
    "The safety of the public is our first priority.",
    "We will publish a full update in the coming weeks.",
    "We have written to everyone affected to explain what happens next.",
    "We are disappointed by the decision and will be considering our options.",
)
ORGANISATION_PARTIALS = (
    "working hard to put things right",
    "in regular contact with everyone affected",
    "disappointed by the decision of the committee",
    "confident that the work will finish on time",
)
CAPTIONS = (
    "{prefix} {full}",
    "{prefix} {full} at the meeting",
    "{full} at the meeting",
    "{full} outside the town hall",
    "{prefix} {full} in {place}",
)
COMMON_SUBHEADS = (
    "What happens next",
    "Residents’ fears",
    "The cost",
    "Looking ahead",
    "A long road",
    "Questions remain",
    "The response",
    "Mixed feelings",
    "Time running out",
    "Behind the figures",
)
ORGANISATION_SENTENCES = (
    "{org} confirmed the figures on {day}.",
    "{org} is expected to make a final decision in {month}.",
    "Officers from {org} visited {street} last week.",
    "{org} has set aside {amount} for the work.",
    "A report by {org} shows that {number} households are affected.",
    "{org} has been asked to publish the full results.",
    "The figures were obtained from {org} under freedom of information rules.",
    "{org} will review the arrangements in {month}.",
    "Talks between {org} and residents are due to resume on {day}.",
)
# What someone did, as the rest of a sentence: "{person} has lived in …".
PERSON_PREDICATES = (
    "raised the issue at a public meeting on {day}",
    "first complained about the problem in {year}",
    "has been invited to give evidence to a scrutiny committee",
    "met residents on {street} earlier this month",
    "has collected more than {number} signatures",
    "has written to the minister asking for an urgent review",
    "has followed the issue closely for several years",
    "spoke at a packed meeting in {place} on {day}",
    "has lived in the area for more than {number2} years",
    "visited the site on {day} with a group of neighbours",
    "asked for the item to be added to the agenda in {month}",
)
SPEAKING_OCCASIONS = (
    "Speaking at the meeting", "Speaking after the vote", "Speaking on {day}",
    "Speaking to reporters",
)  # fmt: skip
AGED_ROLES = {"resident", "campaigner", "shopkeeper", "chair", "union"}  # "Jane Doe, 54,"
FIRST_VERBS = ("said", "said", "said", "explained", "warned", "told the meeting")
PRE_VERBS = ("said", "said", "said", "added", "explained", "warned", "told the meeting")
POST_VERBS = ("said", "said", "said", "added", "explained", "admitted", "insisted")
PARTIAL_LEADS = (  # {partial} arrives in the article's quote marks
    "{who} said {thing} was {partial}.",
    "{who} described {thing} as {partial}.",
    "{who} warned that {thing} risked becoming {partial}.",
    "{who} said the decision showed {partial}.",
    "{who} said {thing} was {partial} and called for an independent review.",
)
ACCORDING_TO = "According to {who}, {thing} is {partial}."  # only with a name, never "she"

TOPIC_NAMES = sorted(TOPICS)
# Each topic's sentences with the common ones, joined once: the writer deals from these.
BANKS = {
    name: {
        "quotes": topic["quotes"] + COMMON_QUOTES,
        "narration": topic["narration"] + COMMON_NARRATION,
        "partials": topic["partials"] + COMMON_PARTIALS,
        "subheads": topic["subheads"] + COMMON_SUBHEADS,
    }
    for name, topic in TOPICS.items()
}


# The pool, built once per seed ------------------------------------------------------


@dataclass(frozen=True, eq=False)  # one object per entity: compared by identity
class Organisation:
    name: str
    kind: str
    acronym: str
    takes_the: bool
    generic: str  # "council": "the council", when it is the article's only council


@dataclass(frozen=True, eq=False)  # one object per entity: compared by identity
class Person:
    first: str
    last: str
    female: bool
    role: Role
    organisation: Organisation | None
    details: tuple  # (portfolio, service, field, shop, home, home street, years there, age)

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Pool:
    people: tuple[Person, ...]
    people_weights: tuple[float, ...]  # cumulative, Zipf-like by rank
    organisations: tuple[Organisation, ...]
    organisation_weights: tuple[float, ...]


def _zipf(count: int) -> tuple[float, ...]:
    """Cumulative weights 1/(rank + 2): the first few recur, the long tail appears rarely."""
    return tuple(accumulate(1 / (rank + 2) for rank in range(1, count + 1)))


@lru_cache(maxsize=8)
def build_pool(seed: int) -> Pool:
    """The invented people and organisations every article of a corpus draws from."""
    rng = random.Random(f"pool:{seed}")
    organisations = [Organisation(*entry) for entry in ORGANISATIONS]
    by_kind: dict[str, list[Organisation]] = {}
    for organisation in organisations:
        by_kind.setdefault(organisation.kind, []).append(organisation)
    names = [(first, True) for first in FEMALE_NAMES] + [(first, False) for first in MALE_NAMES]
    people: list[Person] = []
    taken: set[tuple[str, str]] = set()
    while len(people) < PEOPLE_IN_POOL:
        (first, female), last = rng.choice(names), rng.choice(SURNAMES)
        if (first, last) in taken:
            continue
        taken.add((first, last))
        role = rng.choice(ROLES)
        details = (
            rng.choice(PORTFOLIOS), rng.choice(SERVICES), rng.choice(FIELDS), rng.choice(SHOPS),
            rng.choice(PLACES), _street(rng), rng.randint(3, 45),
        )  # fmt: skip
        details += (details[-1] + rng.randint(18, 45),)  # an age: older than years lived there
        kind = role.organisation_kind
        organisation = rng.choice(by_kind[kind]) if kind else None
        people.append(Person(first, last, female, role, organisation, details))
    rng.shuffle(organisations)  # people come in random order already; rank is the order
    return Pool(tuple(people), _zipf(len(people)), tuple(organisations), _zipf(len(organisations)))


def _street(rng: random.Random) -> str:
    return f"{rng.choice(STREET_STEMS)} {rng.choice(STREET_KINDS)}"


def _one(rng: random.Random, items):
    """``rng.choice``, several times faster (which matters at 100,000 articles)."""
    return items[int(rng.random() * len(items))]


def _between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint``, likewise."""
    return low + int(rng.random() * (high - low + 1))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _amount(rng: random.Random) -> str:
    return f"£{_between(rng, 2, 48)}m" if rng.random() < 0.5 else f"£{_between(rng, 15, 950)},000"


def _draw(rng: random.Random, items: tuple, cumulative: tuple[float, ...]):
    return items[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def _before_attribution(text: str) -> str:
    """ "…plans." as it reads before “, she said”: "…plans," (a question keeps its mark)."""
    return text[:-1] + "," if text.endswith(".") else text


class _Slots(dict):
    """Template values made on demand: each "{street}" is a new street."""

    def __init__(self, writer: "_Writer"):
        super().__init__()
        rng = writer.rng
        self.makers = {
            "place": lambda: writer.place,
            "place2": lambda: _one(rng, [p for p in PLACES if p != writer.place]),
            "street": lambda: _street(rng),
            "thing": lambda: writer.thing,
            "day": lambda: _one(rng, DAYS),
            "month": lambda: _one(rng, MONTHS),
            "year": lambda: str(_between(rng, 2009, 2023)),
            "year2": lambda: str(_between(rng, 2025, 2030)),
            "number": lambda: f"{_between(rng, 120, 9800):,}",
            "number2": lambda: str(_between(rng, 3, 60)),
            "percent": lambda: str(_between(rng, 8, 70)),
            "miles": lambda: str(_between(rng, 6, 40)),
            "minutes": lambda: str(_between(rng, 15, 95)),
            "amount": lambda: _amount(rng),
        }  # fmt: skip

    def __missing__(self, key: str) -> str:
        return self.makers[key]()


class _Writer:
    """Writes one article block by block, noting the truth as it goes."""

    def __init__(self, pool: Pool, rng: random.Random, name: str):
        self.rng, self.pool, self.name = rng, pool, name
        self.topic_name = _one(rng, TOPIC_NAMES)
        self.topic = TOPICS[self.topic_name]
        self.place = _one(rng, PLACES)
        self.slots = _Slots(self)
        self.thing = self.fill(_one(rng, self.topic["things"]), capitalise=False)
        self.marks = rng.choices(("curly", "straight", "mixed"), weights=(6, 2, 2))[0]
        self.blocks: list[tuple[str, str]] = []  # (kind, text), as the parser should number them
        self.quotes: list[dict] = []
        self.people: dict[Person, None] = {}  # everyone named, in order (dicts keep order)
        self.organisations: dict[Organisation, None] = {}
        self.introduced: set[Person] = set()  # named in full in the body, not just a caption
        self.recent: list[tuple[int, Person, bool]] = []  # (block, person, in the body)
        self.acronyms: set[Organisation] = set()  # defined in brackets, so usable alone
        self.titles: dict[Person, str] = {}  # "Ms", "Cllr", "Dr"…: one per person per article
        self.speaker: Person | None = None  # who gave the last quote, for follow-ups
        self.last_quote_block = -1
        self.captioned: list[Person] = []  # each person's photo appears once at most
        self.used: dict[int, set[int]] = {}  # by the id of a bank, the sentences used
        self.banks = BANKS[self.topic_name]
        self.cast_people, self.cast_organisations = self._cast()
        name, takes_the, self.handle = _one(rng, PUBLICATIONS)
        self.publication = Organisation(name, "media", "", takes_the, "newspaper")

    # The cast ----------------------------------------------------------------------------
    def _cast(self) -> tuple[list[Person], list[Organisation]]:
        """People and organisations drawn with the pool's skew, none a reader could confuse."""
        rng, pool = self.rng, self.pool
        by_kind: dict[str, Organisation] = {}
        main_kind = _one(rng, self.topic["kinds"])
        while main_kind not in by_kind:
            organisation = _draw(rng, pool.organisations, pool.organisation_weights)
            if organisation.kind == main_kind:
                by_kind[main_kind] = organisation
        people: list[Person] = []
        wanted = _between(rng, 2, 5)
        for _ in range(100):
            if len(people) == wanted:
                break
            person = _draw(rng, pool.people, pool.people_weights)
            home = person.organisation
            if home and by_kind.get(home.kind, home) != home:
                continue  # two councils would make "the council" ambiguous
            if any(p.last == person.last or p.first == person.first for p in people):
                continue  # "Ms Doe" must name one person
            people.append(person)
            if home:
                by_kind[home.kind] = home
        for _ in range(_between(rng, 0, 2)):
            organisation = _draw(rng, pool.organisations, pool.organisation_weights)
            by_kind.setdefault(organisation.kind, organisation)
        main = by_kind[main_kind]
        return people, [main, *[o for o in by_kind.values() if o is not main]]

    # Writing blocks ----------------------------------------------------------------------
    @property
    def block(self) -> int:
        """The index of the block being written: the standfirst is block 0."""
        return len(self.blocks)

    def paragraph(self, text: str) -> int:
        self.blocks.append(("paragraph", text))
        return 1

    def fill(self, template: str, *, capitalise: bool = True, **values: str) -> str:
        if "{" not in template:
            return _capitalise(template) if capitalise else template
        self.slots.clear()
        self.slots.update(values)
        text = template.format_map(self.slots)
        return _capitalise(text) if capitalise else text

    def quoted(self, text: str, *, closed: bool = True) -> str:
        opening, closing = STRAIGHT if self.marks == "straight" else CURLY
        if self.marks == "mixed" and self.rng.random() < 0.5:
            opening, closing = STRAIGHT
        return f"{opening}{text}{closing if closed else ''}"

    def pick(self, bank: tuple[str, ...], count: int, capitalise=True, **values: str) -> list[str]:
        """``count`` sentences of ``bank`` filled in, none the article has used if it can
        help it: a speaker who repeats a sentence word for word reads like a machine."""
        used = self.used.setdefault(id(bank), set())  # indexes of bank already dealt
        if len(used) + count > len(bank):
            used.clear()  # only a long article comes back to a sentence
        chosen = []
        while len(chosen) < count:
            index = int(self.rng.random() * len(bank))
            if index not in used:
                used.add(index)
                chosen.append(bank[index])
        return [self.fill(sentence, capitalise=capitalise, **values) for sentence in chosen]

    def sentences(self, low: int = 1, high: int = 3, bank: tuple = ()) -> str:
        """Words for a quote: one to three sentences of the topic's, or of ``bank``."""
        bank = bank or self.banks["quotes"]
        return " ".join(self.pick(bank, _between(self.rng, low, high)))

    def record(self, text: str, speaker, kind: str, first: int, last: int | None = None) -> None:
        """Note a quote as the truth: its words without the outer marks, and who said them."""
        last = first if last is None else last
        is_person = isinstance(speaker, Person)
        self.quotes.append({
            "text": text,
            "speaker": speaker.full if is_person else speaker.name,
            "speaker_kind": "person" if is_person else "organisation",
            "kind": kind,
            "first_block": first,
            "last_block": last,
        })  # fmt: skip
        self.speaker = speaker if is_person and kind == "direct" else None
        self.last_quote_block = last
        if is_person:
            self.recent.append((last, speaker, True))

    # Naming people -----------------------------------------------------------------------
    def role_words(self, person: Person, part: str) -> str:
        """The role's "prefix" or "appositive", filled in for this person."""
        portfolio, service, field, shop, home, home_street, years, _ = person.details
        female_chair = "chairwoman" if person.female else "chairman"
        template = getattr(person.role, part)
        organisation = ""
        if "{org}" in template:
            organisation = self.org_name(person.organisation, short=False)
        return template.format(
            org=organisation, portfolio=portfolio, service=service, field=field, shop=shop,
            home=home, home_street=home_street, years=years,
            chair=_one(self.rng, ("chair", female_chair)),
        )  # fmt: skip

    def introduce(self, person: Person, *, apposition: bool, ending: str = ",") -> str:
        """A first mention in full: "council leader Jane Doe", "Jane Doe, 54," or
        "Jane Doe, the leader of X," (``ending`` closes a phrase that has commas)."""
        self.mention(person)
        self.introduced.add(person)
        parts = [
            person.full if apposition else f"{self.role_words(person, 'prefix')} {person.full}"
        ]
        if person.role.key in AGED_ROLES and self.rng.random() < 0.4:
            parts.append(str(person.details[-1]))
        if apposition:
            parts.append(self.role_words(person, "appositive"))
        return ", ".join(parts) + (ending if len(parts) > 1 else "")

    def mention(self, person: Person, *, in_body: bool = True) -> None:
        self.people.setdefault(person)
        self.recent.append((self.block, person, in_body))

    def title(self, person: Person) -> str:
        """ "Ms Doe", or the person's own title: "Dr Doe", "Det Insp Doe", sometimes "Cllr Doe"."""
        if person not in self.titles:
            own = person.role.title
            use_own = own and (own != "Cllr" or self.rng.random() < 0.5)
            self.titles[person] = own if use_own else ("Ms" if person.female else "Mr")
        return f"{self.titles[person]} {person.last}"

    def pronoun_allowed(self, person: Person) -> bool:
        """Named last in the body, in this paragraph or the one before, and nobody else
        of that sex named (a caption included) in the three paragraphs before this one."""
        previous = self.block - 1
        if self.blocks and self.blocks[previous][0] == "caption":
            previous -= 1  # a reader skips the photo caption
        named = next(((block, other) for block, other, body in reversed(self.recent) if body), None)
        if named is None or named[1] is not person or named[0] < previous:
            return False
        for block, other, _ in reversed(self.recent):  # in block order: stop once out of reach
            if block < self.block - 3:
                break
            if other is not person and other.female == person.female:
                return False
        return True

    def refer(self, person: Person, *, pronoun: float = 0.5) -> str:
        """A later mention: "she" (with chance ``pronoun``) where a reader cannot mistake
        it, else "Ms Doe"."""
        use_pronoun = self.pronoun_allowed(person) and self.rng.random() < pronoun
        self.mention(person)
        if use_pronoun:
            return "she" if person.female else "he"
        return self.title(person)

    # Naming organisations ----------------------------------------------------------------
    def org_name(self, organisation: Organisation, *, define: bool = False, short=True) -> str:
        """In full the first time ("the Regional Transport Authority (RTA)" where it is
        defined), later perhaps "the RTA" or, being the only authority, "the authority"."""
        known = organisation in self.organisations
        self.organisations.setdefault(organisation)
        full = f"the {organisation.name}" if organisation.takes_the else organisation.name
        if not known:
            if define and organisation.acronym and self.rng.random() < 0.6:
                self.acronyms.add(organisation)
                return f"{full} ({organisation.acronym})"
            return full
        roll = self.rng.random() if short else 1.0
        if organisation in self.acronyms and roll < 0.35:
            return f"the {organisation.acronym}"
        return f"the {organisation.generic}" if roll < 0.6 else full

    # Narration ---------------------------------------------------------------------------
    def standfirst(self) -> None:
        organisation = self.org_name(self.cast_organisations[0], define=True)
        self.paragraph(self.fill(_one(self.rng, self.topic["standfirsts"]), org=organisation))

    def narration(self) -> int:
        rng = self.rng
        sentences = self.pick(self.banks["narration"], _between(rng, 1, 3))
        if rng.random() < 0.4:
            organisation = self.org_name(_one(rng, self.cast_organisations), define=True)
            at = _between(rng, 0, len(sentences))
            sentences[at:at] = self.pick(ORGANISATION_SENTENCES, 1, org=organisation)
        return self.paragraph(" ".join(sentences))

    def subhead(self) -> None:
        (text,) = self.pick(self.banks["subheads"], 1)
        self.blocks.append(("subhead", text))

    def may_caption(self, person: Person) -> bool:
        """At most one photo of each person, and only of someone the story has introduced."""
        return (
            len(self.captioned) < MAX_CAPTIONS
            and person in self.introduced
            and person not in self.captioned
        )

    def caption(self, person: Person) -> None:
        self.mention(person, in_body=False)
        template = _one(self.rng, CAPTIONS)
        text = self.fill(template, prefix=self.role_words(person, "prefix"), full=person.full)
        self.blocks.append(("caption", text))
        self.captioned.append(person)

    # Organisations speaking --------------------------------------------------------------
    def statement(self) -> int:
        """An organisation's words: "The council said: …", "a police spokesperson said"."""
        rng = self.rng
        organisation = _one(rng, self.cast_organisations)
        adjective = SPOKESPERSON_ADJECTIVES.get(organisation.kind)
        if adjective and organisation in self.organisations and rng.random() < 0.3:
            return self.said(organisation, f"a {adjective} spokesperson")
        name = self.org_name(organisation)
        form = _between(rng, 0, 4)
        if form == 0:
            phrase = _one(rng, ORGANISATION_PARTIALS)
            block = self.block
            self.paragraph(self.fill("{org} said it was ", org=name) + self.quoted(phrase) + ".")
            self.record(phrase, organisation, "partial", block)
            return 1
        if form == 1:
            text = self.sentences(1, 2, ORGANISATION_QUOTES)
            block = self.block
            who = f"a spokesperson for {name}"
            self.paragraph(f"{self.quoted(_before_attribution(text))} {who} said.")
            self.record(_before_attribution(text), organisation, "direct", block)
            return 1
        lead = ("{who}", "In a statement, {who}", "A spokesperson for {who}")[form - 2]
        return self.said(organisation, self.fill(lead, who=name, capitalise=False))

    def said(self, speaker, subject: str, verb: str = "said", bank: tuple = ()) -> int:
        """`Subject said: “…”`: the commonest attribution, before the quote."""
        bank = bank or (ORGANISATION_QUOTES if isinstance(speaker, Organisation) else ())
        text = self.sentences(1, 3, bank)
        block = self.block
        self.paragraph(self.fill("{who} {verb}: ", who=subject, verb=verb) + self.quoted(text))
        self.record(text, speaker, "direct", block)
        return 1

    # People speaking ---------------------------------------------------------------------
    def first_words(self, person: Person, left: int) -> int:
        """A person's first appearance, named in full: speaking, or introduced in narration."""
        rng = self.rng
        apposition = rng.random() < 0.5
        form = _one(rng, ("said", "said", "occasion", "post", "partial", "narration", "multi"))
        if form == "post":
            named = self.introduce(person, apposition=apposition, ending="")
            return self.after(person, f"said {named}")
        subject = self.introduce(person, apposition=apposition)
        if form == "multi" and left >= 2:
            return self.multi_paragraph(person, subject, left)
        if form == "partial":
            return self.partial(person, subject)
        if form == "narration":
            (predicate,) = self.pick(PERSON_PREDICATES, 1, capitalise=False)
            return self.paragraph(_capitalise(f"{subject} {predicate}."))
        if form == "occasion":  # "Speaking after the vote, Jane Doe said:"
            occasion = self.fill(_one(rng, SPEAKING_OCCASIONS))
            return self.said(person, f"{occasion}, {subject}", _one(rng, ("said", "added")))
        return self.said(person, subject, self.verb(FIRST_VERBS))

    def follow_up(self, person: Person, left: int) -> int:
        """Someone already named speaks again: "She added: …", "…,” Ms Doe said." """
        rng = self.rng
        bare = self.speaker is person and self.last_quote_block == self.block - 1
        forms = ["said", "said", "after", "after", "carry", "interrupted", "question", "partial"]
        forms += ["narration", "about", "multi"] + ["bare"] * bare
        form = _one(rng, forms)
        if form == "about":  # no quote: "She has followed the issue closely for years."
            (predicate,) = self.pick(PERSON_PREDICATES, 1, capitalise=False)
            return self.paragraph(_capitalise(f"{self.refer(person)} {predicate}."))
        if form == "bare":  # a new paragraph of quote right after the speaker's last one
            text = self.sentences()
            block = self.block
            self.paragraph(self.quoted(text))
            self.record(text, person, "direct", block)
            return 1
        if form == "after":
            if rng.random() < 0.3:
                return self.after(person, f"{_one(rng, POST_VERBS)} {self.title(person)}")
            return self.after(person, f"{self.refer(person)} {self.verb(POST_VERBS)}")
        if form in ("carry", "interrupted", "question"):
            return self.after(person, f"{self.refer(person)} said", form)
        if form == "narration":  # "Ms Doe has lived … She said: “…”"
            (predicate,) = self.pick(PERSON_PREDICATES, 1, capitalise=False)
            opening = f"{self.title(person)} {predicate}. "
            self.mention(person)
            subject = opening + _capitalise(self.refer(person, pronoun=1.0))
            return self.said(person, subject, self.verb(PRE_VERBS))
        subject = self.refer(person)
        if form == "multi" and left >= 2:
            return self.multi_paragraph(person, subject, left)
        if form == "partial":
            return self.partial(person, subject, named=subject == self.title(person))
        return self.said(person, subject, self.verb(PRE_VERBS))

    def verb(self, verbs: tuple[str, ...]) -> str:
        """A speech verb, now and then "told the Riverside Post": the paper is not the speaker."""
        if self.rng.random() < 0.06:
            return f"told {self.org_name(self.publication)}"
        return _one(self.rng, verbs)

    def after(self, person: Person, attribution: str, form: str = "") -> int:
        """Attribution after the quote: `“…,” she said.`, then maybe more of the quote."""
        rng = self.rng
        block = self.block
        if form == "interrupted":
            head, tail = _one(rng, INTERRUPTED)
            head += ","
            text = f"{self.quoted(head)} {attribution}, {self.quoted(tail)}"
        elif form == "question":
            head = _one(rng, QUESTIONS)
            text = f"{self.quoted(head)} {attribution.replace(' said', ' asked')}."
        else:
            head = _before_attribution(self.sentences(1, 2))
            text = f"{self.quoted(head)} {attribution}."
        self.paragraph(text)
        self.record(head, person, "direct", block)
        if form == "interrupted":
            self.record(tail, person, "direct", block)
        elif form == "carry":
            more = self.sentences(1, 2)
            self.blocks[-1] = ("paragraph", f"{text} {self.quoted(more)}")
            self.record(more, person, "direct", block)
        return 1

    def partial(self, speaker: Person, subject: str, *, named: bool = False) -> int:
        """A few words quoted inside the reporter's sentence: kind "partial". ``named``:
        the subject is a plain name ("Ms Doe"), which "According to" can take."""
        rng = self.rng
        phrase = _one(rng, self.banks["partials"])
        template = ACCORDING_TO if named and rng.random() < 0.3 else _one(rng, PARTIAL_LEADS)
        block = self.block
        self.paragraph(self.fill(template, who=subject, partial=self.quoted(phrase)))
        self.record(phrase, speaker, "partial", block)
        return 1

    def multi_paragraph(self, person: Person, subject: str, left: int) -> int:
        """A quote over several paragraphs: each opens with a quote mark, only the last closes.
        A photo caption of the speaker may sit between two of them, as in the seeds."""
        rng = self.rng
        count = min(left, _between(rng, 2, 4))
        pieces = [self.sentences(1, 2) for _ in range(count)]
        first = self.block
        opening = self.fill("{who} said: ", who=subject) + self.quoted(pieces[0], closed=False)
        self.paragraph(opening)
        for number, piece in enumerate(pieces[1:], start=2):
            if self.may_caption(person) and rng.random() < 0.2:
                self.caption(person)
            self.paragraph(self.quoted(piece, closed=number == count))
        self.record("\n\n".join(pieces), person, "direct", first, self.block - 1)
        return count

    # The article -------------------------------------------------------------------------
    def beat(self, left: int) -> int:
        """Write the next paragraph or few; return how many body paragraphs were written."""
        rng = self.rng
        newcomers = [p for p in self.cast_people if p not in self.introduced]
        known = [p for p in self.cast_people if p in self.introduced]
        roll = rng.random()
        if roll < 0.36 or not self.cast_people:
            return self.narration()
        if roll < 0.46:
            return self.statement()
        if newcomers and (roll < 0.66 or not known):
            return self.first_words(newcomers[0], left)
        speaker = self.speaker if self.speaker in known and roll < 0.9 else _one(rng, known)
        return self.follow_up(speaker, left)

    def write(self) -> GeneratedArticle:
        """The standfirst, then beats until the paragraph count, a subhead every few."""
        rng = self.rng
        target = _between(rng, MIN_PARAGRAPHS, MAX_PARAGRAPHS)
        self.standfirst()
        written = since_subhead = 0
        gap = _between(rng, 4, 8)
        while written < target:
            if since_subhead >= gap and target - written >= 2:
                self.subhead()
                since_subhead, gap = 0, _between(rng, 4, 9)
            elif rng.random() < 0.08 and (
                pictured := [p for p in self.cast_people if self.may_caption(p)]
            ):
                self.caption(_one(rng, pictured))
            count = self.beat(target - written)
            written += count
            since_subhead += count
        return self.finish(target)

    def finish(self, paragraphs: int) -> GeneratedArticle:
        """Headline or front matter above, footer lines below, and the truth."""
        rng = self.rng
        headline = self.fill(_one(rng, self.topic["headlines"]))
        placement = rng.random()  # front matter on 3 articles in 10, a first line on 2
        if placement < 0.3:
            lead = [self.front_matter(headline)]
        elif placement < 0.5:
            lead = [headline]  # "a short line without a full stop, above the standfirst"
        else:
            lead, headline = [], ""  # as in the seeds: the importer makes one up
        footer = self.footer()
        body = [text for _, text in self.blocks]
        text = "\n\n".join([*lead, *body, *footer]) + "\n"
        truth = {
            "name": self.name,
            "headline": headline,
            "people": [person.full for person in self.people],
            "organisations": [organisation.name for organisation in self.organisations],
            "quotes": self.quotes,
            "blocks": len(self.blocks),
            "paragraphs": paragraphs,
            "subheads": [text for kind, text in self.blocks if kind == "subhead"],
            "captions": [text for kind, text in self.blocks if kind == "caption"],
            "footer": footer,
        }
        if self.marks == "straight":  # whoever types straight quote marks types ' too
            text, truth = _straighten(text), _straighten(truth)
        return GeneratedArticle(self.name, text, truth)

    def front_matter(self, headline: str) -> str:
        rng = self.rng
        day, month, year = _between(rng, 1, 28), _between(rng, 1, 12), _between(rng, 2023, 2025)
        published = f"{year}-{month:02}-{day:02}"
        if rng.random() < 0.5:
            published = f"{day} {MONTHS[month - 1]} {year}"
        lines = [f"Headline: {headline}"]
        if rng.random() < 0.7:
            lines.append(f"Byline: {_one(rng, REPORTERS)}")
        if rng.random() < 0.7:
            lines.append(f"Published: {published}")
        if rng.random() < 0.6:
            lines.append(f"Tags: {self.topic_name.capitalize()}, {self.place}")
        return "\n".join(lines)

    def footer(self) -> list[str]:
        rng = self.rng
        paper, handle = self.publication, self.handle
        publication = f"The {paper.name}" if paper.takes_the else paper.name
        follow = _one(rng, (
            f"Follow {publication} on Twitter",
            f"Follow {publication} on Twitter and Instagram @{handle}",
            f"Follow {publication} on Facebook",
        ))  # fmt: skip
        keep = _one(rng, (
            "Keep up to date with all our articles on Facebook",
            "Sign up to our newsletter for the latest local news",
        ))  # fmt: skip
        return _one(rng, ([follow, keep], [follow, keep], [follow], [keep], []))


def _straighten(value):
    """Curly apostrophes to straight ones, all through a text or a truth record."""
    if isinstance(value, str):
        return value.replace("’", "'")
    if isinstance(value, list):
        return [_straighten(item) for item in value]
    if isinstance(value, dict):
        return {key: _straighten(item) for key, item in value.items()}
    return value


# The API -------------------------------------------------------------------------------


def generate(count: int, *, seed: int = 2026) -> Iterator[GeneratedArticle]:
    """Articles 1 … ``count`` of the corpus ``seed`` names; the same seed, the same bytes.

    Each article has its own random stream, so article n is the same whatever ``count``.
    """
    pool = build_pool(seed)
    for number in range(1, count + 1):
        rng = random.Random(f"{seed}:{number}")  # a string seeds through SHA-512: no overlaps
        yield _Writer(pool, rng, f"article-{number:05}.txt").write()


def write_corpus(folder: Path, truth: Path, *, count: int, seed: int = 2026) -> None:
    """Write ``count`` articles into ``folder`` (UTF-8 .txt) and their truth, one JSON
    line per article, to ``truth``: one article at a time, never the corpus in memory."""
    folder.mkdir(parents=True, exist_ok=True)
    truth.parent.mkdir(parents=True, exist_ok=True)
    with truth.open("w", encoding="utf-8") as lines:
        for article in generate(count, seed=seed):
            (folder / article.name).write_text(article.text, encoding="utf-8")
            lines.write(json.dumps(article.truth, ensure_ascii=False) + "\n")


def read_truth(truth: Path) -> Iterator[dict]:
    """The truth ``write_corpus`` wrote, one article's dict at a time, in corpus order."""
    with truth.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)
