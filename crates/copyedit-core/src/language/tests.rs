//! Tests of the language and prose decisions.

use super::signals::{push_prose, Counts};
use super::*;
use crate::document::Format;

fn lang_of(text: &str, format: Format, path: &str) -> Option<Skip> {
    let doc = Document::parse(text, format);
    document_language(&doc, path)
}

fn skipped(text: &str, path: &str) -> bool {
    let format = crate::document::Format::from_path(std::path::Path::new(path));
    lang_of(text, format, path).is_some()
}

const ENGLISH_TECH: &str = "\
# Configuring the build

Run `npm install` and then `astro build`. The `outDir` option sets where \
files go; see `astro.config.mjs` for the defaults.

```js
export default defineConfig({ outDir: './dist' });
```

Use `getStaticPaths()` with `Astro.props` if you need dynamic routes.
";

#[test]
fn short_english_technical_pages_are_checked() {
    assert!(!skipped(ENGLISH_TECH, "docs/guide.md"));
    assert!(!skipped(ENGLISH_TECH, "src/content/docs/en/guide.mdx"));
    assert!(!skipped("Install it.\n", "README.md"));
    assert!(!skipped(
        "# API\n\n`fetch()`, `Response`, `Request`.\n",
        "api.md"
    ));
    // Names and commands, few sentences.
    let names = "# Changelog\n\n- Bump `vite` to 5.2 (@bluwy)\n- Fix `astro:assets` on Vercel (#1234)\n- Netlify adapter: Deno support\n";
    assert!(!skipped(names, "CHANGELOG.md"));
    // An `es/` or `it/` folder whose pages are English is checked.
    assert!(!skipped(ENGLISH_TECH, "notes/es/modules.md"));
    assert!(!skipped(ENGLISH_TECH, "docs/it/setup.md"));
    let lists = "# Release notes\n\n- Gem dependencies updated: bump rouge, kramdown, liquid\n\
                     - Environments, Markdown Options, Liquid Options, Sass Options\n\n\
                     This release fixes the build on Windows and adds the new options that \
                     were asked for in the last survey, with the docs for each of them.\n";
    assert!(!skipped(lists, "docs/es/notes.md"));
    assert!(!skipped(lists, "docs/nl/notes.md"));
    // A page about other languages, mostly English.
    let about = "The French word *bonjour* means hello, and the Japanese 日本語 means the \
                     Japanese language. You can use these examples in your own tests when you \
                     need them for the translations of the site.";
    assert!(!skipped(about, "i18n.md"));
}

#[test]
fn english_prose_is_checked() {
    let text = "Officials will receive the proposal on Wednesday, and the summit could \
                    follow within weeks if both sides agree to the terms that were set out.";
    assert!(!skipped(text, "news.txt"));
    assert!(
        !skipped(text, "fr/news.txt"),
        "a locale folder needs the text to agree"
    );
}

#[test]
fn french_german_spanish_portuguese_pages_are_skipped() {
    let fr = "Astro est un framework web tout-en-un conçu pour la vitesse. Récupérez votre \
                  contenu depuis n'importe où et déployez-le partout, le tout propulsé par vos \
                  composants et bibliothèques d'interface utilisateur préférés.";
    let de = "Astro ist ein All-in-One-Webframework, das auf Geschwindigkeit ausgelegt ist. \
                  Hole deine Inhalte von überall her und stelle sie überall bereit, alles \
                  angetrieben von deinen bevorzugten Komponenten und Bibliotheken.";
    let es = "Astro es un framework web todo en uno diseñado para la velocidad. Obtén tu \
                  contenido desde cualquier lugar y despliégalo en todas partes, todo impulsado \
                  por tus componentes y bibliotecas de interfaz de usuario favoritos.";
    let pt = "Astro é um framework web tudo-em-um feito para velocidade. Puxe seu conteúdo \
                  de qualquer lugar e faça deploy em qualquer lugar, tudo com seus componentes \
                  e bibliotecas de interface de usuário favoritos.";
    for (text, name) in [
        (fr, "French"),
        (de, "German"),
        (es, "Spanish"),
        (pt, "Portuguese"),
    ] {
        let skip = lang_of(text, Format::Markdown, "docs/page.md").expect(name);
        assert_eq!(skip.reason, SkipReason::NotEnglish);
        assert!(skip.detail.contains(name), "{name}: {}", skip.detail);
        // In a locale folder too.
        assert!(skipped(text, "src/content/docs/fr/page.mdx"), "{name}");
    }
}

