//! Tests of the spelling rule.

use super::shape::is_roman_numeral;
use super::*;
use crate::rules::testing::{flagged, run};

/// The flagged words at error level, and those at info level.
fn by_level(text: &str) -> (Vec<&str>, Vec<&str>) {
    let diags = run(&Spelling, text);
    let pick = |info: bool| {
        diags
            .iter()
            .filter(|d| (d.severity == Severity::Info) == info)
            .filter_map(|d| text.get(d.span.clone()))
            .collect()
    };
    (pick(false), pick(true))
}

#[test]
fn only_a_possible_slip_of_a_name_is_ranked() {
    let dict = Dictionary::new(crate::dictionary::Lang::EnUs);
    // A common name with two letters swapped, and a listed misspelling.
    assert!(may_be_slip_of_name(&dict, "Kremiln"));
    assert!(may_be_slip_of_name(&dict, "Recieve"));
    // Names one other edit from a word, and names far from any.
    for name in ["Witkoff", "Dmitriev", "Kirill", "Zelensky", "Dmitry"] {
        assert!(!may_be_slip_of_name(&dict, name), "{name}");
    }
    // The rule agrees: only the slip is flagged mid-sentence.
    let text = "Officials in the Kremiln met Witkoff and Dmitriev.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["Kremiln"]);
}

#[test]
fn words_cut_off_by_a_dash_are_not_typos() {
    let text = "“I’m all out of prac—” she said. “At dinn—” and experi-—what we see.";
    assert_eq!(flagged(text, &run(&Spelling, text)), Vec::<&str>::new());
    // A misspelling before a dash is not the start of any word.
    let text = "We will recieve—and keep—the report, and teh— well.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["recieve", "teh"]);
}

#[test]
fn prefixes_before_a_hyphen_are_not_words_of_their_own() {
    let text = "It is un-American; intra-departmental accounts.";
    assert_eq!(flagged(text, &run(&Spelling, text)), Vec::<&str>::new());
    // Without the hyphen and a word after it, `un` is no word.
    let text = "We went un the house.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["un"]);
}

#[test]
fn words_drawn_out_across_dashes_are_not_typos() {
    let text = "Beau—ootiful Soo—oop! Soo—oop of the evening.";
    assert_eq!(flagged(text, &run(&Spelling, text)), Vec::<&str>::new());
    // Joined, the pieces must make a word.
    let text = "The idea—recieve it—came late.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["recieve"]);
}

#[test]
fn two_content_words_written_solid_are_a_note() {
    let (errors, info) = by_level("Thank the warfighters; reward the risktakers.");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(info, ["warfighters", "risktakers"]);
    let diags = run(&Spelling, "We need risktakers.");
    let first = diags.first().and_then(|d| d.fixes.first());
    assert_eq!(
        first.map(|f| f.title.as_str()),
        Some("replace with `risk-takers`")
    );
    // Slips that split into words stay errors: a common word is near
    // (`careful`, `everything`), or a part is a function word.
    let (errors, info) = by_level("Be carefull with evething, and stayat home toknow it.");
    assert_eq!(errors, ["carefull", "evething", "stayat", "toknow"]);
    assert!(info.is_empty(), "{info:?}");
}

#[test]
fn regular_forms_the_lists_lack_are_a_note() {
    let (errors, info) = by_level("Such devastations and timidities were pulpless.");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(info, ["devastations", "timidities", "pulpless"]);
    // Endings that change the stem are where misspellings are made.
    let (errors, _) = by_level("It was achieveable but it occured late.");
    assert_eq!(errors, ["achieveable", "occured"]);
    // Plurals of agent nouns, however rare the noun.
    let (errors, info) = by_level("The accessors call prefetchers, not formatters.");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(info, ["accessors", "prefetchers", "formatters"]);
}

#[test]
fn regular_forms_of_known_words_are_flagged_but_never_safe() {
    let d = Dictionary::new(crate::dictionary::Lang::EnUs);
    for w in [
        "elations",
        "kidnaped",
        "benefitted",
        "benefitting",
        "leaguers",
    ] {
        assert!(inflects_known(&d, w), "{w}");
    }
    for w in ["recieved", "teh", "wendsday", "hte", "becuase"] {
        assert!(!inflects_known(&d, w), "{w}");
    }
    let text = "The elations of men.";
    let diags = run(&Spelling, text);
    assert!(diags.iter().all(|x| x
        .fixes
        .iter()
        .all(|f| f.applicability != Applicability::Safe)));
}

