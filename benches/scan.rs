//! The scan of a generated 10,000-post Hugo site (about 5 KB a post), timed side by side: the
//! library call the index is built from (reading every file; with the metadata cache being
//! written, as on a first launch; with it in place, as on every later one), `folio list --json
//! -D` as a whole process with and without the cache, and `hugo list all` on the same files,
//! which is what folio's speed is held against (the target is at least ten times faster).
//!
//! `hugo` is optional: without it on PATH its figure is skipped with a note.

#[path = "support/process.rs"]
mod process;
#[path = "support/site.rs"]
mod site;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use folio::content::{Library, discover};
use process::{available, run};

const POSTS: usize = 10_000;

/// Built by cargo with the bench profile, so it is the optimised binary.
const FOLIO: &str = env!("CARGO_BIN_EXE_folio");

fn scan(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder for the site");
    let site = dir.path();
    let summary = site::write(site, POSTS).expect("the generated site is written");
    println!(
        "generated {} posts ({} drafts, {:.1} MB of markdown) in {}",
        summary.posts,
        summary.drafts,
        summary.bytes as f64 / 1e6,
        site.display()
    );
    // Writing back 100 MB of fresh pages while timing would disturb the first figures.
    let _ = Command::new("sync").status();
    let hugo = available("hugo", "version");
    compare_counts(site, summary.posts, hugo);

    let mut group = c.benchmark_group("scan_hugo_10k");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .throughput(Throughput::Elements(POSTS as u64));

    let state = tempfile::tempdir().expect("a temporary state folder");
    let load = |state_dir: Option<&Path>| {
        let source = discover::resolve(Some(site)).expect("the site resolves");
        Library::load_cached(source, state_dir).expect("the site loads")
    };
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("library_load", |b| b.iter(|| load(None)));
    group.bench_function("library_load_writing_the_cache", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a fresh state folder"),
            |fresh| load(Some(fresh.path())),
            BatchSize::PerIteration,
        )
    });
    load(Some(state.path()));
    group.bench_function("library_load_cached", |b| {
        b.iter(|| load(Some(state.path())))
    });
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("folio_list_json_drafts_no_state", |b| {
        b.iter(|| {
            run(Command::new(FOLIO)
                .args(["list", "--json", "-D", "--no-state"])
                .arg(site))
        })
    });
    group.bench_function("folio_list_json_drafts_cached", |b| {
        b.iter(|| {
            run(Command::new(FOLIO)
                .args(["list", "--json", "-D"])
                .arg(site)
                .env("FOLIO_STATE_DIR", state.path()))
        })
    });
    if hugo {
        group.measurement_time(Duration::from_secs(20));
        group.bench_function("hugo_list_all", |b| {
            b.iter(|| run(Command::new("hugo").args(["list", "all", "-s"]).arg(site)))
        });
    } else {
        println!("note: `hugo` is not on PATH; its side of the comparison is skipped");
    }
    group.finish();
}

/// Both tools must see every post (drafts included), or the race is not fair.
fn compare_counts(site: &Path, posts: usize, hugo: bool) {
    let out = output(
        Command::new(FOLIO)
            .args(["list", "--json", "-D", "--no-state"])
            .arg(site),
    );
    let listed: Vec<serde_json::Value> =
        serde_json::from_slice(&out).expect("`folio list --json` prints a JSON array");
    assert_eq!(listed.len(), posts, "folio lists every generated post");
    if hugo {
        let out = output(Command::new("hugo").args(["list", "all", "-s"]).arg(site));
        let rows = out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
        assert_eq!(rows - 1, posts, "hugo lists every generated post");
    }
    println!("both tools list all {posts} posts");
}

fn output(command: &mut Command) -> Vec<u8> {
    let out = command.output().expect("the command starts");
    assert!(out.status.success(), "{command:?} failed: {}", out.status);
    out.stdout
}

criterion_group!(benches, scan);
criterion_main!(benches);
