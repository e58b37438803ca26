//! Following positions in the library through changes on disk. The app refers to posts by
//! position, and a change takes posts out and puts them in; each step is noted as a
//! [`Shift`], so a position from before is found after by counting, without looking posts up
//! by path (which costs in proportion to the blog).

/// One step of a change to the library's list of posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// The post at this position was taken out to be put back: its file changed or moved.
    Lifted(usize),
    /// The post at this position is gone: its file was deleted or written over.
    Dropped(usize),
    /// A post was put at this position: the one lifted in the same change, if any, else a
    /// new one.
    Put(usize),
    /// The end of one change: a post lifted and not put back is gone.
    End,
}

/// Where the post at `position` before `shifts` is after them; `None` when it is gone.
pub fn follow(shifts: &[Shift], position: usize) -> Option<usize> {
    let mut at = Some(position);
    let mut carried = false;
    for &shift in shifts {
        match shift {
            Shift::Lifted(taken) | Shift::Dropped(taken) => match at {
                Some(here) if here == taken => {
                    at = None;
                    carried = matches!(shift, Shift::Lifted(_));
                }
                Some(here) if here > taken => at = Some(here - 1),
                _ => {}
            },
            Shift::Put(put) => match at {
                None if carried => {
                    at = Some(put);
                    carried = false;
                }
                Some(here) if here >= put => at = Some(here + 1),
                _ => {}
            },
            Shift::End => carried = false,
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// One change to a list of distinct posts, as the library makes them.
    #[derive(Debug, Clone)]
    enum Change {
        /// The post at this index (mod the length) changed and goes to this place.
        Edit(usize, usize),
        /// A new post at this place.
        Create(usize),
        /// The post at this index is deleted.
        Delete(usize),
        /// The post at this index changed into something that is no longer a post.
        Spoil(usize),
        /// The post at the first index is renamed over the one at the second.
        RenameOver(usize, usize, usize),
    }

    /// Applies `change` to `posts`, noting its shifts.
    fn apply(posts: &mut Vec<u32>, change: &Change, next: &mut u32, shifts: &mut Vec<Shift>) {
        let len = posts.len();
        match *change {
            Change::Edit(from, to) if len > 0 => {
                let post = posts.remove(from % len);
                shifts.push(Shift::Lifted(from % len));
                let to = to % (posts.len() + 1);
                posts.insert(to, post);
                shifts.push(Shift::Put(to));
            }
            Change::Delete(at) if len > 0 => {
                posts.remove(at % len);
                shifts.push(Shift::Dropped(at % len));
            }
            Change::Spoil(at) if len > 0 => {
                posts.remove(at % len);
                shifts.push(Shift::Lifted(at % len));
            }
            Change::RenameOver(from, over, to) if len > 1 => {
                let post = posts.remove(from % len);
                shifts.push(Shift::Lifted(from % len));
                let over = over % posts.len();
                posts.remove(over);
                shifts.push(Shift::Dropped(over));
                let to = to % (posts.len() + 1);
                posts.insert(to, post);
                shifts.push(Shift::Put(to));
            }
            Change::Create(at) | Change::Edit(_, at) | Change::Delete(at) | Change::Spoil(at) => {
                let at = at % (posts.len() + 1);
                posts.insert(at, *next);
                *next += 1;
                shifts.push(Shift::Put(at));
            }
            Change::RenameOver(..) => {}
        }
        shifts.push(Shift::End);
    }

    fn change() -> impl Strategy<Value = Change> {
        prop_oneof![
            (0..40usize, 0..40usize).prop_map(|(a, b)| Change::Edit(a, b)),
            (0..40usize).prop_map(Change::Create),
            (0..40usize).prop_map(Change::Delete),
            (0..40usize).prop_map(Change::Spoil),
            (0..40usize, 0..40usize, 0..40usize).prop_map(|(a, b, c)| Change::RenameOver(a, b, c)),
        ]
    }

    proptest! {
        #[test]
        fn every_post_is_followed_to_where_it_went(
            len in 0..12u32,
            changes in proptest::collection::vec(change(), 0..8),
        ) {
            let before: Vec<u32> = (0..len).collect();
            let mut posts = before.clone();
            let mut next = len;
            let mut shifts = Vec::new();
            for change in &changes {
                apply(&mut posts, change, &mut next, &mut shifts);
            }
            for (position, post) in before.iter().enumerate() {
                let after = posts.iter().position(|p| p == post);
                prop_assert_eq!(follow(&shifts, position), after, "post {}", post);
            }
        }
    }
}