#[test]
fn flags_misspellings_with_ranked_suggestions() {
    let text = "Recieve teh report on Wendsday.";
    let d = run(&Spelling, text);
    assert_eq!(flagged(text, &d), ["Recieve", "teh", "Wendsday"]);
    let firsts: Vec<_> = d
        .iter()
        .map(|d| d.fixes[0].edits[0].replacement.as_str())
        .collect();
    assert_eq!(firsts, ["Receive", "the", "Wednesday"]);
    assert_eq!(d[0].message, "unknown word `Recieve`");
}

#[test]
fn context_picks_among_close_suggestions() {
    let first = |text: &str| {
        run(&Spelling, text)[0].fixes[0].edits[0]
            .replacement
            .clone()
    };
    assert_eq!(first("They ard coming."), "are");
    assert_eq!(first("Bread ard butter."), "and");
}

#[test]
fn leaves_names_numbers_and_urls_alone() {
    let text = "Steve Witkoff met Kirill Dmitriev in Kyiv. Witkoff’s plan cost €21bn (£18.2bn) on 2025-04-11, see https://exmaple.com/teh or mail teh@exmaple.com and NATO.";
    assert!(
        run(&Spelling, text).is_empty(),
        "{:?}",
        run(&Spelling, text)
    );
}

#[test]
fn rare_two_letter_words_that_swap_a_common_one_are_flagged() {
    let text = "It is a sense fo the world and it si fine.";
    let d = run(&Spelling, text);
    assert_eq!(flagged(text, &d), ["fo", "si"]);
    assert_eq!(d[0].fixes[0].edits[0].replacement, "of");
    assert_eq!(d[1].fixes[0].edits[0].replacement, "is");
    // Not as part of a compound: `Oh, my Ga-od!` draws out `God`.
    assert!(run(&Spelling, "Oh, my Ga-od!").is_empty());
}

#[test]
fn a_sentence_may_begin_with_a_name_of_two_words() {
    let text = "Novo Nordisk said so. Nvidia rose. Unesco agreed. Kylian Mbappé scored.";
    assert!(
        run(&Spelling, text).is_empty(),
        "{:?}",
        run(&Spelling, text)
    );
    // A misspelt first word before a lowercase one is still flagged, and
    // a known misspelling before a capitalised one too.
    let text = "Becuase it rained. Teh President spoke.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["Becuase", "Teh"]);
}

#[test]
fn particles_of_names_are_not_words() {
    let text = "Ursula von der Leyen met Mohammed bin Salman, a della Robbia, \
                    Ibn Battuta's heir ibn Rushd and Karl-Theodor zu Guttenberg.";
    assert!(
        run(&Spelling, text).is_empty(),
        "{:?}",
        run(&Spelling, text)
    );
    // Before a lowercase word they are checked as usual.
    let text = "We went von the road.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["von"]);
}

#[test]
fn units_after_numbers_are_not_words() {
    let text = "It took 0.36 ns, then 12 µs, 20 mins, 5 mcg and 400 nm at 30 kts.";
    assert!(
        run(&Spelling, text).is_empty(),
        "{:?}",
        run(&Spelling, text)
    );
    // Without a number they are still unknown.
    let text = "The ns were many mins ago.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["ns", "mins"]);
}

#[test]
fn roman_numerals_that_number_clauses_are_not_words() {
    for w in [
        "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xiv", "xl", "mcmxc",
    ] {
        assert!(is_roman_numeral(w), "{w}");
    }
    for w in ["iiii", "vv", "ic", "xm", "iix", "teh", "", "mmmm"] {
        assert!(!is_roman_numeral(w), "{w}");
    }
    // From the Apache and CC0 licences.
    let text = "(ii) ownership of fifty percent, or (iii) beneficial ownership; \
                    the rights in clause (iv) and [vi] apply.\nvii. Last item\nviii) Next \
                    by i) the code or ii) the version";
    assert!(
        run(&Spelling, text).is_empty(),
        "{:?}",
        run(&Spelling, text)
    );
    // A slip in running text is still one.
    let text = "The ii of them went home.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["ii"]);
}

#[test]
fn flags_misspelt_names_near_common_ones() {
    let text = "Officials in the Kremiln said so.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["Kremiln"]);
    assert!(run(&Spelling, "spokesman Dmitry Peskov said").is_empty());
    assert!(is_transposition("Kremiln", "Kremlin"));
    assert!(!is_transposition("Dmitry", "Dmitri"));
}

