//! Hostile input: whatever bytes a post holds, folio neither panics, nor takes time or memory
//! out of proportion, nor lets a control character or a forged line out. Property tests over
//! arbitrary bytes and spliced pieces of the sample posts, and the command line on files that
//! are not what they claim to be.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use folio::ansi::{self, Mode};
use folio::commands::list;
use folio::content::Post;
use folio::render::{self, Options};
use folio::theme::Appearance;
use proptest::prelude::*;

/// Counts the bytes this thread has allocated, and the most it held at once, so one case's
/// memory is measured apart from the other tests running on other threads.
struct Counting;

thread_local! {
    static HELD: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn note_alloc(size: usize) {
    let _ = HELD.try_with(|held| {
        let now = held.get() + size;
        held.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

fn note_free(size: usize) {
    let _ = HELD.try_with(|held| held.set(held.get().saturating_sub(size)));
}

// SAFETY: every call goes to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note_free(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_alloc(new_size);
        note_free(layout.size());
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `work` and returns the most memory it held beyond what was held before.
fn peak_of(work: impl FnOnce()) -> usize {
    let before = HELD.with(Cell::get);
    PEAK.with(|peak| peak.set(before));
    work();
    PEAK.with(Cell::get) - before
}

/// Memory a post may take: a fixed allowance plus a multiple of its size. Measured peaks stay
/// under 70 KB for these inputs of up to a few KB; this catches amplification (an alias, a
/// table or a run per character that multiplies), not small growth.
fn memory_budget(input: usize) -> usize {
    1024 * 1024 + 64 * input
}

/// Only a hang detector: a case takes milliseconds even in a debug build.
const TIME_BUDGET: Duration = Duration::from_secs(20);

/// Pieces that exercise the limits and the character rules, spliced between sample text.
const HOSTILE: &[&str] = &[
    "\x1b[31m",
    "\x1b]8;;https://x.org\x07",
    "\u{9b}2J",
    "\r",
    "\r\n",
    "\u{2028}",
    "\u{2029}",
    "\u{AD}",
    "\u{200B}\u{200E}\u{200F}\u{2060}\u{FEFF}\u{61C}",
    "\u{202E}",
    "👩\u{200D}💻",
    "a\u{200D}b",
    "[[[[[[[[[[[[[[[[",
    "*a *a *a *a *a ",
    "| a | b |\n| - | - |\n| c | d |\n",
    "---\n",
    "+++\n",
    "x: &x [1, 2]\ny: [*x, *x, *x]\n",
    "{{< figure src=\"a.png\" >}}",
    "{% raw %}",
    "<div><img src=x></div>",
    "```\n",
    "> [!NOTE]\n> ",
    "\t- ",
    "\u{0}",
];

fn sample_posts() -> Vec<Vec<u8>> {
    let mut posts = Vec::new();
    let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-content")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                posts.push(std::fs::read(path).unwrap());
            }
        }
    }
    posts.sort();
    posts
}

/// A post made of pieces of sample posts (cut at any byte, so also mid-character) and hostile
/// fragments.
fn spliced() -> impl Strategy<Value = Vec<u8>> {
    let posts = sample_posts();
    let piece = prop_oneof![
        (0..posts.len(), any::<usize>(), 0usize..600).prop_map(move |(p, start, len)| {
            let post = &posts[p];
            let start = start % post.len();
            post[start..(start + len).min(post.len())].to_vec()
        }),
        (0..HOSTILE.len()).prop_map(|h| HOSTILE[h].as_bytes().to_vec()),
    ];
    proptest::collection::vec(piece, 1..12).prop_map(|pieces| pieces.concat())
}

/// Everything a post goes through: read as a post (front matter included), listed as text and
/// JSON, rendered and written as plain text; with the checks each output must pass.
fn check_post(bytes: &[u8], width: usize) {
    let file = PathBuf::from("posts/\x1b[2Jname\n.md");
    let started = Instant::now();
    let mut printed = Vec::new();
    let mut json = Vec::new();
    let peak = peak_of(|| {
        let Ok(post) = Post::from_bytes(&file, bytes) else {
            return;
        };
        list::write_text(&[&post], folio::config::DEFAULT_DATE_FORMAT, &mut printed).unwrap();
        list::write_json(&[&post], &mut json).unwrap();
        let text = String::from_utf8_lossy(bytes);
        let body = text.get(post.body_offset..).unwrap_or_default();
        let options = Options {
            highlight: false,
            ..Options::new(width, Appearance::Dark)
        };
        let rendered = render::render(body, Some(&render::Header::from(&post)), &options);
        for line in &rendered.lines {
            assert!(line.width() <= width, "wider than {width}: {line:?}");
        }
        ansi::write(&rendered.lines, Mode::Plain, &mut printed).unwrap();
    });
    assert!(
        started.elapsed() < TIME_BUDGET,
        "took {:?}",
        started.elapsed()
    );
    assert!(
        peak <= memory_budget(bytes.len()),
        "{peak} bytes for {} bytes of post",
        bytes.len()
    );
    let printed = String::from_utf8(printed).unwrap();
    assert!(
        !printed.chars().any(|c| c.is_control() && c != '\n'),
        "control character in {printed:?}"
    );
    if !json.is_empty() {
        let entries: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
        assert_eq!(entries[0]["path"], "posts/\x1b[2Jname\n.md");
        assert_eq!(entries[0]["display"], "posts/␛[2Jname␊.md");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn arbitrary_bytes_are_safe_and_bounded(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        width in 20usize..140,
    ) {
        check_post(&bytes, width);
    }

    #[test]
    fn spliced_sample_posts_are_safe_and_bounded(bytes in spliced(), width in 20usize..140) {
        check_post(&bytes, width);
    }
}

#[test]
fn the_memory_budget_catches_amplification() {
    let peak = peak_of(|| {
        let held = vec![0u8; 2 * 1024 * 1024];
        std::hint::black_box(&held);
    });
    assert!(peak >= 2 * 1024 * 1024);
    assert!(peak > memory_budget(1000));
}

/// Runs the real binary with colour and config out of the way.
fn folio(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent-folio-config")
        .output()
        .expect("the folio binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

#[cfg(unix)]
#[test]
fn render_refuses_what_is_not_a_regular_file_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.md");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let zero = dir.path().join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let sparse = dir.path().join("sparse.md");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    for (file, why) in [
        (&fifo, "not a regular file; skipped"),
        (&zero, "not a regular file; skipped"),
        (&sparse, "larger than 4 MB; skipped"),
    ] {
        let output = folio(&["render", file.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
        assert_eq!(
            text(&output.stderr),
            format!("folio: {}: {why}\n", file.display())
        );
    }
    let output = folio(&["list", fifo.to_str().unwrap()]);
    assert_eq!(
        text(&output.stderr),
        format!(
            "folio: {}: not a regular file or folder; not read\n",
            fifo.display()
        )
    );
}

#[test]
fn a_file_name_cannot_forge_a_line_of_check() {
    let dir = tempfile::tempdir().unwrap();
    let name = "x\nREADME.md:1: error: forged.md";
    std::fs::write(dir.path().join(name), "# Hi\n\n[gone](nowhere.md)\n").unwrap();
    let output = folio(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(
        text(&output.stdout),
        "x␊README.md:1: error: forged.md:3: warning: link `nowhere.md` leads to nothing in \
         this blog\n"
    );
}

#[test]
fn list_json_names_each_file_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "e\x1b[31m.md",
        "c\rr.md",
        "r\u{202E}evil.md",
        "line\nbreak.md",
    ];
    for name in names {
        std::fs::write(dir.path().join(name), "# Post\n").unwrap();
    }
    let output = folio(&["list", "--json", dir.path().to_str().unwrap()]);
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let mut paths: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["display"].as_str().unwrap()))
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            ("c\rr.md", "c␍r.md"),
            ("e\x1b[31m.md", "e␛[31m.md"),
            ("line\nbreak.md", "line␊break.md"),
            ("r\u{202E}evil.md", "revil.md"),
        ]
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_name_that_is_not_utf8_is_reported() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.md");
    std::fs::write(dir.path().join(name), "# Post\n").unwrap();
    let output = folio(&["list", "--json", dir.path().to_str().unwrap()]);
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(entries[0]["path"], "bad\u{FFFD}.md");
    assert_eq!(
        entries[0]["problems"][0]["message"],
        "the file name is not valid UTF-8; its bad bytes are shown as �"
    );
}

