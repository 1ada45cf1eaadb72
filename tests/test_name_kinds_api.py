"""Name repair on new text, through the HTTP API with the shipped gazetteer: each kind of
mistake the service made on articles it was never tuned on (issue 9), and each kind of damage
it must put right.

- A written form that is a right rendering of the person's name (another transliteration,
  particles, hyphens and spacing) is never changed.
- A full name that reads as somebody's, of a person the gazetteer may lack, is never turned
  into an official's.
- Capitals for emphasis inside a quotation stay.
- Damage to a name of somebody the article names is repaired: cut short, a letter doubled,
  dropped or swapped, another language's sound or ending, capitals, a misspelt first name, a
  lower-case name where only a name stands; a word heard for a name is only suggested.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[FlaskClient]:
    """The app on the shipped gazetteer, grammar off: these tests are about names."""
    app: Flask = create_app({"TESTING": True, "GRAMMAR_ENGINE": "none"})
    yield app.test_client()
    app.extensions["repair"].close()


def repair(client: FlaskClient, text: str) -> dict[str, Any]:
    response = client.post("/v1/repair", json={"text": text})
    assert response.status_code == 200
    body: dict[str, Any] = response.get_json()
    return body


# Right as written: another rendering of the official's name, or somebody else's name.
UNTOUCHED = [
    pytest.param("Saudi Crown Prince Mohamed bin Salman met the delegation in Riyadh.", id="mohamed-for-mohammed"),
    pytest.param("Former Nigerian ruler Mohammadu Buhari said he would run again.", id="romanised-first-name"),
    pytest.param("South Korean President Yoon Suk Yeol said the talks had been useful.", id="korean-spacing"),
    pytest.param("Former President Moon Jae In visited Pyongyang in 2018.", id="korean-given-name-split"),
    pytest.param("Egyptian President Abdel Fattah al-Sisi received the envoy.", id="arabic-article"),
    pytest.param("Brazil's President Luiz Inácio Lula Silva spoke in Brasília.", id="particle-dropped"),
    pytest.param("Sri Lankan President Mahinda Rajapakse declared victory.", id="sinhala-transliteration"),
    pytest.param("Turkmenistan's President Gurbanguly Berdimuhamedov spoke.", id="russian-style-transliteration"),
    pytest.param(
        "The former prime minister, Costas Karamanlis of the New Democracy party, resigned.",
        id="greek-c-for-k",
    ),
    pytest.param(
        "Greek Prime Minister George Papandreou spoke in Athens.", id="english-first-name-and-a-title-that-is-a-surname",
    ),
    pytest.param(
        "Mohamed Nasheed resigned in February. President Mohamed Waheed said elections would be held.",
        id="another-officials-name-that-reads-as-a-misspelling",
    ),
    pytest.param("Mohamed Salah scored twice as Liverpool won on Saturday.", id="footballer-not-in-gazetteer"),
    pytest.param(
        "Ms. Shirley Ayorkor Botchwey, the Minister for Foreign Affairs, spoke in Accra on Tuesday. The "
        "ministry, Ms. Botchwey said, facilitated state visits of President Nana Addo Dankwa Akufo-Addo.",
        id="the-persons-own-spelling-of-a-vowel-with-both-first-names",
    ),
    pytest.param(
        "WESTERN Governor Taboi Awi Yoto stole the show yesterday when he interrupted a Government "
        "announcement by announcing that he was also defecting.",
        id="a-vowel-of-a-first-name-as-heard",
    ),
    pytest.param(
        "Senior opposition party aide Eliphas Mukonoweshuro said Tsvangirai was roughed up by police.",
        id="a-vowel-more-in-a-first-name",
    ),
    pytest.param("Great Britain's gold medal was earned by David Weir, his fourth.", id="athlete-not-in-gazetteer"),
    pytest.param("Japanese sprinter Masahiro Okamura set an Asian record.", id="athlete-like-an-official"),
    pytest.param("Alberto Suarez Laso of Spain set a world record in the marathon.", id="name-that-goes-on"),
    pytest.param(
        "President John Dramani Mahama met President Nana Akufo-Addo in Accra.", id="hyphenated-surname-whole",
    ),
    pytest.param(
        '"We will never let PUTIN win," Prime Minister Keir Starmer said of Vladimir Putin.',
        id="capitals-for-emphasis-in-a-quotation",
    ),
    pytest.param(
        "The businessman Khalil Colom met the envoy Khalil Mansour on Monday.",
        id="unlisted-first-name-twice-without-a-title",
    ),
    pytest.param(
        "Joseph Kwadwo Ofori spoke first. Later the electoral commissioner, Afari-Gyan, declared the results.",
        id="one-half-of-a-hyphenated-name",
    ),
    pytest.param(
        "Smart Mobs picks up a story by Fernando Marrino-Aguirre on OhmyNews about Argentina.",
        id="full-name-going-on-into-a-hyphenated-surname",
    ),
    pytest.param(
        "Prime Minister Boris Johnson met the governor of the Bank of Israel, Stanley Fischer, in "
        "London. Also there was his father Stanley Johnson.",
        id="a-relative-sharing-a-surname-with-a-listed-first-name",
    ),
    pytest.param(
        "President Paul Kagame arrived in Nairobi with Jeannette Kagame. Jeannette Mukamana, a "
        "neighbour, greeted them.",
        id="an-unlisted-first-name-without-a-title-lends-to-nobody",
    ),
    pytest.param(
        "Chu.\n\nREP. JUDY CHU (D-CA): Hakeem Jeffries.\n\nCLERK: Jeffries.", id="speaker-label-with-party-and-state",
    ),
    pytest.param(
        "PETER DUTTON, OPPOSITION LEADER: Well, Mark, thank you, and Prime Minister, thank you for being here.",
        id="speaker-label-with-post",
    ),
    pytest.param("The Right Hon. Sir JOHN ANDERSON, M.P., Chancellor of the Exchequer.", id="name-in-capitals-in-an-honours-list"),
    pytest.param(
        "Sen. Dela Rosa to 3 Dutertes in Senate: let Filipinos decide. Vice President Sara Duterte spoke.",
        id="family-counted-in-figures",
    ),
    pytest.param(
        "Damian Reidel worked for former president Mauricio Macri. The influence of Macrism is clear.",
        id="word-made-from-a-name",
    ),
    pytest.param(
        "THE FIRST QUESTION GOES TO THE LIBERAL LEADER JUSTIN TRUDEAU.\n\nMR. TRUDEAU. >>Justin Trudeau: GOOD EVENING, PAUL.",
        id="surname-in-capitals-where-the-whole-name-is-in-capitals",
    ),
    pytest.param(
        "The cabinet led by President Prabowo was reshuffled. President PRABOWO SUBIANTO inaugurated four ministers on "
        "Monday, after PRABOWO revised the composition of the cabinet.",
        id="single-name-in-capitals-beside-the-whole-name-in-capitals",
    ),
    pytest.param(
        "A bill (H. R. 9998) to remove the charge of desertion from the record of Melville Van Auker.",
        id="particle-after-a-first-name-begins-the-surname",
    ),
    pytest.param("Defense Minister Yashar Guler attended the meeting.", id="turkish-s-with-cedilla-spelled-sh"),
    pytest.param(
        "The meeting was attended by Federal Minister for Economic Affairs Ahad Khan Cheema and Speaker Punjab "
        "Assembly Malik Ahmed Khan.",
        id="first-name-in-a-longer-name-beside-a-person-of-its-surname",
    ),
    pytest.param(
        "President Ferdinand R. Marcos Jr. met with House Speaker Ferdinand Martin Romualdez.",
        id="first-word-of-another-of-the-persons-names",
    ),
    pytest.param(
        "India's Foreign Secretary Vinay Mohan Kwatra called on President Ranil Wickremesinghe. "
        "The meeting between Foreign Secretary Kwatra and Foreign Minister Ali Sabry followed.",
        id="a-name-a-source-misspelt-is-written-right-in-the-gazetteer",
    ),
    pytest.param(
        "Governor Hope Uzodimma of Imo State inaugurated the new road on Monday.",
        id="a-spelling-the-source-lacks-is-curated",
    ),
    pytest.param("Sadanand Gowda and Ramdas Athawale also took oath.", id="an-indian-first-name-without-its-final-a"),
]

# (text, as written, put right): applied.
APPLIED = [
    pytest.param(
        "Prime Minister Rishi Sunak met the King. Later Suna said the meeting had gone well.",
        "Suna", "Sunak", id="surname-cut-short",
    ),
    pytest.param(
        "Secretary of State Marco Rubio arrived in Riyadh. Rubbio said talks would start.",
        "Rubbio", "Rubio", id="letter-doubled",
    ),
    pytest.param(
        "Prime Minister Keir Starmer spoke in the Commons. Starmr told MPs the plan was fair.",
        "Starmr", "Starmer", id="letter-dropped",
    ),
    pytest.param(
        "President Emmanuel Macron hosted the summit. Mcaron said Europe must act.",
        "Mcaron", "Macron", id="letters-swapped",
    ),
    pytest.param(
        "Foreign Minister Sergey Lavrov arrived in Ankara. Lavroff said Russia was ready.",
        "Lavroff", "Lavrov", id="sound-off-for-ov",
    ),
    pytest.param(
        "President Joe Biden met Chancellor Olaf Scholz. The talks with Bidena lasted an hour.",
        "Bidena", "Biden", id="slavic-case-ending",
    ),
    pytest.param(
        "President Volodymyr Zelenskyy spoke to parliament. Zelensk said Ukraine would not yield.",
        "Zelensk", "Zelenskyy", id="transliterated-surname-cut-short",
    ),
    pytest.param(
        "Prime Minister Donald Tusk spoke in Warsaw. TUSK said Poland would spend more.",
        "TUSK", "Tusk", id="surname-in-capitals",
    ),
    pytest.param(
        "The Prime Minister of the United Kingdom, Kier Starmer, hosted the President of France.",
        "Kier Starmer", "Keir Starmer", id="first-name-misspelt-post-named",
    ),
    pytest.param(
        "President Emanuel McCone met Prime Minister Donald Tusk in Paris.",
        "Emanuel McCone", "Emmanuel Macron", id="both-names-mangled",
    ),
    pytest.param(
        "The Prime Minister met India's Prime Minister Narendrer Modi at the G20 Summit in New Delhi.",
        "Narendrer Modi", "Narendra Modi", id="first-name-final-a-heard-as-er",
    ),
    pytest.param(
        "Vladimir Putin spoke on Monday. Putinn said the talks would go on.",
        "Putinn", "Putin", id="final-consonant-doubled-in-a-transliterated-name",
    ),
    pytest.param(
        "Polish President Karol Navrotsky met the delegation.",
        "Karol Navrotsky", "Karol Nawrocki", id="polish-name-through-russian",
    ),
    pytest.param(
        "Saudi Crown Prince Mohammed bin Salmon met the envoy.",
        "Mohammed bin Salmon", "Mohammed bin Salman", id="english-word-for-a-name-is-no-romanisation",
    ),
    pytest.param(
        "Prime Minister Narendr Modi spoke.", "Narendr Modi", "Narendra Modi", id="a-final-a-said-after-dr-cut-off",
    ),
]

# (text, as written, put right): listed, applied or not.
LISTED = [
    pytest.param(
        "David Kameron spoke with President Rouhani on the negotiations.",
        "David Kameron", "David Cameron", id="a-head-of-governments-name-as-another-language-spells-it",
    ),
    pytest.param(
        "President Donald Trump spoke to Vladimir Putin. The call between Putin and trump lasted two hours.",
        "trump", "Trump", id="lower-case-beside-a-name",
    ),
    pytest.param(
        "President Donald Trump arrived in Tokyo. Later President trump met the Emperor.",
        "trump", "Trump", id="lower-case-after-a-title",
    ),
    pytest.param(
        "Prime Minister Yoshihide Suga took office. Johnson congratulated Yoshihide Sugem on his election.",
        "Yoshihide Sugem", "Yoshihide Suga", id="case-ending-for-a-short-names-final-vowel",
    ),
    pytest.param(
        "The delegates are expected to elect President Hu Zhintao to a second five-year term.",
        "Hu Zhintao", "Hu Jintao", id="family-name-first-given-name-respelled",
    ),
    pytest.param(
        "Finnish President Alexander Stubb met the press. Stubbille was given a warm welcome.",
        "Stubbille", "Stubb", id="finnish-case-ending",
    ),
]


@pytest.mark.parametrize("text", UNTOUCHED)
def test_right_names_are_left_as_written(client: FlaskClient, text: str) -> None:
    body = repair(client, text)
    assert body["text"] == text
    assert [c for c in body["corrections"] if c["applied"]] == []
    assert body["diff"]["ops"] == []


@pytest.mark.parametrize(("text", "written", "right"), APPLIED)
def test_damage_is_repaired(client: FlaskClient, text: str, written: str, right: str) -> None:
    body = repair(client, text)
    fixes = [(c["original"], c["replacement"]) for c in body["corrections"] if c["applied"]]
    assert (written, right) in fixes
    assert body["text"] == re.sub(rf"\b{re.escape(written)}\b", right, text, count=1)
    [fix] = [c for c in body["corrections"] if c["original"] == written]
    assert fix["reason"] and fix["entity"]["id"]


@pytest.mark.parametrize(("text", "written", "right"), LISTED)
def test_weaker_evidence_is_listed(client: FlaskClient, text: str, written: str, right: str) -> None:
    body = repair(client, text)
    assert (written, right) in [(c["original"], c["replacement"]) for c in body["corrections"]]


def test_a_word_heard_for_a_name_is_only_suggested(client: FlaskClient) -> None:
    text = "Italian Prime Minister Giorgia Meloni met Friedrich Merz in Rome. Melons said Italy agreed."
    body = repair(client, text)
    [melons] = [c for c in body["corrections"] if c["original"] == "Melons"]
    assert melons["replacement"] == "Meloni" and not melons["applied"]
    assert body["text"] == text


def test_fixes_keep_the_articles_own_spelling(client: FlaskClient) -> None:
    # The article writes Rajapakse (a right transliteration); a damaged mention is put back so.
    text = "Sri Lankan President Mahinda Rajapakse declared victory. Later Rajapaks said the war was over."
    body = repair(client, text)
    fixes = {c["original"]: c["replacement"] for c in body["corrections"]}
    assert fixes.get("Rajapaks") == "Rajapakse"


def test_a_swapped_first_name_is_put_back_as_the_article_spells_it(client: FlaskClient) -> None:
    # The gazetteer writes Sergei; the article writes Sergey, and the fix keeps to it.
    text = (
        "Foreign Minister Sergey Lavrov met Secretary of State Marco Rubio in Riyadh. "
        "Marco Lavrov said the talks were useful."
    )
    body = repair(client, text)
    [fix] = [c for c in body["corrections"] if c["original"] == "Marco Lavrov"]
    assert fix["replacement"] == "Sergey Lavrov"
    assert "'Marco' is the first name of Marco Rubio" in fix["reason"]


def test_a_first_name_lent_by_an_official_named_with_damage(client: FlaskClient) -> None:
    # Johnson's own name is damaged ("Boirs"), but read with confidence: he is named, and
    # "Boris" on Ardern's surname is his first name put on hers.
    text = (
        "Prime Minister Boirs Johnson spoke to Prime Minister Jacinda Ardern of New Zealand.\n\n"
        "The Prime Minister spoke to Prime Minister Boris Ardern of New Zealand this evening."
    )
    body = repair(client, text)
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in body["corrections"]}
    assert fixes == {"Boirs Johnson": ("Boris Johnson", True), "Boris Ardern": ("Jacinda Ardern", True)}
    assert body["text"] == text.replace("Boirs Johnson", "Boris Johnson").replace("Boris Ardern", "Jacinda Ardern")


def test_a_swapped_first_name_before_a_middle_initial(client: FlaskClient) -> None:
    # The initial and its full stop stay as written; only the first name is put back.
    text = (
        "Prime Minister Fumio Kishida met Defense Secretary Lloyd J. Austin III on Monday. "
        "Later, Secretary of Defense Fumio J. Austin III spoke to reporters."
    )
    body = repair(client, text)
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in body["corrections"]}
    assert fixes == {"Fumio J. Austin": ("Lloyd J. Austin", True)}
    assert body["text"] == text.replace("Fumio J. Austin", "Lloyd J. Austin")


def test_a_swapped_first_name_that_makes_a_namesake_of_another_post_is_offered_back(client: FlaskClient) -> None:
    # The gazetteer lists a John Austin too, but the title names Lloyd Austin's post. (Listed,
    # at 0.80 or just under: the scorer's apply point moves a little with each refit, and the
    # swapped first names it is least sure of.)
    text = "Secretary of Defense John J. Austin III met today with his UK counterpart John Healey."
    fixes = {c["original"]: (c["replacement"], c["confidence"]) for c in repair(client, text)["corrections"]}
    assert fixes.keys() == {"John J. Austin"}
    replacement, confidence = fixes["John J. Austin"]
    assert replacement == "Lloyd J. Austin" and confidence >= 0.75


def test_a_first_name_put_back_before_an_initial_is_spelled_out(client: FlaskClient) -> None:
    # An initial is the formal style: "James N. Mattis", as the Pentagon writes him, not "Jim N.".
    text = (
        "Defense Secretary Song N. Mattis and Vietnamese Defense Minister Ngo Xuan Lich met today in "
        "Hanoi. Minister Song Tao attended. Mattis thanked his host."
    )
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in repair(client, text)["corrections"]}
    assert fixes == {"Song N. Mattis": ("James N. Mattis", True)}


def test_a_surname_spelled_right_but_for_accents_stays_as_written(client: FlaskClient) -> None:
    # The gazetteer writes Conté; the article writes Conte, which is no damage: only the first
    # name is put right.
    text = (
        "President Lansana Conte has ruled Guinea since 1984. "
        "Thousands of youths shouted calls for President Lansansa Conte's resignation."
    )
    body = repair(client, text)
    fixes = {c["original"]: c["replacement"] for c in body["corrections"]}
    assert fixes == {"Lansansa Conte": "Lansana Conte"}
    assert body["text"] == text.replace("Lansansa", "Lansana")


def test_a_weekday_after_a_name_is_no_part_of_it(client: FlaskClient) -> None:
    # "Anan Tuesday" is no two-word name: the surname alone is read, and put right. (Whether
    # the fix is applied is the scorer's call: "Anan" is a less known person's surname too.)
    text = (
        "Secretary-General Kofi Annan arrived in Baghdad. "
        "During his meeting with Mr. Anan Tuesday, the Secretary-General spoke of elections."
    )
    body = repair(client, text)
    fixes = {c["original"]: c["replacement"] for c in body["corrections"]}
    assert fixes == {"Anan": "Annan"}


def test_any_first_name_of_an_official_may_be_the_one_swapped(client: FlaskClient) -> None:
    # "Hassan" is the first of Hassan Sheikh Mohamud's given names, not the one before his surname.
    text = (
        "President Hassan Sheikh Mohamud met Ambassador Barbara Woodward in Mogadishu. "
        "Ambassador Hassan Woodward said the United Kingdom stands ready."
    )
    body = repair(client, text)
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in body["corrections"]}
    assert fixes == {"Hassan Woodward": ("Barbara Woodward", True)}
    assert "'Hassan' is the first name of Hassan Sheikh Mohamud" in body["corrections"][0]["reason"]


def test_a_damaged_surname_that_is_somebody_elses_yields_to_the_person_named_in_full(client: FlaskClient) -> None:
    # "Abba" is a listed person's surname too, but the article names Mahmoud Abbas in full.
    text = "President Mahmoud Abbas met the Prime Minister in London. President Abba thanked him for his support."
    body = repair(client, text)
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in body["corrections"]}
    assert fixes == {"Abba": ("Abbas", True)}


def test_an_abbreviated_title_in_capitals_is_no_transcript_label(client: FlaskClient) -> None:
    # "VP" is a title: the surname after it is put back in the article's case.
    text = "Vice President Mike Pence visited Tbilisi. I suggested to VP PNCE a whole new upgrade of our relations."
    body = repair(client, text)
    [fix] = body["corrections"]
    assert (fix["original"], fix["replacement"], fix["applied"]) == ("PNCE", "Pence", True)
    assert "title 'VP' fits Vice President" in fix["reason"]


UNLISTED_NEAR_A_LISTED_NAME = [
    # Graham Kerr is not in the gazetteer: the article names him in full, so "Kerr" alone is his.
    pytest.param(
        "Secretary of State John Kerry visited Lagos. Graham Kerr, a chef, was also there. "
        "Kerr said the food was good.",
        id="surname-of-a-person-named-in-full",
    ),
    # Hamid Karzai is not in the gazetteer; "President" does not fit a Vice-President's post.
    pytest.param(
        "Pervez Musharraf tells VOA he can't understand President Kazai's recent statement about Pakistan.",
        id="president-is-no-vice-president",
    ),
    # Gulnara Karimova is not in the gazetteer: the article's own name is nearer than her father's.
    pytest.param(
        "Gulnara Karimova, the daughter of President Islam Karimov, has a fashion line. "
        "Karimovana is also very active in social media.",
        id="nearer-to-a-name-the-article-writes",
    ),
]


@pytest.mark.parametrize("text", UNLISTED_NEAR_A_LISTED_NAME)
def test_a_damaged_name_of_an_unlisted_person_is_not_given_to_a_listed_one(client: FlaskClient, text: str) -> None:
    body = repair(client, text)
    assert body["text"] == text
    assert [c for c in body["corrections"] if c["applied"]] == []


@pytest.mark.parametrize(
    "text",
    [
        "Greek Prime Minister George Papandreou spoke in Athens. Papadreou told a crowd of supporters.",
        "PASOK's leader George Papandreou won. Papadreou told a crowd of supporters.",
    ],
)
def test_an_english_rendering_of_a_first_name_names_the_person(client: FlaskClient, text: str) -> None:
    # The gazetteer has Giorgos Papandreou; "George" is another rendering of his first name
    # (rigour's table groups them), so the article names him, and his damaged surname is his.
    body = repair(client, text)
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in body["corrections"]}
    assert fixes == {"Papadreou": ("Papandreou", True)}
    assert body["text"] == text.replace("Papadreou", "Papandreou")


def test_two_damaged_spellings_of_one_name_do_not_hide_each_other(client: FlaskClient) -> None:
    # "Kabili" is nearer "Kabilis" than Kabila is, but it is no name of its own: both are his.
    text = (
        "President Joseph Kabila spoke. Soldiers loyal to Kabili fought. "
        "Soldiers loyal to President Kabilis and Bemba fought."
    )
    body = repair(client, text)
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in body["corrections"]}
    assert fixes == {"Kabili": ("Kabila", True), "Kabilis": ("Kabila", True)}


def test_a_first_name_of_somebody_the_gazetteer_lacks_is_swapped_onto_a_titled_official(client: FlaskClient) -> None:
    # Khalil Mansour is in no list, but the article writes his first name; on the surname of
    # the one President Colom it is his, put where Álvaro belongs. (Without the title it is
    # left: see unlisted-first-name-twice-without-a-title.)
    text = (
        "Guatemala's President Khalil Colom spoke in the capital on Monday. "
        "The country's envoy, Khalil Mansour, said the talks went well."
    )
    body = repair(client, text)
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in body["corrections"]}
    assert fixes == {"Khalil Colom": ("Álvaro Colom", True)}
    assert "'Khalil' is the first name of another person the article names" in body["corrections"][0]["reason"]
    assert body["text"] == text.replace("Khalil Colom", "Álvaro Colom")


def test_a_post_named_in_full_tells_a_less_known_holder_of_a_swapped_first_name(client: FlaskClient) -> None:
    # Stephen Hadley is too little known for a bare "President"-like title, but his post,
    # written out, names him among the listed Hadleys.
    text = (
        "Defense Secretary Donald Rumsfeld met the ministers. "
        "U.S. National Security Advisor Donald Hadley said the talks went well."
    )
    body = repair(client, text)
    fixes = {c["original"]: c["replacement"] for c in body["corrections"]}
    assert fixes == {"Donald Hadley": "Stephen Hadley"}


def test_holders_of_a_post_who_share_a_first_name_give_one_fix(client: FlaskClient) -> None:
    # Two listed Presidents Bush are both George: the first name is put back either way.
    text = (
        "President Paula Bush met Monday with Portuguese Prime Minister José Sócrates. "
        "His spokeswoman, Paula Dobriansky, said the talks went well."
    )
    body = repair(client, text)
    fixes = {c["original"]: c["replacement"] for c in body["corrections"]}
    assert fixes == {"Paula Bush": "George Bush"}


def test_a_post_names_its_holder_over_a_namesake_read_from_a_bare_surname(client: FlaskClient) -> None:
    # "Pompeo" alone reads as the best-known Pompeo in the data, a provincial president; the
    # title says the swapped name is the Secretary of State's.
    text = (
        "Foreign Secretary Dominic Raab met Pompeo in London on 29 January. "
        "Following the meeting with US Secretary of State Dominic Pompeo, the Foreign Secretary said:"
    )
    body = repair(client, text)
    fixes = {c["original"]: c["replacement"] for c in body["corrections"]}
    assert fixes == {"Dominic Pompeo": "Mike Pompeo"}
    [fix] = body["corrections"]
    assert "Mike Pompeo" in fix["reason"]


def test_a_title_may_name_an_earlier_post(client: FlaskClient) -> None:
    # Dominic Raab's latest posts in the data are Deputy Prime Minister and Justice; he was
    # Foreign Secretary before, and the title says whose surname "Raab" is.
    text = "Foreign Secretary Mike Raab met US Secretary of State Mike Pompeo in London on Monday."
    body = repair(client, text)
    fixes = {c["original"]: c["replacement"] for c in body["corrections"]}
    assert fixes == {"Mike Raab": "Dominic Raab"}
    assert "fits Secretary of State for Foreign and Commonwealth Affairs" in body["corrections"][0]["reason"]


def test_the_reason_says_when_the_article_names_the_person_by_surname_alone(client: FlaskClient) -> None:
    # The article writes "Bagudu", not the gazetteer's "Abubakar Atiku Bagudu": the reason must
    # not claim the full name is written.
    text = "Governor Atiku Bugudu of Kebbi state has reacted to the claims. Bagudu told journalists in Abuja."
    body = repair(client, text)
    [fix] = [c for c in body["corrections"] if c["original"] == "Atiku Bugudu"]
    assert fix["replacement"] == "Atiku Bagudu"
    assert "Abubakar Atiku Bagudu is named elsewhere in the article, by surname alone" in fix["reason"]
    assert "'Abubakar Atiku Bagudu' is named" not in fix["reason"]


# Relatives and names as the article writes them (a probe of 62 unseen news texts).


def test_a_surname_the_article_writes_after_a_first_name_is_that_persons(client: FlaskClient) -> None:
    # Ozoda Rahmonova is the president's daughter: "Rahmonova" alone is her, not Rahmon with
    # an ending. ("Ozoda" is no official's first name, but the name table knows it.)
    text = (
        "The political fortunes are rising of Ozoda Rahmonova, daughter of Tajik President Emomali Rahmon. "
        "Rahmonova, 30 years old, was appointed deputy foreign minister."
    )
    assert repair(client, text)["corrections"] == []


def test_a_word_the_article_writes_inside_a_name_is_no_damaged_surname(client: FlaskClient) -> None:
    # "Oginga" is the father's own name (Jaramogi Oginga Odinga), and the senator's.
    text = (
        "Raila Odinga and his brother are sons of Jaramogi Oginga Odinga, Kenya's first vice-president. "
        "Oginga's other children include Dr Oburu Oginga, elected Siaya Senator."
    )
    assert repair(client, text)["corrections"] == []


def test_the_surname_of_a_person_named_in_full_is_not_changed_into_anothers(client: FlaskClient) -> None:
    # "Mahama" is John Mahama's surname, spelled right: his father is no Adamou Mahaman.
    text = "John Mahama's father, Emmanuel Adama Mahama, was a member of parliament in Ghana."
    assert repair(client, text)["corrections"] == []


def test_a_first_name_before_a_nickname_is_no_surname(client: FlaskClient) -> None:
    text = (
        "President Prabowo Subianto's only son, Ragowo “Didit” Hediprasetyo, visited former president "
        "Joko “Jokowi” Widodo in Solo. Prabowo did not attend."
    )
    assert repair(client, text)["corrections"] == []


def test_a_final_h_is_another_transliteration(client: FlaskClient) -> None:
    # The gazetteer writes "Viphavan"; the Lao government and most papers write "Viphavanh".
    text = "Lao Prime Minister Phankham Viphavanh made a phone call to Prime Minister Pham Minh Chinh."
    assert repair(client, text)["corrections"] == []


def test_azerbaijani_schwa_is_read_as_a(client: FlaskClient) -> None:
    # "Əliyeva" is Aliyeva in Azerbaijani's own alphabet, not a letter off it.
    text = (
        "Leyla Aliyeva (Azerbaijani: Leyla İlham qızı Əliyeva, born 3 July 1984) is the daughter of "
        "President Ilham Aliyev and Mehriban Aliyeva."
    )
    assert repair(client, text)["corrections"] == []


def test_a_first_name_swapped_before_a_middle_name_is_put_right(client: FlaskClient) -> None:
    # "Macapagal Arroyo" reads as Gloria Macapagal Arroyo's, as written; the first name before
    # it, after a title, is Eduardo Ermita's.
    text = (
        "President Gloria Macapagal Arroyo spoke on Monday. Congress rebuffed a bid to impeach "
        "President Eduardo Macapagal Arroyo. Eduardo Ermita, her spokesman, welcomed the vote."
    )
    body = repair(client, text)
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in body["corrections"]}
    assert fixes == {"Eduardo Macapagal Arroyo": ("Gloria Macapagal Arroyo", True)}


def test_a_swapped_first_name_is_put_right_as_the_article_writes_the_person(client: FlaskClient) -> None:
    # The gazetteer's John Evans Atta Mills is "John Atta Mills" here: "Nana" becomes "John".
    text = "President John Atta Mills met Nana Akufo-Addo. Later President Nana Atta Mills said he was pleased."
    body = repair(client, text)
    fixes = {c["original"]: c["replacement"] for c in body["corrections"]}
    assert fixes == {"Nana Atta Mills": "John Atta Mills"}


def test_a_first_name_before_a_middle_name_without_a_title_is_somebodys_own(client: FlaskClient) -> None:
    text = "President Mahmoud Abbas met Jamal Abdel Hadi. Mahmoud Abdel Hadi, an aide, took notes."
    assert repair(client, text)["corrections"] == []


def test_a_family_in_the_plural_is_no_damaged_surname(client: FlaskClient) -> None:
    text = (
        "Raúl Castro married Vilma Espín in 1959. Later she joined the Castros in the Sierra Maestra. "
        "Uhuru Kenyatta spoke first. The Kenyattas own Brookside Dairy."
    )
    assert repair(client, text)["corrections"] == []


def test_a_fathers_name_after_bin_lends_no_first_name(client: FlaskClient) -> None:
    # "Faisal" in a name like Turki bin Faisal's is his father's, not a first name somebody
    # could have put on Mohammed bin Salman's "bin Salman"; Faisal bin Salman is his brother.
    text = (
        "He has replaced Prince Faisal bin Salman as governor. "
        "Prince Rakan bin Salman bin Abdulaziz Al Saud was appointed Governor of Diriyah."
    )
    assert repair(client, text)["corrections"] == []


def test_a_trade_after_the_surname_of_a_person_named_in_full_is_theirs(client: FlaskClient) -> None:
    # "Michael Grove, a farmer," is somebody else; a surname alone after the article has named
    # Armando Guebuza in full is Guebuza, whatever trade it gives him.
    text = (
        "The party's presidential candidate Armando Guebuza won 64 percent of the vote. "
        "Mr. Guebuzana, a wealthy businessman, will be inaugurated in January."
    )
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in repair(client, text)["corrections"]}
    assert fixes == {"Guebuzana": ("Guebuza", True)}


def test_a_middle_name_the_gazetteer_lacks_names_the_person_all_the_same(client: FlaskClient) -> None:
    # The gazetteer has Edgar Lungu and Yoweri Museveni without their middle names.
    text = (
        "The song lampoons President Edgar Chagwa Lungu. Lunngu has not answered. "
        "President Yoweri Kaguta Museveni spoke too. Musevenii said so."
    )
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in repair(client, text)["corrections"]}
    assert fixes == {"Lunngu": ("Lungu", True), "Musevenii": ("Museveni", True)}


def test_a_slip_in_a_middle_name_is_no_middle_name_the_gazetteer_lacks(client: FlaskClient) -> None:
    # "John Atter Mills" is John Atta Mills with a letter off, not some John Mills.
    fixes = {c["original"]: c["replacement"] for c in repair(client, "President John Atter Mills spoke.")["corrections"]}
    assert fixes == {"John Atter Mills": "John Atta Mills"}


def test_a_full_name_whose_middle_name_is_an_officials_middle_name_is_not_theirs(client: FlaskClient) -> None:
    # Yonis Ali Guedi is Djibouti's minister; "Mohammed Ali Gedi" (Somalia's prime minister,
    # written so by the publisher) is no Yonis Ali Guedi with his first name left out.
    text = "Somalia's Prime Minister Mohammed Ali Gedi has postponed a visit to his homeland."
    assert repair(client, text)["corrections"] == []


def test_a_first_name_before_two_surnames_joined_by_a_hyphen_makes_them_one_name(client: FlaskClient) -> None:
    # "Putin-Trumpet" pairs two people; "Henrique Veiga-Fernandes" is one man's surname, and
    # its right Portuguese "Fernandes" is no damaged Fernández of a well-known Veiga's pair.
    text = "The group of Henrique Veiga-Fernandes (ERC grantee) and Sílvia Arroz Madeira developed it."
    assert repair(client, text)["corrections"] == []


def test_a_case_ending_before_a_time_is_no_glued_preposition(client: FlaskClient) -> None:
    # "Dendiasin an interview" is "Dendias in an interview"; "Abbasin this afternoon" is a case
    # ending on Abbas, and no "in" is left behind.
    text = "The Prime Minister spoke to President of the Palestinian Authority, Mahmoud Abbasin this afternoon."
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"]}
    assert fixes == {"Mahmoud Abbasin": "Mahmoud Abbas"}


def test_a_case_ending_on_the_surname_of_a_best_known_person_is_offered_back(client: FlaskClient) -> None:
    # No title, no pair, nobody named in the article: only the ending, plain in the letters,
    # and a surname the news uses alone for one of the best-known people.
    text = "The Prime Minister noted that this was further evidence that Putinin was acting with disregard."
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"]}
    assert fixes == {"Putinin": "Putin"}


@pytest.mark.parametrize(
    "text",
    [
        "The ferry from Salamis was late, and Copán was closed to visitors.",
        "The Obamas visited Kenya in July.",
    ],
)
def test_a_word_or_a_family_like_a_surname_with_an_ending_is_left(client: FlaskClient, text: str) -> None:
    assert repair(client, text)["corrections"] == []


def test_a_surname_a_surer_fix_writes_is_not_offered_as_damage(client: FlaskClient) -> None:
    # A damaged "Sada" elsewhere reads as somebody's surname; once "Michael Satta" is put right
    # as Michael Sata, "President Sata" is his surname spelled right, not a damaged Sada.
    text = (
        "His song lampoons President Edgar Lungu for abandoning the ideals of the late President "
        "Michael Satta. Guy Scott briefly acted as president soon after President Sata died. "
        "Critics of President Sada say so."
    )
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"]}
    assert fixes == {"Michael Satta": "Michael Sata", "Sada": "Sata"}


def test_a_dateline_joined_to_a_function_word_is_no_pair(client: FlaskClient) -> None:
    # From a probe of unseen pages: "KAMPALA- The" read as a pair of surnames (somebody in the
    # data bears "The"), so the city was made Zambia's minister Kapala.
    text = "KAMPALA- The President of the Republic of Uganda addressed the nation on Sunday evening."
    assert repair(client, text)["corrections"] == []


def test_a_surname_put_right_keeps_the_arabic_article_as_written(client: FlaskClient) -> None:
    # The gazetteer writes him "el-Sisi" and also "al-Sisi": the text's "al-" is no damage.
    text = "The Prime Minister spoke to Egyptian President Abdul Fattah al-Sis this afternoon."
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"]}
    assert fixes == {"Abdul Fattah al-Sis": "Abdul Fattah al-Sisi"}


def test_a_name_kept_whole_is_read_with_its_article_joined_by_a_hyphen(client: FlaskClient) -> None:
    # The gazetteer writes the Emir "Tamim bin Hamad Al Thani"; "al-Thani" is the same name,
    # so the article names him, and his first name on Sunak's surname is a swapped one.
    text = (
        "Prime Minister Tamim Sunak spoke to the Amir of Qatar, "
        "Sheikh Tamim bin Hamad al-Thani, this afternoon."
    )
    fixes = {c["original"]: c for c in repair(client, text)["corrections"]}
    assert list(fixes) == ["Tamim Sunak"]
    assert fixes["Tamim Sunak"]["replacement"] == "Rishi Sunak"
    assert "'Tamim' is the first name of Tamim bin Hamad Al Thani, named in the article" in fixes["Tamim Sunak"]["reason"]


@pytest.mark.parametrize(
    "text",
    [
        "Sheikh Mohamed bin Zayed al-Nahyan met the Emir, Sheikh Tamim bin Hamad al-Thani, in Doha.",
        "Sheikh Abdullah bin Zayed Al-Nahyan and Bashar Al Assad spoke.",
    ],
)
def test_an_arabic_article_written_either_way_is_no_damage(client: FlaskClient, text: str) -> None:
    assert repair(client, text)["corrections"] == []


def test_a_first_name_with_more_of_the_name_after_it_is_no_damaged_surname(client: FlaskClient) -> None:
    # "José Luis" is no José with a surname "Luis" misheard for Lucas: Ábalos follows.
    text = "Spanish Prime Minister Pedro Sánchez defended ex-Transport Minister Jose Luis Abalos."
    assert repair(client, text)["corrections"] == []


def test_a_word_glued_onto_a_name_is_kept_when_the_name_is_put_right(client: FlaskClient) -> None:
    # Machine translation wrote "Sichesand" for "Siches and": the fix must not drop the "and".
    text = "President Emmanuel Macronand Donald Tusk met in Warsaw."
    body = repair(client, text)
    assert body["text"] == "President Emmanuel Macron and Donald Tusk met in Warsaw."
    [fix] = body["corrections"]
    assert "'and' glued on is kept as a word" in fix["reason"]


def test_a_short_first_name_a_letter_off_is_put_right_when_the_post_or_article_says_whose(client: FlaskClient) -> None:
    # "Alan" is somebody's own first name, but the article names Alar Karis and the surname is his.
    text = "Estonian President Alar Karis met Kaja Kallas. President Alan Karis said the talks went well."
    body = repair(client, text)
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in body["corrections"]}
    assert fixes == {"Alan Karis": ("Alar Karis", True)}


def test_a_relatives_first_name_is_not_changed_into_the_officials(client: FlaskClient) -> None:
    text = "Ivanka Trump, adviser to Donald Trump, spoke first. Her mother Ivana Trump said little."
    assert repair(client, text)["corrections"] == []


def test_a_surname_as_an_alias_of_the_person_writes_it_is_another_right_spelling(client: FlaskClient) -> None:
    # The gazetteer's Mohamed Hamdan Dagalo has the alias "Mohamed Hamdan Daglo": "Daglo" is
    # a right spelling (here of his brother's name).
    text = "Abderrahim Hamdan Daglo is the first individual to be sanctioned."
    assert repair(client, text)["corrections"] == []


def test_an_accounts_handle_is_left_as_its_owner_wrote_it(client: FlaskClient) -> None:
    text = "A post from @PR_Paul_BIYA's son went viral. Paul Biya has ruled since 1982."
    assert repair(client, text)["corrections"] == []


def test_a_surname_that_is_a_first_name_is_romanised_as_freely_as_one(client: FlaskClient) -> None:
    # Mahathir bin Mohamad's "surname" is his father's first name, written Mohamed as often.
    text = "Former Malaysian prime minister Mahathir Mohamed said he would stand again."
    assert repair(client, text)["corrections"] == []


def test_a_name_followed_by_a_word_for_a_place_is_the_places(client: FlaskClient) -> None:
    text = "Le Thi Thanh was born in 1962 in Ninh Binh province. She has a degree in history."
    assert repair(client, text)["corrections"] == []


def test_a_name_followed_by_another_country_is_that_countrys_person(client: FlaskClient) -> None:
    # Honduras had a President Maduro (Ricardo) too: "of Honduras" says this is not Venezuela's.
    text = (
        "Senator John McCain praised the deal, which Nicolás Maduro opposed. "
        "President John Maduro of Honduras pointed out the benefits of CAFTA."
    )
    assert repair(client, text)["corrections"] == []
    # Of the person's own country, the swapped first name is put right all the same.
    text = "Senator John McCain praised the deal. Nicolas Maduro opposed it. President John Maduro of Venezuela spoke later."
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"]}
    assert fixes == {"John Maduro": "Nicolas Maduro"}


def test_a_title_written_with_full_stops_is_a_title(client: FlaskClient) -> None:
    # "V.P." says which Pence, as "VP" and "Vice President" do: not somebody called Pene.
    text = "Georgia's sovereignty was clearly defined by V.P. Pense in Tbilisi."
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"]}
    assert fixes == {"Pense": "Pence"}


def test_a_function_word_in_a_line_of_capitals_is_nobodys_first_name(client: FlaskClient) -> None:
    # "OF" is written before "WORKS" too, but it lends no first name to Simon Power.
    text = "MINISTER OF POWER. MINISTER OF WORKS."
    assert repair(client, text)["corrections"] == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Towards Flooding Problem in PH\nSARA DUTERTE – The Vice President reacted. Sara Duterte said more.", id="kicker"),
        pytest.param(
            "Vice Pres. Sara Duterte Hits Back SARA DUTERTE – The Vice President reacted to the remarks.",
            id="kicker-after-a-headline-on-one-line",
        ),
        pytest.param("ATIKU BAGUDU", id="a-name-alone-in-capitals"),
        pytest.param("MINISTER OF FCT – NYESOM WIKE", id="a-list-of-office-holders"),
    ],
)
def test_a_right_name_in_capitals_where_capitals_are_the_style_stays(client: FlaskClient, text: str) -> None:
    assert repair(client, text)["corrections"] == []


def test_a_fix_where_capitals_are_the_style_is_in_capitals(client: FlaskClient) -> None:
    text = "MINISTER OF STATE (GAS) PETROLEUM RESOURCES\nEKPERIPE EKPO\nMINISTER OF POWER"
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"]}
    assert fixes == {"EKPERIPE EKPO": "EKPERIKPE EKPO"}


def test_a_family_counted_in_the_plural_is_no_damaged_surname(client: FlaskClient) -> None:
    text = "President Gotabaya Rajapaksa leads a Cabinet with five Rajapaksas, four brothers and a son."
    assert repair(client, text)["corrections"] == []


def test_the_name_an_official_uses_now_is_not_put_back_to_an_earlier_one(client: FlaskClient) -> None:
    # Chiwenga has been Constantino since 2017; a damaged surname is put right with it.
    assert repair(client, "Vice President Constantino Chiwenga spoke.")["corrections"] == []
    text = "Constantino Chiwengo has been relieved of his dual role as health minister."
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"]}
    assert fixes == {"Constantino Chiwengo": "Constantino Chiwenga"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Milo Djukanovic won. President Djukanovic said the vote was fair.", id="serbo-croatian-dj"),
        pytest.param("Milo Djukanović lost the election to Jakov Milatović.", id="dj-beside-accents"),
        pytest.param("Ukraine's President Vladimir Zelensky spoke.", id="ukrainian-first-name-in-russian-form"),
        pytest.param("Former Prime Minister Nikolai Azarov of Ukraine fled to Moscow.", id="mykola-as-nikolai"),
    ],
)
def test_another_rendering_of_a_slavic_name_is_left(client: FlaskClient, text: str) -> None:
    assert repair(client, text)["corrections"] == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Nicolas Maduro congratulated Gustavo Petro. The arrest of the president's son is a blow. "
            "Nicolas Petro was arrested in Barranquilla.",
            id="a-son",
        ),
        pytest.param(
            "Vladimir Putin spoke. The brothers fought in Kyiv: Wladimir Klitschko, the boxer, and "
            "Vitali Klitschko, the mayor.",
            id="brothers",
        ),
    ],
)
def test_in_a_story_of_relatives_an_untitled_first_name_is_their_own(client: FlaskClient, text: str) -> None:
    assert repair(client, text)["corrections"] == []


def test_a_family_name_written_first_is_no_first_name_to_swap(client: FlaskClient) -> None:
    # Nguyen Hoa Binh is Vietnam's Deputy Prime Minister; Truong Hoa Binh held such a post before.
    text = "Deputy Prime Minister Nguyen Hoa Binh met Nguyen Chi Dung in Hanoi."
    assert repair(client, text)["corrections"] == []


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        pytest.param(
            "President Emmanuel Macronwill visit Berlin.", "President Emmanuel Macron will visit Berlin.", id="in-a-full-name"
        ),
        pytest.param(
            "President Emmanuel Macron spoke first. Macronsaid that talks would go on.",
            "President Emmanuel Macron spoke first. Macron said that talks would go on.",
            id="a-surname-alone",
        ),
    ],
)
def test_a_word_glued_onto_a_name_by_machine_translation_is_set_apart(
    client: FlaskClient, text: str, repaired: str
) -> None:
    assert repair(client, text)["text"] == repaired


def test_a_surname_that_ends_like_a_glued_word_is_left(client: FlaskClient) -> None:
    text = "Emmanuel Macron met Margaret Beckwith and Alain Marchand in Paris. Marchand said little."
    assert repair(client, text)["corrections"] == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The EFL chairman Rick Parry said the clubs had agreed.", id="a-title-of-no-post-of-theirs"),
        pytest.param("Dr Preeti Patel, a GP in Leicester, said patients were waiting.", id="an-honorific"),
        pytest.param("Coach Mark Rutt said the team had trained well.", id="a-trade-before"),
        pytest.param("Mark Rutt, the Ajax coach, said the team had trained well.", id="a-trade-after"),
    ],
)
def test_somebodys_name_after_an_honorific_or_of_a_trade_is_not_an_officials(client: FlaskClient, text: str) -> None:
    assert [c for c in repair(client, text)["corrections"] if c["applied"]] == []


def test_a_reporter_is_not_even_suggested_as_an_official(client: FlaskClient) -> None:
    text = "She spoke in an interview with English to Africa reporter James Buty before meeting President Bush."
    assert repair(client, text)["corrections"] == []


def test_a_trade_given_up_does_not_stop_a_repair(client: FlaskClient) -> None:
    text = "Andry Rajoelina took power in 2009. Mr. Rajoelinot, a former disc jockey, led the movement."
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in repair(client, text)["corrections"]}
    assert fixes == {"Rajoelinot": ("Rajoelina", True)}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The Court ruled in May. The trial court said the ordinance was void.", id="the-court"),
        pytest.param("The House voted on Tuesday. The house said no to the bill.", id="the-house"),
        pytest.param(
            "Motion to Transfer to Court en Banc denied. The trial court declared the Ordinance void.",
            id="a-word-in-lower-case-of-a-surname-named-alone",
        ),
        pytest.param("MEMBERS PRESENT\nANDREW LEUNG\nKWOK WAI-KEUNG\nALICE MAK MEI-KUEN", id="a-given-names-second-syllable"),
        pytest.param(
            "Hon Kenneth LEUNG presented the report. Hon Andrew LEUNG and Hon Starry LEE spoke.",
            id="surnames-in-capitals-as-the-style",
        ),
        pytest.param("He was Secretary of State. TafL was elected in 1908.", id="a-title-across-a-sentences-end"),
        pytest.param(
            "They got to watch HASSAN ROUHANI take the oath of office before parliament on Sunday. It happened "
            "a day after ROUHANI was confirmed by Iran's supreme leader, Ayatollah Ali Khamenei.",
            id="one-name-in-capitals-every-time",
        ),
        pytest.param(
            "He condemned the fighting in Sudan. The Secretary-General appealed for a ceasefire marking the "
            "Eid Al Fitr celebrations.",
            id="a-particle-is-no-first-name",
        ),
    ],
)
def test_a_word_or_a_style_of_the_document_is_left(client: FlaskClient, text: str) -> None:
    assert repair(client, text)["corrections"] == []


@pytest.mark.parametrize(
    ("text", "original", "suggested"),
    [
        pytest.param(
            "He met senators including Majority Leader Harry Reyd and Minority Leader Mitch McConnell.",
            "Harry Reyd", "Harry Reid", id="a-leader-of-years-past",
        ),
        pytest.param(
            "Gulnara Karimova, the daughter of President Ilam Karimov of Uzbekistan, is very different.",
            "Ilam Karimov", "Islam Karimov", id="a-president-of-years-past",
        ),
    ],
)
def test_two_officials_a_letter_away_are_not_told_apart_by_who_is_in_office_now(
    client: FlaskClient, text: str, original: str, suggested: str
) -> None:
    # Articles come from archives too: being in office now says nothing of who a text names.
    corrections = repair(client, text)["corrections"]
    assert [(c["original"], c["replacement"], c["applied"]) for c in corrections] == [(original, suggested, False)]
    assert "could also be" in corrections[0]["reason"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The honorees were: Roza Otunbayeva, President of the Kyrgyz Republic; Maria Bahir, Prosecutor "
            "General, Herat Province (Afghanistan); and others.",
            id="a-post-of-no-official-of-the-name",
        ),
        pytest.param(
            "Ahmed Al Samurai, President of the Iraqi Olympic Committee, said the team would compete.",
            id="a-presidency-of-something-else",
        ),
    ],
)
def test_a_name_with_a_post_in_apposition_that_is_not_the_officials_is_theirs(client: FlaskClient, text: str) -> None:
    # Not even suggested: the apposition says who this is.
    assert repair(client, text)["corrections"] == []


def test_a_post_in_a_list_after_a_name_is_the_next_persons(client: FlaskClient) -> None:
    text = "He will meet Vice President Dick Cheneu, Secretary of State Condoleezza Rice, and others."
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in repair(client, text)["corrections"]}
    assert fixes == {"Dick Cheneu": ("Dick Cheney", True)}


def test_a_surname_alone_is_put_right_no_more_surely_than_the_full_name_that_names_them(client: FlaskClient) -> None:
    # "Sajeed Wazed" only may be a Yemeni MP's name misspelt (listed); "Wazed" alone rests on it.
    text = (
        "Sheikh Hasina's son Sajeed Wazed expresses outrage over a looming death sentence verdict for his "
        "mother. Wazed states protests will escalate if the interim government continues to bar politics."
    )
    assert [c["original"] for c in repair(client, text)["corrections"] if c["applied"]] == []


def test_a_vowel_of_a_first_name_of_the_table_of_names_is_still_put_right(client: FlaskClient) -> None:
    text = "Prime Minister Emmanuel Macron spoke. President Emmenuel Macron said more."
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in repair(client, text)["corrections"]}
    assert fixes == {"Emmenuel Macron": ("Emmanuel Macron", True)}


def test_a_name_cut_short_is_read_whole_before_a_shorter_name_it_starts_with(client: FlaskClient) -> None:
    text = "Her political secretary, Saber Hossain Chowdhu, says the attacks are deliberately designed."
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in repair(client, text)["corrections"]}
    assert fixes == {"Saber Hossain Chowdhu": ("Saber Hossain Chowdhury", True)}


def test_a_first_name_lent_to_the_only_bearer_of_a_well_known_surname_is_put_back(client: FlaskClient) -> None:
    # Nobody else in the gazetteer is a Kuleba, and Denys is the first name of the prime minister
    # the article names; his brother would be told as such.
    text = (
        "I met Prime Minister Denys Shmyhal in Brussels; today I will meet the Foreign Affairs Minister "
        "of Ukraine, Denys Kuleba. In both cases I want to show support."
    )
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in repair(client, text)["corrections"]}
    assert fixes == {"Denys Kuleba": ("Dmytro Kuleba", True)}


def test_a_first_name_lent_under_a_post_the_gazetteer_does_not_yet_give_the_bearer_is_listed(
    client: FlaskClient,
) -> None:
    # The gazetteer's posts are older than the news: it knows Rishi Sunak, the only Sunak, as
    # Chancellor. A title that names none of a surname's bearers' posts still leaves the one
    # well-known bearer, as no title does.
    text = "Paul Kagame met the press. Prime Minister Paul Sunak welcomed the President of Rwanda."
    fixes = [(c["original"], c["replacement"]) for c in repair(client, text)["corrections"]]
    assert ("Paul Sunak", "Rishi Sunak") in fixes


def test_a_misspelt_first_name_before_another_spelling_of_the_surname_is_put_right(client: FlaskClient) -> None:
    # "Rajapakse" is another right spelling of Rajapaksa: the first name is put right, the
    # surname stays as the article writes it.
    text = "Sri Lankan president Mahina Rajapakse declared victory over the rebels."
    body = repair(client, text)
    assert body["text"] == text.replace("Mahina Rajapakse", "Mahinda Rajapakse")
    [fix] = body["corrections"]
    assert "another spelling of 'Rajapaksa'" in fix["reason"]


def test_a_first_name_that_sounds_like_an_officials_before_another_spelling_of_their_surname_stays(
    client: FlaskClient,
) -> None:
    # A whole name rendered otherwise is somebody's own, not damage.
    text = "The blogger Ahmede Husein wrote about the election."
    body = repair(client, text)
    assert body["text"] == text
    assert [c for c in body["corrections"] if c["applied"]] == []


def test_a_surname_alone_written_as_in_a_full_name_put_right_is_put_right_the_same_way(client: FlaskClient) -> None:
    # Machine translation repeats its slips; "Arden" is also somebody else's surname.
    text = "Jacinda Arden announced the lockdown.\n\nArden has been praised.\n\nArden emphasised the need for action."
    body = repair(client, text)
    assert body["text"] == text.replace("Arden", "Ardern")
    reasons = [c["reason"] for c in body["corrections"] if c["original"] == "Arden"]
    assert len(reasons) == 2 and all("Jacinda Arden" in r for r in reasons)


def test_a_word_that_only_opens_a_sentence_writes_no_name_with_the_surname_after_it(client: FlaskClient) -> None:
    # "Later Tus" is no person named Tus, whose name would stop "Donald Tus" being put right.
    text = "Prime Minister Donald Tus spoke. Tus said no. Later Tus left."
    body = repair(client, text)
    assert body["text"] == "Prime Minister Donald Tusk spoke. Tusk said no. Later Tusk left."


def test_a_name_put_right_from_a_glued_word_keeps_its_accents_as_written(client: FlaskClient) -> None:
    text = "The Congress denied confidence to the leader of the People's Party, Alberto Núñez Feijóowith 173 votes."
    body = repair(client, text)
    assert body["text"] == text.replace("Feijóowith", "Feijóo with")


def test_a_preposition_glued_onto_a_name_before_an_article_is_kept_as_a_word(client: FlaskClient) -> None:
    # "in" is a case ending too ("Putinin statement"); before "an" it is the preposition.
    text = "It was a vote of confidence, noted the Minister of Foreign Affairs Nikos Dendiasin an interview."
    assert repair(client, text)["text"] == text.replace("Dendiasin", "Dendias in")


def test_of_two_readings_as_long_the_one_ending_the_run_is_taken(client: FlaskClient) -> None:
    # "Muhammad Nawaz" is also a listed name (Muhammad Nawaz Khan Kakar), but the surname ends the run.
    text = (
        "Prime Minister Muhammad Shehbaz Sharif has urged the nation to work for the development of "
        "country. He also paid tribute to Zulfiqar Ali Bhutto and Muhammad Nawaz Sharif."
    )
    assert repair(client, text)["corrections"] == []


def test_a_first_name_before_a_quoted_nickname_names_nobody_by_surname(client: FlaskClient) -> None:
    # "Samuel" is also the surname of a Mozambican minister: not here, before "Zoom".
    text = "2020/2021 Samuel 'Zoom' Ndhlovu Charity Shield Final. Emmanuel Chabula (Friday Samu 46')"
    assert [c for c in repair(client, text)["corrections"] if c["applied"]] == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "They will bank on Thisen Eheliyagoda, Dineth Gunawardena, Senesh Hettiarachchi and Senadhi "
            "Bulankulame to bolster their scoreboard.",
            id="a-team",
        ),
        pytest.param(
            "Three American defense contractors (Marc Gonsalves, Keith Stansell, and Thomas Howes) were held.",
            id="hostages",
        ),
    ],
)
def test_a_name_in_a_list_of_people_the_gazetteer_lacks_is_of_their_kind(client: FlaskClient, text: str) -> None:
    assert [c for c in repair(client, text)["corrections"] if c["applied"]] == []


def test_a_name_in_a_list_of_officials_is_still_put_right(client: FlaskClient) -> None:
    text = "He met Prime Minister Keir Starmer, Rachel Reeves, Yvette Coper and David Lammy on Monday."
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in repair(client, text)["corrections"]}
    assert fixes == {"Yvette Coper": ("Yvette Cooper", True)}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The subjects the NZPA representative asked to discuss with the Prime Minis- - ter were: the oil price.",
            id="as-a-scanner-reads-it",
        ),
        pytest.param("The Prime Minis-\nter spoke to the House.", id="across-a-line-break"),
    ],
)
def test_a_word_broken_across_lines_is_no_name(client: FlaskClient, text: str) -> None:
    assert [c for c in repair(client, text)["corrections"] if c["applied"]] == []


def test_a_surname_in_capitals_after_a_title_is_the_one_well_known_bearer_of_the_post(client: FlaskClient) -> None:
    # A better-known Hadi holds no presidency; Abdrabbuh Mansur Hadi did.
    text = "We thank the Crown Prince Mohammed bin Salman, President HADI, and representatives from Kuwait."
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in repair(client, text)["corrections"]}
    assert fixes == {"HADI": ("Hadi", True)}


def test_the_family_name_after_a_western_first_name_is_the_surname(client: FlaskClient) -> None:
    # The gazetteer read "Frank Hsieh" family name first, as if Frank were his surname.
    text = "Frank Hsieh, former Premier, was the candidate. Hsiehot implied that Ma might flee the country."
    fixes = {c["original"]: (c["replacement"], c["applied"]) for c in repair(client, text)["corrections"]}
    assert fixes == {"Hsiehot": ("Hsieh", True)}


def test_a_hyphenated_first_name_is_no_pair_of_surnames(client: FlaskClient) -> None:
    # "Paul" is a senator's surname, but here it ends a first name that a surname follows.
    text = "Father-in-law of Alan-Paul Aché. Brother of Patrick Allen and Marlene Chestlock."
    assert [c for c in repair(client, text)["corrections"] if c["applied"]] == []


def test_a_fix_keeps_the_capital_of_a_name_the_gazetteer_writes_in_lower_case(client: FlaskClient) -> None:
    # The gazetteer has a Yemeni MP as "Fuad Obaid Saeed waked", a label typed so.
    text = "Fuad Obaid Saeed Wakedd spoke in Sanaa. Wakedd said so."
    replacements = {c["replacement"] for c in repair(client, text)["corrections"]}
    assert replacements and all(word[:1].isupper() for r in replacements for word in r.split())


def test_english_y_for_an_i_before_a_vowel_is_another_rendering(client: FlaskClient) -> None:
    # The gazetteer writes Kumba Ialá, as Portuguese does; English writes Yala.
    text = "The former Portuguese colony has been governed since 2003, when President Kumba Yala was toppled."
    assert repair(client, text)["corrections"] == []


def test_a_west_african_surname_is_not_romanised_freely(client: FlaskClient) -> None:
    # Guinea-Bissau's President Vieira: his Portuguese surname has one spelling.
    text = "President João Bernardo Viera was killed."
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"] if c["applied"]}
    assert fixes == {"João Bernardo Viera": "João Bernardo Vieira"}


def test_a_first_name_of_arabic_origin_in_west_africa_is_romanised_freely(client: FlaskClient) -> None:
    # Ghana's Parliament writes its MP "Alhassan Umar"; Ghanaian papers also "Alhasan".
    text = (
        "The committee includes several other members: Kwame Governs Agbodza, Mahama Ayariga, "
        "Alhasan Umar and Patricia Appiagyei."
    )
    assert [c for c in repair(client, text)["corrections"] if c["applied"]] == []


@pytest.mark.parametrize("written", ["Tourena", "Toura"])
def test_a_surname_as_near_the_article_s_unlisted_person_is_theirs(client: FlaskClient, written: str) -> None:
    # The gazetteer lacks Mali's President Amadou Toumani Toure: "Tourena" is his name with an
    # ending, as near as it is to Galicia's Touriño; "Toura" a letter from his and from
    # Catalonia's Torra.
    text = (
        "Incumbent President Amadou Toumani Toure is widely expected to win.\n"
        f"As President {written} arrives to vote at an airbase school, he is welcomed by supporters."
    )
    assert [c for c in repair(client, text)["corrections"] if c["applied"]] == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Activist Omar Abu Rasah said he is prepared to sleep on the streets.", id="abu"),
        pytest.param(
            'Activist Omar Abu Rasah said he is prepared to sleep on the streets. "We want an elected '
            'government," said Abu Rasah.',
            id="abu-then-alone",
        ),
        pytest.param("Hanevy Oulld Dahah should in theory have his day at the supreme court.", id="ould-damaged"),
    ],
)
def test_abu_or_ould_after_a_first_name_begins_the_surname(client: FlaskClient, text: str) -> None:
    # Not the "Abu Rass" or "Moktar Ould Dahi" of the gazetteer, read from the middle of a name.
    assert [c for c in repair(client, text)["corrections"] if c["applied"]] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "President Frank-Walter Steinmeir spoke to reporters.",
            {"Frank-Walter Steinmeir": "Frank-Walter Steinmeier"},
            id="surname",
        ),
        pytest.param(
            "Former rebel leader Jean-Piere Bemba has warned President Joseph Kabila.",
            {"Jean-Piere Bemba": "Jean-Pierre Bemba"},
            id="second-half",
        ),
        pytest.param(
            "Former Prime Minister Jean-Pierre Raffarin said the talks went well. Later Raffarinu replied.",
            {"Raffarinu": "Raffarin"},
            id="surname-after-full",
        ),
        pytest.param(
            "President Nana Akufo-Ado spoke in Accra.", {"Nana Akufo-Ado": "Nana Akufo-Addo"}, id="hyphenated-surname"
        ),
        pytest.param(
            "Prime Minister Kamla Persad-Bissessar spoke. Later Persad-Bisessar said more.",
            {"Persad-Bisessar": "Persad-Bissessar"},
            id="hyphenated-surname-alone",
        ),
        pytest.param(
            "Syrian President Bashar al-Assadem spoke.", {"Bashar al-Assadem": "Bashar al-Assad"}, id="arabic-article"
        ),
        pytest.param(
            "Iraqi Prime Minister Mohammed Shia al-Sudari spoke.",
            {"Mohammed Shia al-Sudari": "Mohammed Shia al-Sudani"},
            id="arabic-article-kept",
        ),
        pytest.param(
            "President Moon Jae-inn met Japanese Prime Minister Shinzo Abe.",
            {"Moon Jae-inn": "Moon Jae-in"},
            id="given-name-in-lower-case-after-the-hyphen",
        ),
        pytest.param("Secretary-General Ban Ki-moo spoke.", {"Ban Ki-moo": "Ban Ki-moon"}, id="cut-after-the-hyphen"),
    ],
)
def test_a_name_written_in_two_halves_is_one(client: FlaskClient, text: str, expected: dict[str, str]) -> None:
    # "Jean" and "Pierre Raffarin", "Nana Akufo" and "Ado", are found apart, as "Putin" and
    # "Trump" are in "Putin-Trump".
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"] if c["applied"]}
    assert fixes == expected


def test_names_paired_by_a_hyphen_stay_apart(client: FlaskClient) -> None:
    text = (
        "The Putin-Trump meeting was long. The Biden-Harris campaign went on. The Johnson-Trump talks ended. "
        "The Trump-era tariffs and a Macron-led coalition were discussed."
    )
    assert [c for c in repair(client, text)["corrections"] if c["applied"]] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Philippine President Ferdinand Markos Jr. said the reforms would go on.",
            {"Ferdinand Markos": "Ferdinand Marcos"},
            id="jr",
        ),
        pytest.param("President Benigno Aquinno III spoke.", {"Benigno Aquinno": "Benigno Aquino"}, id="iii"),
        pytest.param("Queen Elizabeth II spoke. King Charles III spoke.", {}, id="monarchs"),
    ],
)
def test_a_generation_after_the_surname_is_no_part_of_it(client: FlaskClient, text: str, expected: dict[str, str]) -> None:
    # The gazetteer took "Ferdinand Marcos Jr." whole for a surname.
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"] if c["applied"]}
    assert fixes == expected


def test_the_first_of_a_double_surname_is_no_first_name(client: FlaskClient) -> None:
    # The gazetteer's María Jesús Ruiz Ruiz had "Ruiz" as a first name, and "Raiza" sounds like it.
    text = "Raiza Ruiz experienced the bizarre ordeal of being legally dead. Raiza was 26 years old. Ruiz said so."
    assert [c for c in repair(client, text)["corrections"] if c["applied"]] == []


def test_a_lent_first_name_stands_for_the_person_s_first_not_a_middle_name(client: FlaskClient) -> None:
    # "Nana" (of Nana Akufo-Addo) put on Atta Mills stands for his "John", not his "Evans".
    text = (
        "The ruling party candidate Nana Akufo-Addo faced the former vice president, John Evans Atta Mills. "
        "Later, Professor Nana Atta Mills said he would accept the result."
    )
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"] if c["applied"]}
    assert fixes == {"Nana Atta Mills": "John Atta Mills"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "President Cristina Fernández de Kirchnerr spoke.",
            {"Cristina Fernández de Kirchnerr": "Cristina Fernández de Kirchner"},
            id="de",
        ),
        pytest.param("Minister Eduardo del Castilllo spoke.", {"Eduardo del Castilllo": "Eduardo del Castillo"}, id="del"),
        pytest.param("President Lula da SiIva spoke.", {"Lula da SiIva": "Lula da Silva"}, id="opening-a-compound-surname"),
    ],
)
def test_a_particle_before_the_surname_is_the_surname_s(client: FlaskClient, text: str, expected: dict[str, str]) -> None:
    # The gazetteer read "Cristina Fernández de Kirchner" as first names "Cristina Fernández de";
    # not "Lula" of "Lula da Silva", a surname of its own (Marisa Letícia Lula da Silva's too).
    fixes = {c["original"]: c["replacement"] for c in repair(client, text)["corrections"] if c["applied"]}
    assert fixes == expected


def test_a_first_name_put_back_is_the_one_the_person_went_by(client: FlaskClient) -> None:
    # The source names him James Carter; the news, and the fix, Jimmy Carter.
    text = (
        "Former U.S. President Kofi Carter, whose Carter Center has deployed observers, "
        "met Kofi Annan in Accra."
    )
    body = repair(client, text)
    [fix] = [c for c in body["corrections"] if c["original"] == "Kofi Carter"]
    assert fix["replacement"] == "Jimmy Carter"


def test_a_post_with_of_in_it_is_read_whole(client: FlaskClient) -> None:
    # "Secretary of State" is one title: "State" alone fitted any Minister of State, and
    # Britain's Mark Price was offered for the American secretary's surname. Read whole, it
    # names Condoleezza Rice, with the first name of the spokesman the article names.
    text = (
        "So Mr. Olmert is in a weak position ahead of talks with U.S. Secretary of State Mark Rice, "
        "who will visit Israel and the Palestinian territories. Spokesman Mark Regev said so."
    )
    body = repair(client, text)
    [fix] = [c for c in body["corrections"] if c["original"] == "Mark Rice"]
    assert fix["replacement"] == "Condoleezza Rice"
    assert "title 'Secretary of State' fits Secretary of State" in fix["reason"]


def test_a_case_ending_in_place_of_a_final_y_is_read_off(client: FlaskClient) -> None:
    # Kerry's "y" went under the ending as a final vowel does ("Kerrovi"); read only as an
    # ending added, the name was Kerr's, and so was the capitals' "KERY" after it.
    text = (
        "U.S. Secretary of State John Kerrovi said recent Boko Haram attacks in northeastern Nigeria "
        'were "nothing less" than a crime against humanity. KERY spoke Thursday during a visit to Bulgaria.'
    )
    body = repair(client, text)
    fixes = {c["original"]: c["replacement"] for c in body["corrections"] if c["applied"]}
    assert fixes == {"John Kerrovi": "John Kerry", "KERY": "Kerry"}


def test_a_middle_name_written_as_a_name_stays_when_the_surname_is_put_right(client: FlaskClient) -> None:
    # The gazetteer writes Prakash Saran Mahat; "Sharan" is the same name as the writer
    # renders it, and only the scanner's "Maliat" is damage.
    body = repair(client, "Finance Minister Dr Prakash Sharan Maliat met the press on Monday.")
    [fix] = body["corrections"]
    assert (fix["original"], fix["replacement"], fix["applied"]) == ("Prakash Sharan Maliat", "Prakash Sharan Mahat", True)


def test_a_surname_a_title_gives_to_its_holder_is_not_read_as_anothers_cut_short(client: FlaskClient) -> None:
    # "Sharif" after "Prime Minister" is Pakistan's prime ministers' surname; read as
    # Azerbaijan's Samir Sharifov cut short (the first name a letter off), it was made his.
    text = (
        "General Sahir Shamshad Mirza on Thursday called upon newly-elected Prime Minister Sahir Sharif, "
        "said a statement. On Sunday, PM Shehbaz won the prime minister's election."
    )
    body = repair(client, text)
    assert [c["replacement"] for c in body["corrections"] if c["original"] == "Sahir Sharif"] == []


def test_a_deputy_post_in_apposition_is_not_a_ministers(client: FlaskClient) -> None:
    # The gazetteer's one Ranasinghe is a minister of irrigation; the deputy minister of tourism
    # named here is not him, whoever's first name the text gives.
    text = (
        "The delegation called on Vijitha Herath, Sri Lanka's Minister of Foreign Affairs, and "
        "Vijitha Ranasinghe, Deputy Minister of Tourism, in Colombo."
    )
    body = repair(client, text)
    assert body["corrections"] == []


def test_a_word_before_a_hyphen_and_a_number_has_no_partner(client: FlaskClient) -> None:
    # "COVID-19." then a name: the hyphen joins COVID to 19, not to the next sentence's
    # Barroso, so COVID is no one's pair and no damaged Čović.
    text = (
        'Investigations include one for spreading fake news over COVID-19. "Barroso and Alexandre '
        'de Moraes are persecuting me," he said.'
    )
    body = repair(client, text)
    assert body["corrections"] == []


def test_what_a_post_is_of_is_no_title_alone(client: FlaskClient) -> None:
    # "State Duma" is a parliament: "State" alone is no head of state's title, and Duma no
    # damaged Duda.
    text = (
        "He held meetings in the Kremlin with Foreign Minister Sergei Lavrov, members of the Russian "
        "government, and State Duma leaders."
    )
    body = repair(client, text)
    assert body["corrections"] == []


def test_a_fix_keeps_the_articles_way_with_accents(client: FlaskClient) -> None:
    # The article writes Imamoglu without Turkish letters; its misspelling is put right the same
    # way, not as the gazetteer's İmamoğlu.
    text = (
        "Some 15 million voted for Istanbul's deposed mayor Ekrem Imamoglu as the party's candidate. "
        "Prosecutors say that 99 suspects, including Imamgolu, were involved."
    )
    body = repair(client, text)
    [fix] = body["corrections"]
    assert (fix["original"], fix["replacement"], fix["applied"]) == ("Imamgolu", "Imamoglu", True)


@pytest.mark.parametrize(
    ("text", "written", "right"),
    [
        (
            "The candidate Nana Addo Dankwa Akufo-Addem won 49.13 percent of the vote.",
            "Nana Addo Dankwa Akufo-Addem", "Nana Addo Dankwa Akufo-Addo",
        ),
        ("Uganda's President Yoweri Kaguta Musevenim spoke.", "Yoweri Kaguta Musevenim", "Yoweri Kaguta Museveni"),
        # Or the first name damaged and the surname right.
        ("The song lampooned President Fdgar Chagwa Lungu.", "Fdgar Chagwa Lungu", "Edgar Chagwa Lungu"),
    ],
)
def test_a_damaged_name_with_middle_names_the_gazetteer_lacks_is_put_right(
    client: FlaskClient, text: str, written: str, right: str
) -> None:
    # The gazetteer has Nana Akufo-Addo and Yoweri Museveni; the middle names stay as written.
    body = repair(client, text)
    [fix] = body["corrections"]
    assert (fix["original"], fix["replacement"], fix["applied"]) == (written, right, True)


def test_a_persons_names_in_another_order_are_no_middle_names_left_out(client: FlaskClient) -> None:
    # Somalia's Ali Mohamed Ghedi, written in another order and spelling: nothing to put right.
    body = repair(client, "Prime Minister Mohammed Ali Gedi met the delegation in Nairobi.")
    assert body["corrections"] == []


def test_a_name_in_capitals_elsewhere_is_no_spelling_to_keep(client: FlaskClient) -> None:
    # "Akufo-ADDO" is the name in capitals (damage here), not the article's way with accents:
    # the fix of the surname elsewhere is written as the gazetteer writes it.
    text = (
        "Nana Akufo-ADDO got 49.77 percent. The commission said that the candidate Nana Addo Dankwa "
        "Akufo-Addas won 49.13% of the vote."
    )
    body = repair(client, text)
    fixes = {c["original"]: c["replacement"] for c in body["corrections"]}
    assert fixes["Nana Addo Dankwa Akufo-Addas"] == "Nana Addo Dankwa Akufo-Addo"


def test_a_post_ending_in_general_is_read_whole(client: FlaskClient) -> None:
    # "Attorney General" is one title, not the military "General".
    body = repair(client, "Attorney General Merrick Garlandd said the department would appeal.")
    [fix] = body["corrections"]
    assert fix["replacement"] == "Merrick Garland"
    assert "title 'Attorney General' fits" in fix["reason"]


def test_a_post_of_another_nation_is_not_this_persons(client: FlaskClient) -> None:
    # A Peruvian attorney general the gazetteer lacks, damaged, is no Finnish MP a letter away.
    body = repair(client, "Peruvian Attorney General Juari Villen said the case would stay open.")
    assert body["corrections"] == []


def test_a_fix_takes_the_articles_spelling_only_where_the_damage_is_no_nearer_the_persons_own(
    client: FlaskClient,
) -> None:
    # "Abdulla Ameen", a minister, reads as another rendering of Abdulla Yameen; the scanner's
    # "Yarneen" is Yameen's name, not the minister's "Ameen".
    body = repair(client, "Abdulla Ameen was health minister. He had served under former president Yarneen.")
    fixes = {c["original"]: c["replacement"] for c in body["corrections"]}
    assert fixes == {"Yarneen": "Yameen"}


def test_a_name_that_goes_on_into_a_buildings_is_the_buildings(client: FlaskClient) -> None:
    # "Al Husseiniya Palace" is a palace, not a Hussam Al Husseini with an ending left on.
    body = repair(client, "His Majesty King Abdullah on Wednesday at Al Husseiniya Palace received the minister.")
    assert body["corrections"] == []


def test_a_fix_keeps_the_arabic_article_in_the_case_written(client: FlaskClient) -> None:
    body = repair(client, "Iraq's supreme court revoked the membership of then Speaker Mohammed al-Halbousina.")
    [fix] = body["corrections"]
    assert fix["replacement"] == "Mohammed al-Halbousi"


def test_a_speaker_label_with_the_post_after_the_name_stays_in_capitals(client: FlaskClient) -> None:
    # A transcript's "NAME, POST:" label: capitals are the style, and the fix keeps them.
    body = repair(client, "ANTHONY ALBANEZE, PRIME MINISTER: Thanks very much for joining us today.")
    [fix] = body["corrections"]
    assert (fix["original"], fix["replacement"]) == ("ANTHONY ALBANEZE", "ANTHONY ALBANESE")


def test_a_word_inside_a_longer_name_is_no_first_name_to_put_right(client: FlaskClient) -> None:
    # "Manuel Mbela Bama Ndong": "Bama" is one of the ambassador's names, not a damaged "Obama"
    # of the gazetteer's Obama Ndongs.
    text = (
        "The envoys who presented their credentials included the Ambassador of the Republic of "
        "Equatorial Guinea Manuel Mbela Bama Ndong."
    )
    body = repair(client, text)
    assert body["corrections"] == []


def test_a_first_name_as_another_of_the_persons_names_writes_it_stays(client: FlaskClient) -> None:
    # The gazetteer has Luvsannamsrain Oyun-Erdene and, as another of his names, Oyunerdene
    # Luvsannamsrai: "Luvsannamsrai" is his, not his first name cut short.
    body = repair(client, "Mongolian Prime Minister Luvsannamsrai Oyun-Erdene arrived in Seoul on Wednesday.")
    assert body["corrections"] == []