#[test]
fn dialect_and_accents() {
    assert!(run(&Spelling, "I was goin’ home in the coupé.").is_empty());
    let text = "I was goin home.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["goin"]);
}

#[test]
fn old_words_after_an_apostrophe() {
    for text in [
        "‘Oh, ’tis love, ’tis love,’ said the Duchess.",
        "'Twas the night before Christmas.",
        "Under the stars (’neath the moon) we slept.",
    ] {
        assert!(run(&Spelling, text).is_empty(), "{text}");
    }
    // Without the apostrophe they are not words.
    let text = "Oh, tis love.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["tis"]);
}

#[test]
fn closed_compounds_are_words() {
    let text = "Counterterrorism cut the redtape at unobligated powerplants.";
    assert!(
        run(&Spelling, text).is_empty(),
        "{:?}",
        run(&Spelling, text)
    );
    // A known misspelling is no compound, nor is a pair so frequent
    // that writing it as one word is the usual slip.
    let text = "Wait untill everytime.";
    assert_eq!(
        flagged(text, &run(&Spelling, text)),
        ["untill", "everytime"]
    );
}

#[test]
fn hyphenated_parts_are_checked() {
    let text = "a full-scale war and a ful-scale war";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["ful"]);
    // Split into syllables on purpose.
    assert!(run(&Spelling, "The bles-sed pre-cious!").is_empty());
}

#[test]
fn all_caps_words_are_checked_case_insensitively() {
    assert!(run(&Spelling, "people are DYING").is_empty());
    let text = "people RECIEVE now";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["RECIEVE"]);
    assert_eq!(
        run(&Spelling, text)[0].fixes[0].edits[0].replacement,
        "RECEIVE"
    );
}

#[test]
fn title_case_slips_are_flagged_but_names_are_not() {
    // A capitalised word beside a capitalised common word is Title
    // Case: one edit from a common word, it is a slip.
    for text in [
        "Read the Project Managment Team guide.",
        "See the Office of Communiations today.",
        "## Advanecd Configuration",
    ] {
        let d = run(&Spelling, text);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        assert!(d[0].severity >= Severity::Warning, "{text}");
    }
    // Names beside names, and names far from any common word.
    for text in [
        "Thanks to Ivan Tse and Kirstin Heidler for this.",
        "We met Zorbak Nordisk there.",
    ] {
        let d = run(&Spelling, text);
        assert!(
            d.iter().all(|d| d.severity < Severity::Warning),
            "{text}: {d:?}"
        );
    }
}

#[test]
fn unknown_words_in_a_list_of_names_are_notes() {
    let text = "Thanks to Ben Balter, parkr, Pat Hawks, dkalev, Alfred Xing and Zorba Quux.";
    let (errors, info) = by_level(text);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(info.contains(&"dkalev"), "{info:?}");
    // Ordinary prose with commas is no list of names.
    let (errors, _) = by_level("We came, we saw, we left, we ate, and we recieved it.");
    assert_eq!(errors, ["recieved"]);
    // A list item or a table cell that is only a name or two.
    let (errors, info) =
        by_level_md("- Aaron Sky\n- ajhit406\n- Aki\n- nscyclone\n- Recieve the mail\n");
    assert_eq!(errors, ["Recieve"]);
    assert_eq!(info, ["Aki", "nscyclone"]);
    // A slip inside the list, not an item of it, is still an error.
    let text = "Thanks to Ben Balter, parkr, Pat Hawks, dkalev, and Alfred Xing ofr their commits.";
    let (errors, info) = by_level(text);
    assert_eq!(errors, ["ofr"]);
    assert_eq!(info, ["parkr", "dkalev"]);
    // A note's fix is never applied unasked (`tasken` is a handle).
    let d = run(
        &Spelling,
        "Thanks to Ben Balter, sonnym, Pat Hawks, takuti, and tasken.",
    );
    assert!(d.iter().all(|x| x
        .fixes
        .iter()
        .all(|f| f.applicability != Applicability::Safe)));
}

/// Flagged words at error level and at info level, in Markdown.
fn by_level_md(text: &str) -> (Vec<String>, Vec<String>) {
    use crate::document::Format;
    use crate::rules::testing::run_with;
    let d = run_with(
        &Spelling,
        text,
        Format::Markdown,
        crate::dictionary::Lang::EnUs,
    );
    let pick = |info: bool| {
        d.iter()
            .filter(|x| (x.severity == Severity::Info) == info)
            .map(|x| text[x.span.clone()].to_string())
            .collect::<Vec<_>>()
    };
    (pick(false), pick(true))
}

