"""Topics about public services: housing, transport, schools and health (see topics.py)."""

SERVICE_TOPICS = {
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
}
