"""Word lists for the synthetic record built by bench/generate.py.

Kept apart from the generator so the code reads as logic, not data. Order matters for
`CLAIM_WORDS`: the generator draws words with Zipf-like weights by position, so the
first entries (function words, then "nato", "government", ...) are the most common.
"""

FIRST_NAMES = """
James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara
Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy
Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily
Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa
Timothy Deborah Ronald Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia
Jacob Kathleen Gary Amy Nicholas Angela Eric Shirley Jonathan Anna Stephen Brenda Larry
Pamela Justin Emma Scott Nicole Brandon Helen Benjamin Samantha Samuel Katherine Gregory
Christine Alexander Debra Frank Rachel Patrick Carolyn Raymond Janet Jack Catherine Dennis
Maria Jerry Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Nathan Joyce Henry
Virginia Douglas Victoria Zachary Kelly Peter Lauren Kyle Christina Ethan Joan Walter
Evelyn Noah Judith Jeremy Megan Christian Andrea Keir Ursula Olaf Emmanuel Giorgia Pedro
Jens Mette Petteri Kaja Annalena Rishi Liz Boris Theresa Volodymyr Antonio Roberta Ingrid
Jonas Sanna Magdalena Radek Viktor Kristalina Pete Kamala Nikki Chrystia Anthony Jacinda
Hakan Recep Xavier Ngozi Amina Cyril Mario Ana Sofia Lucia Matteo Sven Helga Ola Aino
""".split()

LAST_NAMES = """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White
Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres
Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts
Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales
Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos
Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes
Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry
Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons
Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole
Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall
Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman
Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw
Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone
Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto
Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Hansen Peters
Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley
Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Willis
Carrillo Jensen Ibanez Muller Schroder Kowalski Nowak Novak Horvath Rossi Bianchi Dubois
Lefebvre Jansen Virtanen Nielsen Larsen Andersson Johansson Hegseth Starmer Stoltenberg
Rutte Frederiksen Zelensky Macron Meloni Sanchez Tusk Orban Costa Kallas Baerbock Sunak
Truss Lagarde Georgieva Okonjo Mohammed Ramaphosa Draghi Lula Scholz Merz Borrell Sikorski
""".split()

TITLES = """
President Senator Minister General Dr. Professor Governor Mayor Ambassador Secretary
Chancellor Commissioner Admiral Judge Representative Spokesperson Director Chief
""".split()

ROLES = (
    "defence minister", "foreign minister", "prime minister", "president", "senator",
    "spokesperson", "economist", "analyst", "mayor", "union leader", "chief executive",
    "professor of politics", "secretary general", "governor", "ambassador", "general",
)

ORG_PREFIXES = """
National European Northern Southern Eastern Western Central United Federal Royal Atlantic
Pacific Baltic Nordic Global International Independent Civic Public Regional Metropolitan
""".split()

ORG_FIELDS = """
Energy Health Defence Farmers Teachers Transport Housing Trade Finance Water Climate
Security Maritime Railway Aviation Digital Steel Fisheries Nurses Students Pensioners
Workers Employers Retail Tourism Science Justice Migration Heritage Ports
""".split()

ORG_TYPES = """
Council Union Institute Association Agency Authority Federation Commission Foundation
Alliance Board Bureau Forum League Office Party Coalition Network Trust Ministry
""".split()

GROUP_PEOPLE = """
residents protesters officials diplomats analysts farmers teachers doctors nurses
lawmakers activists economists investors workers students veterans fishermen voters
""".split()

PLACES = """
Hartley Brennan Oakridge Millbrook Kestrel Ashford Dunmore Glenwood Harrow Lindale
Marston Northgate Redcliffe Stanmore Thornbury Westfield Whitby Yarrow Bexley Calder
Dalton Everly Farrow Gilford Halden Ilkley Jarrow Kirkby Langley Morley Norwood Otley
""".split()

OUTLETS = (
    "The Daily Ledger", "Morning Courier", "Evening Standard Post", "The Northern Times",
    "Capital Gazette", "Harbour Herald", "The Continental", "Global Wire", "Press Union",
    "Metro Chronicle", "The Observer Review", "Baltic Report", "Atlantic Dispatch",
    "Civic Tribune", "The Weekly Record", "Valley News", "City Journal", "Riverside Mail",
    "The Correspondent", "Public Radio News", "National Bulletin", "Coastal Echo",
    "Frontline Daily", "The Register", "Union Post", "The Sentinel", "Market Watch Daily",
    "The Examiner", "Harbour Times", "The Telegraph Line",
)

CLAIM_CUES = (
    "said", "told reporters", "warned", "added", "argued", "according to", "claimed",
    "stated", "insisted", "noted", "told", "wrote", "announced", "acknowledged", "denied",
)

REACTION_CUES = (
    "responded", "criticised", "welcomed", "rejected", "praised", "dismissed",
    "hit back at", "backed", "questioned", "condemned",
)

# Most common first: function words, then the topics every outlet writes about.
CLAIM_WORDS = """
the of and to a in that is for it on was with he as be by at this we they not are have
will has but from would their which were more been there about our government nato
minister said people new also year could should must over after years against country
support security war peace budget plan policy economy public time first two would
president talks agreement defence forces troops border aid funding energy prices
inflation tax health care workers union strike election vote parliament law court
police crisis climate emissions housing rents schools teachers children families
farmers trade tariffs exports imports growth jobs wages pensions spending cuts deficit
debt bank rates markets investment industry factory transport rail airport port
shipping water drought flood storm fire wildfire hospital doctors nurses patients
vaccine research university students migration asylum refugees sanctions alliance
summit treaty ceasefire negotiations embassy diplomats allies partners members council
committee report inquiry investigation evidence decision ruling appeal protest
demonstration rally campaign party leader opposition coalition majority minority
mayor city region province state federal national local community residents council
oil gas coal solar wind nuclear grid power electricity fuel carbon green transition
technology digital data privacy cyber attack drones missiles weapons ammunition tanks
jets navy army air force soldiers veterans recruitment conscription exercise
deployment withdrawal frontline territory sovereignty independence referendum
constitution reform corruption transparency accountability scandal resignation
appointment nomination cabinet reshuffle spokesperson statement interview press
conference briefing announcement proposal bill amendment regulation standard rule
""".split()

TITLE_WORDS = """
talks stall deal reached minister warns government unveils plan critics say budget row
deepens nato allies agree summit ends strike looms prices rise election race tightens
court rules inquiry opens protest grows vote delayed reform stalls aid package approved
ceasefire holds border tensions energy crisis housing shortage schools reopen union
rejects offer leaders meet sanctions extended troops deployed funding cut report finds
""".split()
