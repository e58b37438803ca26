//! The order of the index: newest first, undated posts after all dated ones, then by title
//! (ignoring case), then by path.
//!
//! At 100,000 posts the sort was a tenth of `folio list`: a key of two fresh strings a post
//! (the lowercased title and a copy of the path) meant 200,000 allocations, and the keys
//! lived far from each other in memory. Here the key is the date alone, small and kept side
//! by side; titles and paths are compared only where dates tie, in place, without copies.

use std::cmp::{Ordering, Reverse};

use super::date::PostDate;
use super::post::Post;

/// Sorts `posts` newest first (see the module's doc), keeping the order of posts that
/// compare equal.
pub fn sort_newest_first(posts: &mut [Post]) {
    sort_newest_first_by(posts, |post| Some(post));
}

/// Sorts `items` newest first by the post each holds; those that hold none go last. Keeps the
/// order of items that compare equal, and costs little on items already in order, as they are
/// when they come from the cache.
pub fn sort_newest_first_by<T>(items: &mut [T], post: impl Fn(&T) -> Option<&Post>) {
    let mut order: Vec<(Option<DateKey>, usize)> = items
        .iter()
        .enumerate()
        .map(|(at, item)| (post(item).map(date_key), at))
        .collect();
    order.sort_unstable_by(|(a_date, a), (b_date, b)| {
        let by_post = match (a_date, b_date) {
            (Some(a_date), Some(b_date)) => a_date.cmp(b_date).then_with(|| {
                post(&items[*a])
                    .zip(post(&items[*b]))
                    .map_or(Ordering::Equal, |(a, b)| by_title_then_path(a, b))
            }),
            // An item that holds no post after every one that does.
            (a_date, b_date) => b_date.is_some().cmp(&a_date.is_some()),
        };
        by_post.then(a.cmp(b))
    });
    permute(items, &mut order);
}

/// How `a` and `b` compare in the index's order.
pub fn newest_first(a: &Post, b: &Post) -> Ordering {
    date_key(a)
        .cmp(&date_key(b))
        .then_with(|| by_title_then_path(a, b))
}

/// Newest first, undated last: `Reverse` puts `None` after every date.
type DateKey = Reverse<Option<(i64, PostDate)>>;

fn date_key(post: &Post) -> DateKey {
    Reverse(post.date.map(|date| (date.sort_key(), date)))
}

fn by_title_then_path(a: &Post, b: &Post) -> Ordering {
    cmp_lowercase(&a.title, &b.title).then_with(|| a.path.cmp(&b.path))
}

/// `a.to_lowercase().cmp(&b.to_lowercase())` without the two strings. Lowercasing is one
/// character at a time except for `Σ`, whose lower case depends on where it stands in a
/// word; text with one is compared the allocating way. Comparing characters orders as
/// comparing their UTF-8 bytes does.
fn cmp_lowercase(a: &str, b: &str) -> Ordering {
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase().cmp(&b.to_lowercase());
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

/// Moves the items into the order `order` lists them in (each entry's second half is where
/// the item is now), one swap a post, following the cycles of the permutation.
fn permute<T, K>(items: &mut [T], order: &mut [(K, usize)]) {
    for i in 0..order.len() {
        let mut from = order[i].1;
        // Positions before `i` are settled: the item once there was swapped further on.
        while from < i {
            from = order[from].1;
        }
        order[i].1 = from;
        items.swap(i, from);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;

    fn post(file: &str, text: &str) -> Post {
        Post::from_bytes(Path::new(file), text.as_bytes()).unwrap()
    }

    /// The order as the index defined it before: one key a post, lowercased title and all.
    fn by_whole_key(posts: &mut [Post]) {
        posts.sort_by_cached_key(|post| {
            (date_key(post), post.title.to_lowercase(), post.path.clone())
        });
    }

    #[test]
    fn newest_first_then_titles_then_undated() {
        let mut posts = vec![
            post("u.md", "# Undated\n"),
            post("b.md", "---\ntitle: beta\ndate: 2024-01-02\n---\n"),
            post("a.md", "---\ntitle: Alpha\ndate: 2024-01-02\n---\n"),
            post("n.md", "---\ntitle: New\ndate: 2025-06-01T10:00:00Z\n---\n"),
            post("o.md", "---\ntitle: Old\ndate: 2020-03-04\n---\n"),
        ];
        sort_newest_first(&mut posts);
        let titles: Vec<&str> = posts.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["New", "Alpha", "beta", "Old", "Undated"]);
    }

    #[test]
    fn a_final_sigma_lowercases_as_the_whole_title_does() {
        // "ΟΔΟΣ" lowercases to "οδος", with a final ς, which sorts before σ; one character
        // at a time it would be "οδοσ", equal.
        assert_eq!(cmp_lowercase("ΟΔΟΣ", "οδοσ"), Ordering::Less);
        assert_eq!(cmp_lowercase("ΟΔΟΣ", "οδος"), Ordering::Equal);
    }

    proptest! {
        /// Same order as sorting by the whole key, ties and odd letters included.
        #[test]
        fn the_order_is_the_whole_keys_order(
            entries in prop::collection::vec(
                (0u8..4, "[aAbBσΣςİı ]{0,4}", "[ab]{1,2}"), 0..40)
        ) {
            let mut posts: Vec<Post> = entries
                .iter()
                .enumerate()
                .map(|(n, (day, title, name))| {
                    let date = if *day == 0 {
                        String::new()
                    } else {
                        format!("date: 2024-01-0{day}\n")
                    };
                    let title = title.trim();
                    let title = if title.is_empty() { "x" } else { title };
                    post(
                        &format!("{name}{n}.md"),
                        &format!("---\ntitle: \"{title}\"\n{date}---\n"),
                    )
                })
                .collect();
            let mut expected = posts.clone();
            by_whole_key(&mut expected);
            sort_newest_first(&mut posts);
            let paths = |posts: &[Post]| posts.iter().map(|p| p.path.clone()).collect::<Vec<_>>();
            prop_assert_eq!(paths(&posts), paths(&expected));
            for pair in posts.windows(2) {
                prop_assert_ne!(newest_first(&pair[0], &pair[1]), Ordering::Greater);
            }
        }
    }
}