#[test]
fn front_matter_past_a_limit_is_reported_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let aliases = vec!["*x"; 20_000].join(", ");
    let fan_out = format!(
        "---\ntitle: T\nx: &x \"{}\"\nys: [{aliases}]\n---\nBody\n",
        "x".repeat(1000)
    );
    std::fs::write(dir.path().join("fan.md"), fan_out).unwrap();
    let deep = format!(
        "---\nx: {}{}\n---\nBody\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    std::fs::write(dir.path().join("deep.md"), deep).unwrap();
    let output = folio(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(
        text(&output.stdout),
        "deep.md:2: error: YAML front matter: lists or maps nested more than 64 deep; not read\n\
         fan.md:2: error: YAML front matter: more than 256 aliases (`*name`); not read\n"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn list_names_what_it_skipped_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("post.md"), "# Post\n").unwrap();
    std::fs::write(dir.path().join("binary.md"), b"\0\x01").unwrap();
    std::fs::File::create(dir.path().join("huge.md"))
        .unwrap()
        .set_len(8 << 20)
        .unwrap();
    for args in [&["list"][..], &["list", "--json"]] {
        let mut args = args.to_vec();
        args.push(dir.path().to_str().unwrap());
        let output = folio(&args);
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(
            text(&output.stderr),
            "folio: binary.md: binary file with a markdown name; skipped\n\
             folio: huge.md: larger than 4 MB; skipped\n"
        );
    }
}

#[test]
fn a_title_cannot_forge_a_line_of_list() {
    let dir = tempfile::tempdir().unwrap();
    let post = "---\ntitle: \"one\\ntwo\\rthree\\u2028four\"\ndate: 2025-01-02\n---\nBody\n";
    std::fs::write(dir.path().join("post.md"), post).unwrap();
    let output = folio(&["list", dir.path().to_str().unwrap()]);
    assert_eq!(text(&output.stdout), "2025-01-02  one two three four\n");
}
