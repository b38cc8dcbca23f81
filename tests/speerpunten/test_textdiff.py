"""Word-level diff, three-way merge and provenance of section texts (pure, no database)."""

import re
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult.seed.texts import SPEERPUNT_TEXTS
from consult.speerpunten import textdiff
from consult.speerpunten.textdiff import (
    ConflictRegion,
    MergeResult,
    diff_words,
    merge_three_way,
    provenance,
    tokenize,
)

# database=None: nothing is written into the shared source tree.
PROPERTY = settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

# Short words repeat a lot, like "de" and "het" in real prose, which is what
# makes alignment ambiguous and worth testing.
VOCAB = [
    "de", "het", "een", "en", "van", "gemeente", "taal", "werk", "Fryslân", "allochtone", "rijk",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n\n", "  "]

SENTENCE = "Gemeenten voeren de regie over het aanbod van inburgering in Fryslân."

unicode_text = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(list(" \t\n\r.,;:!?-'\"()âëïöüéĳ€") + ["\u00a0", "\u2028", "\u0302"]),
    ),
    max_size=80,
)


def words_and_separators(draw, min_words=1, max_words=25):
    words = draw(st.lists(st.sampled_from(VOCAB), min_size=min_words, max_size=max_words))
    separators = draw(
        st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words))
    )
    if separators:
        separators[0] = ""  # separator i sits before word i
    return words, separators


def join(words, separators):
    return "".join(sep + word for sep, word in zip(separators, words))


def apply_edits(words, separators, edits):
    """Apply {index: ("replace"|"delete"|"insert_after", new_word)} to a word list."""
    out_words, out_seps = [], []
    for i, (word, sep) in enumerate(zip(words, separators)):
        kind, new = edits.get(i, (None, None))
        if kind == "delete":
            continue
        out_seps.append(sep)
        out_words.append(new if kind == "replace" else word)
        if kind == "insert_after":
            out_seps.append(" ")
            out_words.append(new)
    if out_seps:
        out_seps[0] = ""
    return join(out_words, out_seps)


def joined(pieces, ops):
    return "".join(text for op, text in pieces if op in ops)


# --- tokenize -----------------------------------------------------------------


@PROPERTY
@given(unicode_text)
def test_tokenize_round_trips_any_text(text):
    assert "".join(tokenize(text)) == text


@PROPERTY
@given(unicode_text)
def test_tokenize_yields_words_whitespace_runs_or_single_characters(text):
    tokens = tokenize(text)
    assert all(tokens)
    for token in tokens:
        assert re.fullmatch(r"\w+|\s+|[^\w\s]", token)
    # Maximal runs: two word tokens or two whitespace tokens never touch.
    for left, right in zip(tokens, tokens[1:]):
        assert not (re.fullmatch(r"\w+", left) and re.fullmatch(r"\w+", right))
        assert not (left.isspace() and right.isspace())


def test_tokenize_splits_words_whitespace_and_punctuation():
    assert tokenize("In Fryslân, de allochtone  burgers!\n\nNu.") == [
        "In", " ", "Fryslân", ",", " ", "de", " ", "allochtone", "  ", "burgers", "!", "\n\n",
        "Nu", ".",
    ]


def test_tokenize_keeps_each_punctuation_character_separate():
    assert tokenize("ja?!...") == ["ja", "?", "!", ".", ".", "."]


def test_tokenize_of_empty_text_is_empty():
    assert tokenize("") == []


# --- diff_words ---------------------------------------------------------------


def check_diff_invariants(a, b, pieces):
    assert joined(pieces, {"equal", "delete"}) == a
    assert joined(pieces, {"equal", "insert"}) == b
    assert all(op in {"equal", "delete", "insert"} for op, _ in pieces)
    assert all(text for _, text in pieces)
    assert all(left[0] != right[0] for left, right in zip(pieces, pieces[1:]))
    ops = [op for op, _ in pieces]
    assert ("insert", "delete") not in zip(ops, ops[1:])


@PROPERTY
@given(unicode_text, unicode_text)
def test_diff_words_reconstructs_both_texts_for_arbitrary_pairs(a, b):
    check_diff_invariants(a, b, diff_words(a, b))


@st.composite
def base_and_word_edit(draw):
    words, separators = words_and_separators(draw)
    edits = {}
    for i in draw(st.sets(st.integers(0, len(words) - 1), max_size=len(words))):
        kind = draw(st.sampled_from(["replace", "delete", "insert_after"]))
        edits[i] = (kind, draw(st.sampled_from(VOCAB + ["nieuw", "beleid"])))
    return join(words, separators), apply_edits(words, separators, edits)


