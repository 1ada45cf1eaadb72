"""Text of our own: trap passages where nothing may change, and short annotated passages
that give the corruption generator contexts the development set has few of.

Traps hold ordinary words, places, organisations and publications that look like officials'
names, namesakes who are not the official, and valid variant spellings. Each is scored alone:
any applied edit touches it.

The passages are clean, news-style text naming officials whose surnames are English words
("Brown said", "Trump's envoy"), in hyphenated pairs ("the Putin-Trump meeting"), and with
their posts named, so that lower-cased word-names, mangled pairs and words heard instead of a
name can be made from them. They are written for this benchmark and are free to use.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.devset import Official, Record


@dataclass(frozen=True)
class Trap:
    """A passage in which no name may be changed, and what it tests."""

    id: str
    tests: str
    text: str


TRAPS: tuple[Trap, ...] = (
    Trap("T01", "publications, organisations and a place",
         "Le Monde and Der Spiegel both reported that Nato and the EU would meet in Paris next week."),
    Trap("T02", "'trump card'", "He kept his trump card until the last round of talks."),
    Trap("T03", "'a trumpet solo'", "A trumpet solo opened the evening, and the band played until midnight."),
    Trap("T04", "'the bush'", "Firefighters spent the night in the bush north of the town."),
    Trap("T05", "'Bush Fire' (an organisation)",
         "The Bush Fire Brigades Association thanked its volunteers after the fire was put out."),
    Trap("T06", "namesake: Ricky Rubio, also by surname alone",
         "Ricky Rubio scored 20 points as the Cavaliers beat the Knicks. Rubio also had nine assists."),
    Trap("T07", "namesake: Declan Rice", "Declan Rice scored twice for Arsenal, and Rice was named man of the match."),
    Trap("T08", "namesake: Andy Murray", "Andy Murray won in straight sets at Wimbledon on Tuesday."),
    Trap("T09", "namesake: Keith Urban", "Keith Urban played to a sold-out crowd in Nashville."),
    Trap("T10", "namesake: Bradley Cooper", "Bradley Cooper directed the film and starred in it."),
    Trap("T11", "valid variant: Sergey Lavrov",
         "Foreign Minister Sergey Lavrov said the talks would continue in Geneva."),
    Trap("T12", "valid variant: Sergei Lavrov",
         "Foreign Minister Sergei Lavrov said the talks would continue in Geneva."),
    Trap("T13", "valid variants: Zelensky, Zelenskyy, Zelenskiy",
         "President Volodymyr Zelensky said Ukraine would not give up territory. Zelenskyy's office "
         "confirmed the trip, and Zelenskiy later thanked the allies."),
    Trap("T14", "valid variants: Dmitri and Dmitry Peskov",
         "Kremlin spokesman Dmitri Peskov told reporters that Dmitry Peskov's earlier remarks stood."),
    Trap("T15", "'may', 'May' (the month)", "Ministers may meet again in May, the statement said."),
    Trap("T16", "'brown' as a colour", "She wore a brown coat and ordered brown rice."),
    Trap("T17", "a lower-case word-name with a possessive, nobody named",
         "The engineer checked the roof truss's load before the storm."),
    Trap("T18", "a lower-case word-name before a speech verb, nobody named",
         "The bishop said prayers for the victims at the cathedral."),
    Trap("T19", "an institution: the White House", "The White House said the president would travel on Friday."),
    Trap("T20", "places that are officials' surnames",
         "Flights from Austin to Madeira and Salvador resumed on Monday."),
    Trap("T21", "places that are first names", "Jordan and Georgia signed the agreement in Victoria."),
    Trap("T22", "publications", "Reuters, the Financial Times and the Washington Post reported the meeting."),
    Trap("T23", "capitalised words at a sentence start",
         "May I ask the minister to clarify? Brown bears were seen near the camp. Hunt season opens soon."),
    Trap("T24", "capitalised words at a sentence start",
         "Rice prices rose for a third month. Swift action is needed, the bank warned."),
    Trap("T25", "words close to officials' surnames",
         "The army crossed the Rubicon near Tuscany, and the Starman exhibit opened in Putney."),
    Trap("T26", "'the hunt'", "The hunt for the gunman continued through the night."),
    Trap("T27", "'macro'", "The central bank's macro outlook was unchanged."),
    Trap("T28", "namesakes: sport and film",
         "Lewis Hamilton won in Monaco, and Emma Stone collected her award in Los Angeles."),
    Trap("T29", "a place and a company named for officials' surnames",
         "Trump Tower in New York and the Kellogg factory in Michigan were both closed."),
    Trap("T30", "correct names in capitals (transcript speaker labels)",
         "SECRETARY POMPEO: Thank you all for being here.\n\nPRESIDENT DUQUE: Thank you, Secretary."),
)


def _record(record_id: str, title: str, text: str, officials: dict[str, list[str]]) -> Record:
    return Record(
        record_id,
        title,
        text,
        tuple(Official(name, tuple(mentions)) for name, mentions in officials.items()),
        source="synthetic",
    )


PASSAGES: tuple[Record, ...] = (
    _record(
        "S01", "Call between Trump and Putin",
        "President Donald Trump spoke to President Vladimir Putin by telephone on Tuesday, the "
        "White House said. Afterwards Trump said the call had been long and productive. Officials "
        "on both sides are now preparing a Putin-Trump meeting, and Trump's envoy is expected in "
        "Moscow next week. Putin told the Russian press that no date had been set.",
        {"Donald Trump": ["Donald Trump", "Trump's", "Trump"], "Vladimir Putin": ["Vladimir Putin", "Putin"]},
    ),
    _record(
        "S02", "Two former prime ministers on trade",
        "Theresa May and Gordon Brown, two former prime ministers, spoke at the same conference "
        "in London. In her speech May said the country needed a steadier approach to trade. "
        "Speaking next, Brown told the audience that the financial crisis had taught hard "
        "lessons, and Brown's speech drew the longer applause. Later, May's office published the "
        "full text.",
        {"Theresa May": ["Theresa May", "May's", "May"], "Gordon Brown": ["Gordon Brown", "Brown's", "Brown"]},
    ),
    _record(
        "S03", "A library event in Texas",
        "Former President George W. Bush met Condoleezza Rice, his former Secretary of State, at "
        "a library event in Texas. At the event Bush said he was proud of the programme's work in "
        "Africa, and Rice said the partnership had saved many lives. A statement said Bush's "
        "foundation will fund the next phase.",
        {"George W. Bush": ["George W. Bush", "Bush's", "Bush"], "Condoleezza Rice": ["Condoleezza Rice", "Rice"]},
    ),
    _record(
        "S04", "Budget talks in Whitehall",
        "Jeremy Hunt, the Chancellor, and Liz Truss, the Prime Minister, held talks with James "
        "Cleverly on Thursday. Afterwards Hunt told reporters the budget would be balanced, and "
        "Truss said growth remained the government's priority, while Cleverly added that the "
        "Foreign Office would support the plan. A copy of Hunt's statement followed later.",
        {
            "Jeremy Hunt": ["Jeremy Hunt", "Hunt's", "Hunt"],
            "Liz Truss": ["Liz Truss", "Truss"],
            "James Cleverly": ["James Cleverly", "Cleverly"],
        },
    ),
    _record(
        "S05", "Defence cooperation in London",
        "The Prime Minister of the United Kingdom, Keir Starmer, hosted the President of France, "
        "Emmanuel Macron, in London on Monday. At a press conference Starmer said the two "
        "countries would deepen their defence cooperation, and Macron told journalists that "
        "Europe had to take more responsibility for its own security. The Starmer-Macron plan "
        "will be presented to allies next month.",
        {"Keir Starmer": ["Keir Starmer", "Starmer"], "Emmanuel Macron": ["Emmanuel Macron", "Macron"]},
    ),
    _record(
        "S06", "Talks in Riyadh",
        "Secretary of State Marco Rubio met Russian Foreign Minister Sergey Lavrov in Riyadh. The "
        "Rubio-Lavrov meeting lasted more than four hours. Rubio said the sides had agreed to "
        "restore the staff of their embassies. Special envoy Keith Kellogg was not present; "
        "Kellogg's team stayed in Washington.",
        {
            "Marco Rubio": ["Marco Rubio", "Rubio"],
            "Sergey Lavrov": ["Sergey Lavrov", "Lavrov"],
            "Keith Kellogg": ["Keith Kellogg", "Kellogg's"],
        },
    ),
    _record(
        "S07", "Leaders meet in Warsaw",
        "Prime Minister of Poland Donald Tusk and President of Finland Alexander Stubb met NATO "
        "Secretary General Mark Rutte in Warsaw. Tusk said Poland would spend more on defence "
        "than any other ally. Stubb told the press that the border with Russia was calm. Rutte's "
        "visit ended with a call to President Volodymyr Zelenskyy, and Zelenskyy thanked the "
        "three leaders.",
        {
            "Donald Tusk": ["Donald Tusk", "Tusk"],
            "Alexander Stubb": ["Alexander Stubb", "Stubb"],
            "Mark Rutte": ["Mark Rutte", "Rutte's"],
            "Volodymyr Zelenskyy": ["Volodymyr Zelenskyy", "Zelenskyy"],
        },
    ),
    _record(
        "S08", "Berlin and Rome on migration",
        "Chancellor Friedrich Merz travelled to Rome to meet Prime Minister Giorgia Meloni. The "
        "Merz-Meloni talks covered migration and energy. Meloni said Italy and Germany shared an "
        "interest in a stable Mediterranean. Merz added that he would invite her to Berlin in the "
        "autumn.",
        {"Friedrich Merz": ["Friedrich Merz", "Merz"], "Giorgia Meloni": ["Giorgia Meloni", "Meloni"]},
    ),
    _record(
        "S09", "A visit to Sydney",
        "Vice President Mike Pence met Australian Foreign Minister Julie Bishop in Sydney. The "
        "talks during Pence's visit focused on trade and security in the Pacific. In reply Bishop "
        "said Australia welcomed the commitment, and Pence told the audience that the alliance "
        "had never been stronger.",
        {"Mike Pence": ["Mike Pence", "Pence's", "Pence"], "Julie Bishop": ["Julie Bishop", "Bishop"]},
    ),
    _record(
        "S10", "European leaders in Ankara",
        "High Representative Kaja Kallas and Commission President Ursula von der Leyen met "
        "President Recep Tayyip Erdoğan in Ankara. Erdoğan said Turkey was ready to host further "
        "talks. Kallas told reporters that the meeting had been frank.",
        {
            "Kaja Kallas": ["Kaja Kallas", "Kallas"],
            "Ursula von der Leyen": ["Ursula von der Leyen"],
            "Recep Tayyip Erdoğan": ["Recep Tayyip Erdoğan", "Erdoğan"],
        },
    ),
    _record(
        "S11", "Envoys in Jerusalem",
        "Prime Minister Benjamin Netanyahu received US envoy Steve Witkoff and Defense Secretary "
        "Pete Hegseth in Jerusalem. Witkoff said the ceasefire talks were at a delicate stage. "
        "Netanyahu's office described the meeting as constructive, and Hegseth told reporters he "
        "would return in the spring.",
        {
            "Benjamin Netanyahu": ["Benjamin Netanyahu", "Netanyahu's"],
            "Steve Witkoff": ["Steve Witkoff", "Witkoff"],
            "Pete Hegseth": ["Pete Hegseth", "Hegseth"],
        },
    ),
    _record(
        "S12", "A call on tariffs",
        "Prime Minister Mark Carney of Canada and President Claudia Sheinbaum of Mexico spoke on "
        "Friday about tariffs. The Carney-Sheinbaum call came a day after Carney said Canada "
        "would answer any new duties. Sheinbaum told her morning press conference that Mexico "
        "preferred dialogue.",
        {"Mark Carney": ["Mark Carney", "Carney"], "Claudia Sheinbaum": ["Claudia Sheinbaum", "Sheinbaum"]},
    ),
    # Bylines: the newsroom's own writers (the curated gazetteer's journalists), named nowhere
    # else, beside writers it does not know.
    _record(
        "S13", "Ministers meet in Munich",
        "Foreign ministers of the G7 met in Munich on Saturday to discuss the war in Ukraine and "
        "the coming talks in Riyadh. Several said they had not been consulted.\n"
        "Additional reporting by Felicia Schwartz in Munich, Leila Abboud in Paris and Lucy "
        "Fisher in London",
        {
            "Felicia Schwartz": ["Felicia Schwartz"],
            "Leila Abboud": ["Leila Abboud"],
            "Lucy Fisher": ["Lucy Fisher"],
        },
    ),
    _record(
        "S14", "Budget vote delayed",
        "The vote on the budget was delayed until next week after talks between the coalition "
        "parties broke down late on Thursday.\n"
        "Reporting by Lucy Fisher and Marta Kowalczyk in London; editing by Leila Abboud and "
        "Daniel Okafor",
        {
            "Lucy Fisher": ["Lucy Fisher"],
            "Leila Abboud": ["Leila Abboud"],
            "Marta Kowalczyk": ["Marta Kowalczyk"],
            "Daniel Okafor": ["Daniel Okafor"],
        },
    ),
)