#[test]
fn japanese_chinese_russian_pages_are_skipped() {
    let ja = "Astroは、スピードを重視したオールインワンのWebフレームワークです。\
                  あらゆる場所からコンテンツを取得し、どこにでもデプロイできます。";
    let zh = "Astro 是一个为速度而设计的一体化 Web 框架。从任何地方获取内容，\
                  部署到任何地方，全部由你最喜欢的 UI 组件和库提供支持。";
    let ru = "Astro — это универсальный веб-фреймворк, созданный для скорости. \
                  Получайте контент откуда угодно и развёртывайте его где угодно.";
    for text in [ja, zh, ru] {
        assert!(skipped(text, "page.md"), "{text}");
    }
}

#[test]
fn locale_folder_and_short_foreign_text() {
    // Too short to judge by words, but the folder says French and the
    // text does not read as English.
    assert!(skipped(
        "---\ntitle: Démarrage\n---\nBienvenue.\n",
        "docs/fr/start.md"
    ));
    assert!(skipped(
        "# Inicio\n\nBienvenido a la documentación.\n",
        "content/es-419/index.md"
    ));
    assert!(skipped(
        "# Início\n\nBem-vindo à documentação do projeto.\n",
        "docs/index.pt-br.md"
    ));
    // Without the folder, a short text is checked.
    assert!(!skipped("Bienvenue.\n", "docs/start.md"));
    // A short English page in a folder named like a locale is checked.
    assert!(!skipped(
        "# IT support\n\nContact the helpdesk.\n",
        "docs/it/index.md"
    ));
    assert!(!skipped(
        "# Identity\n\nSee the login page.\n",
        "docs/id/index.md"
    ));
    assert!(!skipped(
        "# Notes\n\nNothing here yet.\n",
        "notes/no/index.md"
    ));
    // A translated page that kept its English title and error message.
    let text = "---\ntitle: Route not found.\n---\n\n> **RouteNotFound**: Astro could not \
                    find a route that matches the one you requested.\n\n## 무엇이 잘못되었나요?\n\
                    Astro는 사용자가 제공한 경로와 일치하는 경로를 찾을 수 없습니다.\n";
    assert!(skipped(text, "docs/ko/errors/route-not-found.mdx"));
    let text = "---\ntitle: Forbidden rewrite.\n---\n\n> **ForbiddenRewrite**: You tried \
                    to rewrite the route, which is not allowed when the route is prerendered \
                    and you are using the static output, so you should change it.\n\n\
                    ## ¿Qué salió mal?\nIntentaste reescribir una ruta prerenderizada, lo cual \
                    no está permitido en el modo de salida estática del proyecto.\n";
    assert!(skipped(text, "docs/es/errors/forbidden-rewrite.mdx"));
    assert!(!skipped(text, "docs/errors/forbidden-rewrite.mdx"));
    let text = "---\ntitle: No se puede optimizar el SVG.\n---\n\n> An error occurred while \
                    optimizing the SVG file with the optimizer, and the build stopped because \
                    of it.\n";
    assert!(skipped(text, "docs/es/errors/cannot-optimize-svg.mdx"));
}

#[test]
fn front_matter_is_honoured() {
    let text = "---\ntitle: Intro\nlang: fr\n---\nThis page is written in English anyway, and \
                    it is about the way that things are done.\n";
    let skip = lang_of(text, Format::Markdown, "intro.md").unwrap();
    assert!(skip.detail.contains("`fr`"), "{}", skip.detail);
    let text = "+++\nlocale = \"en-GB\"\n+++\nLa page est en français, mais elle dit en.\n";
    assert!(lang_of(text, Format::Markdown, "fr/intro.md").is_none());
    // Not a language tag: ignored.
    for key in [
        "language: go",
        "language: JavaScript",
        "lang: ruby",
        "language: es6",
    ] {
        let text = format!("---\n{key}\n---\n{ENGLISH_TECH}");
        assert!(lang_of(&text, Format::Markdown, "a.md").is_none(), "{key}");
    }
    let text = format!("---\nlang: pt-BR\n---\n{ENGLISH_TECH}");
    assert!(lang_of(&text, Format::Markdown, "a.md").is_some());
    assert_eq!(front_matter_lang("---\nlanguage: 'ja'\n---\n"), Some("ja"));
    assert_eq!(front_matter_lang("---\n  lang: ja\n---\n"), None);
    assert_eq!(front_matter_lang("---\ntitle: x\n---\nlang: ja\n"), None);
    assert_eq!(front_matter_lang("lang: ja\n"), None);
}

