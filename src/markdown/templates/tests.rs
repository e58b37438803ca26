//! What each call shows, read through the whole markdown layer.

use serde_json::json;

use super::super::{Block, Image, Inline, parse, parse_with, plain};
use super::{Params, line_text};

fn blocks(body: &str) -> Vec<Block> {
    parse(body).blocks
}

fn code(lang: &str, text: &str) -> Block {
    Block::Code {
        number: 0,
        lang: Some(lang.into()),
        text: text.into(),
    }
}

/// The plain text of the first paragraph.
fn first_paragraph(body: &str) -> String {
    match &blocks(body)[..] {
        [Block::Paragraph(inlines), ..] => plain(inlines),
        other => panic!("{other:?}"),
    }
}

fn inlines(body: &str) -> Vec<Inline> {
    match &blocks(body)[..] {
        [Block::Paragraph(inlines)] => inlines.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn highlight_is_a_code_block_in_its_language() {
    let body = "Before\n\n{{< highlight go \"linenos=table\" >}}\nfunc main() {\n\t# not a heading\n}\n{{< /highlight >}}\n\nAfter\n";
    assert_eq!(
        blocks(body)[1],
        code("go", "func main() {\n    # not a heading\n}\n")
    );
    assert_eq!(blocks(body).len(), 3);
}

#[test]
fn highlight_inside_a_sentence_is_a_code_span() {
    let body =
        "Some {{< highlight go \"hl_inline=true\" >}}fmt.Println(`x`){{< /highlight >}} code.\n";
    assert_eq!(
        inlines(body),
        [
            Inline::Text("Some ".into(), Default::default()),
            Inline::Code("fmt.Println(`x`)".into()),
            Inline::Text(" code.".into(), Default::default()),
        ]
    );
}

#[test]
fn code_toggle_keeps_its_lines_in_its_language() {
    let toml = "{{< code-toggle file=hugo >}}\n[params]\ncolor = 'red'\n\n[[menus.main]]\nname = 'Home'\n{{< /code-toggle >}}\n";
    assert_eq!(
        blocks(toml),
        [code(
            "toml",
            "[params]\ncolor = 'red'\n\n[[menus.main]]\nname = 'Home'\n"
        )]
    );
    let yaml = "{{< code-toggle >}}\nparams:\n  color: red\n{{< /code-toggle >}}\n";
    assert_eq!(blocks(yaml), [code("yaml", "params:\n  color: red\n")]);
    let json = "{{< code-toggle lang=json >}}\n{\"a\": 1}\n{{< /code-toggle >}}\n";
    assert_eq!(blocks(json), [code("json", "{\"a\": 1}\n")]);
}

#[test]
fn a_code_block_from_a_call_stays_in_its_list_item() {
    let body = "1. Set it:\n\n   {{< code-toggle >}}\n   title = 'x'\n   {{< /code-toggle >}}\n\n2. Done\n";
    let [Block::List(list)] = &blocks(body)[..] else {
        panic!("{:?}", blocks(body))
    };
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.items[0].blocks[1], code("toml", "title = 'x'\n"));
}

#[test]
fn a_self_closing_code_toggle_names_the_configuration() {
    assert_eq!(
        blocks("{{< code-toggle config=privacy.vimeo />}}\n"),
        [Block::Marker("code-toggle privacy.vimeo".into())]
    );
}

#[test]
fn figure_is_an_image_with_its_caption() {
    assert_eq!(
        blocks("{{< figure src=\"u.png\" alt=\"An umbrella\" caption=\"Wet\" >}}\n"),
        [Block::Image(Image {
            src: "u.png".into(),
            alt: "An umbrella".into(),
            caption: Some("Wet".into()),
        })]
    );
}

#[test]
fn a_site_image_shortcode_is_an_image() {
    assert_eq!(
        blocks("{{< img src=\"images/park.JPG\" alt=\"A park\" filter=\"Grayscale\" >}}\n"),
        [Block::Image(Image {
            src: "images/park.JPG".into(),
            alt: "A park".into(),
            caption: None,
        })]
    );
}

#[test]
fn ref_and_relref_link_to_the_post() {
    let inlines =
        inlines("See [x]({{< ref \"posts/x.md\" >}}) or [y]({{< relref \"a b.md\" >}}).\n");
    assert!(
        inlines.contains(&Inline::LinkStart("posts/x.md".into())),
        "{inlines:?}"
    );
    assert!(
        inlines.contains(&Inline::LinkStart("a b.md".into())),
        "{inlines:?}"
    );
    assert_eq!(
        first_paragraph("It is at {{< ref \"posts/my_post.md\" >}}.\n"),
        "It is at posts/my_post.md."
    );
}

#[test]
fn param_reads_the_front_matter() {
    let params: Params = serde_json::from_value(json!({
        "Color": "red",
        "params": {"size": {"shirt": "large"}},
        "count": 3
    }))
    .unwrap();
    let body = "A {{< param color >}} {{% param \"size.shirt\" %}} shirt, {{< param count >}} times, {{< param missing >}}.\n";
    let document = parse_with(body, Some(&params));
    let [Block::Paragraph(inlines)] = &document.blocks[..] else {
        panic!("{document:?}")
    };
    assert_eq!(plain(inlines), "A red large shirt, 3 times, param missing.");
    assert!(inlines.contains(&Inline::Marker("param missing".into())));
}

#[test]
fn youtube_and_vimeo_are_labelled_embeds() {
    assert_eq!(
        blocks("{{< youtube 0RKpf3rK57I >}}\n\n{{< vimeo id=55073825 >}}\n"),
        [
            Block::Embed {
                site: "YouTube".into(),
                url: "https://www.youtube.com/watch?v=0RKpf3rK57I".into()
            },
            Block::Embed {
                site: "Vimeo".into(),
                url: "https://vimeo.com/55073825".into()
            }
        ]
    );
}

#[test]
fn details_holds_its_summary_and_markdown() {
    let body = "{{< details summary=\"See <more>\" >}}\nA **bold** word.\n\n- one\n{{< /details >}}\n\nAfter\n";
    let blocks = blocks(body);
    let Block::Details {
        summary,
        blocks: inner,
    } = &blocks[0]
    else {
        panic!("{blocks:?}")
    };
    assert_eq!(plain(summary), "See <more>");
    assert!(
        matches!(inner[..], [Block::Paragraph(_), Block::List(_)]),
        "{inner:?}"
    );
    assert_eq!(
        blocks[1],
        Block::Paragraph(vec![Inline::Text("After".into(), Default::default())])
    );
}

#[test]
fn include_and_site_shortcodes_are_markers_cut_at_a_word() {
    assert_eq!(
        blocks("{{% include \"_common/options.md\" %}}\n"),
        [Block::Marker("include _common/options.md".into())]
    );
    let long = "{{< notice \"a very long argument that goes on and on\" >}}\n";
    assert_eq!(
        blocks(long),
        [Block::Marker(
            "notice a very long argument that goes on…".into()
        )]
    );
    let path = "{{% include \"/_common/functions/a-rather-long-file-name.md\" %}}\n";
    assert_eq!(
        blocks(path),
        [Block::Marker(
            "include /_common/functions/a-rather-long-file-name.md".into()
        )]
    );
}

#[test]
fn paired_site_shortcodes_keep_their_markdown() {
    let body = "{{% note %}}\nRead **this**.\n{{% /note %}}\n";
    assert_eq!(first_paragraph(body), "note Read this.");
}

#[test]
fn escapes_print_as_calls_in_prose_and_in_code() {
    assert_eq!(
        first_paragraph("Write {{</* figure src=\"a\" */>}} here.\n"),
        "Write {{< figure src=\"a\" >}} here."
    );
    assert_eq!(
        blocks("```\n{{</* highlight go */>}}\n{{%/* /x */%}}\n```\n"),
        [Block::Code {
            number: 0,
            lang: None,
            text: "{{< highlight go >}}\n{{% /x %}}\n".into()
        }]
    );
    assert_eq!(
        first_paragraph("Use `{{</* ref \"a\" */>}}`.\n"),
        "Use {{< ref \"a\" >}}."
    );
}

#[test]
fn code_is_never_touched() {
    let body = "Use `{{< ref \"a\" >}}` and `{{ page.title }}`.\n\n```\n{{< figure src=x >}}\n{% if x %}\n```\n\n    {{< youtube x >}}\n";
    let blocks = blocks(body);
    assert_eq!(
        plain(match &blocks[0] {
            Block::Paragraph(inlines) => inlines,
            other => panic!("{other:?}"),
        }),
        "Use {{< ref \"a\" >}} and {{ page.title }}."
    );
    assert_eq!(
        blocks[1],
        Block::Code {
            number: 0,
            lang: None,
            text: "{{< figure src=x >}}\n{% if x %}\n".into()
        }
    );
    assert_eq!(
        blocks[2],
        Block::Code {
            number: 1,
            lang: None,
            text: "{{< youtube x >}}\n".into()
        }
    );
}

#[test]
fn a_url_holding_a_template_is_not_a_link() {
    assert_eq!(
        inlines("[bug]({{ site.repository }}/issues/1) and [ok](/a)\n"),
        [
            Inline::Text("bug".into(), Default::default()),
            Inline::Text(" and ".into(), Default::default()),
            Inline::LinkStart("/a".into()),
            Inline::Text("ok".into(), Default::default()),
            Inline::LinkEnd,
        ]
    );
    let wrapped = inlines("A [bug]({{ site.repository\n}}/issues/2).\n");
    assert!(
        !wrapped.iter().any(|i| matches!(i, Inline::LinkStart(_))),
        "{wrapped:?}"
    );
    assert_eq!(plain(&wrapped), "A bug.");
    let reference = "[source code] is here.\n\n[source code]: <{{% eturl figure %}}>\n";
    assert!(!parse(reference).blocks.iter().any(
        |b| matches!(b, Block::Paragraph(i) if i.iter().any(|i| matches!(i, Inline::LinkStart(_))))
    ));
}

#[test]
fn templates_in_images_and_html_show_as_written_or_as_their_hint() {
    let inlines = inlines(
        "Icon ![{{ page.alt }}]({{ page.icon }}/x.png \"{{ page.t }}\") <img src=\"{{ site.cdn }}/y.png\" alt=\"a {{ page.name }}\">\n",
    );
    let images: Vec<&Image> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Image(image) => Some(&**image),
            _ => None,
        })
        .collect();
    assert_eq!(images[0].src, "{{ page.icon }}/x.png");
    assert_eq!(images[0].alt, "page.alt");
    assert_eq!(images[0].caption.as_deref(), Some("page.t"));
    assert_eq!(images[1].src, "{{ site.cdn }}/y.png");
    assert_eq!(images[1].alt, "a page.name");
}