@PROPERTY
@given(base_and_word_edit())
def test_diff_words_reconstructs_both_texts_after_random_word_edits(pair):
    a, b = pair
    check_diff_invariants(a, b, diff_words(a, b))


def test_diff_words_one_changed_word_is_a_delete_and_insert_of_just_that_word():
    assert diff_words("Het oude beleid werkt goed.", "Het nieuwe beleid werkt goed.") == [
        ("equal", "Het "),
        ("delete", "oude"),
        ("insert", "nieuwe"),
        ("equal", " beleid werkt goed."),
    ]


def test_diff_words_of_identical_texts_is_one_equal_entry():
    assert diff_words(SENTENCE, SENTENCE) == [("equal", SENTENCE)]


def test_diff_words_with_empty_side_is_a_single_delete_or_insert():
    assert diff_words("", "") == []
    assert diff_words("", "nieuw") == [("insert", "nieuw")]
    assert diff_words("oud", "") == [("delete", "oud")]


def test_diff_words_inserted_words_show_as_one_insertion():
    assert diff_words("de taal en werk", "de Nederlandse taal en werk") == [
        ("equal", "de "),
        ("insert", "Nederlandse "),
        ("equal", "taal en werk"),
    ]


def test_diff_words_absorbs_a_lone_space_between_two_changed_words():
    old, new = "Wij voeren regie over het aanbod.", "Zij bepalen kaders voor het aanbod."
    assert diff_words(old, new) == [
        ("delete", "Wij voeren regie over"),
        ("insert", "Zij bepalen kaders voor"),
        ("equal", " het aanbod."),
    ]


def test_diff_words_keeps_shared_text_between_separate_changes_equal():
    assert diff_words("de oude man en de oude vrouw", "de jonge man en de jonge vrouw") == [
        ("equal", "de "),
        ("delete", "oude"),
        ("insert", "jonge"),
        ("equal", " man en de "),
        ("delete", "oude"),
        ("insert", "jonge"),
        ("equal", " vrouw"),
    ]


def test_diff_words_shows_a_rewritten_sentence_as_one_replacement():
    old = (
        "Sinds 2007 ligt de verantwoordelijkheid bij de inburgeraar, "
        "terwijl gemeenten de regie hebben."
    )
    new = "Het rijk stelt middelen beschikbaar, zodat gemeenten meer trajecten kunnen aanbieden."
    # Short shared bits (", ", " gemeenten ") inside a rewrite are coincidence, not kept text.
    assert diff_words(old, new) == [("delete", old[:-1]), ("insert", new[:-1]), ("equal", ".")]


def test_diff_words_coalesces_adjacent_entries_of_one_kind():
    pieces = diff_words("een twee drie", "een vier vijf drie")
    assert pieces == [
        ("equal", "een "), ("delete", "twee"), ("insert", "vier vijf"), ("equal", " drie"),
    ]


# --- merge_three_way ------------------------------------------------------------

BASE = (
    "Gemeenten voeren de regie over het aanbod. "
    "Het Rijk stelt de kaders vast. "
    "Provincies ondersteunen waar nodig."
)


def test_merge_keeps_changes_in_different_sentences_from_both_sides():
    current = BASE.replace("voeren de regie", "hebben de regie")
    proposed = BASE.replace("waar nodig", "waar dat helpt")
    result = merge_three_way(BASE, current, proposed)
    assert result.ok
    assert result.conflicts == ()
    assert result.text == (
        "Gemeenten hebben de regie over het aanbod. "
        "Het Rijk stelt de kaders vast. "
        "Provincies ondersteunen waar dat helpt."
    )


def test_merge_keeps_changes_to_two_adjacent_words():
    result = merge_three_way(
        "het oude beleid werkt", "het nieuwe beleid werkt", "het oude plan werkt"
    )
    assert result == MergeResult("het nieuwe plan werkt", ())


def test_merge_of_identical_changes_is_clean():
    current = BASE.replace("kaders", "heldere kaders")
    result = merge_three_way(BASE, current, current)
    assert result.ok and result.text == current


def test_merge_of_identical_change_plus_a_separate_change_is_clean():
    current = BASE.replace("Rijk", "kabinet").replace("nodig", "gewenst")
    proposed = BASE.replace("Rijk", "kabinet")
    assert merge_three_way(BASE, current, proposed).text == current