#[test]
fn path_locales() {
    assert_eq!(
        path_locale("src/content/docs/pt-br/guide.mdx"),
        Some("pt-br")
    );
    assert_eq!(path_locale("docs/zh_CN/a.md"), Some("zh_CN"));
    assert_eq!(path_locale("docs/zh-hant/a.md"), Some("zh-hant"));
    assert_eq!(path_locale("content/about.fr.md"), Some("fr"));
    assert_eq!(path_locale("docs/en/a.md"), None);
    assert_eq!(path_locale("docs/en-us/a.md"), None);
    assert_eq!(path_locale("go/doc/a.md"), None);
    assert_eq!(path_locale("docs/fr.md"), None);
    assert_eq!(path_locale("docs/frontend/a.md"), None);
    assert_eq!(path_locale("docs/de-facto/a.md"), None);
    assert_eq!(path_locale(".fr.md"), None);
    assert_eq!(path_locale(""), None);
}

#[test]
fn foreign_blocks() {
    let text = "The setup is simple and you can run it from the command line.\n\n\
                    Ceci est un paragraphe écrit en français pour les lecteurs qui préfèrent \
                    cette langue aux autres.\n\n这是一个用中文写的段落。\n\nHello.\n\n\
                    Run the command with `--force` if the files are already there.\n";
    let doc = Document::parse(text, Format::Markdown);
    let foreign: Vec<bool> = doc.blocks.iter().map(|b| foreign_block(text, b)).collect();
    assert_eq!(foreign, [false, true, true, false, false]);
    // Short technical English with few function words is English.
    let text = "- Fixing \"vertycal\" typo in site template's `_base.scss` (#2889)\n\
                    - Check symlink outside site_source without Pathutil (#9015)\n\
                    - Environments, Markdown Options, Liquid Options, Sass/SCSS Options, \
                    Webrick Options\n\
                    - Gem dependencies updated: bump rouge, kramdown, liquid versions\n";
    let doc = Document::parse(text, Format::Markdown);
    assert!(doc.blocks.iter().all(|b| !foreign_block(text, b)));
}

#[test]
fn non_latin_letters() {
    for w in ["мир", "日本語", "λέξη", "שלום", "नमस्ते", "สวัสดี", "αβγ-test"]
    {
        assert!(has_non_latin_letter(w), "{w}");
    }
    for w in ["naïve", "café", "Ærø", "Łódź", "word", "don't", "ﬁne", "x²"] {
        assert!(!has_non_latin_letter(w), "{w}");
    }
}

#[test]
fn not_prose_files() {
    let compiler = "\
$ cargo run
   Compiling hello v0.1.0 (/tmp/hello)
error[E0308]: mismatched types
 --> src/main.rs:2:18
  |
2 |     let x: u32 = \"a\";
  |            ---   ^^^ expected `u32`, found `&str`
  |            |
  |            expected due to this
";
    assert!(not_prose(compiler).is_some());
    let go_test = "=== RUN   TestHello\n--- PASS: TestHello (0.00s)\n=== RUN   TestBye\n\
                       --- FAIL: TestBye (0.01s)\n    bye_test.go:12: got \"bye\", want \"see you later, my friend\"\n\
                       FAIL\nexit status 1\nFAIL\texample.com/hello\t0.002s\n";
    assert!(not_prose(go_test).is_some());
    let messages = "error: could not compile `demo` due to 1 previous error and a warning\n\
                        warning: unused variable: `x` in the function that builds the tree\n\
                        For more information about this error, try running the explain command.\n";
    assert!(not_prose(messages).is_some());
    let words = "apple\nbanana\ncherry\ndate\nelderberry\nfig\n";
    assert!(not_prose(words).is_some());
    let log = "2024-01-02T10:00:01Z INFO server started port=8080\n\
                   2024-01-02T10:00:02Z WARN slow request path=/api/v1/users ms=1234\n\
                   2024-01-02T10:00:03Z INFO the request was served in the end after a retry\n";
    assert!(not_prose(log).is_some());
    let data = "id,name,price\n1,apple,0.5\n2,pear,0.75\n";
    assert!(not_prose(data).is_some());
    // Certificates and other encoded blobs (base64 lines are mostly
    // letters, split by digits into runs that look like words).
    let cert = "# Issuer: C=AT, O=e-commerce monitoring GmbH, CN=GLOBALTRUST 2020\n\
                -----BEGIN CERTIFICATE-----\n\
                MIIFgjCCA2qgAwIBAgILWku9WvtPilv6ZeUwDQYJKoZIhvcNAQELBQAwTTELMAkG\n\
                A1UEBhMCQVQxIzAhBgNVBAoTGmUtY29tbWVyY2UgbW9uaXRvcmluZyBHbWJIMRkw\n\
                FwYDVQQDExBHTE9CQUxUUlVTVCAyMDIwMB4XDTIwMDIxMDAwMDAwMFoXDTQwMDYx\n\
                -----END CERTIFICATE-----\n";
    assert!(not_prose(cert).is_some());
    let blob = "SK5uT5Q4DSVadLQ6QkSg9lO23RpCwySn2MreWc2KNJhuJ7M5U5yq/dR+OuF0MRR1Eq0aUjp71lES\n\
                4YDuC99T7MMOF7ikPv1rvPdpLWdxhHhLu9tRCfft1rJWbKUL0JglZAvC9TbU+lauQipddQzyIg18\n\
                RRuc+MnebnOzQ8xcfx4lI21TqW/S9y4u8T615KYHUoZDGmKNokiBM1MZclXP/026UjEzJCBezwuP\n";
    assert!(not_prose(blob).is_some());
}