#[test]
fn templates_in_headings_and_tables_become_hints() {
    let blocks =
        blocks("# Hello {{ page.title }}\n\n| a | {{< y >}} |\n|---|---|\n| {{ y }} | b |\n");
    let Block::Heading { content, .. } = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(content[1], Inline::Marker("page.title".into()));
    let Block::Table(table) = &blocks[1] else {
        panic!("{blocks:?}")
    };
    assert_eq!(table.header[1], [Inline::Marker("y".into())]);
    assert_eq!(table.rows[0][0], [Inline::Marker("y".into())]);
}

#[test]
fn a_title_from_a_heading_shows_hints_not_calls() {
    assert_eq!(
        line_text("Using {{< param \"x\" >}} in {{ site.title }}"),
        "Using param x in site.title"
    );
    assert_eq!(line_text("Plain title"), "Plain title");
}

#[test]
fn liquid_highlight_is_a_code_block() {
    let body = "{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\nAfter\n";
    assert_eq!(blocks(body)[0], code("ruby", "puts 1\n"));
}

#[test]
fn liquid_raw_keeps_its_text_even_around_code() {
    let body = "{% raw %}\n```liquid\n{% for p in site.posts %}{{ p.title }}{% endfor %}\n```\n{% endraw %}\n\nSay {% raw %}`{{ x }}`{% endraw %} or `{% raw %}{{ y }}{% endraw %}`.\n";
    let blocks = blocks(body);
    assert_eq!(
        blocks[0],
        code(
            "liquid",
            "{% for p in site.posts %}{{ p.title }}{% endfor %}\n"
        )
    );
    assert_eq!(
        plain(match &blocks[1] {
            Block::Paragraph(inlines) => inlines,
            other => panic!("{other:?}"),
        }),
        "Say {{ x }} or {{ y }}."
    );
}