def test_merge_of_a_deletion_over_a_changed_word_reports_the_region():
    current = BASE.replace("stelt de kaders vast", "stelt vast")
    proposed = BASE.replace("kaders", "grenzen")
    result = merge_three_way(BASE, current, proposed)
    assert not result.ok
    assert result.text is None
    assert result.conflicts == (
        ConflictRegion(
            base="de kaders ",
            current="",
            proposed="de grenzen ",
            before="Gemeenten voeren de regie over het aanbod. Het Rijk stelt ",
            after="vast. Provincies ondersteunen waar nodig.",
        ),
    )


def test_merge_conflict_region_keeps_the_non_overlapping_change_in_its_context():
    # "stelt" -> "bepaalt" does not touch "kaders", so it is merged into the
    # context; deleting " vast" leaves no space to separate it from "kaders".
    current = BASE.replace("stelt de kaders vast", "bepaalt de kaders")
    proposed = BASE.replace("kaders", "grenzen")
    (conflict,) = merge_three_way(BASE, current, proposed).conflicts
    assert (conflict.base, conflict.current, conflict.proposed) == (
        "kaders vast", "kaders", "grenzen vast",
    )
    assert conflict.before.endswith("Het Rijk bepaalt de ")
    assert conflict.after == ". Provincies ondersteunen waar nodig."


def test_merge_of_two_conflicts_split_by_a_space_is_one_region():
    result = merge_three_way("a b c d", "a X Y d", "a P Q d")
    assert result.conflicts == (
        ConflictRegion(base="b c", current="X Y", proposed="P Q", before="a ", after=" d"),
    )


def test_merge_conflict_on_one_word_names_exactly_that_word():
    result = merge_three_way("het oude beleid", "het nieuwe beleid", "het huidige beleid")
    assert result.conflicts == (
        ConflictRegion(
            base="oude", current="nieuwe", proposed="huidige", before="het ", after=" beleid"
        ),
    )


def test_merge_conflict_context_is_at_most_about_sixty_characters():
    long_before = " ".join(["woord"] * 40)
    base = f"{long_before} oud {long_before}"
    current, proposed = base.replace(" oud ", " nieuw "), base.replace(" oud ", " anders ")
    result = merge_three_way(base, current, proposed)
    (conflict,) = result.conflicts
    assert 0 < len(conflict.before) <= 60 and 0 < len(conflict.after) <= 60
    assert current.count(conflict.before + "nieuw" + conflict.after) == 1


def test_merge_insertion_next_to_a_changed_word_is_a_conflict():
    # Either order ("goed zorg", "zorg") would be a guess.
    result = merge_three_way("de taal en werk", "de taal en goed werk", "de taal en zorg")
    assert result.conflicts == (
        ConflictRegion(
            base="werk", current="goed werk", proposed="zorg", before="de taal en ", after=""
        ),
    )


def test_merge_different_insertions_at_one_point_conflict():
    result = merge_three_way("taal en werk", "taal, opleiding en werk", "taal, zorg en werk")
    assert result.conflicts == (
        ConflictRegion(
            base="", current=", opleiding", proposed=", zorg", before="taal", after=" en werk"
        ),
    )


def test_merge_identical_insertions_at_one_point_appear_once():
    current = BASE.replace("aanbod.", "aanbod. Dat kost tijd.")
    result = merge_three_way(BASE, current, current.replace("Provincies", "Alle provincies"))
    assert result.text == current.replace("Provincies", "Alle provincies")


def test_merge_identical_insertion_next_to_a_change_on_one_side_is_clean():
    result = merge_three_way("a b", "a X Y", "a X b")
    assert result == MergeResult("a X Y", ())


def test_merge_with_unchanged_current_gives_proposed_exactly():
    proposed = "Iets heel anders.\n\nMet nieuwe alinea's."
    assert merge_three_way(BASE, BASE, proposed) == MergeResult(proposed, ())


def test_merge_with_unchanged_proposal_gives_current_exactly():
    current = "Iets heel anders.\n\nMet nieuwe alinea's."
    assert merge_three_way(BASE, current, BASE) == MergeResult(current, ())


@PROPERTY
@given(unicode_text, unicode_text)
def test_merge_with_one_side_unchanged_returns_the_other_for_any_text(base, other):
    assert merge_three_way(base, base, other).text == other
    assert merge_three_way(base, other, base).text == other
    assert merge_three_way(base, other, other).text == other


@PROPERTY
@given(unicode_text, unicode_text, unicode_text)
def test_merge_of_arbitrary_texts_gives_text_or_conflicts(base, current, proposed):
    result = merge_three_way(base, current, proposed)
    assert result.ok == (result.text is not None) == (not result.conflicts)