#[test]
fn regular_forms_with_any_known_stem_are_notes() {
    let (errors, info) = by_level(
        "It was benchmarked, permissioned and firewalled; renderable, with findability, \
             and derandomized.",
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        info,
        [
            "benchmarked",
            "permissioned",
            "firewalled",
            "renderable",
            "findability"
        ]
    );
    // A common word one edit away keeps the slip an error, and stems
    // changed by an ending are not regular forms.
    let (errors, _) = by_level("Open issues agains it, acceping sockets, achieveable.");
    assert_eq!(errors, ["agains", "acceping", "achieveable"]);
    // A regular form is never fixed unasked.
    let d = run(&Spelling, "It was permissioned.");
    assert!(d.iter().all(|x| x
        .fixes
        .iter()
        .all(|f| f.applicability != Applicability::Safe)));
}

#[test]
fn letters_against_inline_code_are_part_of_it() {
    let (errors, info) = by_level_md("Spawn it, or `.await`ing it, or un`pin` it.\n");
    assert!(errors.is_empty() && info.is_empty(), "{errors:?} {info:?}");
    // With a hyphen between.
    let (errors, info) = by_level_md("Rely on it by `import`-ing it, a non-`Sendd` type.\n");
    assert!(errors.is_empty() && info.is_empty(), "{errors:?} {info:?}");
    let (errors, _) = by_level_md("Rely on it by `import`-ing it - recieved.\n");
    assert_eq!(errors, ["recieved"]);
    // Markdown escapes inside an identifier.
    let (errors, info) =
        by_level_md("Fix cmd\\_regen\\_makefile and uv\\_\\_idna\\_toascii now.\n");
    assert!(errors.is_empty() && info.is_empty(), "{errors:?} {info:?}");
    // A word after a space is a word.
    let (errors, _) = by_level_md("Use `x` recieving it.\n");
    assert_eq!(errors, ["recieving"]);
}

#[test]
fn names_paths_and_labels_are_notes_or_left_alone() {
    // A hyphenated name whose other part is not a common word.
    let (errors, info) = by_level_md("All of io-uring’s features, and a well-knwn fact.\n");
    assert_eq!(errors, ["knwn"]);
    assert_eq!(info, ["io", "uring’s"]);
    // Package paths, calls and menu letters.
    let (errors, info) = by_level_md("The image/bmp package, Uitob(x) and (`L`)abel.\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(info, ["bmp", "abel"]);
    // A term a list item describes; coining suffixes after a hyphen.
    let (errors, info) =
        by_level_md("- Bitrig: no longer built.\n- Recieve: a slip.\n\nJekyll-ize it.\n");
    assert_eq!(errors, ["Recieve"]);
    assert!(info.is_empty(), "{info:?}");
    // Prefixes and endings written apart with a hyphen; a verb made of
    // a command with an apostrophe is a note, a slip in it is not.
    let (errors, info) =
        by_level_md("The mis-imported package, cc-ing the team, exec'ing a tool, and a slpi.\n");
    assert_eq!(errors, ["slpi"]);
    assert_eq!(info, ["exec'ing"]);
}

#[test]
fn a_word_the_link_target_spells_is_a_note() {
    let (errors, info) = by_level_md(
        "- [Moby](https://mobyproject.org/) and [compress/flate](/pkg/compress/flate/).\n",
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(info, ["Moby", "flate"]);
    // A heading's anchor copies the heading's typo: no evidence.
    let (errors, _) = by_level_md("See [recieve data](#recieve-data), [Zorbx](https://x.org/).\n");
    assert_eq!(errors, ["recieve"]);
}

#[test]
fn words_only_the_larger_list_has_are_notes() {
    // `honoraria` and `cruft` are in cspell's en_US, not in the main lists.
    let (errors, info) = by_level_md("The honoraria were paid; the cruft remains; recieve it.\n");
    assert_eq!(errors, ["recieve"]);
    assert_eq!(info, ["honoraria", "cruft"]);
    // A known misspelling is never taken from the larger list.
    assert!(!crate::dictionary::in_larger_list("alway"));
    assert!(crate::dictionary::in_larger_list("Honoraria"));
    assert!(!crate::dictionary::in_larger_list("HONORARIA"));
    let d = run(&Spelling, "The cruft remains.");
    assert!(d[0]
        .fixes
        .iter()
        .all(|f| f.applicability == Applicability::Unsafe));
}

#[test]
fn safe_only_when_unambiguous() {
    let d = run(&Spelling, "We recieve mail.");
    assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
    let d = run(&Spelling, "We shuold go.");
    assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
    // Short words have too many neighbours.
    let d = run(&Spelling, "We fnd it.");
    assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
    let d = run(&Spelling, "Teh end.");
    assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
    let d = run(&Spelling, "The witdh of it.");
    assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);

    // A common word one edit away rivals the first suggestion even when
    // words that sound alike push it off the list (`pan't`: `pant`,
    // `can't`, `paint`, `point`, ...).
    let d = run(&Spelling, "We pan't go.");
    assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);

    // Mid-sentence capitalised: could be a name.
    let d = run(&Spelling, "In the Kremiln today.");
    assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);

    // A different first letter: a prefixed term more often than a slip.
    for text in ["Link with pthreads here.", "Hash it with bcrypt now."] {
        let d = run(&Spelling, text);
        assert!(
            d.iter().all(|d| d
                .fixes
                .iter()
                .all(|f| f.applicability != Applicability::Safe)),
            "{text}: {d:?}"
        );
    }

    // A word run together may be a compound the lists lack.
    let d = run(&Spelling, "The drawdown began.");
    assert!(d
        .iter()
        .all(|d| d.fixes[0].applicability == Applicability::Unsafe));
}