#[test]
fn liquid_comments_captures_and_control_flow_leave_nothing() {
    let body = "A{% comment %} hidden {% endcomment %}B{% capture x %}kept away{% endcapture %}C {% if page.x %}shown{% else %}too{% endif %} {% assign y = 1 %}end\n";
    assert_eq!(first_paragraph(body), "ABC showntoo end");
}

#[test]
fn liquid_whitespace_control_keeps_an_html_block_whole() {
    let body = "<table>\n  <tr>\n    {%- for x in list %}\n    <td>{{ x }}</td>\n    {%- endfor -%}\n  </tr>\n</table>\n";
    let blocks = blocks(body);
    assert!(
        !blocks.iter().any(|b| matches!(b, Block::Code { .. })),
        "{blocks:?}"
    );
}

#[test]
fn liquid_paths_and_site_addresses() {
    let inlines = inlines(
        "[p]({% post_url 2010-07-21-name %}) [l]({% link _docs/a.md %}) ![i]({{ site.baseurl }}/a.png) [f]({{ '/docs/filters/' | relative_url }})\n",
    );
    let targets: Vec<&str> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::LinkStart(url) => Some(url.as_str()),
            Inline::Image(image) => Some(image.src.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        targets,
        ["2010-07-21-name", "_docs/a.md", "/a.png", "/docs/filters/"]
    );
}

