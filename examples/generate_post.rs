//! Prints the generated long post used by the benches, for timing other tools on the same
//! text: `cargo run --example generate_post > /tmp/folio-1mb.md` (optional size in bytes).

#[path = "../benches/support/post.rs"]
mod post;

fn main() {
    let bytes = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(1 << 20);
    print!("{}", post::post(bytes));
}
