"""Sentences and templates every topic shares: narration, quotes, partial quotes, what
organisations say, captions, subheads and the speech verbs attributions use."""

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
