"""Topics about the neighbourhood: crime, the environment, planning and community life
(see topics.py)."""

NEIGHBOURHOOD_TOPICS = {
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