#[test]
fn liquid_outputs_and_other_tags_are_markers() {
    assert_eq!(
        inlines("By {{ page.author | upcase }} {% include note.html tip=1 %}.\n"),
        [
            Inline::Text("By ".into(), Default::default()),
            Inline::Marker("page.author".into()),
            Inline::Text(" ".into(), Default::default()),
            Inline::Marker("include note.html".into()),
            Inline::Text(".".into(), Default::default()),
        ]
    );
}

#[test]
fn a_function_call_output_is_named_by_its_function() {
    assert_eq!(
        blocks("{{ resize_image(path=\"a/very/long/path/to/an/image.png\", width=150) }}\n"),
        [Block::Marker("resize_image(…)".into())]
    );
}

#[test]
fn go_templates_in_prose_stay_as_written() {
    assert_eq!(
        first_paragraph("Print {{ .Title }} here.\n"),
        "Print {{ .Title }} here."
    );
}

#[test]
fn unclosed_calls_and_stray_noncharacters_are_harmless() {
    assert_eq!(
        first_paragraph("{{< figure src=x\n\u{FDD0}0\u{FDD1}\n"),
        "{{< figure src=x \u{FFFD}0\u{FFFD}"
    );
    assert_eq!(first_paragraph("{% raw %} a {{ b }}\n"), "a b");
}

#[test]
fn raw_before_a_megabyte_of_multibyte_text_keeps_it() {
    let body = format!("{{% raw %}}{}", "é".repeat(1 << 20));
    let blocks = blocks(&body);
    let [Block::Paragraph(inlines)] = &blocks[..] else {
        panic!()
    };
    assert_eq!(plain(inlines).chars().count(), 1 << 20);
}

#[test]
fn many_unclosed_openers_are_read_once() {
    let body = "{{< highlight go >}} {{< details >}} {% raw %} {{% x ".repeat(20_000);
    let document = parse(&body);
    assert!(!document.blocks.is_empty());
}