#[test]
fn prose_files_are_prose() {
    let wrapped = "This is a plain text note that is wrapped at a fixed width,\n\
                       the way many README files and licences are written, with\n\
                       sentences running over several lines.\n\n\
                       1. A numbered item with enough words in it.\n\
                       2. Another item.\n\nTITLE\n=====\n";
    assert!(not_prose(wrapped).is_none());
    assert!(not_prose("Remember to buy some milk today.\n").is_none());
    assert!(not_prose("").is_none());
    assert!(not_prose("Teh notes.\n").is_none());
    assert!(not_prose("apple\nbanana\n").is_none());
    assert!(not_prose("\n\n  \n").is_none());
    let poem = "The woods are lovely, dark and deep,\nBut I have promises to keep,\n\
                    And miles to go before I sleep,\nAnd miles to go before I sleep.\n";
    assert!(not_prose(poem).is_none());
    // Prose that mentions errors and has a shell example.
    let howto = "If the build fails with an error, read the message: it names the file\n\
                     and the line. Then run the command again, for example:\n\n    $ make all\n\n\
                     At the end of the run, the output is written to the build folder, and\n\
                     the log records every step so that you can find what went wrong.\n";
    assert!(not_prose(howto).is_none());
}

#[test]
fn which_files_are_sniffed() {
    assert!(sniffed_for_prose("logs/output.txt"));
    assert!(sniffed_for_prose("NOTES.TEXT"));
    assert!(!sniffed_for_prose("docs/notes.rst"));
    assert!(!sniffed_for_prose("docs/a.md"));
    assert!(!sniffed_for_prose("v1.txt/README"));
    assert!(!sniffed_for_prose("README"));
}

#[test]
fn counting_words() {
    let mut c = Counts::default();
    c.add("The don't all-in-one café, naïve: and — 日本 of THE\nit's");
    assert_eq!(c.words, 9, "{c:?}");
    // the, don't, and, of, THE, it's
    assert_eq!(c.english, 6, "{c:?}");
    assert_eq!(c.other_letters, 2);
    let mut c = Counts::default();
    c.add("understanding thereof");
    assert_eq!((c.words, c.english), (2, 0));
}

#[test]
fn huge_blocks_are_sampled() {
    let text = "é".repeat(5 * SAMPLE_BYTES);
    let doc = Document::parse(&text, Format::Plain);
    let mut out = String::new();
    push_prose(&mut out, &text, &doc.blocks[0]);
    assert!(out.len() <= SAMPLE_BYTES + 2 && out.len() >= SAMPLE_BYTES - 2);
    assert!(!foreign_block(&text, &doc.blocks[0]));
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "---",
        "---\n",
        "+++\nlang",
        "\u{feff}---\nlang: fr\n---\n",
        "日",
        "'’",
    ] {
        let _ = lang_of(text, Format::Markdown, text);
        let _ = lang_of(text, Format::Plain, "/");
        let _ = not_prose(text);
        let _ = path_locale(text);
    }
}

#[test]
fn a_translated_title_of_an_english_page_in_a_locale_folder_is_not_checked() {
    // The page was left in English under `fr/`; only its title was
    // translated. The title reads as French: none of its words are English
    // misspellings. Outside a locale folder the same text is checked.
    let text = "---\ntitle: Impossible d'optimiser le fichier SVG.\n---\n\n\
                > An error occurred while optimizing the SVG file with the optimizer. \
                The file could not be read, so the build stopped before it wrote \
                any of the pages to the output folder.\n";
    let linter = crate::Linter::default();
    let words = |path: &str| -> Vec<String> {
        linter
            .check_source(text, Format::Markdown, path, false, None)
            .expect("checked as English")
            .iter()
            .filter(|d| d.rule == "spelling" && d.suppressed.is_none())
            .map(|d| text[d.span.clone()].to_string())
            .collect()
    };
    assert_eq!(words("docs/fr/errors/svg.mdx"), Vec::<String>::new());
    assert!(words("docs/errors/svg.mdx").contains(&"fichier".to_string()));
}
