"""The invented world articles are set in: people's names and roles, organisations, places,
dates and the papers that publish the articles. Nothing here comes from the seeds."""

from typing import NamedTuple

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
# Roles a reporter gives an age with the name: "Jane Doe, 54,".
AGED_ROLES = {"resident", "campaigner", "shopkeeper", "chair", "union"}
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