#[test]
fn safe_fixes_weigh_every_rival_in_context() {
    let safe = |text: &str, word: &str| {
        let d = run(&Spelling, text);
        let d = d
            .iter()
            .find(|d| text.get(d.span.clone()) == Some(word))
            .expect("flagged");
        d.fixes[0].applicability == Applicability::Safe
    };
    // Short words are Safe when nothing else comes near.
    assert!(safe("Go hte way.", "hte"));
    assert!(safe("I foudn the key.", "foudn"));
    assert!(safe("It was the teh end.", "teh"));
    // `page` is far more common than `wage`, but not after `minimum`.
    assert!(!safe("We set a minimum pwage for workers.", "pwage"));
    // A known misspelling's correction (`your`) with a common rival
    // one edit away (`our`).
    assert!(!safe("Protecting oyur vital interests.", "oyur"));
    assert!(!safe("He wnt home.", "wnt"));
}

#[test]
fn a_sentence_opening_name_near_only_names_is_left_alone() {
    let (errors, _) = by_level("Nikhita arrived early. Teh rest came later. Thier bus was late.");
    assert_eq!(errors, ["Teh", "Thier"]);
}

#[test]
fn a_regular_form_whose_near_word_is_no_slip_away_is_a_note() {
    // `makeups` is one letter from `wakeups`, but `w` for `m` is no slip of
    // the fingers: the plural of `wakeup`. `recieves` is a slip.
    let (errors, info) = by_level("Avoid lost wakeups; it recieves mail.");
    assert_eq!(errors, ["recieves"]);
    assert_eq!(info, ["wakeups"]);
}

#[test]
fn slip_shapes() {
    use super::derived::slip_shaped;
    // Left out, swapped, a neighbouring key, a doubled or neighbouring
    // extra letter, a sound-alike consonant, another vowel.
    for (typo, word) in [
        ("recive", "receive"),
        ("teh", "the"),
        ("thw", "the"),
        ("commmon", "common"),
        ("definately", "definitely"),
        ("posession", "possession"),
        ("rasing", "racing"),
    ] {
        assert!(slip_shaped(typo, word), "{typo} for {word}");
    }
    for (typo, word) in [
        ("inodes", "nodes"),
        ("wakeups", "makeups"),
        ("dogfoods", "dogwoods"),
    ] {
        assert!(!slip_shaped(typo, word), "{typo} for {word}");
    }
}