def without_repeated_pairs(words, vocabulary):
    """Swap words so that no pair of neighbouring words occurs twice.

    In "de de de de" → "X de de de de Y" several alignments are equally small,
    and which one is right depends on intent no diff can see; prose without
    repeated word pairs has one natural alignment, which is what merges need.
    """
    used, out = set(), []
    for word in words:
        if out:
            start = vocabulary.index(word)
            candidates = (vocabulary[(start + n) % len(vocabulary)] for n in range(len(vocabulary)))
            word = next((w for w in candidates if (out[-1], w) not in used), None)
            if word is None:
                break
            used.add((out[-1], word))
        out.append(word)
    return out


LONG_VOCAB = VOCAB + [f"woord{n}" for n in range(20)]


@st.composite
def separated_edits(draw, min_words=3, max_words=25, vocabulary=VOCAB):
    """A base word list and edits for current and proposed that an unchanged word keeps apart."""
    words = without_repeated_pairs(
        draw(st.lists(st.sampled_from(vocabulary), min_size=min_words, max_size=max_words)),
        vocabulary,
    )
    separators = [""] + draw(
        st.lists(st.sampled_from(SEPARATORS), min_size=len(words) - 1, max_size=len(words) - 1)
    )
    side_choice = st.sampled_from([None, None, "current", "proposed"])
    sides = draw(st.lists(side_choice, min_size=len(words), max_size=len(words)))
    for i in range(1, len(words)):
        if sides[i] and sides[i - 1] and sides[i] != sides[i - 1]:
            sides[i] = None
    edits = {"current": {}, "proposed": {}}
    for i, side in enumerate(sides):
        if side is None:
            continue
        kinds = ["replace", "insert_after"]
        # Deleting a word equal to a neighbour, or beside another deletion, has
        # several equally small diffs; that ambiguity is not what this tests.
        neighbours = {words[k] for k in (i - 1, i + 1) if k < len(words)}
        if i > 0 and words[i] not in neighbours and edits[side].get(i - 1, ("",))[0] != "delete":
            kinds.append("delete")
        # Fresh words (not in VOCAB, distinct per side) cannot be mistaken for base words.
        edits[side][i] = (draw(st.sampled_from(kinds)), f"{side.upper()}{i}")
    return words, separators, edits


def check_separated_edits_merge(case):
    words, separators, edits = case
    base = join(words, separators)
    current = apply_edits(words, separators, edits["current"])
    proposed = apply_edits(words, separators, edits["proposed"])
    result = merge_three_way(base, current, proposed)
    assert result.conflicts == ()
    assert result.text == apply_edits(words, separators, {**edits["current"], **edits["proposed"]})


@PROPERTY
@given(separated_edits())
def test_merge_of_edits_separated_by_an_unchanged_word_applies_both(case):
    check_separated_edits_merge(case)


@settings(PROPERTY, max_examples=50)
@given(separated_edits(min_words=80, max_words=150, vocabulary=LONG_VOCAB))
def test_merge_of_separated_edits_in_long_repetitive_texts_applies_both(case):
    # With no small-gap allowance every gap is split on anchors (unique words,
    # then words as frequent on both sides), as in a real 5,000-word section.
    with patch.object(textdiff, "_SMALL_GAP", 0):
        check_separated_edits_merge(case)


def test_merge_in_repetitive_text_keeps_each_edit_on_its_own_word():
    words = ["de"] * 12

    def edit(changes):
        return " ".join(changes.get(i, word) for i, word in enumerate(words))

    # Several alignments of "de de de" are equally long; the one that keeps
    # replaced words in place must win, or C lands a word off.
    for current, proposed in [
        ({6: "C"}, {3: "P", 4: "Q", 8: "R"}),
        ({6: "C"}, {2: "P", 4: "Q", 8: "R"}),
    ]:
        result = merge_three_way(edit({}), edit(current), edit(proposed))
        assert result == MergeResult(edit({**current, **proposed}), ())


def test_merge_into_a_long_section_keeps_changes_far_apart():
    text = "\n\n".join(section for texts in SPEERPUNT_TEXTS.values() for section in texts.values())
    words = [m.start() for m in re.finditer(r"\w+", text)]
    first, middle, last = words[5], words[len(words) // 2], words[-5]

    def replace_word_at(source, start, new):
        end = re.compile(r"\w+").match(source, start).end()
        return source[:start] + new + source[end:]

    current = replace_word_at(replace_word_at(text, last, "LAATSTE"), first, "EERSTE")
    proposed = replace_word_at(text, middle, "MIDDEN")
    expected = replace_word_at(
        replace_word_at(replace_word_at(text, last, "LAATSTE"), middle, "MIDDEN"), first, "EERSTE"
    )
    assert len(words) > 4000
    assert merge_three_way(text, current, proposed) == MergeResult(expected, ())


# --- provenance ---------------------------------------------------------------


def test_provenance_labels_each_passage_with_the_version_that_wrote_it():
    v1 = "Gemeenten voeren de regie. Het Rijk stelt kaders."
    v2 = "Gemeenten voeren de regie. Provincies helpen bij de uitvoering. Het Rijk stelt kaders."
    v3 = "Gemeenten hebben de regie. Provincies helpen bij de uitvoering. Het Rijk stelt kaders."
    v4 = "Gemeenten hebben de regie. Provincies helpen. Het Rijk stelt kaders."
    assert provenance([(1, v1), (2, v2), (3, v3), (4, v4)]) == [
        (1, "Gemeenten "),
        (3, "hebben"),
        (1, " de regie. "),
        (2, "Provincies helpen. "),
        (1, "Het Rijk stelt kaders."),
    ]


def test_provenance_does_not_split_a_passage_at_a_space():
    # The new words replace both words around a kept space: one passage, not three.
    passages = provenance([("v1", "het oude beleid werkt"), ("v2", "het nieuwe plan werkt")])
    assert passages == [("v1", "het "), ("v2", "nieuwe plan"), ("v1", " werkt")]


def test_provenance_of_no_versions_is_empty():
    assert provenance([]) == []


def test_provenance_of_one_version_is_one_passage():
    assert provenance([("v1", SENTENCE)]) == [("v1", SENTENCE)]
    assert provenance([("v1", "")]) == []


def test_provenance_after_emptying_and_rewriting_labels_all_with_the_last_version():
    assert provenance([(1, "oud"), (2, ""), (3, "nieuw")]) == [(3, "nieuw")]


@st.composite
def edit_histories(draw):
    words, separators = words_and_separators(draw, min_words=0)
    history = [(0, join(words, separators))]
    for version in range(1, draw(st.integers(1, 5)) + 1):
        edits = {}
        for i in draw(st.sets(st.integers(0, max(len(words) - 1, 0)), max_size=4)):
            kind = draw(st.sampled_from(["replace", "delete", "insert_after"]))
            edits[i] = (kind, draw(st.sampled_from(VOCAB)))
        text = apply_edits(words, separators, edits)
        words = re.findall(r"\S+", text)
        separators = [""] + [" "] * (len(words) - 1)
        history.append((version, text))
    return history


@PROPERTY
@given(edit_histories())
def test_provenance_joins_to_the_last_text_for_random_histories(history):
    passages = provenance(history)
    assert "".join(text for _, text in passages) == history[-1][1]
    assert all(text for _, text in passages)
    assert all(left[0] != right[0] for left, right in zip(passages, passages[1:]))
    assert {label for label, _ in passages} <= {label for label, _ in history}


@PROPERTY
@given(st.lists(unicode_text, min_size=1, max_size=4))
def test_provenance_joins_to_the_last_text_for_arbitrary_texts(texts):
    passages = provenance(list(enumerate(texts)))
    assert "".join(text for _, text in passages) == texts[-1]


def test_provenance_built_on_an_earlier_versions_passages_is_the_same_as_from_the_start():
    from consult.speerpunten.textdiff import provenance_runs, smooth

    texts = ["Gemeenten  bouwen woningen voor iedereen.",
             "Gemeenten en provincies bouwen woningen voor iedereen.",
             "Gemeenten en provincies bouwen  betaalbare woningen voor iedereen, snel.",
             "Provincies bouwen  betaalbare woningen voor iedereen, snel en samen.",
             "Provincies en het rijk bouwen betaalbare woningen, snel en samen."]
    versions = list(enumerate(texts, start=1))
    for cut in range(1, len(texts)):
        earlier = provenance_runs(versions[:cut])
        assert "".join(text for _label, text in earlier) == texts[cut - 1]
        assert smooth(provenance_runs(versions[cut:], start=earlier)) == provenance(versions)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(["wij", "bouwen", "samen", " ", "  ", ",", "."]),
                         min_size=1, max_size=12).map("".join), min_size=2, max_size=5),
       st.data())
def test_provenance_from_any_earlier_version_equals_provenance_from_the_first(texts, data):
    from consult.speerpunten.textdiff import provenance_runs, smooth

    versions = list(enumerate(texts, start=1))
    cut = data.draw(st.integers(min_value=1, max_value=len(texts) - 1))
    earlier = provenance_runs(versions[:cut])
    assert smooth(provenance_runs(versions[cut:], start=earlier)) == provenance(versions)