#[test]
fn past_the_budget_unknown_words_are_noted_unranked() {
    // More distinct unknown words than the budget, then a known
    // misspelling and one more unknown word.
    let mut text = String::new();
    for i in 0..RANK_BUDGET + 10 {
        let (mut w, mut k) = (String::from("zq"), i);
        loop {
            w.push((b'a' + (k % 26) as u8) as char);
            k /= 26;
            if k == 0 {
                break;
            }
        }
        text.push_str(&w);
        text.push_str(if i % 12 == 11 { ".\n" } else { " " });
    }
    text.push_str("We recieve it and zqzzzz it.\n");
    let diags = run(&Spelling, &text);
    let at = |w: &str| {
        diags
            .iter()
            .find(|d| &text[d.span.clone()] == w)
            .unwrap_or_else(|| panic!("{w} not flagged"))
    };
    let late = at("zqzzzz");
    assert_eq!(late.severity, Severity::Info);
    assert!(late.message.contains("not ranked"), "{}", late.message);
    assert!(late.fixes.is_empty());
    // A known misspelling is ranked whatever the budget.
    let known = at("recieve");
    assert_eq!(known.severity, Severity::Error);
    assert_eq!(known.fixes[0].edits[0].replacement, "receive");
    // The first words were ranked as usual.
    assert!(!at("zqa").message.contains("not ranked"));
}

#[test]
fn a_y_turned_to_i_before_an_ending_is_a_regular_form() {
    // `proxied` and `proxies` are both forms of `proxy`: the one close to
    // the other is no evidence of a slip.
    let (errors, info) = by_level("The requests are proxied to the backend.");
    assert_eq!(errors, Vec::<&str>::new());
    assert_eq!(info, ["proxied"]);
    // A slip with another common word close stays an error.
    let (errors, _) = by_level("We carreid the boxes and tryed again.");
    assert_eq!(errors, ["carreid", "tryed"]);
}

#[test]
fn two_edits_at_the_start_are_a_prefix_not_a_slip() {
    // `mobile`, `split`, `installed` are two edits away, both at the start:
    // a prefix on a word, not evidence of a typo.
    let (errors, notes) =
        by_level("Run gomobile first. The nosplit ones stay. Once goinstalled, it runs.");
    assert_eq!(errors, Vec::<&str>::new());
    assert_eq!(notes, ["gomobile", "nosplit", "goinstalled"]);
    // Two edits inside a longer word, to a common one, still are.
    let (errors, _) = by_level("The goverment grew.");
    assert_eq!(errors, ["goverment"]);
    let (errors, _) = by_level("We saw the unfortunatly late bus.");
    assert_eq!(errors, ["unfortunatly"]);
    let (errors, _) = by_level("It is an imporrtnt day.");
    assert_eq!(errors, ["imporrtnt"]);
}

#[test]
fn a_name_after_a_middle_initial_is_a_name() {
    // `Maister` is one edit from `Master`, but follows a first name and an
    // initial.
    for text in [
        "This write-up by Brandon W Maister discusses it.",
        "This write-up by Brandon W. Maister discusses it.",
    ] {
        assert_eq!(flagged(text, &run(&Spelling, text)), Vec::<&str>::new());
    }
    // A lone capital before a word is no initial of a name.
    let text = "Plan A Expermiments failed.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["Expermiments"]);
}

#[test]
fn a_word_with_a_combining_accent_is_no_misspelling() {
    // `cafe\u{301}s` (an accent written as a combining mark).
    let text = "The string cafe\u{301}s and cafes\u{301} differ.";
    assert_eq!(flagged(text, &run(&Spelling, text)), Vec::<&str>::new());
    let text = "The cafe\u{301} recieved it.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["recieved"]);
}

#[test]
fn a_name_after_name_particles_is_a_name() {
    // `Plas` is one edit from `Plan`, `Plays`: a surname after `van der`.
    let text = "Thanks to Fons van der Plas, Frank and others.";
    assert_eq!(flagged(text, &run(&Spelling, text)), Vec::<&str>::new());
    // A particle after a common word is no name's.
    let text = "Put it in the van der Plas said.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["Plas"]);
}

#[test]
fn a_word_in_capitals_is_a_note_unless_a_known_misspelling() {
    let (errors, notes) = by_level("RAMBUS and others said so. Set DCHECKS on.");
    assert_eq!(errors, Vec::<&str>::new());
    assert_eq!(notes, ["RAMBUS", "DCHECKS"]);
    let (errors, _) = by_level("We RECIEVED the GOVERMENT letter.");
    assert_eq!(errors, ["RECIEVED", "GOVERMENT"]);
}

#[test]
fn a_name_joined_by_and_to_a_name_is_a_name() {
    // `Mert` opens the sentence, one edit from `Meet`; `Ankur` is a name.
    let text = "Mert and Ankur both applied.";
    assert_eq!(flagged(text, &run(&Spelling, text)), Vec::<&str>::new());
    // Joined to a common word, a slip is still one.
    let text = "Recieve and Send both work.";
    assert_eq!(flagged(text, &run(&Spelling, text)), ["Recieve"]);
}
